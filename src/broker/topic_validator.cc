#include "broker/topic_validator.h"

namespace rmq::broker {
namespace {

bool ValidChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '%' || c == '-' ||
         c == '_' || c == '|';
}

Status ValidateName(std::string_view what, std::string_view name, size_t max) {
  if (name.empty()) return InvalidArgument("the specified " + std::string(what) + " is blank");
  if (name.size() > max) {
    return InvalidArgument("the specified " + std::string(what) + " is longer than " + std::to_string(max) +
                           " characters");
  }
  for (char c : name) {
    if (!ValidChar(c)) {
      return InvalidArgument("the specified " + std::string(what) + "[" + std::string(name) +
                             "] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$");
    }
  }
  return Status::Ok();
}

}  // namespace

Status ValidateTopic(std::string_view topic) {
  size_t max = IsRetryTopic(topic) || IsDlqTopic(topic) ? kMaxRetryTopicLength : kMaxTopicLength;
  return ValidateName("topic", topic, max);
}

Status ValidateGroup(std::string_view group) { return ValidateName("group", group, kMaxGroupLength); }

bool IsNotAllowedSendTopic(std::string_view topic) {
  return topic == kScheduleTopic || topic == kTransHalfTopic || topic == kTransOpHalfTopic ||
         topic == kTransCheckMaxTimeTopic;
}

}  // namespace rmq::broker
