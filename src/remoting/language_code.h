// LanguageCode (LanguageCode.java): JSON headers carry the name, ROCKETMQ headers the byte.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace rmq::remoting {

enum class LanguageCode : uint8_t {
  kJava = 0,
  kCpp = 1,
  kDotnet = 2,
  kPython = 3,
  kDelphi = 4,
  kErlang = 5,
  kRuby = 6,
  kOther = 7,
  kHttp = 8,
  kGo = 9,
  kPhp = 10,
  kOms = 11,
  kRust = 12,
  kNodeJs = 13,
};

// "JAVA", "CPP", ...; "OTHER" for a code outside the table.
std::string_view LanguageName(LanguageCode code);
// Accepts the upstream names; nullopt for anything else.
std::optional<LanguageCode> LanguageFromName(std::string_view name);
// Accepts 0..13; nullopt otherwise.
std::optional<LanguageCode> LanguageFromOrdinal(int64_t ordinal);

}  // namespace rmq::remoting
