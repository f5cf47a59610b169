#include "common/json_writer.h"

#include <charconv>

namespace rmq {
namespace {

constexpr int64_t kMaxSafeInteger = int64_t{1} << 53;

// Decodes one UTF-8 sequence starting at text[*i]; invalid bytes come back as themselves
// (as if Latin-1), so the writer never drops input.
uint32_t NextCodePoint(std::string_view text, size_t* i) {
  auto lead = static_cast<unsigned char>(text[*i]);
  size_t extra = lead >= 0xF0 && lead < 0xF8 ? 3 : lead >= 0xE0 && lead < 0xF0 ? 2 : lead >= 0xC2 && lead < 0xE0 ? 1 : 0;
  if (extra == 0 || *i + extra >= text.size()) {
    ++*i;
    return lead;
  }
  uint32_t cp = lead & (0x3F >> extra);
  for (size_t k = 1; k <= extra; ++k) {
    auto c = static_cast<unsigned char>(text[*i + k]);
    if ((c & 0xC0) != 0x80) {
      ++*i;
      return lead;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  *i += extra + 1;
  return cp;
}

void AppendUnicodeEscape(uint32_t unit, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out->push_back(kHex[(unit >> shift) & 0xF]);
}

}  // namespace

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_element_.empty()) {
    if (has_element_.back()) out_.push_back(',');
    has_element_.back() = true;
  }
}

void JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  has_element_.push_back(false);
}

void JsonWriter::EndObject() {
  out_.push_back('}');
  has_element_.pop_back();
}

void JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  has_element_.push_back(false);
}

void JsonWriter::EndArray() {
  out_.push_back(']');
  has_element_.pop_back();
}

void JsonWriter::Key(std::string_view name) {
  BeforeValue();
  AppendQuoted(name);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::IntKey(int64_t key) {
  BeforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), key);
  if (style_ == Style::kStandard) out_.push_back('"');
  out_.append(buf, end);
  if (style_ == Style::kStandard) out_.push_back('"');
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendQuoted(value);
}

void JsonWriter::Int(int64_t value) {
  BeforeValue();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  bool quote = style_ == Style::kStandard && (value > kMaxSafeInteger || value < -kMaxSafeInteger);
  if (quote) out_.push_back('"');
  out_.append(buf, end);
  if (quote) out_.push_back('"');
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
}

void JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_.append(json);
}

void JsonWriter::StringArray(const std::vector<std::string>& values) {
  BeginArray();
  for (const auto& value : values) String(value);
  EndArray();
}

void JsonWriter::AppendQuoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_.push_back('"');
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      if (style_ == Style::kFastjson) {
        out_.push_back(c);
        ++i;
        continue;
      }
      uint32_t cp = NextCodePoint(text, &i);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        AppendUnicodeEscape(0xD800 + (cp >> 10), &out_);
        AppendUnicodeEscape(0xDC00 + (cp & 0x3FF), &out_);
      } else {
        AppendUnicodeEscape(cp, &out_);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': out_.append("\\\""); break;
      case '\\': out_.append("\\\\"); break;
      case '\n': out_.append("\\n"); break;
      case '\r': out_.append("\\r"); break;
      case '\t': out_.append("\\t"); break;
      case '\b': out_.append("\\b"); break;
      case '\f': out_.append("\\f"); break;
      case '/':
        if (style_ == Style::kStandard) out_.append("\\/");
        else out_.push_back('/');
        break;
      default:
        if (u < 0x20) {
          if (style_ == Style::kStandard) {
            AppendUnicodeEscape(u, &out_);
          } else {
            out_.append("\\u00");
            out_.push_back(kHex[u >> 4]);
            out_.push_back(kHex[u & 0xF]);
          }
        } else {
          out_.push_back(c);
        }
    }
  }
  out_.push_back('"');
}

}  // namespace rmq
