#include "store/store_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/coding.h"

namespace rmq::store {

StoreCheckpoint::StoreCheckpoint(std::string path) : path_(std::move(path)) {}

StoreCheckpoint::~StoreCheckpoint() {
  if (fd_ >= 0) close(fd_);
}

Status StoreCheckpoint::Load() {
  fd_ = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) return IoError("cannot open " + path_ + ": " + std::strerror(errno));
  char buf[kFileSize] = {0};
  ssize_t n = pread(fd_, buf, sizeof(buf), 0);
  if (n < 0) return IoError("cannot read " + path_ + ": " + std::strerror(errno));
  if (n < 24) {
    // New (or truncated) file: start from zero and give it its full size.
    std::memset(buf, 0, sizeof(buf));
    if (pwrite(fd_, buf, sizeof(buf), 0) != static_cast<ssize_t>(sizeof(buf))) {
      return IoError("cannot write " + path_ + ": " + std::strerror(errno));
    }
  }
  physic_ = static_cast<int64_t>(DecodeBigEndian64(buf));
  logics_ = static_cast<int64_t>(DecodeBigEndian64(buf + 8));
  index_ = static_cast<int64_t>(DecodeBigEndian64(buf + 16));
  return Status::Ok();
}

Status StoreCheckpoint::Flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ < 0) return IoError("checkpoint " + path_ + " is not open");
  char buf[24];
  EncodeBigEndian64(buf, static_cast<uint64_t>(physic_.load()));
  EncodeBigEndian64(buf + 8, static_cast<uint64_t>(logics_.load()));
  EncodeBigEndian64(buf + 16, static_cast<uint64_t>(index_.load()));
  if (pwrite(fd_, buf, sizeof(buf), 0) != static_cast<ssize_t>(sizeof(buf))) {
    return IoError("cannot write " + path_ + ": " + std::strerror(errno));
  }
  if (fdatasync(fd_) != 0) return IoError("fdatasync of " + path_ + " failed: " + std::strerror(errno));
  return Status::Ok();
}

int64_t StoreCheckpoint::MinTimestamp() const {
  return std::max<int64_t>(0, std::min(physic_.load(), logics_.load()) - 3000);
}

int64_t StoreCheckpoint::MinTimestampIndex() const { return std::min(MinTimestamp(), index_.load()); }

}  // namespace rmq::store
