#include "common/json_reader.h"

#include <charconv>
#include <limits>

#include "common/json_writer.h"

namespace rmq {
namespace {

bool IsBareKeyChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
         c == '.' || c == '_' || c == '+';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Returns the index just past the string literal starting at text[i] == '"', or npos.
size_t SkipString(std::string_view text, size_t i) {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Returns the index just past the balanced {...} starting at text[i] == '{', or npos.
size_t SkipObject(std::string_view text, size_t i) {
  int depth = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      i = SkipString(text, i);
      if (i == std::string_view::npos) return i;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
    ++i;
  }
  return std::string_view::npos;
}

std::string Quote(std::string_view text) {
  JsonWriter writer;
  writer.String(text);
  return writer.Release();
}

// Rewrites unquoted object keys as JSON strings. Tracks whether each open bracket is an object
// so that only key positions (after '{' or ',' inside an object) are touched.
std::string QuoteBareKeys(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  std::vector<bool> in_object;
  bool expect_key = false;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (IsSpace(c)) {
      out.push_back(c);
      ++i;
      continue;
    }
    if (expect_key) {
      expect_key = false;
      if (c == '{') {
        size_t end = SkipObject(text, i);
        if (end == std::string_view::npos) {
          out.append(text.substr(i));
          break;
        }
        out.append(Quote(text.substr(i, end - i)));
        i = end;
        continue;
      }
      if (IsBareKeyChar(c)) {
        size_t end = i;
        while (end < text.size() && IsBareKeyChar(text[end])) ++end;
        out.append(Quote(text.substr(i, end - i)));
        i = end;
        continue;
      }
    }
    switch (c) {
      case '"': {
        size_t end = SkipString(text, i);
        if (end == std::string_view::npos) end = text.size();
        out.append(text.substr(i, end - i));
        i = end;
        continue;
      }
      case '{':
        in_object.push_back(true);
        expect_key = true;
        break;
      case '[':
        in_object.push_back(false);
        break;
      case '}':
      case ']':
        if (!in_object.empty()) in_object.pop_back();
        break;
      case ',':
        expect_key = !in_object.empty() && in_object.back();
        break;
      default:
        break;
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

Status WrongType(std::string_view name, std::string_view expected, const nlohmann::json& value) {
  return Corruption("JSON property " + std::string(name) + " must be " + std::string(expected) + ", got " +
                    value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

const nlohmann::json* Member(const nlohmann::json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<nlohmann::json> ParseLenientJson(std::string_view text, std::string_view what) {
  std::string normalized = QuoteBareKeys(text);
  // nlohmann throws on malformed input; the exception stops here (STYLE.md §4).
  try {
    return nlohmann::json::parse(normalized);
  } catch (const nlohmann::json::exception& e) {
    std::string message = e.what();
    auto bracket = message.find("] ");
    if (bracket != std::string::npos) message = message.substr(bracket + 2);
    return Corruption("malformed " + std::string(what) + ": " + message);
  }
}

Status JsonValueToInt(const nlohmann::json& value, std::string_view name, int64_t* out) {
  if (value.is_number_integer()) {
    if (value.is_number_unsigned() && value.get<uint64_t>() > uint64_t(std::numeric_limits<int64_t>::max())) {
      return WrongType(name, "a 64-bit integer", value);
    }
    *out = value.get<int64_t>();
    return Status::Ok();
  }
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    int64_t parsed = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (!text.empty() && ec == std::errc() && end == text.data() + text.size()) {
      *out = parsed;
      return Status::Ok();
    }
  }
  return WrongType(name, "an integer", value);
}

Status JsonValueToString(const nlohmann::json& value, std::string_view name, std::string* out) {
  if (value.is_string()) {
    *out = value.get<std::string>();
    return Status::Ok();
  }
  if (value.is_number_integer() || value.is_boolean()) {
    *out = value.dump();
    return Status::Ok();
  }
  return WrongType(name, "a string", value);
}

Status ReadJsonInt(const nlohmann::json& object, std::string_view name, int64_t* out) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr) return Status::Ok();
  return JsonValueToInt(*value, name, out);
}

Status ReadJsonInt(const nlohmann::json& object, std::string_view name, int32_t* out) {
  int64_t wide = *out;
  RMQ_RETURN_IF_ERROR(ReadJsonInt(object, name, &wide));
  if (wide < std::numeric_limits<int32_t>::min() || wide > std::numeric_limits<int32_t>::max()) {
    return Corruption("JSON property " + std::string(name) + " is out of the int32 range: " + std::to_string(wide));
  }
  *out = static_cast<int32_t>(wide);
  return Status::Ok();
}

Status ReadJsonBool(const nlohmann::json& object, std::string_view name, bool* out) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr) return Status::Ok();
  if (value->is_boolean()) {
    *out = value->get<bool>();
    return Status::Ok();
  }
  if (value->is_string()) {
    const auto& text = value->get_ref<const std::string&>();
    if (text == "true" || text == "false") {
      *out = text == "true";
      return Status::Ok();
    }
  }
  if (value->is_number_integer()) {  // fastjson reads 0/1 as booleans
    *out = value->get<int64_t>() != 0;
    return Status::Ok();
  }
  return WrongType(name, "a boolean", *value);
}

Status ReadJsonString(const nlohmann::json& object, std::string_view name, std::string* out) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr) return Status::Ok();
  return JsonValueToString(*value, name, out);
}

Status ReadJsonStringList(const nlohmann::json& object, std::string_view name, std::vector<std::string>* out) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr) return Status::Ok();
  if (!value->is_array()) return WrongType(name, "an array", *value);
  std::vector<std::string> list;
  for (const auto& element : *value) {
    std::string text;
    RMQ_RETURN_IF_ERROR(JsonValueToString(element, name, &text));
    list.push_back(std::move(text));
  }
  *out = std::move(list);
  return Status::Ok();
}

Status ReadJsonStringMap(const nlohmann::json& object, std::string_view name,
                         std::map<std::string, std::string>* out) {
  const nlohmann::json* value = Member(object, name);
  if (value == nullptr) return Status::Ok();
  if (!value->is_object()) return WrongType(name, "an object", *value);
  std::map<std::string, std::string> map;
  for (const auto& [key, element] : value->items()) {
    if (element.is_null()) continue;
    RMQ_RETURN_IF_ERROR(JsonValueToString(element, name, &map[key]));
  }
  *out = std::move(map);
  return Status::Ok();
}

}  // namespace rmq
