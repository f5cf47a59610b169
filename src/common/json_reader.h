// Lenient reading of the JSON bodies Java, C++, Go and Node peers send (reference/remoting.md
// §5.9 quirk 4): fastjson's unquoted map keys ({0:"addr"}, {{"topic":..}:42}) are accepted,
// numbers may arrive as strings and strings as numbers, unknown properties are ignored.
// Decoders in common/ build on these; nothing here throws. Thread-compatible free functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace rmq {

// Parses `text` as JSON after quoting fastjson's unquoted object keys: a bare token
// (digits, letters, '-', '.', '_') becomes that string, an object used as a key becomes its
// JSON text as a string. Malformed input is a Corruption naming `what` and the position.
Result<nlohmann::json> ParseLenientJson(std::string_view text, std::string_view what);

// Property readers for decoders. Each returns OK and leaves *out untouched when `name` is absent
// or null; a present value of the wrong type is a Corruption naming `name`.
Status ReadJsonInt(const nlohmann::json& object, std::string_view name, int64_t* out);
Status ReadJsonInt(const nlohmann::json& object, std::string_view name, int32_t* out);
Status ReadJsonBool(const nlohmann::json& object, std::string_view name, bool* out);
Status ReadJsonString(const nlohmann::json& object, std::string_view name, std::string* out);
Status ReadJsonStringList(const nlohmann::json& object, std::string_view name, std::vector<std::string>* out);
Status ReadJsonStringMap(const nlohmann::json& object, std::string_view name,
                         std::map<std::string, std::string>* out);

// Converts one JSON value (not a property) the same lenient way.
Status JsonValueToInt(const nlohmann::json& value, std::string_view name, int64_t* out);
Status JsonValueToString(const nlohmann::json& value, std::string_view name, std::string* out);

}  // namespace rmq
