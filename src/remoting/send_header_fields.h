// The fields of SendMessageRequestHeader (V1 names) and SendMessageRequestHeaderV2 (one-letter
// names), in the order DecodeCustomHeader checks them, so the typed decoders that bypass it
// report the same first error. Shared by send_header_decode.cc and send_header_json.cc.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace rmq::remoting::send_header_fields {

enum Field : size_t {
  kProducerGroup, kTopic, kDefaultTopic, kDefaultTopicQueueNums, kQueueId, kSysFlag, kBornTimestamp, kFlag,
  kProperties, kReconsumeTimes, kUnitMode, kMaxReconsumeTimes, kBatch, kBname, kFieldCount
};

inline constexpr std::array<std::string_view, kFieldCount> kV1Names = {
    "producerGroup", "topic", "defaultTopic", "defaultTopicQueueNums", "queueId", "sysFlag", "bornTimestamp",
    "flag", "properties", "reconsumeTimes", "unitMode", "maxReconsumeTimes", "batch", "bname"};
inline constexpr std::array<std::string_view, kFieldCount> kV2Names = {"a", "b", "c", "d", "e", "f", "g",
                                                                        "h", "i", "j", "k", "l", "m", "n"};

// The field `key` names (a V2 one-letter name when `v2`), or kFieldCount.
inline size_t FieldOf(std::string_view key, bool v2) {
  if (v2) return key.size() == 1 && key[0] >= 'a' && key[0] <= 'n' ? static_cast<size_t>(key[0] - 'a') : kFieldCount;
  for (size_t i = 0; i < kFieldCount; ++i) {
    if (key == kV1Names[i]) return i;
  }
  return kFieldCount;
}

}  // namespace rmq::remoting::send_header_fields
