// ExtFields: the string-to-string map a RemotingCommand carries as "extFields" (the request's
// custom header). Keeps insertion order, so an encoded header lists keys as they were set, and
// looks keys up linearly: real headers hold at most ~15 entries. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rmq::remoting {

class ExtFields {
 public:
  using Entry = std::pair<std::string, std::string>;

  // Null when the key is absent. A key a peer sent twice reads as its last value, as in the
  // Java HashMap the upstream decoders fill.
  const std::string* Find(std::string_view key) const {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->first == key) return &it->second;
    }
    return nullptr;
  }
  // Find for a caller that takes the value (moves it out).
  std::string* FindMutable(std::string_view key) {
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
      if (it->first == key) return &it->second;
    }
    return nullptr;
  }
  // Replaces the value of an existing key, else appends.
  void Set(std::string_view key, std::string value) {
    for (auto& entry : entries_) {
      if (entry.first == key) {
        entry.second = std::move(value);
        return;
      }
    }
    ReserveOnFirstUse();
    entries_.emplace_back(std::string(key), std::move(value));
  }
  // Appends without looking for an existing key; for decoders filling a fresh map.
  void Append(std::string key, std::string value) {
    ReserveOnFirstUse();
    entries_.emplace_back(std::move(key), std::move(value));
  }
  void Erase(std::string_view key) {
    std::erase_if(entries_, [&](const Entry& entry) { return entry.first == key; });
  }

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  bool operator==(const ExtFields&) const = default;

 private:
  // Room for a whole header at once (a send request has 14 fields, its response 6): growing
  // 1, 2, 4, 8, 16 cost every request four reallocations and the moves of all entries.
  void ReserveOnFirstUse() {
    if (entries_.capacity() == 0) entries_.reserve(16);
  }

  std::vector<Entry> entries_;
};

}  // namespace rmq::remoting
