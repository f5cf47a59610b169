#include "store/allocate_mapped_file_service.h"

#include "common/logging.h"

namespace rmq::store {

AllocateMappedFileService::AllocateMappedFileService(bool warm_up, bool sync_warmed)
    : warm_up_(warm_up), sync_warmed_(sync_warmed) {}

AllocateMappedFileService::~AllocateMappedFileService() { Shutdown(); }

void AllocateMappedFileService::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void AllocateMappedFileService::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!running_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  running_ = false;
  requests_.clear();
  pending_.clear();
}

Result<std::shared_ptr<MappedFile>> AllocateMappedFileService::Allocate(const std::string& path,
                                                                        const std::string& next_path, int64_t size) {
  std::shared_ptr<MappedFile> file;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    auto it = requests_.find(path);
    if (it != requests_.end() && it->second->size == size) {
      auto req = it->second;
      // Bounded by fallocate + mmap (not by the warm-up, which goes on behind the writer); Shutdown
      // also wakes us.
      cv_.wait(lock, [&] { return req->done || stopping_; });
      if (req->done) file = req->file;
      requests_.erase(path);
    }
    if (!next_path.empty()) EnqueueLocked(next_path, size);
  }
  if (file) return file;
  return MappedFile::Create(path, size);
}

void AllocateMappedFileService::Prefetch(const std::string& path, int64_t size) {
  std::lock_guard<std::mutex> lock(mutex_);
  EnqueueLocked(path, size);
}

void AllocateMappedFileService::EnqueueLocked(const std::string& path, int64_t size) {
  if (!running_ || stopping_ || requests_.count(path) != 0) return;
  auto req = std::make_shared<Request>();
  req->path = path;
  req->size = size;
  requests_[path] = req;
  pending_.push_back(req);
  cv_.notify_all();
}

void AllocateMappedFileService::Run() {
  auto log = GetLogger("store");
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    cv_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
    if (stopping_) break;
    auto req = pending_.front();
    pending_.pop_front();
    lock.unlock();
    auto created = MappedFile::Create(req->path, req->size);
    std::shared_ptr<MappedFile> file;
    if (created.ok()) {
      file = std::move(created).value();
    } else {
      log->warn("allocating {} ahead failed: {}", req->path, created.status().ToString());
    }
    lock.lock();
    req->file = file;
    req->done = true;
    cv_.notify_all();
    lock.unlock();
    // Warming goes on after the file is handed out: a writer that already needs it only meets
    // page faults for pages not reached yet.
    if (file && warm_up_) {
      file->WarmUp(
          [this] {
            std::lock_guard<std::mutex> l(mutex_);
            return stopping_;
          },
          sync_warmed_);
    }
    lock.lock();
  }
}

}  // namespace rmq::store
