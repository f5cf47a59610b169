// SubCommand: what one mqadmin sub-command declares (name, Java-compatible options) and the
// function that runs it. Each command/<noun>/<name>_command.cc defines one factory; the
// registry lists them. Run functions throw CommandError (or the client's MQException) on
// failure; main() turns either into a message on stderr and exit status 1.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "command/command_context.h"

namespace rmq::mqadmin {

// One option as Commons CLI declared it upstream: -t,--topic <arg>.
struct OptionSpec {
  char short_name = 0;
  std::string long_name;
  bool has_arg = true;
  bool required = false;
  std::string description;
};

// The parsed options of one run, keyed by long name; flags are stored as "true".
class CommandArgs {
 public:
  bool Has(const std::string& long_name) const { return values_.count(long_name) != 0; }
  // The value, or `fallback` when the option was not given.
  std::string Get(const std::string& long_name, const std::string& fallback = "") const;
  // The value as an integer; throws CommandError naming the option when it is not one.
  int64_t GetInt(const std::string& long_name, int64_t fallback) const;
  // "true" (any case) is true, as Java's Boolean.parseBoolean; absent -> fallback.
  bool GetBool(const std::string& long_name, bool fallback) const;
  void Set(const std::string& long_name, std::string value) { values_[long_name] = std::move(value); }

 private:
  std::map<std::string, std::string> values_;
};

using RunFunction = void (*)(const CommandArgs& args, CommandContext& context);

struct SubCommand {
  std::string name;
  std::string description;
  std::vector<OptionSpec> options;
  RunFunction run = nullptr;
};

// A failure the user can act on; the message says what went wrong and what to do.
class CommandError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace rmq::mqadmin
