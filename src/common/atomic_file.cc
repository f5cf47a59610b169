#include "common/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rmq {
namespace {

Status Errno(const std::string& what, const std::string& path) {
  return IoError(what + " " + path + ": " + std::strerror(errno));
}

Status WriteAndSync(const std::string& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", path);
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Errno("cannot write", path);
      ::close(fd);
      return s;
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status s = Errno("fsync failed for", path);
    ::close(fd);
    return s;
  }
  if (::close(fd) != 0) return Errno("cannot close", path);
  return Status::Ok();
}

Status ReplaceWith(const std::string& tmp, const std::string& path) {
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Errno("cannot rename " + tmp + " to", path);
  return Status::Ok();
}

void SyncDirectory(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

Result<std::optional<std::string>> ReadFileIfExists(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::optional<std::string>();
    return IoError("cannot open " + path);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError("cannot read " + path);
  return std::optional<std::string>(buffer.str());
}

Status WriteFileAtomically(const std::string& path, const std::string& content) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(parent, ec);
    if (ec) return IoError("cannot create directory " + parent.string() + ": " + ec.message());
  }
  // Keep the current content as the backup before replacing it.
  RMQ_ASSIGN_OR_RETURN(std::optional<std::string> previous, ReadFileIfExists(path));
  if (previous) {
    const std::string bak = path + ".bak";
    RMQ_RETURN_IF_ERROR(WriteAndSync(bak + ".tmp", *previous));
    RMQ_RETURN_IF_ERROR(ReplaceWith(bak + ".tmp", bak));
  }
  const std::string tmp = path + ".tmp";
  RMQ_RETURN_IF_ERROR(WriteAndSync(tmp, content));
  RMQ_RETURN_IF_ERROR(ReplaceWith(tmp, path));
  SyncDirectory(path);
  return Status::Ok();
}

Result<LoadSource> LoadWithBackup(const std::string& path, const std::function<Status(const std::string&)>& parse,
                                  Status* main_error) {
  RMQ_ASSIGN_OR_RETURN(std::optional<std::string> main, ReadFileIfExists(path));
  Status main_status;
  if (main) {
    main_status = parse(*main);
    if (main_status.ok()) return LoadSource::kMain;
    main_status = Status(main_status.code(), path + ": " + main_status.message());
  }
  RMQ_ASSIGN_OR_RETURN(std::optional<std::string> backup, ReadFileIfExists(path + ".bak"));
  if (backup) {
    Status backup_status = parse(*backup);
    if (backup_status.ok()) {
      if (main_error != nullptr) {
        *main_error = main ? main_status : NotFound(path + " is missing");
      }
      return LoadSource::kBackup;
    }
    if (!main) return Status(backup_status.code(), path + ".bak: " + backup_status.message());
  }
  if (main) return main_status;
  return LoadSource::kNone;
}

}  // namespace rmq
