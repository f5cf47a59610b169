# The installable form of the client: librocketmq_native.so (rmq_client linked whole, with the
# remoting and common code it uses), the public headers, a CMake package
# (find_package(RocketMQNative) -> RocketMQNative::rocketmq) and a pkg-config file
# (rocketmq-native.pc). Everything is in the install component "rocketmq_client".
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

add_library(rocketmq_native SHARED ${CMAKE_CURRENT_LIST_DIR}/shared_library.cc)
add_library(RocketMQNative::rocketmq ALIAS rocketmq_native)
target_link_libraries(rocketmq_native PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,rmq_client>" rmq_build_options)
target_include_directories(rocketmq_native INTERFACE
  $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/rocketmq>)
target_compile_features(rocketmq_native INTERFACE cxx_std_17)
set_target_properties(rocketmq_native PROPERTIES
  EXPORT_NAME rocketmq
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR})

install(TARGETS rocketmq_native EXPORT RocketMQNativeTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT rocketmq_client
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT rocketmq_client
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT rocketmq_client)
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/include/rocketmq
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT rocketmq_client
  FILES_MATCHING PATTERN "*.h")
install(EXPORT RocketMQNativeTargets
  NAMESPACE RocketMQNative::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/RocketMQNative
  COMPONENT rocketmq_client)

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/RocketMQNativeConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/RocketMQNativeConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/RocketMQNative)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/RocketMQNativeConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/RocketMQNativeConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/RocketMQNativeConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/RocketMQNative COMPONENT rocketmq_client)

configure_file(${CMAKE_CURRENT_LIST_DIR}/rocketmq-native.pc.in ${CMAKE_CURRENT_BINARY_DIR}/rocketmq-native.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/rocketmq-native.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT rocketmq_client)
