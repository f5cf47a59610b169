// CommandArgs accessors.
#include "command/sub_command.h"

#include <algorithm>
#include <cctype>

namespace rmq::mqadmin {

std::string CommandArgs::Get(const std::string& long_name, const std::string& fallback) const {
  auto it = values_.find(long_name);
  return it == values_.end() ? fallback : it->second;
}

int64_t CommandArgs::GetInt(const std::string& long_name, int64_t fallback) const {
  auto it = values_.find(long_name);
  if (it == values_.end()) return fallback;
  std::string text = it->second;
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  try {
    size_t used = 0;
    int64_t value = std::stoll(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw CommandError("--" + long_name + " must be a whole number, got '" + it->second + "'");
}

bool CommandArgs::GetBool(const std::string& long_name, bool fallback) const {
  auto it = values_.find(long_name);
  if (it == values_.end()) return fallback;
  std::string text = it->second;
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text == "true") return true;
  if (text == "false") return false;
  throw CommandError("--" + long_name + " must be true or false, got '" + it->second + "'");
}

}  // namespace rmq::mqadmin
