// Java String.hashCode() over the UTF-16 code units of a UTF-8 string, and the ConsumeQueue
// tagsCode built from it (reference/storage.md §3.2). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace rmq {

// s[0]*31^(n-1) + ... + s[n-1] with 32-bit wrap, over UTF-16 code units. Code points above
// U+FFFF count as two surrogates; malformed UTF-8 bytes count as U+FFFD each, as Java's decoder.
int32_t JavaStringHashCode(std::string_view utf8);

// As MessageExtBrokerInner#tagsString2tagsCode: 0 for no tag, else the hash sign-extended.
inline int64_t TagsStringToTagsCode(std::string_view tags) {
  return tags.empty() ? 0 : static_cast<int64_t>(JavaStringHashCode(tags));
}

}  // namespace rmq
