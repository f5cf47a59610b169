# Shared compile options and the small helpers every module's CMakeLists.txt uses.

include(GoogleTest OPTIONAL)

add_library(rmq_build_options INTERFACE)
target_compile_options(rmq_build_options INTERFACE -Wall -Wextra)
# GCC 12 reports impossible memcpy overlaps, sizes and bounds inside std::string's operator+
# when optimising (GCC bugs 105329, 105651 and 107138, fixed in 13); the warnings are noise
# there, and with -Werror they failed CI builds depending on inlining, so they are off for that
# compiler.
# Its -Wmaybe-uninitialized also fires on a std::variant alternative read after a move through
# inlined std::function calls (Result<RemotingCommand>::status() in a callback): it stays a
# warning there, not an error.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(rmq_build_options INTERFACE -Wno-restrict -Wno-stringop-overflow -Wno-array-bounds
                                                     -Wno-error=maybe-uninitialized)
endif()
if(RMQ_WERROR)
  target_compile_options(rmq_build_options INTERFACE -Werror)
endif()
if(RMQ_SANITIZE)
  target_compile_options(rmq_build_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(rmq_build_options INTERFACE -fsanitize=address,undefined)
endif()

# rmq_add_library(module SOURCES ...) -> static library rmq_<module>, alias rmq::<module>,
# include root src/ so includes read "store/commit_log.h".
function(rmq_add_library module)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(rmq_${module} STATIC ${ARG_SOURCES})
  add_library(rmq::${module} ALIAS rmq_${module})
  target_include_directories(rmq_${module} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/src>)
  target_link_libraries(rmq_${module} PRIVATE rmq_build_options)
  set_target_properties(rmq_${module} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()

# rmq_add_test(NAME SOURCES ... LIBS ...) -> one GoogleTest binary, its cases registered with
# ctest one by one so they can run in parallel.
function(rmq_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main rmq_build_options)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT ${ARG_TIMEOUT})
endfunction()

# rmq_use_asio_pch(target): precompiles Boost.Asio, nlohmann/json and spdlog for a target whose
# sources include them; parsing those headers is most of the compile time of such a file.
function(rmq_use_asio_pch target)
  target_precompile_headers(${target} PRIVATE
    ${PROJECT_SOURCE_DIR}/src/remoting/asio.h <nlohmann/json.hpp> <spdlog/spdlog.h>)
endfunction()
