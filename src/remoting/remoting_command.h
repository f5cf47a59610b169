// RemotingCommand: the one frame type of the RocketMQ remoting protocol, used for requests,
// responses and oneway requests in both directions. A plain value type; not thread-safe.
// The wire layout lives in frame_codec.h, the header encodings in json_header_codec.h and
// binary_header_codec.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/mq_version.h"
#include "remoting/ext_fields.h"
#include "remoting/language_code.h"

namespace rmq::remoting {

enum class SerializeType : uint8_t { kJson = 0, kRocketMq = 1 };

// A piece of a body that lives elsewhere (a mapped store file) and is written to the socket
// without copying. `owner` keeps the memory alive until the write completes.
struct BodySegment {
  const char* data = nullptr;
  size_t size = 0;
  std::shared_ptr<const void> owner;
};

class RemotingCommand {
 public:
  static constexpr int32_t kResponseFlag = 0x1;
  static constexpr int32_t kOnewayFlag = 0x2;

  RemotingCommand() = default;

  // A request as our processes initiate it: JSON, language JAVA (peers then treat us as they
  // treat the Java suite), the current version, and a fresh non-negative opaque.
  static RemotingCommand CreateRequest(int32_t code);
  // A response to `request`: same opaque, response flag, and the request's serialize type, so
  // JSON-only peers (C++ client, ali-ons) only ever receive JSON.
  static RemotingCommand CreateResponse(const RemotingCommand& request, int32_t code,
                                        std::optional<std::string> remark = std::nullopt);

  int32_t code() const { return code_; }
  void set_code(int32_t code) { code_ = code; }
  LanguageCode language() const { return language_; }
  void set_language(LanguageCode language) { language_ = language; }
  int32_t version() const { return version_; }
  void set_version(int32_t version) { version_ = version; }
  int32_t opaque() const { return opaque_; }
  void set_opaque(int32_t opaque) { opaque_ = opaque; }
  int32_t flag() const { return flag_; }
  void set_flag(int32_t flag) { flag_ = flag; }
  SerializeType serialize_type() const { return serialize_type_; }
  void set_serialize_type(SerializeType type) { serialize_type_ = type; }

  bool IsResponse() const { return (flag_ & kResponseFlag) != 0; }
  bool IsOneway() const { return (flag_ & kOnewayFlag) != 0; }
  void MarkResponse() { flag_ |= kResponseFlag; }
  void MarkOneway() { flag_ |= kOnewayFlag; }

  // nullopt = no remark (JSON omits it); "" is kept distinct in JSON.
  const std::optional<std::string>& remark() const { return remark_; }
  void set_remark(std::optional<std::string> remark) { remark_ = std::move(remark); }

  // Whether the header has an "extFields" object at all (JSON `{}` differs from absent).
  bool has_ext_fields() const { return has_ext_fields_; }
  void set_has_ext_fields(bool present) {
    has_ext_fields_ = present;
    if (!present) ext_fields_json_.clear();
  }
  const ExtFields& ext_fields() const {
    if (!ext_fields_json_.empty()) MaterializeExtFields();
    return ext_fields_;
  }
  // Marks extFields present.
  ExtFields& mutable_ext_fields() {
    if (!ext_fields_json_.empty()) MaterializeExtFields();
    has_ext_fields_ = true;
    return ext_fields_;
  }
  // Null when absent.
  const std::string* ExtField(std::string_view key) const { return ext_fields().Find(key); }
  void SetExtField(std::string_view key, std::string value) {
    mutable_ext_fields().Set(key, std::move(value));
  }

  // The extFields as the text of a JSON object ("{...}", as EncodeJsonHeader writes it), held
  // instead of the map: typed encoders write it straight from a header struct
  // (EncodeCustomHeaderJson) and the JSON decoder keeps a response's this way (typed decoders
  // read it without building the map). Empty when the map is what the command holds. Any use
  // of the map decodes the text into it first, so the two forms are interchangeable; that
  // decoding mutates a const command, so even const access is not thread-safe here.
  const std::string& ext_fields_json() const { return ext_fields_json_; }
  // REQUIRES: `json` is one JSON object that DecodeJsonHeader accepts as extFields.
  void set_ext_fields_json(std::string json) {
    ext_fields_ = ExtFields();
    ext_fields_json_ = std::move(json);
    has_ext_fields_ = true;
  }

  // The inline body; BodySegments, if any, follow it on the wire.
  const std::string& body() const { return body_; }
  std::string& mutable_body() { return body_; }
  void set_body(std::string body) { body_ = std::move(body); }
  std::span<const BodySegment> body_segments() const {
    return more_segments_.empty() ? std::span<const BodySegment>(&first_segment_, segment_count_)
                                  : std::span<const BodySegment>(more_segments_);
  }
  void AddBodySegment(BodySegment segment);
  size_t body_size() const;

 private:
  // Decodes ext_fields_json_ into ext_fields_ and clears it.
  void MaterializeExtFields() const;

  int32_t code_ = 0;
  LanguageCode language_ = LanguageCode::kJava;
  int32_t version_ = MQVersion::kCurrent;
  int32_t opaque_ = 0;
  int32_t flag_ = 0;
  SerializeType serialize_type_ = SerializeType::kJson;
  std::optional<std::string> remark_;
  bool has_ext_fields_ = false;
  // The ext fields are in exactly one of these two (see ext_fields_json()).
  mutable ExtFields ext_fields_;
  mutable std::string ext_fields_json_;
  std::string body_;
  // One segment (a producer's body, kept for its retries) lives inline; with a second one all
  // move to more_segments_, so body_segments() stays one contiguous span.
  BodySegment first_segment_;
  size_t segment_count_ = 0;
  std::vector<BodySegment> more_segments_;
};

}  // namespace rmq::remoting
