// ROCKETMQ binary header codec (serialize type 1), as RocketMQSerializable.java:
//   int16 code | int8 language | int16 version | int32 opaque | int32 flag |
//   int32 remark_len | remark | int32 ext_len | { int16 key_len | key | int32 val_len | val }*
#include "common/coding.h"
#include "remoting/header_codec.h"

namespace rmq::remoting {
namespace {

constexpr size_t kFixedPart = 2 + 1 + 2 + 4 + 4;

// Reads big-endian integers and byte strings from untrusted input, failing instead of
// reading past the end.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  size_t remaining() const { return data_.size() - pos_; }
  bool ReadInt16(int16_t* v) {
    if (remaining() < 2) return false;
    *v = static_cast<int16_t>(DecodeBigEndian16(data_.data() + pos_));
    pos_ += 2;
    return true;
  }
  bool ReadInt32(int32_t* v) {
    if (remaining() < 4) return false;
    *v = static_cast<int32_t>(DecodeBigEndian32(data_.data() + pos_));
    pos_ += 4;
    return true;
  }
  bool ReadUint8(uint8_t* v) {
    if (remaining() < 1) return false;
    *v = static_cast<uint8_t>(data_[pos_++]);
    return true;
  }
  bool ReadBytes(size_t n, std::string_view* v) {
    if (remaining() < n) return false;
    *v = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

Status Truncated(std::string_view what) {
  return Corruption("truncated ROCKETMQ header: " + std::string(what) + " runs past the header end");
}

Status DecodeExtFields(std::string_view entries, RemotingCommand* command) {
  command->set_has_ext_fields(true);
  Reader reader(entries);
  while (reader.remaining() > 0) {
    int16_t key_len = 0;
    int32_t value_len = 0;
    std::string_view key, value;
    if (!reader.ReadInt16(&key_len)) return Truncated("an extFields key length");
    if (key_len < 0) return Corruption("negative extFields key length " + std::to_string(key_len));
    if (!reader.ReadBytes(static_cast<size_t>(key_len), &key)) return Truncated("an extFields key");
    if (!reader.ReadInt32(&value_len)) return Truncated("an extFields value length");
    if (value_len < 0) {
      return Corruption("negative extFields value length " + std::to_string(value_len) + " for key " +
                        std::string(key));
    }
    if (!reader.ReadBytes(static_cast<size_t>(value_len), &value)) {
      return Truncated("the extFields value of " + std::string(key));
    }
    // Java decodes a zero-length string as null, which leaves the key out.
    if (key.empty() || value.empty()) continue;
    command->mutable_ext_fields().Append(std::string(key), std::string(value));
  }
  return Status::Ok();
}

}  // namespace

void EncodeBinaryHeader(const RemotingCommand& command, std::string* out) {
  AppendBigEndian16(out, static_cast<uint16_t>(command.code()));
  out->push_back(static_cast<char>(command.language()));
  AppendBigEndian16(out, static_cast<uint16_t>(command.version()));
  AppendBigEndian32(out, static_cast<uint32_t>(command.opaque()));
  AppendBigEndian32(out, static_cast<uint32_t>(command.flag()));
  const std::string* remark = command.remark() ? &*command.remark() : nullptr;
  AppendBigEndian32(out, remark ? static_cast<uint32_t>(remark->size()) : 0);
  if (remark) out->append(*remark);

  size_t ext_len_pos = out->size();
  AppendBigEndian32(out, 0);  // back-patched below
  size_t ext_start = out->size();
  for (const auto& [key, value] : command.ext_fields()) {
    // The key length is an int16: a longer key cannot be carried (Java writes a corrupt length),
    // so it is left out rather than making the whole header undecodable.
    if (key.size() > 0x7FFF) continue;
    AppendBigEndian16(out, static_cast<uint16_t>(key.size()));
    out->append(key);
    AppendBigEndian32(out, static_cast<uint32_t>(value.size()));
    out->append(value);
  }
  EncodeBigEndian32(out->data() + ext_len_pos, static_cast<uint32_t>(out->size() - ext_start));
}

Result<RemotingCommand> DecodeBinaryHeader(std::string_view header) {
  if (header.size() < kFixedPart + 8) {
    return Corruption("truncated ROCKETMQ header: " + std::to_string(header.size()) +
                      " bytes, at least 21 needed");
  }
  Reader reader(header);
  RemotingCommand command;
  int16_t code = 0, version = 0;
  uint8_t language = 0;
  int32_t opaque = 0, flag = 0, remark_len = 0, ext_len = 0;
  // The size check above covers the fixed fields.
  (void)reader.ReadInt16(&code);
  (void)reader.ReadUint8(&language);
  (void)reader.ReadInt16(&version);
  (void)reader.ReadInt32(&opaque);
  (void)reader.ReadInt32(&flag);
  (void)reader.ReadInt32(&remark_len);
  command.set_code(code);
  command.set_language(LanguageFromOrdinal(language).value_or(LanguageCode::kOther));
  command.set_version(version);
  command.set_opaque(opaque);
  command.set_flag(flag);

  if (remark_len < 0) return Corruption("negative remark length " + std::to_string(remark_len));
  std::string_view remark;
  if (!reader.ReadBytes(static_cast<size_t>(remark_len), &remark)) return Truncated("the remark");
  if (!remark.empty()) command.set_remark(std::string(remark));

  if (!reader.ReadInt32(&ext_len)) return Truncated("the extFields length");
  if (ext_len < 0) return Corruption("negative extFields length " + std::to_string(ext_len));
  std::string_view entries;
  if (!reader.ReadBytes(static_cast<size_t>(ext_len), &entries)) return Truncated("the extFields");
  if (ext_len > 0) RMQ_RETURN_IF_ERROR(DecodeExtFields(entries, &command));
  // Bytes after the map are ignored, as RocketMQSerializable does.
  return command;
}

}  // namespace rmq::remoting
