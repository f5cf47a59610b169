// CommandContext: what a running sub-command shares — the name-server list chosen from -n /
// NAMESRV_ADDR / the default, a lazily started admin client, and the output (text lines, or one
// JSON document with --json). Owned by main() for one command run; not thread-safe.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "rocketmq/DefaultMQAdminExt.h"

namespace rmq::mqadmin {

class CommandContext {
 public:
  CommandContext(std::string namesrv_addr, bool json);
  ~CommandContext();

  const std::string& namesrv_addr() const { return namesrv_addr_; }
  bool json() const { return json_; }

  // Started on first use with namesrv_addr().
  rocketmq::DefaultMQAdminExt& admin();

  // Text mode: writes `line` and a newline to stdout. JSON mode: nothing.
  void Line(const std::string& line);
  // Text mode: writes `text` as is (some Java outputs have no trailing newline).
  void Text(const std::string& text);
  // The JSON document printed at the end in JSON mode.
  nlohmann::json& doc() { return doc_; }
  // Prints the JSON document (JSON mode only).
  void Finish();

 private:
  std::string namesrv_addr_;
  bool json_;
  nlohmann::json doc_ = nlohmann::json::object();
  std::unique_ptr<rocketmq::DefaultMQAdminExt> admin_;
};

// printf into a std::string (Java's String.format for the %s/%d/%f shapes the tool uses).
std::string Fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));

// "yyyy-MM-dd HH:mm:ss,SSS" in local time (UtilAll.timeMillisToHumanString2).
std::string HumanMillis(int64_t millis);
// "yyyy-MM-dd HH:mm:ss" in local time.
std::string HumanSeconds(int64_t millis);
// MQVersion.Version's enum name for an ordinal from 4.1.0 on ("V5_3_3", "V4_9_4_SNAPSHOT"); the
// number itself for older ordinals.
std::string VersionName(int ordinal);
// Milliseconds since the epoch.
int64_t NowMillis();
// Parses epoch millis, "now" or "yyyy-MM-dd#HH:mm:ss:SSS" (local time); throws CommandError
// naming `what` otherwise.
int64_t ParseTimestamp(const std::string& text, const std::string& what);

}  // namespace rmq::mqadmin
