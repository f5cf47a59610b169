// DataVersion: the (timestamp, counter, stateVersion) stamp a broker attaches to its topic set;
// the name server compares it to decide whether a registration changed anything
// (DataVersion.java). JSON form {"counter":3,"stateVersion":0,"timestamp":1700000000000}.
// A plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "common/status.h"

namespace rmq {

struct DataVersion {
  int64_t timestamp = 0;  // ms since the epoch of the last change
  int64_t counter = 0;    // bumped on every change
  int64_t state_version = 0;  // 5.x; absent from 4.x JSON, read as 0

  // Java's DataVersion.equals: all three fields.
  bool operator==(const DataVersion&) const = default;

  // A fresh version stamped now, as `new DataVersion()`.
  static DataVersion Now();
  // Bumps the counter and stamps now (DataVersion.nextVersion).
  void Next();

  void WriteJson(JsonWriter* writer) const;
  std::string Encode() const;
  static Result<DataVersion> FromJson(const nlohmann::json& json);
  static Result<DataVersion> Decode(std::string_view text);
};

}  // namespace rmq
