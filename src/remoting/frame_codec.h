// Framing of the remoting protocol (reference/remoting.md §1):
//   int32 total_length (bytes after this field) | int8 serialize type | int24 header_length |
//   header | body
// Decoding is split so a connection can read the 8-byte prefix, then the header, then the body
// straight into the command without copying it. No Asio here (the fuzz target builds it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "remoting/remoting_command.h"

namespace rmq::remoting {

// The Java side's default maximum frame, counting the 4-byte length prefix.
inline constexpr size_t kDefaultMaxFrameSize = 16 * 1024 * 1024;
inline constexpr size_t kFramePrefixSize = 8;

struct FramePrefix {
  SerializeType serialize_type = SerializeType::kJson;
  uint32_t header_length = 0;
  uint32_t body_length = 0;
};

// Validates the first 8 bytes of a frame. Fails when the total length is below 4 or makes the
// frame (prefix included) larger than `max_frame_size`, when the header does not fit in it,
// or when the serialize type is neither 0 nor 1.
Result<FramePrefix> DecodeFramePrefix(const char (&prefix)[kFramePrefixSize], size_t max_frame_size);

// Decodes a header of the given type.
Result<RemotingCommand> DecodeHeader(SerializeType type, std::string_view header);

// Decodes one complete frame, length prefix included; `frame` must hold exactly that frame.
Result<RemotingCommand> DecodeFrame(std::string_view frame, size_t max_frame_size = kDefaultMaxFrameSize);

// Appends the length prefix and header of `command` in its serialize type; the body
// (command.body() then its segments) follows on the wire.
void EncodeFrameHead(const RemotingCommand& command, std::string* out);

// The whole frame in one string, body segments included. For tests and small messages.
std::string EncodeFrame(const RemotingCommand& command);

}  // namespace rmq::remoting
