// The selectors shipped with the library.
#include "rocketmq/MQSelector.h"

#include <cstdint>
#include <cstdlib>
#include <random>

#include "common/java_string_hash.h"
#include "rocketmq/MQException.h"

namespace rocketmq {

MQMessageQueue SelectMessageQueueByHash::select(const std::vector<MQMessageQueue>& mqs, const MQMessage&, void* arg) {
  if (mqs.empty()) THROW_MQEXCEPTION(MQClientException, "the topic has no writable queue", kErrorNoRoute);
  int64_t key = arg == nullptr ? 0 : *static_cast<int*>(arg);
  if (key < 0) key = -key;
  return mqs[static_cast<size_t>(key % static_cast<int64_t>(mqs.size()))];
}

MQMessageQueue SelectMessageQueueByStringHash::select(const std::vector<MQMessageQueue>& mqs, const MQMessage&,
                                                      void* arg) {
  if (mqs.empty()) THROW_MQEXCEPTION(MQClientException, "the topic has no writable queue", kErrorNoRoute);
  int64_t key = arg == nullptr ? 0 : rmq::JavaStringHashCode(*static_cast<std::string*>(arg));
  if (key < 0) key = -key;
  return mqs[static_cast<size_t>(key % static_cast<int64_t>(mqs.size()))];
}

MQMessageQueue SelectMessageQueueByRandom::select(const std::vector<MQMessageQueue>& mqs, const MQMessage&, void*) {
  if (mqs.empty()) THROW_MQEXCEPTION(MQClientException, "the topic has no writable queue", kErrorNoRoute);
  thread_local std::mt19937 rng(std::random_device{}());
  return mqs[rng() % mqs.size()];
}

}  // namespace rocketmq
