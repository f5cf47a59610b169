// JsonWriter: writes JSON text the way fastjson does (compact, strings escaped as fastjson
// escapes them) into memory the caller sized beforehand with the *Bound() functions, using
// plain stores instead of a capacity check per byte. Shared by the header encoder
// (json_header_codec.cc) and the typed extFields encoder of custom_header.h, which must write
// the same bytes. Internal to remoting.
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace rmq::remoting {

namespace json_writer_internal {

// Bytes fastjson writes with an escape: control characters, the quote and the backslash.
constexpr std::array<bool, 256> MakeEscapeTable() {
  std::array<bool, 256> escape{};
  for (int c = 0; c < 0x20; ++c) escape[static_cast<size_t>(c)] = true;
  escape['"'] = true;
  escape['\\'] = true;
  return escape;
}
inline constexpr std::array<bool, 256> kEscape = MakeEscapeTable();

}  // namespace json_writer_internal

class JsonWriter {
 public:
  explicit JsonWriter(char* p) : p_(p) {}
  char* end() const { return p_; }

  // The most bytes String(text) writes: every byte a \u00XX escape, plus the quotes.
  static constexpr size_t StringBound(std::string_view text) { return 6 * text.size() + 2; }
  // The most bytes Int() writes.
  static constexpr size_t kIntBound = 20;

  void Literal(std::string_view text) {
    std::memcpy(p_, text.data(), text.size());
    p_ += text.size();
  }
  void Char(char c) { *p_++ = c; }
  void Int(int64_t value) { p_ = std::to_chars(p_, p_ + kIntBound, value).ptr; }
  void String(std::string_view text) {
    *p_++ = '"';
    StringBody(text);
    *p_++ = '"';
  }
  // The escaped text without its quotes.
  void StringBody(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    size_t i = 0;
    while (i < text.size()) {
      // Runs that need no escaping (nearly all text) are copied whole.
      size_t run = i;
      while (run < text.size() && !json_writer_internal::kEscape[static_cast<unsigned char>(text[run])]) ++run;
      std::memcpy(p_, text.data() + i, run - i);
      p_ += run - i;
      if (run == text.size()) break;
      i = run + 1;
      auto u = static_cast<unsigned char>(text[run]);
      *p_++ = '\\';
      switch (u) {
        case '"': *p_++ = '"'; break;
        case '\\': *p_++ = '\\'; break;
        case '\n': *p_++ = 'n'; break;
        case '\r': *p_++ = 'r'; break;
        case '\t': *p_++ = 't'; break;
        case '\b': *p_++ = 'b'; break;
        case '\f': *p_++ = 'f'; break;
        default:
          Literal("u00");
          *p_++ = kHex[u >> 4];
          *p_++ = kHex[u & 0xF];
      }
    }
  }

 private:
  char* p_;
};

}  // namespace rmq::remoting
