// CRC-32/IEEE as zlib's crc32() computes it, with a PCLMULQDQ folding path for long inputs on
// CPUs that have it (the body CRC of every appended message is on the send path). Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace rmq {

// Same value as zlib crc32(crc, data, size); start with crc = 0.
uint32_t Crc32(uint32_t crc, const char* data, size_t size);

}  // namespace rmq
