#include "client/offset_store.h"

#include "client/client_error.h"
#include "client/client_instance.h"
#include "common/atomic_file.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/logging.h"
#include "remoting/response_code.h"

namespace rmq::client {

void OffsetStore::Update(const MessageQueue& mq, int64_t offset, bool increase_only) {
  std::lock_guard lock(mutex_);
  auto it = offsets_.find(mq);
  if (it == offsets_.end()) {
    offsets_[mq] = offset;
  } else if (!increase_only || offset > it->second) {
    it->second = offset;
  }
}

int64_t OffsetStore::Read(const MessageQueue& mq, ReadOffsetType type) {
  if (type != ReadOffsetType::kStore) {
    std::lock_guard lock(mutex_);
    auto it = offsets_.find(mq);
    if (it != offsets_.end()) return it->second;
    if (type == ReadOffsetType::kMemory) return -1;
  }
  int64_t offset = ReadFromStore(mq);
  if (offset >= 0) Update(mq, offset, false);
  return offset;
}

void OffsetStore::Remove(const MessageQueue& mq) {
  std::lock_guard lock(mutex_);
  offsets_.erase(mq);
}

std::map<MessageQueue, int64_t> OffsetStore::Snapshot() const {
  std::lock_guard lock(mutex_);
  return offsets_;
}

int64_t RemoteOffsetStore::ReadFromStore(const MessageQueue& mq) {
  auto addr = instance_.FindBrokerMaster(mq.broker_name);
  if (!addr) {
    (void)instance_.UpdateTopicRoute(mq.topic);
    addr = instance_.FindBrokerMaster(mq.broker_name);
  }
  if (!addr) return -2;
  auto offset = instance_.api().QueryConsumerOffset(*addr, group_, mq);
  if (offset.ok()) return *offset;
  // A broker error code means "nothing stored" (as the C++ and Node clients); a transport error
  // skips the queue this round.
  return ResponseCodeOf(offset.status()) != 0 ? -1 : -2;
}

void RemoteOffsetStore::PersistAll(const std::set<MessageQueue>& mqs) {
  for (const auto& [mq, offset] : Snapshot()) {
    if (!mqs.empty() && !mqs.count(mq)) continue;
    auto addr = instance_.FindBrokerMaster(mq.broker_name);
    if (!addr) continue;
    Status status = instance_.api().UpdateConsumerOffset(*addr, group_, mq, offset, true);
    if (!status.ok()) GetLogger("client")->debug("commit of {} failed: {}", mq.ToString(), status.ToString());
  }
}

Status RemoteOffsetStore::Persist(const MessageQueue& mq) {
  int64_t offset = Read(mq, ReadOffsetType::kMemory);
  if (offset < 0) return Status::Ok();
  auto addr = instance_.FindBrokerMaster(mq.broker_name);
  if (!addr) return Unavailable("no master address for broker " + mq.broker_name);
  return instance_.api().UpdateConsumerOffset(*addr, group_, mq, offset, false);
}

LocalOffsetStore::LocalOffsetStore(const std::string& dir, const std::string& client_id, const std::string& group)
    : path_(dir + "/" + client_id + "/" + group + "/offsets.json") {}

Status LocalOffsetStore::Load() {
  Status main_error;
  auto loaded = LoadWithBackup(
      path_,
      [this](const std::string& text) -> Status {
        RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "local offsets"));
        auto table = json.find("offsetTable");
        if (table == json.end() || !table->is_array()) return Corruption("offsets.json has no offsetTable array");
        std::map<MessageQueue, int64_t> offsets;
        for (const auto& element : *table) {
          RMQ_ASSIGN_OR_RETURN(MessageQueue mq, MessageQueue::FromJson(element));
          int64_t offset = -1;
          RMQ_RETURN_IF_ERROR(ReadJsonInt(element, "offset", &offset));
          offsets[mq] = offset;
        }
        std::lock_guard lock(mutex_);
        for (auto& [mq, offset] : offsets) offsets_[mq] = offset;
        return Status::Ok();
      },
      &main_error);
  if (!main_error.ok()) GetLogger("client")->error("{} is damaged ({}); used the .bak", path_, main_error.ToString());
  return loaded.status();
}

int64_t LocalOffsetStore::ReadFromStore(const MessageQueue& mq) {
  std::lock_guard lock(mutex_);
  auto it = offsets_.find(mq);
  return it == offsets_.end() ? -1 : it->second;
}

void LocalOffsetStore::PersistAll(const std::set<MessageQueue>&) {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("offsetTable");
  writer.BeginArray();
  for (const auto& [mq, offset] : Snapshot()) {
    writer.BeginObject();
    writer.StringField("brokerName", mq.broker_name);
    writer.IntField("offset", offset);
    writer.IntField("queueId", mq.queue_id);
    writer.StringField("topic", mq.topic);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  std::lock_guard lock(file_mutex_);
  Status status = WriteFileAtomically(path_, writer.Release());
  if (!status.ok()) GetLogger("client")->error("cannot write {}: {}", path_, status.ToString());
}

Status LocalOffsetStore::Persist(const MessageQueue&) {
  PersistAll({});
  return Status::Ok();
}

}  // namespace rmq::client
