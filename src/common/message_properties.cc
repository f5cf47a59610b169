#include "common/message_properties.h"

namespace rmq {

void AppendProperty(std::string* encoded, std::string_view name, std::string_view value) {
  encoded->append(name);
  encoded->push_back(kNameValueSeparator);
  encoded->append(value);
  encoded->push_back(kPropertySeparator);
}

std::string EncodeProperties(const Properties& properties) {
  std::string out;
  for (const auto& [name, value] : properties) AppendProperty(&out, name, value);
  return out;
}

namespace {

// Calls fn(name, value) for each well-formed pair in order.
template <typename Fn>
void ForEachProperty(std::string_view encoded, Fn&& fn) {
  size_t pos = 0;
  while (pos < encoded.size()) {
    size_t end = encoded.find(kPropertySeparator, pos);
    if (end == std::string_view::npos) end = encoded.size();
    std::string_view segment = encoded.substr(pos, end - pos);
    pos = end + 1;
    if (segment.size() < 3) continue;
    size_t sep = segment.find(kNameValueSeparator);
    if (sep == std::string_view::npos || sep == 0 || sep + 1 >= segment.size()) continue;
    fn(segment.substr(0, sep), segment.substr(sep + 1));
  }
}

}  // namespace

Properties DecodeProperties(std::string_view encoded) {
  Properties out;
  ForEachProperty(encoded, [&out](std::string_view name, std::string_view value) {
    for (auto& pair : out) {
      if (pair.first == name) {
        pair.second.assign(value);
        return;
      }
    }
    out.emplace_back(std::string(name), std::string(value));
  });
  return out;
}

std::optional<std::string_view> FindProperty(std::string_view encoded, std::string_view name) {
  std::optional<std::string_view> found;
  ForEachProperty(encoded, [&](std::string_view n, std::string_view v) {
    if (n == name) found = v;
  });
  return found;
}

std::vector<std::string_view> SplitKeys(std::string_view keys) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos <= keys.size()) {
    size_t end = keys.find(' ', pos);
    if (end == std::string_view::npos) end = keys.size();
    if (end > pos) out.push_back(keys.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace rmq
