// The queue allocation strategies of clustering consumers (reference/routing-and-clients.md
// §2.5): averagely, averagely by circle, consistent hash, by config. Each maps (my id, all
// queues sorted, all consumer ids sorted) to my queues, exactly as the Java classes do, so mixed
// groups agree. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/message_queue.h"

namespace rmq::client {

enum class AllocateStrategyKind { kAveragely, kAveragelyByCircle, kConsistentHash, kByConfig };

// REQUIRES: mq_all and cid_all sorted. Returns nothing when current_cid is not in cid_all.
std::vector<MessageQueue> AllocateAveragely(const std::string& current_cid, const std::vector<MessageQueue>& mq_all,
                                            const std::vector<std::string>& cid_all);
std::vector<MessageQueue> AllocateAveragelyByCircle(const std::string& current_cid,
                                                    const std::vector<MessageQueue>& mq_all,
                                                    const std::vector<std::string>& cid_all);
// `virtual_nodes` per consumer, keys "<cid>-<i>", hash = first 4 bytes of MD5, big-endian.
std::vector<MessageQueue> AllocateConsistentHash(const std::string& current_cid,
                                                 const std::vector<MessageQueue>& mq_all,
                                                 const std::vector<std::string>& cid_all, int virtual_nodes = 10);

struct AllocateStrategy {
  AllocateStrategyKind kind = AllocateStrategyKind::kAveragely;
  std::vector<MessageQueue> config;  // for kByConfig

  std::vector<MessageQueue> Allocate(const std::string& current_cid, const std::vector<MessageQueue>& mq_all,
                                     const std::vector<std::string>& cid_all) const;
  const char* name() const;
};

}  // namespace rmq::client
