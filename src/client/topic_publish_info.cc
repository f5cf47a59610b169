#include "client/topic_publish_info.h"

#include <algorithm>
#include <random>

#include "common/perm.h"

namespace rmq::client {

TopicPublishInfo TopicPublishInfo::FromRoute(const std::string& topic, const TopicRouteData& route) {
  TopicPublishInfo info;
  if (route.order_topic_conf && !route.order_topic_conf->empty()) {
    std::string conf = *route.order_topic_conf;
    size_t start = 0;
    while (start <= conf.size()) {
      size_t end = conf.find(';', start);
      std::string item = conf.substr(start, end == std::string::npos ? std::string::npos : end - start);
      size_t colon = item.find(':');
      if (colon != std::string::npos) {
        int n = std::atoi(item.c_str() + colon + 1);
        for (int q = 0; q < n; ++q) info.queues_.push_back(MessageQueue{topic, item.substr(0, colon), q});
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
    info.order_topic_ = true;
    return info;
  }
  std::vector<QueueData> queue_datas = route.queue_datas;
  std::sort(queue_datas.begin(), queue_datas.end(),
            [](const QueueData& a, const QueueData& b) { return a.broker_name < b.broker_name; });
  for (const auto& qd : queue_datas) {
    if (!Perm::IsWriteable(qd.perm)) continue;
    const BrokerData* broker = nullptr;
    for (const auto& bd : route.broker_datas) {
      if (bd.broker_name == qd.broker_name) broker = &bd;
    }
    if (broker == nullptr || !broker->broker_addrs.count(kMasterBrokerId)) continue;
    for (int q = 0; q < qd.write_queue_nums; ++q) info.queues_.push_back(MessageQueue{topic, qd.broker_name, q});
  }
  return info;
}

uint32_t TopicPublishInfo::NextIndex() {
  thread_local uint32_t index = std::random_device{}();
  return index++;
}

MessageQueue TopicPublishInfo::SelectOneMessageQueue(const std::optional<std::string>& last_broker) const {
  size_t n = queues_.size();
  if (last_broker) {
    for (size_t i = 0; i < n; ++i) {
      const MessageQueue& mq = queues_[NextIndex() % n];
      if (mq.broker_name != *last_broker) return mq;
    }
  }
  return queues_[NextIndex() % n];
}

MessageQueue TopicPublishInfo::SelectWithFaultTolerance(const std::optional<std::string>& last_broker,
                                                        const LatencyFaultTolerance& faults, int64_t now_ms) const {
  size_t n = queues_.size();
  for (size_t i = 0; i < n; ++i) {
    const MessageQueue& mq = queues_[NextIndex() % n];
    if (faults.IsAvailable(mq.broker_name, now_ms) && (!last_broker || mq.broker_name != *last_broker)) return mq;
  }
  for (size_t i = 0; i < n; ++i) {
    const MessageQueue& mq = queues_[NextIndex() % n];
    if (faults.IsAvailable(mq.broker_name, now_ms)) return mq;
  }
  if (auto least = faults.PickOneAtLeast()) {
    for (size_t i = 0; i < n; ++i) {
      const MessageQueue& mq = queues_[NextIndex() % n];
      if (mq.broker_name == *least) return mq;
    }
  }
  return SelectOneMessageQueue(last_broker);
}

}  // namespace rmq::client
