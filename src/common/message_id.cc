#include "common/message_id.h"

#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <random>

#include "common/clock_ms.h"
#include "common/coding.h"

namespace rmq {

namespace {
constexpr char kHexDigits[] = "0123456789ABCDEF";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void AppendHex(std::string_view data, std::string* out) {
  const size_t at = out->size();
  out->resize(at + data.size() * 2);
  char* p = out->data() + at;
  for (unsigned char c : data) {
    *p++ = kHexDigits[c >> 4];
    *p++ = kHexDigits[c & 0xF];
  }
}

// Start of the current and of the next month in local time, in ms since the epoch.
void MonthBounds(int64_t now_ms, int64_t* start, int64_t* next) {
  time_t now = static_cast<time_t>(now_ms / 1000);
  struct tm tm {};
  localtime_r(&now, &tm);
  tm.tm_mday = 1;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  *start = static_cast<int64_t>(mktime(&tm)) * 1000;
  tm.tm_mon += 1;
  tm.tm_isdst = -1;
  *next = static_cast<int64_t>(mktime(&tm)) * 1000;
}
}  // namespace

std::string BytesToHex(std::string_view data) {
  std::string out;
  out.reserve(data.size() * 2);
  AppendHex(data, &out);
  return out;
}

Result<std::string> HexToBytes(std::string_view hex) {
  if (hex.size() % 2 != 0) return InvalidArgument("hex string of odd length " + std::to_string(hex.size()));
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexValue(hex[2 * i]);
    int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return InvalidArgument("not a hex string: " + std::string(hex));
    out[i] = static_cast<char>((hi << 4) | lo);
  }
  return out;
}

void AppendOffsetMessageId(const HostAddress& store_host, int64_t commit_log_offset, std::string* out) {
  char buf[28];
  int len = store_host.address_length();
  std::memcpy(buf, store_host.ip.data(), len);
  EncodeBigEndian32(buf + len, static_cast<uint32_t>(store_host.port));
  EncodeBigEndian64(buf + len + 4, static_cast<uint64_t>(commit_log_offset));
  AppendHex(std::string_view(buf, len + 12), out);
}

std::string CreateOffsetMessageId(const HostAddress& store_host, int64_t commit_log_offset) {
  std::string out;
  out.reserve(56);
  AppendOffsetMessageId(store_host, commit_log_offset, &out);
  return out;
}

Result<OffsetMessageId> DecodeOffsetMessageId(std::string_view id) {
  if (id.size() != 32 && id.size() != 56) {
    return InvalidArgument("offset message id must be 32 or 56 hex chars, got " + std::to_string(id.size()));
  }
  RMQ_ASSIGN_OR_RETURN(std::string bytes, HexToBytes(id));
  OffsetMessageId out;
  out.store_host.ipv6 = id.size() == 56;
  int len = out.store_host.address_length();
  std::memcpy(out.store_host.ip.data(), bytes.data(), len);
  out.store_host.port = static_cast<int32_t>(DecodeBigEndian32(bytes.data() + len));
  out.commit_log_offset = static_cast<int64_t>(DecodeBigEndian64(bytes.data() + len + 4));
  return out;
}

UniqueIdGenerator::UniqueIdGenerator(const HostAddress& ip) {
  std::string fixed(reinterpret_cast<const char*>(ip.ip.data()), ip.address_length());
  char buf[6];
  EncodeBigEndian16(buf, static_cast<uint16_t>(getpid()));
  std::random_device rd;
  EncodeBigEndian32(buf + 2, rd());
  fixed.append(buf, 6);
  fixed_hex_ = BytesToHex(fixed);
  std::mt19937 gen(rd());
  counter_.store(gen() & 0xFFFF);
}

std::string UniqueIdGenerator::Next() {
  int64_t now = rmq::WallClockMs();
  if (now >= next_month_start_ms_.load(std::memory_order_relaxed)) {
    int64_t start = 0, next = 0;
    MonthBounds(now, &start, &next);
    month_start_ms_.store(start, std::memory_order_relaxed);
    next_month_start_ms_.store(next, std::memory_order_relaxed);
  }
  int64_t since = now - month_start_ms_.load(std::memory_order_relaxed);
  if (since < 0) since = 0;
  char buf[6];
  EncodeBigEndian32(buf, static_cast<uint32_t>(since));
  EncodeBigEndian16(buf + 4, static_cast<uint16_t>(counter_.fetch_add(1, std::memory_order_relaxed)));
  // Reserve before copying: copying first and reserving after allocated twice per id.
  std::string out;
  out.reserve(fixed_hex_.size() + 12);
  out.append(fixed_hex_);
  AppendHex(std::string_view(buf, 6), &out);
  return out;
}

}  // namespace rmq
