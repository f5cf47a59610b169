// AllocateMappedFileService: creates the next CommitLog file ahead of the writer on
// its own thread (preallocate, map, optionally pre-touch every page), so a roll does not stall the
// append path on page faults. Owned by MessageStore; thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "store/mapped_file.h"

namespace rmq::store {

class AllocateMappedFileService {
 public:
  // `sync_warmed`: write each warmed chunk to disk as well (SYNC_FLUSH, see MappedFile::WarmUp).
  explicit AllocateMappedFileService(bool warm_up, bool sync_warmed = false);
  ~AllocateMappedFileService();

  void Start();
  // Stops the thread; files allocated ahead and never taken stay on disk, empty, as in RocketMQ.
  void Shutdown();

  // Returns the file `path` of `size` bytes: the one allocated ahead if there is one (waiting for
  // it if it is in progress), else a new one created on the calling thread. Then, if the service is
  // running and `next_path` is not empty, asks the thread to allocate `next_path` ahead.
  Result<std::shared_ptr<MappedFile>> Allocate(const std::string& path, const std::string& next_path, int64_t size);
  // Asks the thread to allocate `path` ahead (no-op when not running or already asked).
  void Prefetch(const std::string& path, int64_t size);

 private:
  struct Request {
    std::string path;
    int64_t size = 0;
    bool done = false;
    std::shared_ptr<MappedFile> file;  // null when the allocation failed
  };

  void Run();
  // REQUIRES: mutex_ held.
  void EnqueueLocked(const std::string& path, int64_t size);

  const bool warm_up_;
  const bool sync_warmed_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::string, std::shared_ptr<Request>> requests_;  // Guarded by mutex_.
  std::deque<std::shared_ptr<Request>> pending_;              // Guarded by mutex_.
  bool running_ = false;                                      // Guarded by mutex_.
  bool stopping_ = false;                                     // Guarded by mutex_.
  std::thread thread_;
};

}  // namespace rmq::store
