// The properties string of a message record: name\x01value\x02 pairs, no escaping
// (reference/message-format.md §2). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rmq {

inline constexpr char kNameValueSeparator = '\x01';
inline constexpr char kPropertySeparator = '\x02';

// Ordered name/value pairs; the order is kept when encoding.
using Properties = std::vector<std::pair<std::string, std::string>>;

// name\x01value\x02 for each pair, the last one terminated too. As
// MessageDecoder#messageProperties2String.
std::string EncodeProperties(const Properties& properties);
void AppendProperty(std::string* encoded, std::string_view name, std::string_view value);

// As MessageDecoder#string2messageProperties: segments shorter than 3 characters and pairs with an
// empty name or value are ignored; a later duplicate replaces the earlier value in place.
Properties DecodeProperties(std::string_view encoded);

// The value of `name` in an encoded properties string without decoding all of it (the last
// occurrence wins, as with DecodeProperties). The view points into `encoded`.
std::optional<std::string_view> FindProperty(std::string_view encoded, std::string_view name);

// The pieces of a KEYS value split on single spaces, empty pieces dropped.
std::vector<std::string_view> SplitKeys(std::string_view keys);

}  // namespace rmq
