#include "remoting/json_header_fast_decode.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

#include "remoting/language_code.h"

namespace rmq::remoting {
namespace {

// A JSON scalar as the fast path understands it.
struct Scalar {
  enum Kind { kString, kInteger, kTrue, kFalse, kNull } kind = kNull;
  std::string text;     // kString: the decoded text; kInteger: the literal digits
  int64_t integer = 0;  // kInteger
};

class Scanner {
 public:
  explicit Scanner(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool Consume(char c) {
    SkipSpace();
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  bool Peek(char c) {
    SkipSpace();
    return p_ < end_ && *p_ == c;
  }
  bool AtEnd() {
    SkipSpace();
    return p_ == end_;
  }

  // A string of ASCII text whose escapes are the short ones or \u00XX below 0x80.
  bool String(std::string* out) {
    if (!Consume('"')) return false;
    out->clear();
    while (true) {
      const char* run = p_;
      while (p_ < end_) {
        auto u = static_cast<unsigned char>(*p_);
        if (u == '"' || u == '\\' || u < 0x20 || u >= 0x80) break;
        ++p_;
      }
      out->append(run, p_);
      if (p_ == end_) return false;
      char c = *p_++;
      if (c == '"') return true;
      if (c != '\\' || p_ == end_) return false;  // a control or non-ASCII byte: the full parser decides
      char e = *p_++;
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          if (end_ - p_ < 4 || p_[0] != '0' || p_[1] != '0') return false;
          int hi = Hex(p_[2]);
          int lo = Hex(p_[3]);
          if (hi < 0 || hi > 7 || lo < 0) return false;
          out->push_back(static_cast<char>(hi * 16 + lo));
          p_ += 4;
          break;
        }
        default:
          return false;
      }
    }
  }

  // A string, a canonical integer that fits int64, true, false or null.
  bool Value(Scalar* out) {
    SkipSpace();
    if (p_ == end_) return false;
    char c = *p_;
    if (c == '"') {
      out->kind = Scalar::kString;
      return String(&out->text);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return Integer(out);
    if (Literal("true")) {
      out->kind = Scalar::kTrue;
      return true;
    }
    if (Literal("false")) {
      out->kind = Scalar::kFalse;
      return true;
    }
    if (Literal("null")) {
      out->kind = Scalar::kNull;
      return true;
    }
    return false;  // an object, an array or malformed input
  }

 private:
  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Literal(const char* word) {
    size_t n = std::strlen(word);
    if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  // Leading zeros, "-0", fractions, exponents and more than 18 digits are left to the full
  // parser, so the literal text is always what std::to_string gives back.
  bool Integer(Scalar* out) {
    const char* begin = p_;
    if (*p_ == '-') ++p_;
    const char* digits = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    size_t count = static_cast<size_t>(p_ - digits);
    if (count == 0 || count > 18) return false;
    if (*digits == '0' && (count > 1 || digits != begin)) return false;
    if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
    auto [ptr, ec] = std::from_chars(begin, p_, out->integer);
    if (ec != std::errc() || ptr != p_) return false;
    out->kind = Scalar::kInteger;
    out->text.assign(begin, p_);
    return true;
  }

  const char* p_;
  const char* end_;
};

bool IsIntegerField(std::string_view key) {
  return key == "code" || key == "version" || key == "opaque" || key == "flag";
}

bool ExtFieldsObject(Scanner& in, RemotingCommand* command) {
  // A repeated "extFields" replaces the earlier one, as in the full parser.
  ExtFields& fields = command->mutable_ext_fields();
  fields = ExtFields();
  if (in.Consume('}')) return true;
  std::string key;
  Scalar value;
  do {
    if (!in.String(&key) || !in.Consume(':') || !in.Value(&value)) return false;
    switch (value.kind) {
      case Scalar::kString:
      case Scalar::kInteger:
        fields.Append(std::move(key), std::move(value.text));
        break;
      case Scalar::kTrue:
        fields.Append(std::move(key), "true");
        break;
      case Scalar::kFalse:
        fields.Append(std::move(key), "false");
        break;
      case Scalar::kNull:
        break;  // a null value is an absent key
    }
    key = std::string();
    value.text = std::string();
  } while (in.Consume(','));
  return in.Consume('}');
}

}  // namespace

bool FastDecodeJsonHeader(std::string_view header, RemotingCommand* command) {
  Scanner in(header);
  if (!in.Consume('{')) return false;
  if (!in.Consume('}')) {
    std::string key;
    Scalar value;
    do {
      if (!in.String(&key) || !in.Consume(':')) return false;
      if (key == "extFields" && in.Peek('{')) {
        in.Consume('{');
        if (!ExtFieldsObject(in, command)) return false;
        continue;
      }
      if (!in.Value(&value)) return false;
      if (IsIntegerField(key)) {
        if (value.kind != Scalar::kInteger || value.integer < std::numeric_limits<int32_t>::min() ||
            value.integer > std::numeric_limits<int32_t>::max()) {
          return false;  // numeric strings, nulls and range errors: the full parser's business
        }
        auto v = static_cast<int32_t>(value.integer);
        if (key == "code") command->set_code(v);
        else if (key == "version") command->set_version(v);
        else if (key == "opaque") command->set_opaque(v);
        else command->set_flag(v);
      } else if (key == "language") {
        std::optional<LanguageCode> language;
        if (value.kind == Scalar::kString) {
          language = LanguageFromName(value.text);
        } else if (value.kind == Scalar::kInteger) {
          language = LanguageFromOrdinal(value.integer);
        } else if (value.kind != Scalar::kNull) {
          return false;
        }
        if (value.kind != Scalar::kNull) command->set_language(language.value_or(LanguageCode::kOther));
      } else if (key == "remark") {
        if (value.kind == Scalar::kString || value.kind == Scalar::kInteger) {
          command->set_remark(std::move(value.text));
          value.text = std::string();
        } else if (value.kind == Scalar::kNull) {
          command->set_remark(std::nullopt);
        } else {
          return false;
        }
      } else if (key == "extFields") {
        return false;  // not an object: null resets, anything else is an error
      }
      // Any other property is ignored, as by the full parser.
    } while (in.Consume(','));
    if (!in.Consume('}')) return false;
  }
  return in.AtEnd();
}

}  // namespace rmq::remoting
