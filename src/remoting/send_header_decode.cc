#include "remoting/send_header_decode.h"

#include <array>
#include <string>
#include <string_view>

#include "remoting/custom_header.h"
#include "remoting/request_code.h"
#include "remoting/send_header_fields.h"

namespace rmq::remoting {
namespace {

using custom_header_internal::ParseValue;

using namespace send_header_fields;

class Decoder {
 public:
  Decoder(const std::array<std::string_view, kFieldCount>& names, std::array<std::string*, kFieldCount>& values)
      : names_(names), values_(values) {}

  const Status& status() const { return status_; }

  void String(size_t field, std::string* out) {
    if (!status_.ok()) return;
    if (values_[field] == nullptr) {
      Missing(field);
      return;
    }
    *out = std::move(*values_[field]);
  }
  void OptionalString(size_t field, std::optional<std::string>* out) {
    if (!status_.ok() || values_[field] == nullptr) return;
    *out = std::move(*values_[field]);
  }
  template <typename T>
  void Value(size_t field, T* out) {
    if (!status_.ok()) return;
    if (values_[field] == nullptr) {
      Missing(field);
      return;
    }
    status_ = ParseValue(names_[field], *values_[field], out);
  }
  template <typename T>
  void OptionalValue(size_t field, std::optional<T>* out) {
    if (!status_.ok() || values_[field] == nullptr) return;
    T value{};
    status_ = ParseValue(names_[field], *values_[field], &value);
    if (status_.ok()) *out = value;
  }

 private:
  // DecodeCustomHeader's wording for a missing required field.
  void Missing(size_t field) {
    status_ = InvalidArgument("the custom field <" + std::string(names_[field]) + "> is null");
  }

  const std::array<std::string_view, kFieldCount>& names_;
  std::array<std::string*, kFieldCount>& values_;
  Status status_;
};

}  // namespace

Result<SendMessageRequestHeader> TakeSendMessageRequestHeader(RemotingCommand& request) {
  const bool v2 = request.code() == RequestCode::kSendMessageV2 || request.code() == RequestCode::kSendBatchMessage;
  if (!v2 && request.code() != RequestCode::kSendMessage) {
    return InvalidArgument("request code " + std::to_string(request.code()) + " is not a send request");
  }
  // One pass: the value of each field's last occurrence (a repeated key reads as its last
  // value, as ExtFields::Find). The request is ours to modify, so its values may be moved out;
  // ExtFields only hands out const entries, hence the cast.
  std::array<std::string*, kFieldCount> values{};
  for (const auto& [key, value] : request.ext_fields()) {
    size_t field = FieldOf(key, v2);
    if (field < kFieldCount) values[field] = const_cast<std::string*>(&value);
  }
  SendMessageRequestHeader h;
  Decoder d(v2 ? kV2Names : kV1Names, values);
  d.String(kProducerGroup, &h.producer_group);
  d.String(kTopic, &h.topic);
  d.String(kDefaultTopic, &h.default_topic);
  d.Value(kDefaultTopicQueueNums, &h.default_topic_queue_nums);
  d.Value(kQueueId, &h.queue_id);
  d.Value(kSysFlag, &h.sys_flag);
  d.Value(kBornTimestamp, &h.born_timestamp);
  d.Value(kFlag, &h.flag);
  d.OptionalString(kProperties, &h.properties);
  d.OptionalValue(kReconsumeTimes, &h.reconsume_times);
  d.OptionalValue(kUnitMode, &h.unit_mode);
  d.OptionalValue(kMaxReconsumeTimes, &h.max_reconsume_times);
  d.OptionalValue(kBatch, &h.batch);
  d.OptionalString(kBname, &h.bname);
  if (!d.status().ok()) return d.status();
  return h;
}

}  // namespace rmq::remoting
