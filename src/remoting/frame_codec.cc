#include "remoting/frame_codec.h"

#include "common/coding.h"
#include "remoting/header_codec.h"

namespace rmq::remoting {

Result<FramePrefix> DecodeFramePrefix(const char (&prefix)[kFramePrefixSize], size_t max_frame_size) {
  auto total = static_cast<int32_t>(DecodeBigEndian32(prefix));
  uint32_t word = DecodeBigEndian32(prefix + 4);
  if (total < 4) return Corruption("frame length " + std::to_string(total) + " is below the minimum of 4");
  if (static_cast<size_t>(total) + 4 > max_frame_size) {
    return Corruption("frame of " + std::to_string(static_cast<size_t>(total) + 4) +
                      " bytes exceeds the maximum of " + std::to_string(max_frame_size));
  }
  FramePrefix result;
  uint32_t type = word >> 24;
  if (type > 1) return Corruption("unknown serialize type " + std::to_string(type));
  result.serialize_type = static_cast<SerializeType>(type);
  result.header_length = word & 0xFFFFFF;
  if (result.header_length > static_cast<uint32_t>(total) - 4) {
    return Corruption("header length " + std::to_string(result.header_length) +
                      " runs past the frame of " + std::to_string(total) + " bytes");
  }
  result.body_length = static_cast<uint32_t>(total) - 4 - result.header_length;
  return result;
}

Result<RemotingCommand> DecodeHeader(SerializeType type, std::string_view header) {
  Result<RemotingCommand> command =
      type == SerializeType::kJson ? DecodeJsonHeader(header) : DecodeBinaryHeader(header);
  if (command.ok()) command->set_serialize_type(type);
  return command;
}

Result<RemotingCommand> DecodeFrame(std::string_view frame, size_t max_frame_size) {
  if (frame.size() < kFramePrefixSize) {
    return Corruption("frame of " + std::to_string(frame.size()) + " bytes is shorter than its 8-byte prefix");
  }
  char prefix_bytes[kFramePrefixSize];
  frame.copy(prefix_bytes, kFramePrefixSize);
  RMQ_ASSIGN_OR_RETURN(FramePrefix prefix, DecodeFramePrefix(prefix_bytes, max_frame_size));
  size_t expected = kFramePrefixSize + prefix.header_length + prefix.body_length;
  if (frame.size() != expected) {
    return Corruption("frame holds " + std::to_string(frame.size()) + " bytes but its length says " +
                      std::to_string(expected));
  }
  RMQ_ASSIGN_OR_RETURN(RemotingCommand command,
                       DecodeHeader(prefix.serialize_type, frame.substr(kFramePrefixSize, prefix.header_length)));
  command.set_body(std::string(frame.substr(kFramePrefixSize + prefix.header_length)));
  return command;
}

void EncodeFrameHead(const RemotingCommand& command, std::string* out) {
  size_t start = out->size();
  out->append(kFramePrefixSize, '\0');
  if (command.serialize_type() == SerializeType::kJson) {
    EncodeJsonHeader(command, out);
  } else {
    EncodeBinaryHeader(command, out);
  }
  size_t header_length = out->size() - start - kFramePrefixSize;
  size_t total = 4 + header_length + command.body_size();
  EncodeBigEndian32(out->data() + start, static_cast<uint32_t>(total));
  uint32_t word = (static_cast<uint32_t>(command.serialize_type()) << 24) |
                  (static_cast<uint32_t>(header_length) & 0xFFFFFF);
  EncodeBigEndian32(out->data() + start + 4, word);
}

std::string EncodeFrame(const RemotingCommand& command) {
  std::string out;
  EncodeFrameHead(command, &out);
  out.append(command.body());
  for (const auto& segment : command.body_segments()) out.append(segment.data, segment.size);
  return out;
}

}  // namespace rmq::remoting
