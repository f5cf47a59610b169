// libFuzzer target for the remoting decoders: the frame codec, both header codecs and the typed
// custom headers. Every input is tried as a whole frame, as a JSON header and as a ROCKETMQ
// header. Whatever decodes is re-encoded and decoded again, in its own encoding and in the other
// one, and must come back the same (modulo what the ROCKETMQ encoding cannot carry: codes and
// versions beyond int16, empty strings). A mismatch aborts, so the fuzzer reports it.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "remoting/custom_header.h"
#include "remoting/frame_codec.h"
#include "remoting/header_codec.h"
#include "remoting/namesrv_headers.h"
#include "remoting/pull_message_headers.h"
#include "remoting/send_header_decode.h"
#include "remoting/send_header_json.h"
#include "remoting/send_message_headers.h"

namespace rmq::remoting {
namespace {

[[noreturn]] void Fail(const char* what, const RemotingCommand& a, const RemotingCommand& b) {
  std::fprintf(stderr,
               "round trip mismatch: %s\n  first:  code=%d version=%d opaque=%d flag=%d language=%d "
               "remark=%s ext=%zu has_ext=%d body=%zu\n  second: code=%d version=%d opaque=%d flag=%d "
               "language=%d remark=%s ext=%zu has_ext=%d body=%zu\n",
               what, a.code(), a.version(), a.opaque(), a.flag(), static_cast<int>(a.language()),
               a.remark() ? a.remark()->c_str() : "(none)", a.ext_fields().size(), a.has_ext_fields(),
               a.body().size(), b.code(), b.version(), b.opaque(), b.flag(), static_cast<int>(b.language()),
               b.remark() ? b.remark()->c_str() : "(none)", b.ext_fields().size(), b.has_ext_fields(),
               b.body().size());
  std::abort();
}

void Check(bool condition, const char* what, const RemotingCommand& a, const RemotingCommand& b) {
  if (!condition) Fail(what, a, b);
}

// Well-formed UTF-8 (RFC 3629): what the JSON decoder accepts inside strings. Bytes decoded from
// a ROCKETMQ header need not be, and then cannot travel through JSON unchanged.
bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if (k == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF)) return false;
    }
    i += extra + 1;
  }
  return true;
}

bool AllUtf8(const RemotingCommand& command) {
  if (command.remark() && !IsUtf8(*command.remark())) return false;
  for (const auto& [key, value] : command.ext_fields()) {
    if (!IsUtf8(key) || !IsUtf8(value)) return false;
  }
  return true;
}

// What a command becomes after one trip through the ROCKETMQ encoding.
RemotingCommand AfterBinaryTrip(const RemotingCommand& command) {
  RemotingCommand expected = command;
  expected.set_code(static_cast<int16_t>(command.code()));
  expected.set_version(static_cast<int16_t>(command.version()));
  if (command.remark() && command.remark()->empty()) expected.set_remark(std::nullopt);
  ExtFields kept;
  for (const auto& [key, value] : command.ext_fields()) {
    if (!key.empty() && !value.empty()) kept.Append(key, value);
  }
  expected.mutable_ext_fields() = kept;
  // The map is present exactly when the encoder wrote at least one entry.
  expected.set_has_ext_fields(!command.ext_fields().empty());
  return expected;
}

void ExpectSame(const RemotingCommand& want, const RemotingCommand& got) {
  Check(want.code() == got.code(), "code", want, got);
  Check(want.version() == got.version(), "version", want, got);
  Check(want.opaque() == got.opaque(), "opaque", want, got);
  Check(want.flag() == got.flag(), "flag", want, got);
  Check(want.language() == got.language(), "language", want, got);
  Check(want.remark() == got.remark(), "remark", want, got);
  Check(want.has_ext_fields() == got.has_ext_fields(), "has_ext_fields", want, got);
  Check(want.ext_fields() == got.ext_fields(), "extFields", want, got);
  Check(want.body() == got.body(), "body", want, got);
}

RemotingCommand Redecode(const RemotingCommand& command) {
  std::string frame = EncodeFrame(command);
  Result<RemotingCommand> decoded = DecodeFrame(frame);
  if (!decoded.ok()) {
    std::fprintf(stderr, "re-encoded frame does not decode: %s\n", decoded.status().ToString().c_str());
    std::abort();
  }
  return std::move(decoded).value();
}

// Decodes one typed header; if that works, encoding it and decoding again must give it back.
template <typename Header>
void CheckCustomHeader(const RemotingCommand& command) {
  Result<Header> header = DecodeCustomHeader<Header>(command);
  if (!header.ok()) return;
  RemotingCommand first;
  EncodeCustomHeader(*header, &first);
  Result<Header> again = DecodeCustomHeader<Header>(first);
  if (!again.ok()) Fail("typed header no longer decodes", command, first);
  RemotingCommand second;
  EncodeCustomHeader(*again, &second);
  Check(first.ext_fields() == second.ext_fields(), "typed header fields", first, second);
}

// A response's extFields kept as JSON text (json_header_fast_decode.h) are read by the typed
// decoders in place (custom_header.h); that must give what the map route gives: the same
// outcome, the same error, the same fields.
template <typename Header>
void CheckTextRoute(const RemotingCommand& command) {
  if (command.ext_fields_json().empty()) return;
  RemotingCommand via_map = command;
  (void)via_map.mutable_ext_fields();
  Result<Header> from_text = DecodeCustomHeader<Header>(command);
  Result<Header> from_map = DecodeCustomHeader<Header>(via_map);
  Check(from_text.ok() == from_map.ok(), "typed header from text: outcome", command, via_map);
  if (!from_map.ok()) {
    Check(from_text.status().message() == from_map.status().message(), "typed header from text: error", command,
          via_map);
    return;
  }
  RemotingCommand a, b;
  EncodeCustomHeader(*from_text, &a);
  EncodeCustomHeader(*from_map, &b);
  Check(a.ext_fields() == b.ext_fields(), "typed header from text: fields", a, b);
}

void CheckDecoded(const RemotingCommand& command) {
  // First, while a response still holds its extFields as text (reading the map replaces it).
  CheckTextRoute<SendMessageResponseHeader>(command);
  CheckTextRoute<PullMessageResponseHeader>(command);
  // Same encoding: JSON keeps everything; ROCKETMQ output of a ROCKETMQ decode is already
  // normalised, so one more trip changes nothing but the map-present bit.
  RemotingCommand same = Redecode(command);
  ExpectSame(command.serialize_type() == SerializeType::kJson ? command : AfterBinaryTrip(command), same);

  RemotingCommand as_binary = command;
  as_binary.set_serialize_type(SerializeType::kRocketMq);
  RemotingCommand binary = Redecode(as_binary);
  ExpectSame(AfterBinaryTrip(as_binary), binary);

  if (AllUtf8(command)) {
    RemotingCommand as_json = command;
    as_json.set_serialize_type(SerializeType::kJson);
    ExpectSame(as_json, Redecode(as_json));
  }

  CheckCustomHeader<SendMessageRequestHeaderV2>(command);
  CheckCustomHeader<SendMessageRequestHeader>(command);
  CheckCustomHeader<PullMessageRequestHeader>(command);
  CheckCustomHeader<RegisterBrokerRequestHeader>(command);
  CheckCustomHeader<SendMessageResponseHeader>(command);
}

// The broker's direct route (send_header_json.h) must accept only headers DecodeJsonHeader
// accepts, with the same top-level fields, and read the same send header (or the same error)
// as TakeSendMessageRequestHeader on the decoded command.
void CheckDirectSendRoute(std::string_view input) {
  for (int32_t code : {10, 310, 320}) {
    RemotingCommand top;
    std::optional<Result<SendMessageRequestHeader>> direct;
    if (!DecodeJsonSendRequest(input, code, &top, &direct)) continue;
    Result<RemotingCommand> full = DecodeJsonHeader(input);
    if (!full.ok() || !direct) Fail("direct route accepted what DecodeJsonHeader refuses", top, top);
    RemotingCommand expected = *full;
    expected.mutable_ext_fields() = ExtFields();
    expected.set_has_ext_fields(full->has_ext_fields());
    ExpectSame(expected, top);
    RemotingCommand general = *full;
    Result<SendMessageRequestHeader> taken = TakeSendMessageRequestHeader(general);
    Check(taken.ok() == direct->ok(), "direct send header outcome", *full, top);
    if (!taken.ok()) {
      Check(taken.status().message() == direct->status().message(), "direct send header error", *full, top);
      continue;
    }
    const SendMessageRequestHeader& a = *taken;
    const SendMessageRequestHeader& b = **direct;
    Check(a.producer_group == b.producer_group && a.topic == b.topic && a.default_topic == b.default_topic &&
              a.default_topic_queue_nums == b.default_topic_queue_nums && a.queue_id == b.queue_id &&
              a.sys_flag == b.sys_flag && a.born_timestamp == b.born_timestamp && a.flag == b.flag &&
              a.properties == b.properties && a.reconsume_times == b.reconsume_times && a.unit_mode == b.unit_mode &&
              a.max_reconsume_times == b.max_reconsume_times && a.batch == b.batch && a.bname == b.bname,
          "direct send header fields", *full, top);
  }
}

}  // namespace
}  // namespace rmq::remoting

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace rmq::remoting;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  if (size >= kFramePrefixSize) {
    char prefix[kFramePrefixSize];
    input.copy(prefix, kFramePrefixSize);
    rmq::Result<FramePrefix> parsed = DecodeFramePrefix(prefix, 4096);
    if (parsed.ok() && 4 + parsed->header_length + parsed->body_length > 4096 - 4) std::abort();
  }

  if (rmq::Result<RemotingCommand> frame = DecodeFrame(input); frame.ok()) CheckDecoded(*frame);

  if (rmq::Result<RemotingCommand> json = DecodeJsonHeader(input); json.ok()) {
    json->set_serialize_type(SerializeType::kJson);
    CheckDecoded(*json);
  }
  CheckDirectSendRoute(input);
  if (rmq::Result<RemotingCommand> binary = DecodeBinaryHeader(input); binary.ok()) {
    binary->set_serialize_type(SerializeType::kRocketMq);
    CheckDecoded(*binary);
  }
  return 0;
}
