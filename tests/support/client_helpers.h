// Client-side set-up the client integration tests share: creating a topic and waiting for its
// route, building a push consumer, and DeliveryLog, the thread-safe record of what a consumer
// received.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rocketmq/DefaultMQAdminExt.h"
#include "rocketmq/DefaultMQPushConsumer.h"
#include "rocketmq/MessageSelector.h"

namespace rmq::testing {

// Creates `topic` with `queues` read and write queues on every master of `cluster` and waits
// (up to 10 s) until the name server serves a route with queues on `brokers` brokers.
bool CreateTopicAndWait(rocketmq::DefaultMQAdminExt& admin, const std::string& topic, int queues, size_t brokers = 1,
                        const std::string& cluster = "DefaultCluster");

// Everything of a test push consumer but its group, topic, selector and listener.
struct PushOptions {
  std::string instance;  // empty: the group name
  rocketmq::MessageModel model = rocketmq::CLUSTERING;
  rocketmq::ConsumeFromWhere where = rocketmq::CONSUME_FROM_FIRST_OFFSET;
  std::string timestamp;         // for CONSUME_FROM_TIMESTAMP; empty: the client's default
  std::string offset_store_dir;  // empty: the client's default
  bool orderly = false;
  bool start = true;  // false: the caller starts it (e.g. to see start() fail)
};

// A push consumer of `topic` on the name server `namesrv`, its listener registered and, unless
// options.start is false, started.
std::unique_ptr<rocketmq::DefaultMQPushConsumer> NewPushConsumer(const std::string& namesrv, const std::string& group,
                                                                 const std::string& topic,
                                                                 const rocketmq::MessageSelector& selector,
                                                                 rocketmq::MessageListenerFunction listener,
                                                                 const PushOptions& options = {});

// What one consumer received, in delivery order, each message stamped with its place in the
// order of deliveries across every DeliveryLog of the process. Thread-safe.
class DeliveryLog {
 public:
  void Add(const std::vector<rocketmq::MQMessageExt>& batch);
  // A listener that records every batch and acknowledges it; the log must outlive the consumer.
  rocketmq::MessageListenerFunction Listener();

  size_t size();
  std::vector<rocketmq::MQMessageExt> Snapshot();
  // (stamp, body) of every delivery.
  std::vector<std::pair<uint64_t, std::string>> Deliveries();
  std::multiset<std::string> Bodies();
  // How often `body` was delivered.
  int Count(const std::string& body);
  // How many different bodies were delivered.
  size_t Distinct();
  // Every body prefix + 0 .. prefix + (n - 1) delivered at least `times` times.
  bool AllAtLeast(const std::string& prefix, int n, int times);

 private:
  std::mutex mutex_;
  std::vector<rocketmq::MQMessageExt> msgs_;  // Guarded by mutex_.
  std::vector<uint64_t> stamps_;              // Guarded by mutex_; parallel to msgs_.
};

}  // namespace rmq::testing
