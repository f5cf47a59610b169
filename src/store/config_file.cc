#include "store/config_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/logging.h"

namespace rmq::store {

namespace fs = std::filesystem;

namespace {

std::string Errno() { return std::strerror(errno); }

// Writes and fsyncs `tmp`, then renames it to `path`.
Status WriteDurably(const std::string& tmp, const std::string& path, std::string_view content) {
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create " + tmp + ": " + Errno());
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = IoError("cannot write " + tmp + ": " + Errno());
      close(fd);
      return s;
    }
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) {
    Status s = IoError("fsync of " + tmp + " failed: " + Errno());
    close(fd);
    return s;
  }
  close(fd);
  if (rename(tmp.c_str(), path.c_str()) != 0) return IoError("cannot rename " + tmp + " to " + path + ": " + Errno());
  return Status::Ok();
}

Result<std::string> ReadWhole(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound(path + " does not exist");
    return IoError("cannot open " + path + ": " + Errno());
  }
  std::string out;
  char buf[8192];
  while (true) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = IoError("cannot read " + path + ": " + Errno());
      close(fd);
      return s;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

}  // namespace

Status WriteConfigFile(const std::string& path, std::string_view content) {
  std::error_code ec;
  fs::path dir = fs::path(path).parent_path();
  if (!dir.empty()) fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create " + dir.string() + ": " + ec.message());
  auto old = ReadWhole(path);
  if (old.ok() && !old->empty()) RMQ_RETURN_IF_ERROR(WriteDurably(path + ".bak.tmp", path + ".bak", *old));
  RMQ_RETURN_IF_ERROR(WriteDurably(path + ".tmp", path, content));
  int dfd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    int rc = fsync(dfd);
    close(dfd);
    if (rc != 0) return IoError("fsync of directory " + dir.string() + " failed: " + Errno());
  }
  return Status::Ok();
}

Result<std::string> ReadConfigFile(const std::string& path, const ConfigValidator& validate) {
  auto usable = [&](const Result<std::string>& r) { return r.ok() && !r->empty() && (!validate || validate(*r)); };
  auto main = ReadWhole(path);
  if (usable(main)) return main;
  auto bak = ReadWhole(path + ".bak");
  if (usable(bak)) {
    if (main.ok() || main.status().code() != StatusCode::kNotFound) {
      GetLogger("store")->error("{} is empty or corrupt; loaded {}.bak instead", path, path);
    } else {
      GetLogger("store")->warn("{} is missing; loaded {}.bak instead", path, path);
    }
    return bak;
  }
  if (!main.ok() && main.status().code() == StatusCode::kNotFound && !bak.ok() &&
      bak.status().code() == StatusCode::kNotFound) {
    return NotFound(path + " and its .bak do not exist");
  }
  return Corruption(path + " and " + path + ".bak are both missing, empty or unreadable");
}

}  // namespace rmq::store
