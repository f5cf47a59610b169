// The two header encodings of a RemotingCommand (reference/remoting.md §2): JSON (serialize
// type 0) and ROCKETMQ binary (type 1). Decoders take untrusted bytes and return an error for
// anything malformed; they never read outside `header`. No Asio here, so the fuzz target
// can build these with clang.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "remoting/remoting_command.h"

namespace rmq::remoting {

// Appends the JSON header as fastjson writes it: compact, properties in alphabetical order,
// absent remark/extFields omitted, extFields values always JSON strings.
void EncodeJsonHeader(const RemotingCommand& command, std::string* out);

// Decodes a JSON header, accepting what real peers send: properties in any order, unknown
// properties, language as a name or an ordinal, extFields values as numbers or booleans
// (kept as their literal text) or null (dropped), trailing whitespace.
// Leaves the body and serialize type of the result at their defaults.
Result<RemotingCommand> DecodeJsonHeader(std::string_view header);
// DecodeJsonHeader without its fast path (json_header_fast_decode.h): always the full parser.
// For tests that check both paths agree.
Result<RemotingCommand> DecodeJsonHeaderWithFullParser(std::string_view header);

// Decodes `object`, the text of an extFields JSON object, into `*out` (RemotingCommand's
// ext_fields_json() into its map).
Status DecodeJsonExtFields(std::string_view object, ExtFields* out);

// Appends the ROCKETMQ binary header. Codes and versions are carried as int16, as in Java;
// a code above 32767 cannot be represented and is truncated the same way.
void EncodeBinaryHeader(const RemotingCommand& command, std::string* out);

// Decodes a ROCKETMQ binary header. Zero-length strings decode as absent (Java's rule).
Result<RemotingCommand> DecodeBinaryHeader(std::string_view header);

}  // namespace rmq::remoting
