// Big-endian (network order) fixed-width integer encoding, shared by the frame codec, the
// message record codec and the store. Callers check bounds; these functions never do.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace rmq {

inline void EncodeBigEndian16(char* dst, uint16_t v) {
  dst[0] = static_cast<char>(v >> 8);
  dst[1] = static_cast<char>(v);
}
inline void EncodeBigEndian32(char* dst, uint32_t v) {
  dst[0] = static_cast<char>(v >> 24);
  dst[1] = static_cast<char>(v >> 16);
  dst[2] = static_cast<char>(v >> 8);
  dst[3] = static_cast<char>(v);
}
inline void EncodeBigEndian64(char* dst, uint64_t v) {
  EncodeBigEndian32(dst, static_cast<uint32_t>(v >> 32));
  EncodeBigEndian32(dst + 4, static_cast<uint32_t>(v));
}

inline uint16_t DecodeBigEndian16(const char* src) {
  const auto* p = reinterpret_cast<const unsigned char*>(src);
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}
inline uint32_t DecodeBigEndian32(const char* src) {
  const auto* p = reinterpret_cast<const unsigned char*>(src);
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}
inline uint64_t DecodeBigEndian64(const char* src) {
  return (uint64_t{DecodeBigEndian32(src)} << 32) | DecodeBigEndian32(src + 4);
}

inline void AppendBigEndian16(std::string* dst, uint16_t v) {
  char buf[2];
  EncodeBigEndian16(buf, v);
  dst->append(buf, 2);
}
inline void AppendBigEndian32(std::string* dst, uint32_t v) {
  char buf[4];
  EncodeBigEndian32(buf, v);
  dst->append(buf, 4);
}
inline void AppendBigEndian64(std::string* dst, uint64_t v) {
  char buf[8];
  EncodeBigEndian64(buf, v);
  dst->append(buf, 8);
}

}  // namespace rmq
