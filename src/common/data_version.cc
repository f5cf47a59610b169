#include "common/data_version.h"

#include <chrono>

#include "common/json_reader.h"

namespace rmq {

DataVersion DataVersion::Now() {
  DataVersion version;
  version.timestamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return version;
}

void DataVersion::Next() {
  timestamp = Now().timestamp;
  ++counter;
}

void DataVersion::WriteJson(JsonWriter* writer) const {
  writer->BeginObject();
  writer->IntField("counter", counter);
  writer->IntField("stateVersion", state_version);
  writer->IntField("timestamp", timestamp);
  writer->EndObject();
}

std::string DataVersion::Encode() const {
  JsonWriter writer;
  WriteJson(&writer);
  return writer.Release();
}

Result<DataVersion> DataVersion::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Corruption("DataVersion must be a JSON object");
  DataVersion version;
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "counter", &version.counter));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "stateVersion", &version.state_version));
  RMQ_RETURN_IF_ERROR(ReadJsonInt(json, "timestamp", &version.timestamp));
  return version;
}

Result<DataVersion> DataVersion::Decode(std::string_view text) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(text, "DataVersion"));
  return FromJson(json);
}

}  // namespace rmq
