#include "support/client_helpers.h"

#include <atomic>
#include <chrono>
#include <map>

#include "support/wait.h"

namespace rmq::testing {

bool CreateTopicAndWait(rocketmq::DefaultMQAdminExt& admin, const std::string& topic, int queues, size_t brokers,
                        const std::string& cluster) {
  rocketmq::TopicConfig config;
  config.topicName = topic;
  config.readQueueNums = queues;
  config.writeQueueNums = queues;
  admin.createTopic(cluster, config);
  return WaitFor(
      [&] {
        try {
          return admin.examineTopicRouteInfo(topic).queueDatas.size() >= brokers;
        } catch (const rocketmq::MQException&) {
          return false;
        }
      },
      std::chrono::seconds(10));
}

std::unique_ptr<rocketmq::DefaultMQPushConsumer> NewPushConsumer(const std::string& namesrv, const std::string& group,
                                                                 const std::string& topic,
                                                                 const rocketmq::MessageSelector& selector,
                                                                 rocketmq::MessageListenerFunction listener,
                                                                 const PushOptions& options) {
  auto consumer = std::make_unique<rocketmq::DefaultMQPushConsumer>(group);
  consumer->setNamesrvAddr(namesrv);
  consumer->setInstanceName(options.instance.empty() ? group : options.instance);
  consumer->setMessageModel(options.model);
  consumer->setConsumeFromWhere(options.where);
  if (!options.timestamp.empty()) consumer->setConsumeTimestamp(options.timestamp);
  if (!options.offset_store_dir.empty()) consumer->setOffsetStoreDir(options.offset_store_dir);
  consumer->subscribe(topic, selector);
  consumer->registerMessageListener(std::move(listener), options.orderly);
  if (options.start) consumer->start();
  return consumer;
}

namespace {

// The process-wide order of deliveries, so that logs of different consumers can be merged.
std::atomic<uint64_t> delivery_clock{0};

}  // namespace

void DeliveryLog::Add(const std::vector<rocketmq::MQMessageExt>& batch) {
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i < batch.size(); ++i) stamps_.push_back(delivery_clock++);
  msgs_.insert(msgs_.end(), batch.begin(), batch.end());
}

rocketmq::MessageListenerFunction DeliveryLog::Listener() {
  return [this](const std::vector<rocketmq::MQMessageExt>& msgs) {
    Add(msgs);
    return rocketmq::CONSUME_SUCCESS;
  };
}

size_t DeliveryLog::size() {
  std::lock_guard lock(mutex_);
  return msgs_.size();
}

std::vector<rocketmq::MQMessageExt> DeliveryLog::Snapshot() {
  std::lock_guard lock(mutex_);
  return msgs_;
}

std::vector<std::pair<uint64_t, std::string>> DeliveryLog::Deliveries() {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<uint64_t, std::string>> out;
  out.reserve(msgs_.size());
  for (size_t i = 0; i < msgs_.size(); ++i) out.emplace_back(stamps_[i], msgs_[i].getBody());
  return out;
}

std::multiset<std::string> DeliveryLog::Bodies() {
  std::lock_guard lock(mutex_);
  std::multiset<std::string> out;
  for (const auto& msg : msgs_) out.insert(msg.getBody());
  return out;
}

int DeliveryLog::Count(const std::string& body) {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& msg : msgs_) n += msg.getBody() == body;
  return n;
}

size_t DeliveryLog::Distinct() {
  std::lock_guard lock(mutex_);
  std::set<std::string> bodies;
  for (const auto& msg : msgs_) bodies.insert(msg.getBody());
  return bodies.size();
}

bool DeliveryLog::AllAtLeast(const std::string& prefix, int n, int times) {
  std::map<std::string, int> counts;
  {
    std::lock_guard lock(mutex_);
    for (const auto& msg : msgs_) ++counts[msg.getBody()];
  }
  for (int i = 0; i < n; ++i) {
    auto it = counts.find(prefix + std::to_string(i));
    if (it == counts.end() || it->second < times) return false;
  }
  return true;
}

}  // namespace rmq::testing
