// Consumer offset stores (Java OffsetStore): the committed "next offset to consume" per queue,
// kept in memory, read from and written to the broker (RemoteOffsetStore, clustering) or a local
// JSON file (LocalOffsetStore, broadcasting). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "common/message_queue.h"
#include "common/status.h"

namespace rmq::client {

class ClientInstance;

enum class ReadOffsetType {
  kMemory,             // memory only; -1 when unknown
  kStore,              // the broker or the file; -1 when none stored, -2 on error
  kMemoryThenStore,    // memory, else the store
};

class OffsetStore {
 public:
  virtual ~OffsetStore() = default;
  virtual Status Load() { return Status::Ok(); }
  // increase_only: keep a larger offset already in memory.
  void Update(const MessageQueue& mq, int64_t offset, bool increase_only);
  int64_t Read(const MessageQueue& mq, ReadOffsetType type);
  // Commits the offsets of `mqs` (all known queues when empty).
  virtual void PersistAll(const std::set<MessageQueue>& mqs) = 0;
  // Commits one queue now (synchronously for the remote store).
  virtual Status Persist(const MessageQueue& mq) = 0;
  void Remove(const MessageQueue& mq);
  std::map<MessageQueue, int64_t> Snapshot() const;

 protected:
  virtual int64_t ReadFromStore(const MessageQueue& mq) = 0;

  mutable std::mutex mutex_;
  std::map<MessageQueue, int64_t> offsets_;  // Guarded by mutex_.
};

class RemoteOffsetStore : public OffsetStore {
 public:
  // `instance` must outlive the store.
  RemoteOffsetStore(ClientInstance& instance, std::string group) : instance_(instance), group_(std::move(group)) {}
  void PersistAll(const std::set<MessageQueue>& mqs) override;
  Status Persist(const MessageQueue& mq) override;

 protected:
  int64_t ReadFromStore(const MessageQueue& mq) override;

 private:
  ClientInstance& instance_;
  std::string group_;
};

class LocalOffsetStore : public OffsetStore {
 public:
  // The file is <dir>/<client_id>/<group>/offsets.json.
  LocalOffsetStore(const std::string& dir, const std::string& client_id, const std::string& group);
  Status Load() override;
  void PersistAll(const std::set<MessageQueue>& mqs) override;
  Status Persist(const MessageQueue& mq) override;
  const std::string& path() const { return path_; }

 protected:
  int64_t ReadFromStore(const MessageQueue& mq) override;

 private:
  std::string path_;
  std::mutex file_mutex_;
};

}  // namespace rmq::client
