// MD5 of a byte string (RFC 1321), for the consistent-hash queue allocation, which hashes
// consumer ids and queue names as Java's ConsistentHashRouter does. Pure function; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace rmq::client {

std::array<uint8_t, 16> Md5(std::string_view data);

}  // namespace rmq::client
