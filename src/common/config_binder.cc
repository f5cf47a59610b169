#include "common/config_binder.h"

#include <strings.h>

#include <charconv>

namespace rmq::config_binder_internal {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n'; }

Status BadValue(std::string_view key, std::string_view text, std::string_view where, std::string_view problem,
                std::string_view accepted) {
  std::string message;
  if (!where.empty()) message += std::string(where) + ": ";
  message += "invalid value \"" + std::string(text) + "\" for key " + std::string(key);
  if (!problem.empty()) message += " (" + std::string(problem) + ")";
  message += "; accepted values: " + std::string(accepted);
  return InvalidArgument(std::move(message));
}

std::string_view BlankProblem(std::string_view text) {
  if (!text.empty() && IsBlank(text.back())) return "trailing whitespace";
  if (!text.empty() && IsBlank(text.front())) return "leading whitespace";
  return "";
}

}  // namespace

Status ParseBool(std::string_view key, std::string_view text, std::string_view where, bool* out) {
  if (text.size() == 4 && strncasecmp(text.data(), "true", 4) == 0) {
    *out = true;
    return Status::Ok();
  }
  if (text.size() == 5 && strncasecmp(text.data(), "false", 5) == 0) {
    *out = false;
    return Status::Ok();
  }
  return BadValue(key, text, where, BlankProblem(text), "true, false");
}

Status ParseInt(std::string_view key, std::string_view text, std::string_view where, int64_t min, int64_t max,
                int64_t* out) {
  std::string accepted = "an integer";
  if (min != std::numeric_limits<int64_t>::min() || max != std::numeric_limits<int64_t>::max()) {
    accepted = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  }
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    return BadValue(key, text, where, BlankProblem(text), accepted);
  }
  if (value < min || value > max) return BadValue(key, text, where, "out of range", accepted);
  *out = value;
  return Status::Ok();
}

std::string TrimString(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return std::string(text);
}

}  // namespace rmq::config_binder_internal
