// CommandContext and the formatting helpers shared by the sub-commands.
#include "command/command_context.h"

#include <cstdarg>
#include <ctime>
#include <iostream>

#include <chrono>

#include "command/sub_command.h"

namespace rmq::mqadmin {

CommandContext::CommandContext(std::string namesrv_addr, bool json)
    : namesrv_addr_(std::move(namesrv_addr)), json_(json) {}

CommandContext::~CommandContext() {
  if (admin_) admin_->shutdown();
}

rocketmq::DefaultMQAdminExt& CommandContext::admin() {
  if (!admin_) {
    admin_ = std::make_unique<rocketmq::DefaultMQAdminExt>("admin_ext_group");
    admin_->setNamesrvAddr(namesrv_addr_);
    admin_->setInstanceName("mqadmin_" + std::to_string(NowMillis()));
    admin_->start();
  }
  return *admin_;
}

void CommandContext::Line(const std::string& line) {
  if (!json_) std::cout << line << '\n';
}

void CommandContext::Text(const std::string& text) {
  if (!json_) std::cout << text;
}

void CommandContext::Finish() {
  if (json_) std::cout << doc_.dump(2) << '\n';
  std::cout.flush();
}

std::string Fmt(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  int size = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string out(size > 0 ? static_cast<size_t>(size) : 0, '\0');
  if (size > 0) std::vsnprintf(out.data(), out.size() + 1, format, args);
  va_end(args);
  return out;
}

namespace {

std::string FormatLocal(int64_t millis, bool with_millis) {
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%d %H:%M:%S", &tm);
  std::string out = buffer;
  if (with_millis) out += Fmt(",%03d", static_cast<int>(millis % 1000));
  return out;
}

}  // namespace

std::string HumanMillis(int64_t millis) { return FormatLocal(millis, true); }
std::string HumanSeconds(int64_t millis) { return FormatLocal(millis, false); }

std::string VersionName(int ordinal) {
  // From V4_1_0_SNAPSHOT (232) on, every x.y.z has a SNAPSHOT and a release ordinal, with y and
  // z running 0..9.
  constexpr int kV4_1_0_Snapshot = 232;
  if (ordinal < kV4_1_0_Snapshot) return std::to_string(ordinal);
  int steps = (ordinal - kV4_1_0_Snapshot) / 2;
  int number = 410 + steps;
  std::string name = Fmt("V%d_%d_%d", number / 100, number / 10 % 10, number % 10);
  if ((ordinal - kV4_1_0_Snapshot) % 2 == 0) name += "_SNAPSHOT";
  return name;
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t ParseTimestamp(const std::string& text, const std::string& what) {
  if (text == "now") return NowMillis();
  bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) return std::stoll(text);
  std::tm tm{};
  int millis = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d#%d:%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &millis) == 7) {
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    return static_cast<int64_t>(std::mktime(&tm)) * 1000 + millis;
  }
  throw CommandError(what + " must be epoch milliseconds, 'now' or yyyy-MM-dd#HH:mm:ss:SSS, got '" + text + "'");
}

}  // namespace rmq::mqadmin
