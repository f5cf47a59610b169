// Names the broker gives special meaning to (TopicValidator.java, MixAll.java): system topics,
// retry and dead-letter topics of consumer groups, and the checks every topic or group name
// passes before it reaches a path under the store root. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace rmq::broker {

inline constexpr std::string_view kAutoCreateTopicKeyTopic = "TBW102";
inline constexpr std::string_view kSelfTestTopic = "SELF_TEST_TOPIC";
inline constexpr std::string_view kBenchmarkTopic = "BenchmarkTest";
inline constexpr std::string_view kOffsetMovedEventTopic = "OFFSET_MOVED_EVENT";
inline constexpr std::string_view kScheduleTopic = "SCHEDULE_TOPIC_XXXX";
inline constexpr std::string_view kTransHalfTopic = "RMQ_SYS_TRANS_HALF_TOPIC";
inline constexpr std::string_view kTransOpHalfTopic = "RMQ_SYS_TRANS_OP_HALF_TOPIC";
inline constexpr std::string_view kTransCheckMaxTimeTopic = "TRANS_CHECK_MAX_TIME_TOPIC";
inline constexpr std::string_view kReplyTopicSuffix = "_REPLY_TOPIC";
inline constexpr std::string_view kSystemTopicPrefix = "rmq_sys_";
inline constexpr std::string_view kRetryGroupTopicPrefix = "%RETRY%";
inline constexpr std::string_view kDlqGroupTopicPrefix = "%DLQ%";

inline constexpr size_t kMaxTopicLength = 127;
inline constexpr size_t kMaxRetryTopicLength = 255;
inline constexpr size_t kMaxGroupLength = 255;

inline std::string RetryTopic(std::string_view group) { return std::string(kRetryGroupTopicPrefix) + std::string(group); }
inline std::string DlqTopic(std::string_view group) { return std::string(kDlqGroupTopicPrefix) + std::string(group); }
inline bool IsRetryTopic(std::string_view topic) { return topic.starts_with(kRetryGroupTopicPrefix); }
inline bool IsDlqTopic(std::string_view topic) { return topic.starts_with(kDlqGroupTopicPrefix); }

// Letters, digits, '%', '-', '_' and '|', at most 127 characters (255 for %RETRY%/%DLQ%
// topics), not empty. No '.', '/' or control characters can pass, so a valid name is safe as a
// directory name.
Status ValidateTopic(std::string_view topic);
// The same characters, at most 255.
Status ValidateGroup(std::string_view group);
// Topics producers may not send to (TopicValidator#isNotAllowedSendTopic).
bool IsNotAllowedSendTopic(std::string_view topic);

}  // namespace rmq::broker
