// The inner loop of the JSON header fast paths: skipping the bytes a string token holds
// verbatim. Shared by the general fast decoder and the send-header decoder.
#pragma once

#include <array>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rmq::remoting::json_scan {

// Bytes a string token holds verbatim: printable ASCII (DEL included) but the quote and the
// backslash. Control bytes and bytes of 0x80 and above are left to the full parser.
constexpr std::array<bool, 256> MakePlainTable() {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return plain;
}
inline constexpr std::array<bool, 256> kPlain = MakePlainTable();

// The first byte in [p, end) that is not plain (kPlain), or `end`. Sixteen bytes per step with
// SSE2: strings are most of a header's bytes (properties, message ids), and the byte loop was
// the decoders' largest cost.
inline const char* SkipPlain(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // A signed compare flags both the control bytes and the bytes of 0x80 and above.
    const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                         _mm_cmplt_epi8(v, space));
    if (const int mask = _mm_movemask_epi8(special); mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  while (p < end && kPlain[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

// A canonical JSON integer at `p` of at most 18 digits (no leading zero, no "-0", no fraction
// or exponent), whose literal is what the full parser's number-to-text gives back. On success
// stores it in `*value` and moves `p` past it; anything else is left to the full parser
// (returns false). A 19th digit is refused before it could overflow.
inline bool ScanCanonicalInteger(const char*& p, const char* end, int64_t* value) {
  const char* q = p;
  const bool negative = q < end && *q == '-';
  if (negative) ++q;
  const char* digits = q;
  int64_t v = 0;
  while (q < end && *q >= '0' && *q <= '9') {
    if (q - digits == 18) return false;
    v = v * 10 + (*q - '0');
    ++q;
  }
  const auto count = static_cast<size_t>(q - digits);
  if (count == 0 || (*digits == '0' && (count > 1 || negative))) return false;
  if (q < end && (*q == '.' || *q == 'e' || *q == 'E')) return false;
  *value = negative ? -v : v;
  p = q;
  return true;
}

}  // namespace rmq::remoting::json_scan
