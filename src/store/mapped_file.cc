#include "store/mapped_file.h"

#include <fcntl.h>
#include <linux/falloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>

#include "common/logging.h"

namespace rmq::store {

namespace {

std::atomic<MsyncFunction> g_msync{nullptr};

int CallMsync(void* addr, size_t len, int flags) {
  MsyncFunction fn = g_msync.load();
  return fn ? fn(addr, len, flags) : msync(addr, len, flags);
}

std::string ErrnoText(int err) { return std::string(std::strerror(err)); }

Result<int64_t> ParseStartOffset(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (name.empty() || name.size() > 20) return InvalidArgument("store file name is not an offset: " + path);
  int64_t v = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return InvalidArgument("store file name is not an offset: " + path);
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::string OffsetToFileName(int64_t offset) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%020" PRId64, offset);
  return buf;
}

void SetMsyncFunctionForTesting(MsyncFunction fn) { g_msync.store(fn); }

MappedFile::MappedFile(std::string path, int64_t file_from_offset, int64_t file_size, int fd, char* data)
    : path_(std::move(path)), file_from_offset_(file_from_offset), file_size_(file_size), fd_(fd), data_(data) {}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(data_, static_cast<size_t>(file_size_));
  if (fd_ >= 0) close(fd_);
}

Result<std::shared_ptr<MappedFile>> MappedFile::Create(const std::string& path, int64_t file_size) {
  RMQ_ASSIGN_OR_RETURN(int64_t from, ParseStartOffset(path));
  if (file_size <= 0) return InvalidArgument("file size must be positive: " + std::to_string(file_size));
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create " + path + ": " + ErrnoText(errno));
  struct stat st {};
  if (fstat(fd, &st) == 0 && st.st_size != 0 && st.st_size != file_size) {
    close(fd);
    return Corruption(path + " exists with size " + std::to_string(st.st_size) + ", expected " +
                      std::to_string(file_size));
  }
  int rc = posix_fallocate(fd, 0, static_cast<off_t>(file_size));
  if (rc != 0) {
    close(fd);
    if (st.st_size == 0) unlink(path.c_str());
    return Status(StatusCode::kResourceExhausted,
                  "cannot reserve " + std::to_string(file_size) + " bytes for " + path + ": " + ErrnoText(rc));
  }
  void* p = mmap(nullptr, static_cast<size_t>(file_size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    int err = errno;
    close(fd);
    return IoError("cannot map " + path + ": " + ErrnoText(err));
  }
  return std::shared_ptr<MappedFile>(new MappedFile(path, from, file_size, fd, static_cast<char*>(p)));
}

Result<std::shared_ptr<MappedFile>> MappedFile::Open(const std::string& path, int64_t file_size) {
  RMQ_ASSIGN_OR_RETURN(int64_t from, ParseStartOffset(path));
  int fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open " + path + ": " + ErrnoText(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size != file_size) {
    close(fd);
    return Corruption(path + " has size " + std::to_string(st.st_size) + ", the configured file size is " +
                      std::to_string(file_size));
  }
  void* p = mmap(nullptr, static_cast<size_t>(file_size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) {
    int err = errno;
    close(fd);
    return IoError("cannot map " + path + ": " + ErrnoText(err));
  }
  auto file = std::shared_ptr<MappedFile>(new MappedFile(path, from, file_size, fd, static_cast<char*>(p)));
  file->set_wrote_position(file_size);
  file->set_flushed_position(file_size);
  return file;
}

bool MappedFile::Append(std::string_view bytes) {
  int64_t pos = wrote_position_.load(std::memory_order_relaxed);
  if (pos + static_cast<int64_t>(bytes.size()) > file_size_) return false;
  std::memcpy(data_ + pos, bytes.data(), bytes.size());
  set_wrote_position(pos + static_cast<int64_t>(bytes.size()));
  return true;
}

std::string_view MappedFile::Read(int64_t pos, int64_t size) const {
  if (pos < 0 || size < 0 || pos + size > wrote_position()) return {};
  return std::string_view(data_ + pos, static_cast<size_t>(size));
}

Result<int64_t> MappedFile::Flush(int least_pages) {
  int64_t wrote = wrote_position();
  int64_t flushed = flushed_position();
  if (wrote <= flushed) return flushed;
  if (least_pages > 0 && wrote < file_size_ && wrote / kOsPageSize - flushed / kOsPageSize < least_pages) {
    return flushed;
  }
  int64_t begin = flushed / kOsPageSize * kOsPageSize;
  size_t len = static_cast<size_t>(wrote - begin);
  int rc = CallMsync(data_ + begin, len, MS_SYNC);
  if (rc != 0) {
    int err = errno;
    return IoError("msync of " + path_ + " [" + std::to_string(begin) + ", " + std::to_string(wrote) +
                   ") failed: " + ErrnoText(err));
  }
  set_flushed_position(wrote);
  return wrote;
}

Status MappedFile::SyncRange(int64_t begin, int64_t end) {
  begin = std::max<int64_t>(0, begin / kOsPageSize * kOsPageSize);
  end = std::min(end, file_size_);
  if (end <= begin) return Status::Ok();
  size_t len = static_cast<size_t>(end - begin);
  int rc = CallMsync(data_ + begin, len, MS_SYNC);
  if (rc != 0) return IoError("msync of " + path_ + " failed: " + ErrnoText(errno));
  return Status::Ok();
}

void MappedFile::WarmUp(const std::function<bool()>& cancelled, bool sync_chunks) {
#ifdef MADV_POPULATE_WRITE
  constexpr int kPopulateWrite = MADV_POPULATE_WRITE;
#else
  constexpr int kPopulateWrite = 23;  // Linux 5.14+; older headers lack the constant
#endif
  // Small chunks: MADV_POPULATE_WRITE holds the process's mmap lock while it faults a chunk in,
  // and every mmap/munmap of other threads (thread stacks, malloc arenas, new mapped files) waits
  // for it. With 16 MiB chunks a start-up trace showed the broker's main thread waiting ~10 ms
  // in mmap while the first CommitLog file was being warmed.
  constexpr int64_t kChunk = 1 << 20;
  for (int64_t begin = 0; begin < file_size_; begin += kChunk) {
    if (cancelled && cancelled()) return;
    int64_t len = std::min(kChunk, file_size_ - begin);
    if (madvise(data_ + begin, static_cast<size_t>(len), kPopulateWrite) != 0) {
      // Older kernels: read-fault each page into the page cache. Never write: a writer may
      // already be appending to this file.
      const volatile char* p = data_;
      for (int64_t i = begin; i < begin + len; i += kOsPageSize) (void)p[i];
    }
    // A failure here only costs the later flushes their speed; the flush itself reports errors.
    if (sync_chunks) (void)CallMsync(data_ + begin, static_cast<size_t>(len), MS_SYNC);
  }
}

void MappedFile::TruncateTo(int64_t pos) {
  if (pos < 0) pos = 0;
  if (pos > file_size_) pos = file_size_;
  // Zeroed so that stale records behind the new end can never be mistaken for data later. Whole
  // pages are punched out (cheap, and the space is reserved again); the partial page is cleared.
  int64_t page_end = std::min(file_size_, (pos + kOsPageSize - 1) / kOsPageSize * kOsPageSize);
  std::memset(data_ + pos, 0, static_cast<size_t>(page_end - pos));
  if (page_end < file_size_) {
    bool punched = fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, page_end, file_size_ - page_end) == 0 &&
                   posix_fallocate(fd_, page_end, file_size_ - page_end) == 0;
    if (!punched) std::memset(data_ + page_end, 0, static_cast<size_t>(file_size_ - page_end));
  }
  set_wrote_position(pos);
  set_flushed_position(pos);
}

Status MappedFile::Destroy() {
  if (unlink(path_.c_str()) != 0 && errno != ENOENT) {
    return IoError("cannot delete " + path_ + ": " + ErrnoText(errno));
  }
  return Status::Ok();
}

int64_t MappedFile::LastModifiedMs() const {
  struct stat st {};
  if (fstat(fd_, &st) != 0) return 0;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

}  // namespace rmq::store
