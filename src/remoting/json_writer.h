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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The first byte in [p, end) that fastjson escapes (kEscape), or `end`. Sixteen bytes per step
// with SSE2: a send's properties value is one long string with a \u0001 or \u0002 escape every
// few bytes, and a byte-at-a-time scan of its runs was most of the request header's writing.
inline const char* SkipUnescaped(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Unsigned v <= 0x1F is min(v, 0x1F) == v; bytes of 0x80 and above are written verbatim.
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, last_control), v);
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control);
    if (const int mask = _mm_movemask_epi8(special); mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && !kEscape[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

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
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
      // Runs that need no escaping (nearly all text) are copied whole.
      const char* run_end = json_writer_internal::SkipUnescaped(p, end);
      std::memcpy(p_, p, static_cast<size_t>(run_end - p));
      p_ += run_end - p;
      if (run_end == end) break;
      p = run_end + 1;
      auto u = static_cast<unsigned char>(*run_end);
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
          // One 4-byte store for "u00" and the high digit (a control byte's is 0 or 1).
          std::memcpy(p_, u < 0x10 ? "u000" : "u001", 4);
          p_[4] = kHex[u & 0xF];
          p_ += 5;
      }
    }
  }

 private:
  char* p_;
};

}  // namespace rmq::remoting
