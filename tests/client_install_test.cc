// Installs the client package (cmake --install, component rocketmq_client) into a temporary
// prefix and builds and runs a tiny out-of-tree project against it with find_package and with
// pkg-config (tests/install/).
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "support/temp_dir.h"

#if defined(RMQ_SOURCE_DIR) && defined(RMQ_BINARY_DIR)

namespace rmq::testing {
namespace {

// Runs `command` through the shell with a hard timeout; returns its exit status and output.
int RunShell(const std::string& command, std::string* output) {
  std::string wrapped = "timeout 300 sh -c '" + command + "' 2>&1";
  FILE* pipe = popen(wrapped.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof(buffer), pipe)) output->append(buffer, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ClientInstallTest, OutOfTreeProjectBuildsAgainstTheInstalledPackage) {
  TempDir dir("client_install");
  std::string prefix = dir.Sub("prefix");
  std::string build = dir.Sub("build");
  std::string out;
  ASSERT_EQ(RunShell("cmake --install " RMQ_BINARY_DIR " --component rocketmq_client --prefix " + prefix, &out), 0) << out;
  ASSERT_EQ(RunShell("cmake -S " RMQ_SOURCE_DIR "/tests/install -B " + build + " -DCMAKE_PREFIX_PATH=" + prefix +
                    " -DCMAKE_BUILD_TYPE=Release",
                &out),
            0)
      << out;
  ASSERT_EQ(RunShell("PKG_CONFIG_PATH=" + prefix + "/lib/pkgconfig cmake -S " RMQ_SOURCE_DIR "/tests/install -B " + build +
                    " -DCMAKE_PREFIX_PATH=" + prefix + " && cmake --build " + build + " -j2",
                &out),
            0)
      << out;
  out.clear();
  ASSERT_EQ(RunShell("LD_LIBRARY_PATH=" + prefix + "/lib " + build + "/install_check_cmake", &out), 0) << out;
  EXPECT_NE(out.find("no name server address: set it or NAMESRV_ADDR"), std::string::npos) << out;
  out.clear();
  std::string pkg;
  if (RunShell("test -x " + build + "/install_check_pkgconfig", &pkg) == 0) {
    ASSERT_EQ(RunShell("LD_LIBRARY_PATH=" + prefix + "/lib " + build + "/install_check_pkgconfig", &out), 0) << out;
  }
}

}  // namespace
}  // namespace rmq::testing

#endif
