#include "common/daemon.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "common/logging.h"

namespace rmq {
namespace {

class PidFileTest : public ::testing::Test {
 protected:
  PidFileTest() {
    char pattern[] = "/tmp/rmq_daemon_XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  ~PidFileTest() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
};

TEST_F(PidFileTest, WritesThisProcessIdCreatingTheDirectory) {
  std::string path = dir_ + "/a/b/mqbroker.pid";
  ASSERT_TRUE(WritePidFile(path, *GetLogger("common")));
  std::ifstream in(path);
  int pid = 0;
  in >> pid;
  EXPECT_EQ(pid, static_cast<int>(getpid()));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST_F(PidFileTest, ReplacesAnOldFileWhole) {
  std::string path = dir_ + "/mqnamesrv.pid";
  std::ofstream(path) << "123456789 and more text than a pid\n";
  ASSERT_TRUE(WritePidFile(path, *GetLogger("common")));
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, std::to_string(getpid()) + "\n");
}

TEST_F(PidFileTest, ReportsAPathThatCannotBeWritten) {
  std::string blocker = dir_ + "/file";
  std::ofstream(blocker) << "x";
  // A regular file where the directory should be: neither the directory nor the file can exist.
  EXPECT_FALSE(WritePidFile(blocker + "/mqbroker.pid", *GetLogger("common")));
}

}  // namespace
}  // namespace rmq
