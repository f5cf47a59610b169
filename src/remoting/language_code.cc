#include "remoting/language_code.h"

#include <array>

namespace rmq::remoting {
namespace {

constexpr std::array<std::string_view, 14> kNames = {
    "JAVA", "CPP", "DOTNET", "PYTHON", "DELPHI", "ERLANG", "RUBY",
    "OTHER", "HTTP", "GO", "PHP", "OMS", "RUST", "NODE_JS"};

}  // namespace

std::string_view LanguageName(LanguageCode code) {
  auto index = static_cast<size_t>(code);
  return index < kNames.size() ? kNames[index] : "OTHER";
}

std::optional<LanguageCode> LanguageFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<LanguageCode>(i);
  }
  return std::nullopt;
}

std::optional<LanguageCode> LanguageFromOrdinal(int64_t ordinal) {
  if (ordinal < 0 || ordinal >= static_cast<int64_t>(kNames.size())) return std::nullopt;
  return static_cast<LanguageCode>(ordinal);
}

}  // namespace rmq::remoting
