#include "common/properties_file.h"

#include <fstream>
#include <sstream>

namespace rmq {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Splits text into natural lines (\n, \r or \r\n).
std::vector<std::string_view> NaturalLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool EndsWithContinuation(std::string_view line) {
  size_t backslashes = 0;
  for (size_t i = line.size(); i > 0 && line[i - 1] == '\\'; --i) ++backslashes;
  return backslashes % 2 == 1;
}

// Resolves escapes in a raw key or value. `line` only feeds the error message.
Result<std::string> Unescape(std::string_view raw, const std::string& source, int line) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\' || i + 1 == raw.size()) {
      out.push_back(c);
      continue;
    }
    char e = raw[++i];
    switch (e) {
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        if (raw.size() - i - 1 < 4) {
          return InvalidArgument(source + ":" + std::to_string(line) + ": malformed \\uxxxx escape");
        }
        uint32_t unit = 0;
        for (size_t k = 1; k <= 4; ++k) {
          char h = raw[i + k];
          unit <<= 4;
          if (h >= '0' && h <= '9') unit |= h - '0';
          else if (h >= 'a' && h <= 'f') unit |= h - 'a' + 10;
          else if (h >= 'A' && h <= 'F') unit |= h - 'A' + 10;
          else return InvalidArgument(source + ":" + std::to_string(line) + ": malformed \\uxxxx escape");
        }
        i += 4;
        // Join a UTF-16 surrogate pair written as two escapes.
        if (unit >= 0xD800 && unit < 0xDC00 && raw.size() - i > 6 &&
            raw[i + 1] == '\\' && raw[i + 2] == 'u') {
          uint32_t low = 0;
          bool ok = true;
          for (size_t k = 3; k <= 6; ++k) {
            char h = raw[i + k];
            low <<= 4;
            if (h >= '0' && h <= '9') low |= h - '0';
            else if (h >= 'a' && h <= 'f') low |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') low |= h - 'A' + 10;
            else ok = false;
          }
          if (ok && low >= 0xDC00 && low < 0xE000) {
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        AppendUtf8(unit, &out);
        break;
      }
      default: out.push_back(e); break;
    }
  }
  return out;
}

}  // namespace

Result<PropertiesFile> PropertiesFile::Parse(std::string_view text, std::string source_name) {
  PropertiesFile file;
  file.source_name_ = std::move(source_name);
  std::vector<std::string_view> lines = NaturalLines(text);
  for (size_t n = 0; n < lines.size(); ++n) {
    std::string_view first = lines[n];
    size_t skip = 0;
    while (skip < first.size() && IsBlank(first[skip])) ++skip;
    first.remove_prefix(skip);
    if (first.empty() || first[0] == '#' || first[0] == '!') continue;
    int start_line = static_cast<int>(n + 1);
    // Join continuation lines into one logical line (the trailing backslash removed).
    std::string logical(first);
    while (EndsWithContinuation(logical)) {
      logical.pop_back();
      if (n + 1 >= lines.size()) break;
      std::string_view next = lines[++n];
      size_t lead = 0;
      while (lead < next.size() && IsBlank(next[lead])) ++lead;
      logical.append(next.substr(lead));
    }
    // The key ends at the first unescaped separator or blank.
    size_t i = 0;
    bool has_separator = false;
    while (i < logical.size()) {
      char c = logical[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '=' || c == ':') {
        has_separator = true;
        break;
      }
      if (IsBlank(c)) break;
      ++i;
    }
    size_t key_end = std::min(i, logical.size());
    size_t value_start = key_end;
    while (value_start < logical.size() && IsBlank(logical[value_start])) ++value_start;
    if (!has_separator && value_start < logical.size() &&
        (logical[value_start] == '=' || logical[value_start] == ':')) {
      ++value_start;
    } else if (has_separator) {
      ++value_start;
    }
    while (value_start < logical.size() && IsBlank(logical[value_start])) ++value_start;
    RMQ_ASSIGN_OR_RETURN(std::string key,
                         Unescape(std::string_view(logical).substr(0, key_end), file.source_name_, start_line));
    std::string_view raw_value =
        value_start < logical.size() ? std::string_view(logical).substr(value_start) : std::string_view();
    RMQ_ASSIGN_OR_RETURN(std::string value, Unescape(raw_value, file.source_name_, start_line));
    file.entries_.push_back(PropertyEntry{std::move(key), std::move(value), start_line});
  }
  return file;
}

Result<PropertiesFile> PropertiesFile::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open config file " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IoError("cannot read config file " + path);
  return Parse(buffer.str(), path);
}

const PropertyEntry* PropertiesFile::Find(std::string_view key) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

}  // namespace rmq
