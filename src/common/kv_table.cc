#include "common/kv_table.h"

#include "common/json_reader.h"
#include "common/json_writer.h"

namespace rmq {

std::string KVTable::Encode() const {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("table");
  writer.BeginObject();
  for (const auto& [key, value] : table) writer.StringField(key, value);
  writer.EndObject();
  writer.EndObject();
  return writer.Release();
}

Result<KVTable> KVTable::Decode(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "KVTable"));
  if (!json.is_object()) return Corruption("KVTable must be a JSON object");
  KVTable kv;
  RMQ_RETURN_IF_ERROR(ReadJsonStringMap(json, "table", &kv.table));
  return kv;
}

}  // namespace rmq
