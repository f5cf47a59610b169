#include "common/crc32.h"

#include <zlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace rmq {

namespace {

uint32_t ZlibCrc32(uint32_t crc, const char* data, size_t size) {
  uLong c = crc;
  const auto* p = reinterpret_cast<const Bytef*>(data);
  while (size > 0) {
    uInt chunk = size > (1u << 30) ? (1u << 30) : static_cast<uInt>(size);
    c = crc32(c, p, chunk);
    p += chunk;
    size -= chunk;
  }
  return static_cast<uint32_t>(c);
}

#if defined(__x86_64__)
#define RMQ_CLMUL_TARGET __attribute__((target("pclmul,sse4.1")))

RMQ_CLMUL_TARGET inline __m128i Load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }

// acc * x^128 folded onto `next` with the constant pair `k`.
RMQ_CLMUL_TARGET inline __m128i Fold(__m128i acc, __m128i next, __m128i k) {
  __m128i hi = _mm_clmulepi64_si128(acc, k, 0x11);
  return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(acc, k, 0x00), hi), next);
}

// The 16-byte tail folds and the final reduction of one 128-bit accumulator.
RMQ_CLMUL_TARGET inline __attribute__((always_inline)) uint32_t FinishCrc32(__m128i x1, const char* data, size_t size) {
  const __m128i k3k4 = _mm_set_epi64x(0x00000000ccaa009eLL, 0x00000001751997d0LL);
  const __m128i k5 = _mm_set_epi64x(0, 0x0000000163cd6124LL);
  const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
  const __m128i poly_mu = _mm_set_epi64x(0x00000001F7011641LL, 0x00000001DB710641LL);
  while (size >= 16) {
    x1 = Fold(x1, Load(data), k3k4);
    data += 16;
    size -= 16;
  }
  // 128 → 64 bits (appending 32 zero bits), then 64 → 32, then Barrett.
  __m128i t = _mm_clmulepi64_si128(k3k4, x1, 0x01);
  x1 = _mm_xor_si128(_mm_srli_si128(x1, 8), t);
  __m128i x2b = _mm_srli_si128(x1, 4);
  x1 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, mask32), k5, 0x00), x2b);
  __m128i saved = x1;
  x1 = _mm_clmulepi64_si128(_mm_and_si128(x1, mask32), poly_mu, 0x10);
  x1 = _mm_clmulepi64_si128(_mm_and_si128(x1, mask32), poly_mu, 0x00);
  x1 = _mm_xor_si128(x1, saved);
  return static_cast<uint32_t>(_mm_extract_epi32(x1, 1));
}

// Folding by four 128-bit lanes, then by one, then Barrett reduction, for the bit-reflected
// polynomial 0x04C11DB7 ("Fast CRC Computation for Generic Polynomials Using PCLMULQDQ",
// Gopal et al., Intel 2009). `crc` is the raw register (not inverted); REQUIRES: size >= 64 and
// size % 16 == 0.
RMQ_CLMUL_TARGET uint32_t FoldCrc32(uint32_t crc, const char* data, size_t size) {
  const __m128i k1k2 = _mm_set_epi64x(0x00000001c6e41596LL, 0x0000000154442bd4LL);
  const __m128i k3k4 = _mm_set_epi64x(0x00000000ccaa009eLL, 0x00000001751997d0LL);

  __m128i x1 = _mm_xor_si128(Load(data), _mm_cvtsi32_si128(static_cast<int>(crc)));
  __m128i x2 = Load(data + 16);
  __m128i x3 = Load(data + 32);
  __m128i x4 = Load(data + 48);
  data += 64;
  size -= 64;
  while (size >= 64) {
    x1 = Fold(x1, Load(data), k1k2);
    x2 = Fold(x2, Load(data + 16), k1k2);
    x3 = Fold(x3, Load(data + 32), k1k2);
    x4 = Fold(x4, Load(data + 48), k1k2);
    data += 64;
    size -= 64;
  }
  x1 = Fold(x1, x2, k3k4);
  x1 = Fold(x1, x3, k3k4);
  x1 = Fold(x1, x4, k3k4);
  return FinishCrc32(x1, data, size);
}

#define RMQ_VCLMUL_TARGET __attribute__((target("avx2,vpclmulqdq,pclmul,sse4.1")))

RMQ_VCLMUL_TARGET inline __m256i Load256(const char* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}

// Each 128-bit lane of `acc` times x^D folded onto `next` (D given by the constant pair `k`).
RMQ_VCLMUL_TARGET inline __m256i Fold256(__m256i acc, __m256i next, __m256i k) {
  __m256i hi = _mm256_clmulepi64_epi128(acc, k, 0x11);
  return _mm256_xor_si256(_mm256_xor_si256(_mm256_clmulepi64_epi128(acc, k, 0x00), hi), next);
}

// The same folding over four 256-bit accumulators (128 bytes a round, two 128-bit lanes per
// instruction: twice the work per instruction of FoldCrc32), for CPUs with VPCLMULQDQ. The
// constants are x^(D+32) and x^(D-32) mod P, bit-reflected and shifted left by one, for fold
// distances D of 1024 bits (a round) and 256 bits (one accumulator). REQUIRES: size >= 128 and
// size % 16 == 0.
RMQ_VCLMUL_TARGET uint32_t FoldCrc32Avx2(uint32_t crc, const char* data, size_t size) {
  const __m256i k1024 = _mm256_set_epi64x(0x000000014a7fe880LL, 0x00000001e88ef372LL, 0x000000014a7fe880LL,
                                          0x00000001e88ef372LL);
  const __m256i k256 = _mm256_set_epi64x(0x000000015a546366LL, 0x00000000f1da05aaLL, 0x000000015a546366LL,
                                         0x00000000f1da05aaLL);
  const __m128i k3k4 = _mm_set_epi64x(0x00000000ccaa009eLL, 0x00000001751997d0LL);
  __m256i x0 = _mm256_xor_si256(Load256(data), _mm256_zextsi128_si256(_mm_cvtsi32_si128(static_cast<int>(crc))));
  __m256i x1 = Load256(data + 32);
  __m256i x2 = Load256(data + 64);
  __m256i x3 = Load256(data + 96);
  data += 128;
  size -= 128;
  while (size >= 128) {
    x0 = Fold256(x0, Load256(data), k1024);
    x1 = Fold256(x1, Load256(data + 32), k1024);
    x2 = Fold256(x2, Load256(data + 64), k1024);
    x3 = Fold256(x3, Load256(data + 96), k1024);
    data += 128;
    size -= 128;
  }
  x0 = Fold256(x0, x1, k256);
  x0 = Fold256(x0, x2, k256);
  x0 = Fold256(x0, x3, k256);
  while (size >= 32) {
    x0 = Fold256(x0, Load256(data), k256);
    data += 32;
    size -= 32;
  }
  __m128i acc = Fold(_mm256_castsi256_si128(x0), _mm256_extracti128_si256(x0, 1), k3k4);
  return FinishCrc32(acc, data, size);
}

bool HasPclmul() {
  static const bool has = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return has;
}

bool HasVpclmul() {
  static const bool has = HasPclmul() && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("vpclmulqdq");
  return has;
}
#endif

}  // namespace

uint32_t Crc32(uint32_t crc, const char* data, size_t size) {
#if defined(__x86_64__)
  if (size >= 64 && HasPclmul()) {
    const size_t bulk = size & ~size_t{15};
    crc = bulk >= 256 && HasVpclmul() ? ~FoldCrc32Avx2(~crc, data, bulk) : ~FoldCrc32(~crc, data, bulk);
    data += bulk;
    size -= bulk;
  }
#endif
  return size == 0 ? crc : ZlibCrc32(crc, data, size);
}

}  // namespace rmq
