#include "remoting/send_header_json.h"

#include <array>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>

#include "remoting/custom_header.h"
#include "remoting/json_plain_scan.h"
#include "remoting/language_code.h"
#include "remoting/request_code.h"
#include "remoting/send_header_fields.h"

namespace rmq::remoting {
namespace {

using json_scan::SkipPlain;

inline int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Appends the text of a checked string token's contents, escapes decoded.
void AppendUnescaped(std::string_view raw, std::string* out) {
  const char* p = raw.data();
  const char* end = p + raw.size();
  while (p < end) {
    const auto* slash = static_cast<const char*>(std::memchr(p, '\\', static_cast<size_t>(end - p)));
    if (slash == nullptr) {
      out->append(p, end);
      return;
    }
    out->append(p, slash);
    const char e = slash[1];
    p = slash + 2;
    switch (e) {
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u':
        out->push_back(static_cast<char>(HexDigit(p[2]) * 16 + HexDigit(p[3])));
        p += 4;
        break;
      default: out->push_back(e); break;  // '"', '\\', '/'
    }
  }
}

// A scalar as it stands in the header. No member initializers: the decoder keeps one per send
// field, and zeroing them all per request showed in profiles; Parser::Scalar sets every member.
struct Raw {
  enum Kind : uint8_t { kString, kInteger, kTrue, kFalse, kNull };
  Kind kind;
  bool escaped;           // kString: holds backslash escapes
  std::string_view text;  // kString: between the quotes, undecoded; otherwise the literal
  int64_t integer;        // kInteger
};

class Parser {
 public:
  explicit Parser(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

  bool Eat(char c) {
    Space();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool AtEnd() {
    Space();
    return p_ == end_;
  }

  // A string token whose escapes are the short ones or \u00XX below 0x80.
  bool String(std::string_view* raw, bool* escaped) {
    if (!Eat('"')) return false;
    const char* begin = p_;
    bool any = false;
    while (true) {
      p_ = SkipPlain(p_, end_);
      if (p_ == end_) return false;
      if (*p_ == '"') break;
      if (*p_ != '\\' || end_ - p_ < 2) return false;  // a control or non-ASCII byte
      any = true;
      switch (p_[1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p_ += 2;
          break;
        case 'u': {
          if (end_ - p_ < 6 || p_[2] != '0' || p_[3] != '0') return false;
          const int hi = HexDigit(p_[4]);
          if (hi < 0 || hi > 7 || HexDigit(p_[5]) < 0) return false;
          p_ += 6;
          break;
        }
        default:
          return false;
      }
    }
    *raw = std::string_view(begin, static_cast<size_t>(p_ - begin));
    *escaped = any;
    ++p_;
    return true;
  }

  bool Scalar(Raw* out) {
    Space();
    if (p_ == end_) return false;
    out->integer = 0;
    const char c = *p_;
    if (c == '"') {
      out->kind = Raw::kString;
      return String(&out->text, &out->escaped);
    }
    out->escaped = false;
    if (c == '-' || (c >= '0' && c <= '9')) return Integer(out);
    if (Word("true")) {
      out->kind = Raw::kTrue;
      out->text = "true";
      return true;
    }
    if (Word("false")) {
      out->kind = Raw::kFalse;
      out->text = "false";
      return true;
    }
    if (Word("null")) {
      out->kind = Raw::kNull;
      out->text = {};
      return true;
    }
    return false;  // objects, arrays, malformed input
  }

 private:
  void Space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool Word(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0) return false;
    p_ += word.size();
    return true;
  }

  // Canonical integers of at most 18 digits (no leading zero, no "-0", no fraction or exponent):
  // their literal is what the full parser's number-to-text gives back.
  bool Integer(Raw* out) {
    const char* begin = p_;
    int64_t value = 0;
    if (!json_scan::ScanCanonicalInteger(p_, end_, &value)) return false;
    out->kind = Raw::kInteger;
    out->integer = value;
    out->text = std::string_view(begin, static_cast<size_t>(p_ - begin));
    return true;
  }

  const char* p_;
  const char* end_;
};

using namespace send_header_fields;

bool Int32Of(const Raw& value, int32_t* out) {
  if (value.kind != Raw::kInteger || value.integer < std::numeric_limits<int32_t>::min() ||
      value.integer > std::numeric_limits<int32_t>::max()) {
    return false;
  }
  *out = static_cast<int32_t>(value.integer);
  return true;
}

// One top-level member other than extFields, as DecodeJsonHeader's fast path takes it; false
// for what it leaves to the full parser.
bool TopLevelMember(std::string_view key, const Raw& value, RemotingCommand* command, std::string* scratch) {
  int32_t number = 0;
  switch (key.size()) {
    case 4:
      if (key == "code" || key == "flag") {
        if (!Int32Of(value, &number)) return false;  // numeric strings, nulls, range errors
        key[0] == 'c' ? command->set_code(number) : command->set_flag(number);
      }
      return true;
    case 6:
      if (key == "opaque") {
        if (!Int32Of(value, &number)) return false;
        command->set_opaque(number);
      } else if (key == "remark") {
        if (value.kind == Raw::kString) {
          scratch->clear();
          AppendUnescaped(value.text, scratch);
          command->set_remark(*scratch);
        } else if (value.kind == Raw::kInteger) {
          command->set_remark(std::string(value.text));
        } else if (value.kind == Raw::kNull) {
          command->set_remark(std::nullopt);
        } else {
          return false;
        }
      }
      return true;
    case 7:
      if (key == "version") {
        if (!Int32Of(value, &number)) return false;
        command->set_version(number);
      }
      return true;
    case 8:
      if (key == "language") {
        if (value.kind == Raw::kString && !value.escaped) {
          command->set_language(LanguageFromName(value.text).value_or(LanguageCode::kOther));
        } else if (value.kind == Raw::kInteger) {
          command->set_language(LanguageFromOrdinal(value.integer).value_or(LanguageCode::kOther));
        } else if (value.kind != Raw::kNull) {
          return false;
        }
      }
      return true;
    default:
      return true;  // any other member is ignored, as by the full parser
  }
}

// Turns the raw values of the send fields into the typed header, with the wording and the
// order of checks of TakeSendMessageRequestHeader.
class Materializer {
 public:
  Materializer(const std::array<std::string_view, kFieldCount>& names, const std::array<Raw, kFieldCount>& values,
               uint32_t present)
      : names_(names), values_(values), present_(present) {}

  const Status& status() const { return status_; }

  void String(uint32_t field, std::string* out) {
    if (!status_.ok()) return;
    if (!Has(field)) return Missing(field);
    Text(values_[field], out);
  }
  void OptionalString(uint32_t field, std::optional<std::string>* out) {
    if (!status_.ok() || !Has(field)) return;
    Text(values_[field], &out->emplace());
  }
  template <typename T>
  void Value(uint32_t field, T* out) {
    if (!status_.ok()) return;
    if (!Has(field)) return Missing(field);
    Parse(field, out);
  }
  template <typename T>
  void OptionalValue(uint32_t field, std::optional<T>* out) {
    if (!status_.ok() || !Has(field)) return;
    T value{};
    Parse(field, &value);
    if (status_.ok()) *out = value;
  }

 private:
  bool Has(uint32_t field) const { return (present_ >> field) & 1U; }

  static void Text(const Raw& value, std::string* out) {
    if (!value.escaped) {
      out->assign(value.text);
      return;
    }
    out->clear();
    out->reserve(value.text.size());
    AppendUnescaped(value.text, out);
  }
  template <typename T>
  void Parse(uint32_t field, T* out) {
    const Raw& value = values_[field];
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      // The literal was read already; ParseValue only for the rest (and for its error text).
      if (value.kind == Raw::kInteger && value.integer >= std::numeric_limits<T>::min() &&
          value.integer <= std::numeric_limits<T>::max()) {
        *out = static_cast<T>(value.integer);
        return;
      }
    }
    if (!value.escaped) {
      status_ = custom_header_internal::ParseValue(names_[field], value.text, out);
      return;
    }
    std::string text;
    Text(value, &text);
    status_ = custom_header_internal::ParseValue(names_[field], text, out);
  }
  void Missing(uint32_t field) {
    status_ = InvalidArgument("the custom field <" + std::string(names_[field]) + "> is null");
  }

  const std::array<std::string_view, kFieldCount>& names_;
  const std::array<Raw, kFieldCount>& values_;
  const uint32_t present_;
  Status status_;
};

}  // namespace

bool DecodeJsonSendRequest(std::string_view header, int32_t code, RemotingCommand* command,
                           std::optional<Result<SendMessageRequestHeader>>* send_header) {
  const bool v2 = code == RequestCode::kSendMessageV2 || code == RequestCode::kSendBatchMessage;
  if (!v2 && code != RequestCode::kSendMessage) return false;
  // The raw value of each send field's last non-null occurrence, as the map DecodeJsonHeader
  // fills (a null member is an absent key; a repeated key reads as its last value).
  // Only the entries whose bit is set in `present` are ever read.
  std::array<Raw, kFieldCount> values;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  uint32_t present = 0;
  std::string scratch;
  Parser in(header);
  if (!in.Eat('{')) return false;
  if (!in.Eat('}')) {
    bool seen_ext = false;
    std::string_view key;
    bool escaped = false;
    Raw value;  // NOLINT(cppcoreguidelines-pro-type-member-init): Scalar fills it
    do {
      if (!in.String(&key, &escaped) || escaped || !in.Eat(':')) return false;
      if (key != "extFields") {
        if (!in.Scalar(&value) || !TopLevelMember(key, value, command, &scratch)) return false;
        continue;
      }
      // A repeated or non-object extFields is the full parser's business.
      if (seen_ext || !in.Eat('{')) return false;
      seen_ext = true;
      command->set_has_ext_fields(true);
      if (in.Eat('}')) continue;
      do {
        if (!in.String(&key, &escaped) || !in.Eat(':') || !in.Scalar(&value)) return false;
        if (value.kind == Raw::kNull) continue;
        if (escaped) {
          scratch.clear();
          AppendUnescaped(key, &scratch);
          key = scratch;
        }
        if (const size_t field = FieldOf(key, v2); field < kFieldCount) {
          values[field] = value;
          present |= 1U << field;
        }
      } while (in.Eat(','));
      if (!in.Eat('}')) return false;
    } while (in.Eat(','));
    if (!in.Eat('}')) return false;
  }
  if (!in.AtEnd() || command->code() != code) return false;

  SendMessageRequestHeader h;
  Materializer m(v2 ? kV2Names : kV1Names, values, present);
  m.String(kProducerGroup, &h.producer_group);
  m.String(kTopic, &h.topic);
  m.String(kDefaultTopic, &h.default_topic);
  m.Value(kDefaultTopicQueueNums, &h.default_topic_queue_nums);
  m.Value(kQueueId, &h.queue_id);
  m.Value(kSysFlag, &h.sys_flag);
  m.Value(kBornTimestamp, &h.born_timestamp);
  m.Value(kFlag, &h.flag);
  m.OptionalString(kProperties, &h.properties);
  m.OptionalValue(kReconsumeTimes, &h.reconsume_times);
  m.OptionalValue(kUnitMode, &h.unit_mode);
  m.OptionalValue(kMaxReconsumeTimes, &h.max_reconsume_times);
  m.OptionalValue(kBatch, &h.batch);
  m.OptionalString(kBname, &h.bname);
  if (m.status().ok()) {
    send_header->emplace(std::move(h));
  } else {
    send_header->emplace(m.status());
  }
  return true;
}

}  // namespace rmq::remoting
