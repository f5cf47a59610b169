// JSON header codec (serialize type 0). The decoder tries the hand-written fast path of
// json_header_fast_decode.h first and otherwise runs a SAX handler over nlohmann's parser (no
// DOM either way); the encoder writes fastjson's layout by hand.
#include <array>
#include <charconv>
#include <cstring>
#include <limits>

#include <nlohmann/json.hpp>

#include "remoting/header_codec.h"
#include "remoting/json_header_fast_decode.h"
#include "remoting/json_writer.h"

namespace rmq::remoting {
namespace {

// Fills a RemotingCommand from parser events. Depth 1 is the header object, depth 2 the
// extFields object; values nested anywhere else belong to unknown properties and are skipped.
class HeaderSax {
 public:
  using number_integer_t = nlohmann::json::number_integer_t;
  using number_unsigned_t = nlohmann::json::number_unsigned_t;
  using number_float_t = nlohmann::json::number_float_t;
  using string_t = nlohmann::json::string_t;
  using binary_t = nlohmann::json::binary_t;

  explicit HeaderSax(RemotingCommand* command) : command_(command) {}

  const Status& error() const { return error_; }

  bool null() {
    if (depth_ == 0) return Fail("header must be a JSON object, got null");
    if (InExtFields()) return true;  // a null value is an absent key
    if (AtTopLevelValue()) {
      if (key_ == "remark") {
        command_->set_remark(std::nullopt);
      } else if (key_ == "extFields") {
        // A later null replaces an earlier object, entries included.
        command_->mutable_ext_fields() = ExtFields();
        command_->set_has_ext_fields(false);
      } else if (IsIntegerField()) {
        return Fail("header field " + key_ + " must be an integer, got null");
      }
    }
    return true;
  }
  bool boolean(bool value) { return Scalar(value ? "true" : "false", std::nullopt); }
  bool number_integer(number_integer_t value) { return Scalar(std::to_string(value), value); }
  bool number_unsigned(number_unsigned_t value) {
    std::optional<int64_t> as_signed;
    if (value <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      as_signed = static_cast<int64_t>(value);
    }
    return Scalar(std::to_string(value), as_signed);
  }
  bool number_float(number_float_t, const string_t& raw) { return Scalar(raw, std::nullopt); }
  bool string(string_t& value) { return Scalar(std::move(value), std::nullopt, /*is_string=*/true); }
  bool binary(binary_t&) { return Fail("binary values are not JSON"); }

  bool start_object(std::size_t) {
    ++depth_;
    if (depth_ == 1) return true;
    if (depth_ == 2 && skip_depth_ == 0 && key_ == "extFields") {
      in_ext_fields_ = true;
      // A repeated "extFields" replaces the earlier one, as a JSON object's last key wins.
      command_->mutable_ext_fields() = ExtFields();
      return true;
    }
    return Nested();
  }
  bool end_object() {
    if (depth_ == 2 && in_ext_fields_) in_ext_fields_ = false;
    return Leave();
  }
  bool start_array(std::size_t) {
    ++depth_;
    if (depth_ == 1) return Fail("header must be a JSON object, got an array");
    return Nested();
  }
  bool end_array() { return Leave(); }
  bool key(string_t& name) {
    if (depth_ == 1) key_ = std::move(name);
    else if (InExtFields()) ext_key_ = std::move(name);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    // nlohmann's message starts with "[json.exception.parse_error.101] "; keep the readable part.
    std::string what = e.what();
    auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    return Fail("malformed JSON header at byte " + std::to_string(position) + ": " + what);
  }

 private:
  bool InExtFields() const { return in_ext_fields_ && depth_ == 2 && skip_depth_ == 0; }
  bool AtTopLevelValue() const { return depth_ == 1 && skip_depth_ == 0; }
  bool IsIntegerField() const {
    return key_ == "code" || key_ == "version" || key_ == "opaque" || key_ == "flag";
  }

  bool Nested() {
    if (InExtFieldsValue()) {
      return Fail("extFields." + ext_key_ + " must be a string, number or boolean");
    }
    if (depth_ == 2 && key_ == "extFields") return Fail("header field extFields must be an object");
    if (depth_ == 2 && (IsIntegerField() || key_ == "language" || key_ == "remark")) {
      return Fail("header field " + key_ + " must be a scalar, got an object or array");
    }
    if (skip_depth_ == 0) skip_depth_ = depth_;
    return true;
  }
  bool InExtFieldsValue() const { return in_ext_fields_ && depth_ == 3 && skip_depth_ == 0; }
  bool Leave() {
    if (skip_depth_ == depth_) skip_depth_ = 0;
    --depth_;
    return true;
  }

  bool Scalar(std::string text, std::optional<int64_t> integer, bool is_string = false) {
    if (depth_ == 0) return Fail("header must be a JSON object");
    if (InExtFields()) {
      command_->mutable_ext_fields().Append(std::move(ext_key_), std::move(text));
      return true;
    }
    if (!AtTopLevelValue()) return true;
    if (IsIntegerField()) {
      int64_t value = 0;
      if (integer) {
        value = *integer;
      } else if (is_string) {
        // fastjson converts numeric strings; accept them too.
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size()) {
          return Fail("header field " + key_ + " must be an integer, got \"" + text + "\"");
        }
      } else {
        return Fail("header field " + key_ + " must be an integer, got " + text);
      }
      if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) {
        return Fail("header field " + key_ + " is out of the int32 range: " + std::to_string(value));
      }
      auto v = static_cast<int32_t>(value);
      if (key_ == "code") command_->set_code(v);
      else if (key_ == "version") command_->set_version(v);
      else if (key_ == "opaque") command_->set_opaque(v);
      else command_->set_flag(v);
    } else if (key_ == "language") {
      std::optional<LanguageCode> language =
          integer ? LanguageFromOrdinal(*integer) : LanguageFromName(text);
      // An unknown language must not fail the request.
      command_->set_language(language.value_or(LanguageCode::kOther));
    } else if (key_ == "remark") {
      command_->set_remark(std::move(text));
    } else if (key_ == "extFields") {
      return Fail("header field extFields must be an object, got " + text);
    }
    return true;
  }

  bool Fail(std::string message) {
    if (error_.ok()) error_ = Corruption(std::move(message));
    return false;
  }

  RemotingCommand* command_;
  Status error_;
  int depth_ = 0;
  int skip_depth_ = 0;  // depth at which an ignored nested value started; 0 = not skipping
  bool in_ext_fields_ = false;
  std::string key_;
  std::string ext_key_;
};

}  // namespace

void EncodeJsonHeader(const RemotingCommand& command, std::string* out) {
  // Sized for the worst case first (fixed text, five integers of at most 20 characters, every
  // string fully escaped), written with plain stores, then trimmed to what was written.
  const std::string_view language = LanguageName(command.language());
  // Ext fields a typed encoder already wrote as JSON are copied as they are.
  const std::string& ext_json = command.ext_fields_json();
  size_t bound = 160 + JsonWriter::StringBound(language) + ext_json.size();
  if (command.has_ext_fields() && ext_json.empty()) {
    for (const auto& [key, value] : command.ext_fields()) {
      bound += JsonWriter::StringBound(key) + JsonWriter::StringBound(value) + 2;
    }
  }
  if (command.remark()) bound += 12 + JsonWriter::StringBound(*command.remark());
  const size_t start = out->size();
  out->resize(start + bound);
  JsonWriter w(out->data() + start);
  w.Literal("{\"code\":");
  w.Int(command.code());
  if (!ext_json.empty()) {
    w.Literal(",\"extFields\":");
    w.Literal(ext_json);
  } else if (command.has_ext_fields()) {
    w.Literal(",\"extFields\":{");
    bool first = true;
    for (const auto& [key, value] : command.ext_fields()) {
      if (!first) w.Literal(",");
      first = false;
      w.String(key);
      w.Literal(":");
      w.String(value);
    }
    w.Literal("}");
  }
  w.Literal(",\"flag\":");
  w.Int(command.flag());
  w.Literal(",\"language\":");
  w.String(language);
  w.Literal(",\"opaque\":");
  w.Int(command.opaque());
  if (command.remark()) {
    w.Literal(",\"remark\":");
    w.String(*command.remark());
  }
  w.Literal(",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":");
  w.Int(command.version());
  w.Literal("}");
  out->resize(static_cast<size_t>(w.end() - out->data()));
}

Result<RemotingCommand> DecodeJsonHeader(std::string_view header) {
  RemotingCommand command;
  if (FastDecodeJsonHeader(header, &command)) return command;
  return DecodeJsonHeaderWithFullParser(header);
}

Status DecodeJsonExtFields(std::string_view object, ExtFields* out) {
  // Rare (a typed encoder's output read back as a map): decoded as the extFields of a header.
  std::string header;
  header.reserve(object.size() + 14);
  header.append("{\"extFields\":").append(object).append("}");
  RMQ_ASSIGN_OR_RETURN(RemotingCommand command, DecodeJsonHeader(header));
  *out = std::move(command.mutable_ext_fields());
  return Status::Ok();
}

Result<RemotingCommand> DecodeJsonHeaderWithFullParser(std::string_view header) {
  RemotingCommand command;
  HeaderSax sax(&command);
  bool parsed = nlohmann::json::sax_parse(header.begin(), header.end(), &sax);
  if (!parsed) {
    if (!sax.error().ok()) return sax.error();
    return Corruption("malformed JSON header");
  }
  return command;
}

}  // namespace rmq::remoting
