// TopicList: the body of the topic-list queries (206, 224, 304, 311-313):
// {"topicList":["TopicTest","TBW102"]}, with "brokerAddr" only for 304 (TopicList.java).
// A plain value type.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "common/status.h"

namespace rmq {

struct TopicList {
  std::set<std::string> topic_list;
  std::optional<std::string> broker_addr;

  bool operator==(const TopicList&) const = default;

  std::string Encode() const;
  static Result<TopicList> Decode(std::string_view body);
};

}  // namespace rmq
