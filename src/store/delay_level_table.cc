#include "store/delay_level_table.h"

#include <algorithm>

namespace rmq::store {

Result<DelayLevelTable> DelayLevelTable::Parse(std::string_view levels) {
  DelayLevelTable table;
  size_t pos = 0;
  while (pos < levels.size()) {
    size_t end = levels.find(' ', pos);
    if (end == std::string_view::npos) end = levels.size();
    std::string_view token = levels.substr(pos, end - pos);
    pos = end + 1;
    if (token.empty()) continue;
    char unit = token.back();
    int64_t factor = unit == 's' ? 1000 : unit == 'm' ? 60000 : unit == 'h' ? 3600000 : unit == 'd' ? 86400000 : 0;
    std::string_view digits = token.substr(0, token.size() - 1);
    if (factor == 0 || digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return InvalidArgument("bad delay level '" + std::string(token) + "' in messageDelayLevel");
    }
    table.delay_ms_.push_back(std::stoll(std::string(digits)) * factor);
  }
  if (table.delay_ms_.empty()) return InvalidArgument("messageDelayLevel has no levels");
  return table;
}

int64_t DelayLevelTable::DelayMs(int level) const {
  if (delay_ms_.empty()) return 0;
  level = std::clamp(level, 1, max_level());
  return delay_ms_[static_cast<size_t>(level - 1)];
}

}  // namespace rmq::store
