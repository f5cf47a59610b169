// The shared library librocketmq_native.so is the client library's objects (rmq_client, linked
// whole) plus what they use from rmq_remoting and rmq_common; this file only gives CMake a
// source to build the target from.
namespace rocketmq::internal {
int SharedLibraryAnchor() { return 0; }
}  // namespace rocketmq::internal
