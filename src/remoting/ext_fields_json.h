// The extFields JSON text in the one form the encoders write it — `{"key":"value",...}`,
// compact, every value a string without escapes, every byte printable ASCII — walked without
// building a map. The JSON header fast path keeps a response's extFields in this form as text
// (RemotingCommand::ext_fields_json) and the typed decoders of custom_header.h read their fields
// straight from it. Anything else is "not this form", and the caller takes the general route,
// which decides. Internal to remoting; no Asio (the fuzz target builds it).
#pragma once

#include <string_view>

#include "remoting/json_plain_scan.h"

namespace rmq::remoting::ext_json {

// Walks the object starting at `p` (its '{'), calling visit(key, value) for each entry in order
// while visit returns true. Returns the position after the closing '}', or null when the text
// is not in the plain form or visit returned false (entries already visited stay visited).
template <typename Visit>
const char* WalkPlainObject(const char* p, const char* end, Visit&& visit) {
  if (p == end || *p != '{') return nullptr;
  ++p;
  if (p < end && *p == '}') return p + 1;
  while (true) {
    // "key"
    if (p == end || *p != '"') return nullptr;
    const char* key = ++p;
    p = json_scan::SkipPlain(p, end);
    if (p == end || *p != '"') return nullptr;
    const std::string_view key_text(key, static_cast<size_t>(p - key));
    // :"value"
    if (end - p < 3 || p[1] != ':' || p[2] != '"') return nullptr;
    const char* value = p += 3;
    p = json_scan::SkipPlain(p, end);
    if (p == end || *p != '"') return nullptr;
    if (!visit(key_text, std::string_view(value, static_cast<size_t>(p - value)))) return nullptr;
    ++p;
    if (p == end) return nullptr;
    if (*p == '}') return p + 1;
    if (*p != ',') return nullptr;
    ++p;
  }
}

// The end of the plain-form object at `p` (after its '}'), or null.
inline const char* PlainObjectEnd(const char* p, const char* end) {
  return WalkPlainObject(p, end, [](std::string_view, std::string_view) { return true; });
}

// WalkPlainObject over a whole text that must be exactly one object; false otherwise.
template <typename Visit>
bool ForEachPlainEntry(std::string_view object, Visit&& visit) {
  const char* end = object.data() + object.size();
  return WalkPlainObject(object.data(), end, visit) == end;
}

}  // namespace rmq::remoting::ext_json
