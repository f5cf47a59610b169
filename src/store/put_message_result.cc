#include "store/put_message_result.h"

#include "common/message_id.h"

namespace rmq::store {

std::string_view PutMessageStatusName(PutMessageStatus status) {
  switch (status) {
    case PutMessageStatus::kPutOk: return "PUT_OK";
    case PutMessageStatus::kFlushDiskTimeout: return "FLUSH_DISK_TIMEOUT";
    case PutMessageStatus::kServiceNotAvailable: return "SERVICE_NOT_AVAILABLE";
    case PutMessageStatus::kCreateMappedFileFailed: return "CREATE_MAPPED_FILE_FAILED";
    case PutMessageStatus::kMessageIllegal: return "MESSAGE_ILLEGAL";
    case PutMessageStatus::kMessageSizeExceeded: return "MESSAGE_SIZE_EXCEEDED";
    case PutMessageStatus::kPropertiesSizeExceeded: return "PROPERTIES_SIZE_EXCEEDED";
    case PutMessageStatus::kDiskFull: return "DISK_FULL";
    case PutMessageStatus::kFlushDiskFailed: return "FLUSH_DISK_FAILED";
    case PutMessageStatus::kUnknownError: return "UNKNOWN_ERROR";
  }
  return "UNKNOWN_ERROR";
}

std::string AppendMessageResult::MsgId() const {
  std::string id;
  AppendMsgId(&id);
  return id;
}

void AppendMessageResult::AppendMsgId(std::string* out) const {
  if (msg_num > 1) {
    out->append(batch_msg_ids);
    return;
  }
  AppendOffsetMessageId(store_host, wrote_offset, out);
}

}  // namespace rmq::store
