#include "store/clean_service.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>

#include "common/logging.h"

namespace rmq::store {

namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Gib(int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f GiB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  return buf;
}

}  // namespace

Result<DiskUsage> ProbeDiskUsage(const std::string& path) {
  struct statvfs st {};
  if (statvfs(path.c_str(), &st) != 0) return IoError("statvfs " + path + ": " + std::strerror(errno));
  DiskUsage usage;
  // As upstream's UtilAll#getDiskPartitionSpaceUsedPercent (and df): used / (used + available to
  // us). Blocks reserved for root count on neither side; taking them as used (f_blocks against
  // f_bavail) made a 73 % used disk look 89 % used on hosts with large reservations.
  const int64_t block = static_cast<int64_t>(st.f_frsize);
  const int64_t used = (static_cast<int64_t>(st.f_blocks) - static_cast<int64_t>(st.f_bfree)) * block;
  usage.free_bytes = static_cast<int64_t>(st.f_bavail) * block;
  usage.total_bytes = used + usage.free_bytes;
  return usage;
}

CleanService::CleanService(const StoreConfig& config, CommitLog& commit_log, ConsumeQueueTable& queues,
                           IndexService& index)
    : config_(config), commit_log_(commit_log), queues_(queues), index_(index), probe_(ProbeDiskUsage) {}

void CleanService::set_disk_probe(DiskProbe probe) {
  std::lock_guard<std::mutex> lock(mutex_);
  probe_ = std::move(probe);
}

void CleanService::Start() {
  thread_.Start(std::chrono::milliseconds(config_.clean_resource_interval), [this] { RunOnce(NowMs()); });
}

std::string CleanService::DiskFullReason() const {
  std::lock_guard<std::mutex> lock(reason_mutex_);
  return disk_full_reason_;
}

bool CleanService::IsTimeToDelete(int64_t now_ms) const {
  time_t secs = static_cast<time_t>(now_ms / 1000);
  struct tm tm {};
  localtime_r(&secs, &tm);
  std::string_view when = config_.delete_when;
  size_t pos = 0;
  while (pos <= when.size()) {
    size_t end = when.find(';', pos);
    if (end == std::string_view::npos) end = when.size();
    std::string_view hour = when.substr(pos, end - pos);
    pos = end + 1;
    if (hour.empty() || hour.size() > 2 || hour.find_first_not_of("0123456789") != std::string_view::npos) continue;
    if (std::stoi(std::string(hour)) == tm.tm_hour) return true;
  }
  return false;
}

int64_t CleanService::ReclaimableBytes(int64_t now_ms) const {
  auto files = commit_log_.queue().Snapshot();
  const int64_t reserved_ms = int64_t{config_.file_reserved_time} * 3600 * 1000;
  int64_t bytes = 0;
  for (size_t i = 0; i + 1 < files.size(); ++i) {
    if (files[i]->LastModifiedMs() + reserved_ms > now_ms) break;
    bytes += files[i]->file_size();
  }
  return bytes;
}

int CleanService::RunOnce(int64_t now_ms) {
  std::lock_guard<std::mutex> run_lock(run_mutex_);
  DiskProbe probe;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    probe = probe_;
  }
  double used = 0;
  int64_t free_bytes = 0;
  for (const std::string& dir : {config_.CommitLogDir(), config_.ConsumeQueueDir()}) {
    auto usage = probe(dir);
    if (!usage.ok()) {
      GetLogger("store")->warn("cannot read disk usage: {}", usage.status().ToString());
      continue;
    }
    if (usage->used_ratio() > used) {
      used = usage->used_ratio();
      free_bytes = usage->free_bytes;
    }
  }
  const double max_ratio = std::clamp(config_.disk_max_used_space_ratio, 10, 95) / 100.0;
  const double forcibly_ratio = config_.disk_space_clean_forcibly_ratio / 100.0;
  const double warning_ratio = config_.disk_space_warning_level_ratio / 100.0;

  const bool full = used > warning_ratio;
  if (full != disk_full_.load()) {
    if (full) {
      std::string reason = "disk full: " + std::to_string(static_cast<int>(used * 100)) + "% used, " + Gib(free_bytes) +
                           " free, " + Gib(ReclaimableBytes(now_ms)) + " reclaimable by deleting expired files; " +
                           "writes resume below diskSpaceWarningLevelRatio " +
                           std::to_string(config_.disk_space_warning_level_ratio) + "%";
      GetLogger("store")->error("{}", reason);
      std::lock_guard<std::mutex> lock(reason_mutex_);
      disk_full_reason_ = std::move(reason);
    } else {
      GetLogger("store")->info("disk usage {}% below the warning level, writes accepted again", static_cast<int>(used * 100));
      std::lock_guard<std::mutex> lock(reason_mutex_);
      disk_full_reason_.clear();
    }
    disk_full_.store(full, std::memory_order_release);
  }

  const bool clean_immediately = used > forcibly_ratio || full;
  const bool space_trigger = used > max_ratio;
  bool manual = false;
  for (int left = manual_delete_left_.load(); left > 0;) {
    if (manual_delete_left_.compare_exchange_weak(left, left - 1)) {
      manual = true;
      break;
    }
  }
  int deleted = 0;
  if (IsTimeToDelete(now_ms) || space_trigger || clean_immediately || manual) {
    const int64_t reserved_ms = int64_t{config_.file_reserved_time} * 3600 * 1000;
    const bool force = clean_immediately && config_.clean_file_forcibly_enable;
    deleted = commit_log_.queue().DeleteFilesWhile(
        [&](const MappedFile& file) {
          bool expired = file.LastModifiedMs() + reserved_ms <= now_ms;
          if (expired || force) {
            GetLogger("store")->info("deleting {} CommitLog file {}", expired ? "expired" : "(disk space)", file.path());
            return true;
          }
          return false;
        },
        config_.delete_file_batch_max);
  }
  const int64_t min_offset = commit_log_.GetMinOffset();
  queues_.ForEach([&](ConsumeQueue& cq) { cq.DeleteExpiredFiles(min_offset); });
  index_.DeleteExpiredFiles(min_offset);
  return deleted;
}

}  // namespace rmq::store
