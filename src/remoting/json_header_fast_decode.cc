#include "remoting/json_header_fast_decode.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

#include "remoting/ext_fields_json.h"
#include "remoting/json_plain_scan.h"
#include "remoting/language_code.h"

namespace rmq::remoting {
namespace {

using json_scan::SkipPlain;

// A JSON scalar as the fast path understands it. `text` points into the header (or, for a
// string with escapes, into a scratch buffer of the scanner's caller) and lives as long as it.
struct Scalar {
  enum Kind { kString, kInteger, kTrue, kFalse, kNull } kind = kNull;
  std::string_view text;  // kString: the decoded text; kInteger: the literal digits
  int64_t integer = 0;    // kInteger
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

  // A string of ASCII text whose escapes are the short ones or \u00XX below 0x80. Without
  // escapes (nearly always) `*out` points into the header and nothing is copied; otherwise the
  // text is decoded into `*scratch` and `*out` points there.
  bool String(std::string_view* out, std::string* scratch) {
    if (!Consume('"')) return false;
    const char* run = p_;
    p_ = SkipPlain(p_, end_);
    if (p_ == end_) return false;
    if (*p_ == '"') {
      *out = std::string_view(run, static_cast<size_t>(p_ - run));
      ++p_;
      return true;
    }
    scratch->assign(run, p_);
    while (true) {
      if (p_ == end_) return false;
      char c = *p_++;
      if (c == '"') {
        *out = *scratch;
        return true;
      }
      if (c != '\\' || p_ == end_) return false;  // a control or non-ASCII byte: the full parser decides
      char e = *p_++;
      switch (e) {
        case '"': scratch->push_back('"'); break;
        case '\\': scratch->push_back('\\'); break;
        case '/': scratch->push_back('/'); break;
        case 'b': scratch->push_back('\b'); break;
        case 'f': scratch->push_back('\f'); break;
        case 'n': scratch->push_back('\n'); break;
        case 'r': scratch->push_back('\r'); break;
        case 't': scratch->push_back('\t'); break;
        case 'u': {
          if (end_ - p_ < 4 || p_[0] != '0' || p_[1] != '0') return false;
          int hi = Hex(p_[2]);
          int lo = Hex(p_[3]);
          if (hi < 0 || hi > 7 || lo < 0) return false;
          scratch->push_back(static_cast<char>(hi * 16 + lo));
          p_ += 4;
          break;
        }
        default:
          return false;
      }
      run = p_;
      p_ = SkipPlain(p_, end_);
      scratch->append(run, p_);
    }
  }

  // A string, a canonical integer that fits int64, true, false or null.
  bool Value(Scalar* out, std::string* scratch) {
    SkipSpace();
    if (p_ == end_) return false;
    char c = *p_;
    if (c == '"') {
      out->kind = Scalar::kString;
      return String(&out->text, scratch);
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

  // An object in the plain form of ext_fields_json.h at the next token: its text, and the
  // scanner moved past it. False (and nothing consumed) for any other form.
  bool PlainObject(std::string_view* text) {
    SkipSpace();
    const char* object_end = ext_json::PlainObjectEnd(p_, end_);
    if (object_end == nullptr) return false;
    *text = std::string_view(p_, static_cast<size_t>(object_end - p_));
    p_ = object_end;
    return true;
  }

 private:
  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  template <size_t N>
  bool Literal(const char (&word)[N]) {
    constexpr size_t n = N - 1;
    if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  // Leading zeros, "-0", fractions, exponents and more than 18 digits are left to the full
  // parser, so the literal text is always what std::to_string gives back.
  bool Integer(Scalar* out) {
    const char* begin = p_;
    int64_t value = 0;
    if (!json_scan::ScanCanonicalInteger(p_, end_, &value)) return false;
    out->kind = Scalar::kInteger;
    out->integer = value;
    out->text = std::string_view(begin, static_cast<size_t>(p_ - begin));
    return true;
  }

  const char* p_;
  const char* end_;
};

// The top-level properties the decoder acts on; anything else is ignored.
enum class Key { kCode, kVersion, kOpaque, kFlag, kLanguage, kRemark, kExtFields, kOther };

Key Classify(std::string_view key) {
  switch (key.size()) {
    case 4:
      if (key == "code") return Key::kCode;
      if (key == "flag") return Key::kFlag;
      break;
    case 6:
      if (key == "opaque") return Key::kOpaque;
      if (key == "remark") return Key::kRemark;
      break;
    case 7:
      if (key == "version") return Key::kVersion;
      break;
    case 8:
      if (key == "language") return Key::kLanguage;
      break;
    case 9:
      if (key == "extFields") return Key::kExtFields;
      break;
    default:
      break;
  }
  return Key::kOther;
}

bool ExtFieldsObject(Scanner& in, RemotingCommand* command) {
  // A repeated "extFields" replaces the earlier one, as in the full parser.
  ExtFields& fields = command->mutable_ext_fields();
  fields = ExtFields();
  if (in.Consume('}')) return true;
  std::string key_scratch;
  std::string value_scratch;
  std::string_view key;
  Scalar value;
  do {
    if (!in.String(&key, &key_scratch) || !in.Consume(':') || !in.Value(&value, &value_scratch)) return false;
    switch (value.kind) {
      case Scalar::kString:
      case Scalar::kInteger:
        fields.Append(std::string(key), std::string(value.text));
        break;
      case Scalar::kTrue:
        fields.Append(std::string(key), "true");
        break;
      case Scalar::kFalse:
        fields.Append(std::string(key), "false");
        break;
      case Scalar::kNull:
        break;  // a null value is an absent key
    }
  } while (in.Consume(','));
  return in.Consume('}');
}

// `text` at `p`, which moves past it.
bool Expect(const char*& p, const char* end, std::string_view text) {
  if (static_cast<size_t>(end - p) < text.size() || std::memcmp(p, text.data(), text.size()) != 0) return false;
  p += text.size();
  return true;
}

// A canonical integer in int32's range at `p` (the general scan's rule for the four fields).
bool Int32At(const char*& p, const char* end, int32_t* out) {
  int64_t value = 0;
  if (!json_scan::ScanCanonicalInteger(p, end, &value) || value < std::numeric_limits<int32_t>::min() ||
      value > std::numeric_limits<int32_t>::max()) {
    return false;
  }
  *out = static_cast<int32_t>(value);
  return true;
}

// The rest of a string without escapes (`p` after its opening quote); `p` moves past its end.
bool PlainStringAt(const char*& p, const char* end, std::string_view* out) {
  const char* begin = p;
  p = SkipPlain(p, end);
  if (p == end || *p != '"') return false;
  *out = std::string_view(begin, static_cast<size_t>(p - begin));
  ++p;
  return true;
}

// The header exactly as fastjson and EncodeJsonHeader write it — keys in sorted order, compact,
// no escapes, the optional extFields and remark in their places — matched against its literal
// key texts instead of scanned token by token (a send response's header is decoded once per
// message on a producer). False at the first difference; `*command` is then to be discarded
// and the general scan decides. Sets `*plain_ext_fields` as ScanHeader does.
bool DecodeCanonicalHeader(std::string_view header, RemotingCommand* command, std::string_view* plain_ext_fields) {
  const char* p = header.data();
  const char* const end = p + header.size();
  int32_t value = 0;
  if (!Expect(p, end, "{\"code\":") || !Int32At(p, end, &value)) return false;
  command->set_code(value);
  if (Expect(p, end, ",\"extFields\":")) {
    const char* object_end = ext_json::PlainObjectEnd(p, end);
    if (object_end == nullptr) return false;
    *plain_ext_fields = std::string_view(p, static_cast<size_t>(object_end - p));
    command->mutable_ext_fields() = ExtFields();  // present, even when empty
    p = object_end;
  }
  if (!Expect(p, end, ",\"flag\":") || !Int32At(p, end, &value)) return false;
  command->set_flag(value);
  std::string_view text;
  if (!Expect(p, end, ",\"language\":\"") || !PlainStringAt(p, end, &text)) return false;
  command->set_language(LanguageFromName(text).value_or(LanguageCode::kOther));
  if (!Expect(p, end, ",\"opaque\":") || !Int32At(p, end, &value)) return false;
  command->set_opaque(value);
  if (Expect(p, end, ",\"remark\":\"")) {
    if (!PlainStringAt(p, end, &text)) return false;
    command->set_remark(std::string(text));
  }
  if (!Expect(p, end, ",\"serializeTypeCurrentRPC\":\"") || !PlainStringAt(p, end, &text)) return false;
  if (!Expect(p, end, ",\"version\":") || !Int32At(p, end, &value)) return false;
  command->set_version(value);
  return Expect(p, end, "}") && p == end;
}

// Any header of the fast path's form, token by token; the top-level fields go into `*command`
// and the last extFields object in the plain form into `*plain_ext_fields` (one in another form
// is decoded into the command's map here).
bool ScanHeader(std::string_view header, RemotingCommand* command, std::string_view* plain_ext_fields_out) {
  Scanner in(header);
  if (!in.Consume('{')) return false;
  std::string_view& plain_ext_fields = *plain_ext_fields_out;  // the last extFields object, when plain
  if (!in.Consume('}')) {
    std::string key_scratch;
    std::string value_scratch;
    std::string_view key_text;
    Scalar value;
    do {
      if (!in.String(&key_text, &key_scratch) || !in.Consume(':')) return false;
      const Key key = Classify(key_text);
      if (key == Key::kExtFields && in.Peek('{')) {
        // The plain form (what every encoder writes) is only located here: a response keeps it
        // as text for the typed decoders, anything else gets the map at the end. A repeated
        // "extFields" replaces the earlier one, as in the full parser.
        if (in.PlainObject(&plain_ext_fields)) {
          command->mutable_ext_fields() = ExtFields();
          continue;
        }
        plain_ext_fields = {};
        in.Consume('{');
        if (!ExtFieldsObject(in, command)) return false;
        continue;
      }
      if (!in.Value(&value, &value_scratch)) return false;
      switch (key) {
        case Key::kCode:
        case Key::kVersion:
        case Key::kOpaque:
        case Key::kFlag: {
          if (value.kind != Scalar::kInteger || value.integer < std::numeric_limits<int32_t>::min() ||
              value.integer > std::numeric_limits<int32_t>::max()) {
            return false;  // numeric strings, nulls and range errors: the full parser's business
          }
          auto v = static_cast<int32_t>(value.integer);
          if (key == Key::kCode) command->set_code(v);
          else if (key == Key::kVersion) command->set_version(v);
          else if (key == Key::kOpaque) command->set_opaque(v);
          else command->set_flag(v);
          break;
        }
        case Key::kLanguage: {
          std::optional<LanguageCode> language;
          if (value.kind == Scalar::kString) {
            language = LanguageFromName(value.text);
          } else if (value.kind == Scalar::kInteger) {
            language = LanguageFromOrdinal(value.integer);
          } else if (value.kind != Scalar::kNull) {
            return false;
          }
          if (value.kind != Scalar::kNull) command->set_language(language.value_or(LanguageCode::kOther));
          break;
        }
        case Key::kRemark:
          if (value.kind == Scalar::kString || value.kind == Scalar::kInteger) {
            command->set_remark(std::string(value.text));
          } else if (value.kind == Scalar::kNull) {
            command->set_remark(std::nullopt);
          } else {
            return false;
          }
          break;
        case Key::kExtFields:
          return false;  // not an object: null resets, anything else is an error
        case Key::kOther:
          break;  // ignored, as by the full parser
      }
    } while (in.Consume(','));
    if (!in.Consume('}')) return false;
  }
  return in.AtEnd();
}

}  // namespace

bool FastDecodeJsonHeader(std::string_view header, RemotingCommand* command) {
  std::string_view plain_ext_fields;
  if (!DecodeCanonicalHeader(header, command, &plain_ext_fields)) {
    *command = RemotingCommand();
    plain_ext_fields = {};
    if (!ScanHeader(header, command, &plain_ext_fields)) return false;
  }
  if (plain_ext_fields.size() > 2) {
    if (command->IsResponse()) {
      // One copy of the text instead of a string pair per entry; the typed decoders read it in
      // place (custom_header.h), anything else decodes it into the map on first use.
      command->set_ext_fields_json(std::string(plain_ext_fields));
    } else {
      ExtFields& fields = command->mutable_ext_fields();
      ext_json::ForEachPlainEntry(plain_ext_fields, [&fields](std::string_view key, std::string_view value) {
        fields.Append(std::string(key), std::string(value));
        return true;
      });
    }
  }
  return true;
}

}  // namespace rmq::remoting
