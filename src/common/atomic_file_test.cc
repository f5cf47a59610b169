#include "common/atomic_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace rmq {
namespace {

class AtomicFileTest : public ::testing::Test {
 protected:
  AtomicFileTest() {
    char pattern[] = "/tmp/rmq_atomic_file_XXXXXX";
    dir_ = mkdtemp(pattern);
    path_ = dir_ + "/sub/dir/config.json";
  }
  ~AtomicFileTest() override { std::filesystem::remove_all(dir_); }

  static void Write(const std::string& path, const std::string& content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  }
  static std::string Read(const std::string& path) {
    auto content = ReadFileIfExists(path);
    return content.ok() && content->has_value() ? **content : "<missing>";
  }

  Result<LoadSource> Load(std::string* loaded, Status* main_error) {
    return LoadWithBackup(
        path_,
        [&](const std::string& text) {
          if (text.rfind("good", 0) != 0) return Corruption("not good: " + text);
          *loaded = text;
          return Status::Ok();
        },
        main_error);
  }

  std::string dir_;
  std::string path_;
};

TEST_F(AtomicFileTest, WritesCreateDirectoriesAndKeepTheBackup) {
  ASSERT_TRUE(WriteFileAtomically(path_, "good 1").ok());
  EXPECT_EQ(Read(path_), "good 1");
  EXPECT_EQ(Read(path_ + ".bak"), "<missing>");
  ASSERT_TRUE(WriteFileAtomically(path_, "good 2").ok());
  EXPECT_EQ(Read(path_), "good 2");
  EXPECT_EQ(Read(path_ + ".bak"), "good 1");
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));
}

TEST_F(AtomicFileTest, CorruptMainFileFallsBackToBackup) {
  ASSERT_TRUE(WriteFileAtomically(path_, "good 1").ok());
  ASSERT_TRUE(WriteFileAtomically(path_, "good 2").ok());
  Write(path_, "torn wri");
  std::string loaded;
  Status main_error;
  auto source = Load(&loaded, &main_error);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  EXPECT_EQ(*source, LoadSource::kBackup);
  EXPECT_EQ(loaded, "good 1");
  EXPECT_NE(main_error.message().find("not good"), std::string::npos);
}

TEST_F(AtomicFileTest, MissingFilesAndDoubleCorruption) {
  std::string loaded;
  Status main_error;
  auto source = Load(&loaded, &main_error);
  ASSERT_TRUE(source.ok());
  EXPECT_EQ(*source, LoadSource::kNone);
  ASSERT_TRUE(WriteFileAtomically(path_, "bad").ok());
  ASSERT_TRUE(WriteFileAtomically(path_, "worse").ok());
  source = Load(&loaded, &main_error);
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.status().message().find(path_), std::string::npos);
}

TEST_F(AtomicFileTest, UnwritableDirectoryIsAnError) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  std::filesystem::create_directories(dir_ + "/ro");
  std::filesystem::permissions(dir_ + "/ro", std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  EXPECT_FALSE(WriteFileAtomically(dir_ + "/ro/x.json", "good").ok());
}

}  // namespace
}  // namespace rmq
