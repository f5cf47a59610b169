#include "store/mapped_file_queue.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/logging.h"
#include "store/allocate_mapped_file_service.h"

namespace rmq::store {

namespace fs = std::filesystem;

MappedFileQueue::MappedFileQueue(std::string dir, int64_t file_size, AllocateMappedFileService* allocator)
    : dir_(std::move(dir)), file_size_(file_size), allocator_(allocator) {}

Status MappedFileQueue::Load() {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return IoError("cannot create directory " + dir_ + ": " + ec.message());
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name.size() != 20 || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    paths.push_back(entry.path());
  }
  if (ec) return IoError("cannot list " + dir_ + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<std::shared_ptr<MappedFile>> files;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (i + 1 == paths.size() && fs::file_size(paths[i], ec) == 0 && !ec) {
      GetLogger("store")->warn("deleting empty last file {}", paths[i].string());
      fs::remove(paths[i], ec);
      continue;
    }
    RMQ_ASSIGN_OR_RETURN(auto file, MappedFile::Open(paths[i].string(), file_size_));
    if (!files.empty() && file->file_from_offset() != files.back()->file_from_offset() + file_size_) {
      return Corruption("store files out of sequence: " + files.back()->path() + " then " + file->path());
    }
    files.push_back(std::move(file));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  files_ = std::move(files);
  return Status::Ok();
}

std::shared_ptr<MappedFile> MappedFileQueue::GetLastMappedFile() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return files_.empty() ? nullptr : files_.back();
}

std::shared_ptr<MappedFile> MappedFileQueue::GetFirstMappedFile() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return files_.empty() ? nullptr : files_.front();
}

std::vector<std::shared_ptr<MappedFile>> MappedFileQueue::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return files_;
}

size_t MappedFileQueue::file_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return files_.size();
}

Result<std::shared_ptr<MappedFile>> MappedFileQueue::GetLastMappedFileOrCreate(int64_t start_offset) {
  int64_t create_offset;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!files_.empty() && !files_.back()->IsFull()) return files_.back();
    create_offset = files_.empty() ? start_offset - start_offset % file_size_
                                   : files_.back()->file_from_offset() + file_size_;
  }
  if (create_offset == start_offset - start_offset % file_size_) {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return IoError("cannot create directory " + dir_ + ": " + ec.message());
  }
  std::string path = dir_ + "/" + OffsetToFileName(create_offset);
  std::string next_path = dir_ + "/" + OffsetToFileName(create_offset + file_size_);
  Result<std::shared_ptr<MappedFile>> created =
      allocator_ ? allocator_->Allocate(path, next_path, file_size_) : MappedFile::Create(path, file_size_);
  if (!created.ok()) return created.status();
  std::shared_ptr<MappedFile> file = std::move(created).value();
  std::lock_guard<std::mutex> lock(mutex_);
  files_.push_back(file);
  return file;
}

std::shared_ptr<MappedFile> MappedFileQueue::FindMappedFileByOffset(int64_t offset, bool return_first_on_not_found) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (files_.empty()) return nullptr;
  int64_t first = files_.front()->file_from_offset();
  if (offset >= first) {
    size_t index = static_cast<size_t>((offset - first) / file_size_);
    if (index < files_.size()) return files_[index];
  }
  return return_first_on_not_found ? files_.front() : nullptr;
}

int64_t MappedFileQueue::GetMinOffset() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return files_.empty() ? 0 : files_.front()->file_from_offset();
}

int64_t MappedFileQueue::GetMaxOffset() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return files_.empty() ? 0 : files_.back()->file_from_offset() + files_.back()->wrote_position();
}

Status MappedFileQueue::Flush(int least_pages) {
  auto file = FindMappedFileByOffset(flushed_where(), true);
  if (!file) return Status::Ok();
  RMQ_ASSIGN_OR_RETURN(int64_t pos, file->Flush(least_pages));
  set_flushed_where(file->file_from_offset() + pos);
  return Status::Ok();
}

Status MappedFileQueue::FlushUntil(int64_t offset) {
  // Each round either reaches `offset`, finishes one file (the loop then moves to the next), or
  // finds nothing more written; the bound guards against a file list changing under us.
  for (int i = 0; i < 1000 && flushed_where() < offset; ++i) {
    int64_t before = flushed_where();
    RMQ_RETURN_IF_ERROR(Flush(0));
    if (flushed_where() == before) break;
  }
  return Status::Ok();
}

void MappedFileQueue::TruncateDirtyFiles(int64_t offset) {
  std::vector<std::shared_ptr<MappedFile>> removed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::shared_ptr<MappedFile>> kept;
    for (auto& file : files_) {
      int64_t end = file->file_from_offset() + file_size_;
      if (end <= offset) {
        kept.push_back(file);
      } else if (file->file_from_offset() <= offset) {
        file->TruncateTo(offset - file->file_from_offset());
        kept.push_back(file);
      } else {
        removed.push_back(file);
      }
    }
    files_ = std::move(kept);
  }
  for (auto& file : removed) {
    GetLogger("store")->info("recovery deletes {} beyond offset {}", file->path(), offset);
    (void)file->Destroy();
  }
  if (flushed_where() > offset) set_flushed_where(offset);
}

void MappedFileQueue::RemoveFirstFiles(size_t n) {
  std::lock_guard<std::mutex> lock(mutex_);
  n = std::min(n, files_.size());
  files_.erase(files_.begin(), files_.begin() + static_cast<std::ptrdiff_t>(n));
}

void MappedFileQueue::DestroyAll() {
  std::vector<std::shared_ptr<MappedFile>> files;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    files.swap(files_);
  }
  for (auto& file : files) (void)file->Destroy();
  set_flushed_where(0);
}

}  // namespace rmq::store
