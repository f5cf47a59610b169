#include "client/allocate_strategy.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "client/md5.h"

namespace rmq::client {
namespace {

int IndexOf(const std::string& cid, const std::vector<std::string>& cid_all) {
  auto it = std::find(cid_all.begin(), cid_all.end(), cid);
  return it == cid_all.end() ? -1 : static_cast<int>(it - cid_all.begin());
}

uint32_t Hash(const std::string& key) {
  auto digest = Md5(key);
  return (static_cast<uint32_t>(digest[0]) << 24) | (static_cast<uint32_t>(digest[1]) << 16) |
         (static_cast<uint32_t>(digest[2]) << 8) | digest[3];
}

}  // namespace

std::vector<MessageQueue> AllocateAveragely(const std::string& current_cid, const std::vector<MessageQueue>& mq_all,
                                            const std::vector<std::string>& cid_all) {
  std::vector<MessageQueue> result;
  int index = IndexOf(current_cid, cid_all);
  if (index < 0 || mq_all.empty()) return result;
  int m = static_cast<int>(mq_all.size());
  int n = static_cast<int>(cid_all.size());
  int mod = m % n;
  int size = m <= n ? 1 : (mod > 0 && index < mod ? m / n + 1 : m / n);
  int start = (mod > 0 && index < mod) ? index * size : index * size + mod;
  int range = std::min(size, m - start);
  for (int i = 0; i < range; ++i) result.push_back(mq_all[(start + i) % m]);
  return result;
}

std::vector<MessageQueue> AllocateAveragelyByCircle(const std::string& current_cid,
                                                    const std::vector<MessageQueue>& mq_all,
                                                    const std::vector<std::string>& cid_all) {
  std::vector<MessageQueue> result;
  int index = IndexOf(current_cid, cid_all);
  if (index < 0) return result;
  for (size_t i = index; i < mq_all.size(); i += cid_all.size()) result.push_back(mq_all[i]);
  return result;
}

std::vector<MessageQueue> AllocateConsistentHash(const std::string& current_cid,
                                                 const std::vector<MessageQueue>& mq_all,
                                                 const std::vector<std::string>& cid_all, int virtual_nodes) {
  std::vector<MessageQueue> result;
  if (IndexOf(current_cid, cid_all) < 0) return result;
  // Later-added nodes replace earlier ones on equal hashes, as the Java TreeMap#put.
  std::map<uint32_t, const std::string*> ring;
  for (const auto& cid : cid_all) {
    for (int i = 0; i < virtual_nodes; ++i) ring[Hash(cid + "-" + std::to_string(i))] = &cid;
  }
  for (const auto& mq : mq_all) {
    auto it = ring.lower_bound(Hash(mq.ToString()));
    if (it == ring.end()) it = ring.begin();
    if (*it->second == current_cid) result.push_back(mq);
  }
  return result;
}

std::vector<MessageQueue> AllocateStrategy::Allocate(const std::string& current_cid,
                                                     const std::vector<MessageQueue>& mq_all,
                                                     const std::vector<std::string>& cid_all) const {
  switch (kind) {
    case AllocateStrategyKind::kAveragely:
      return AllocateAveragely(current_cid, mq_all, cid_all);
    case AllocateStrategyKind::kAveragelyByCircle:
      return AllocateAveragelyByCircle(current_cid, mq_all, cid_all);
    case AllocateStrategyKind::kConsistentHash:
      return AllocateConsistentHash(current_cid, mq_all, cid_all);
    case AllocateStrategyKind::kByConfig:
      return config;
  }
  return {};
}

const char* AllocateStrategy::name() const {
  switch (kind) {
    case AllocateStrategyKind::kAveragely:
      return "AVG";
    case AllocateStrategyKind::kAveragelyByCircle:
      return "AVG_BY_CIRCLE";
    case AllocateStrategyKind::kConsistentHash:
      return "CONSISTENT_HASH";
    case AllocateStrategyKind::kByConfig:
      return "CONFIG";
  }
  return "";
}

}  // namespace rmq::client
