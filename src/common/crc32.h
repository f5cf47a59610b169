// CRC-32/IEEE as zlib's crc32() computes it, with a PCLMULQDQ folding path for inputs of 64 bytes
// and more, and a 256-bit VPCLMULQDQ (AVX2) one from 256 bytes, on CPUs that have them (the body
// CRC of every appended message is on the send path). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rmq {

// Same value as zlib crc32(crc, data, size); start with crc = 0.
uint32_t Crc32(uint32_t crc, const char* data, size_t size);

}  // namespace rmq
