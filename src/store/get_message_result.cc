#include "store/get_message_result.h"

namespace rmq::store {

std::string_view GetMessageStatusName(GetMessageStatus status) {
  switch (status) {
    case GetMessageStatus::kFound: return "FOUND";
    case GetMessageStatus::kNoMatchedMessage: return "NO_MATCHED_MESSAGE";
    case GetMessageStatus::kMessageWasRemoving: return "MESSAGE_WAS_REMOVING";
    case GetMessageStatus::kOffsetFoundNull: return "OFFSET_FOUND_NULL";
    case GetMessageStatus::kOffsetOverflowBadly: return "OFFSET_OVERFLOW_BADLY";
    case GetMessageStatus::kOffsetOverflowOne: return "OFFSET_OVERFLOW_ONE";
    case GetMessageStatus::kOffsetTooSmall: return "OFFSET_TOO_SMALL";
    case GetMessageStatus::kNoMatchedLogicQueue: return "NO_MATCHED_LOGIC_QUEUE";
    case GetMessageStatus::kNoMessageInQueue: return "NO_MESSAGE_IN_QUEUE";
  }
  return "NO_MESSAGE_IN_QUEUE";
}

}  // namespace rmq::store
