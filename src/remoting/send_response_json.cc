#include "remoting/send_response_json.h"

#include <string>

#include "remoting/json_writer.h"

namespace rmq::remoting {

void SetSendResponseExtFields(const SendResponseFields& fields, RemotingCommand* response) {
  if (response->serialize_type() != SerializeType::kJson) {
    ExtFields& map = response->mutable_ext_fields();
    map.Append("msgId", std::string(fields.msg_id));
    map.Append("queueId", std::to_string(fields.queue_id));
    map.Append("queueOffset", std::to_string(fields.queue_offset));
    if (fields.transaction_id) map.Append("transactionId", std::string(*fields.transaction_id));
    map.Append("MSG_REGION", std::string(fields.region));
    map.Append("TRACE_ON", fields.trace_on ? "true" : "false");
    return;
  }
  // The fixed text (keys, quotes, separators) is under 120 bytes; the strings are bounded as
  // if every byte were escaped, so values that need escapes are written the way the map path
  // writes them (JsonWriter is what EncodeJsonHeader uses too).
  size_t bound = 128 + 2 * JsonWriter::kIntBound + JsonWriter::StringBound(fields.msg_id) +
                 JsonWriter::StringBound(fields.region);
  if (fields.transaction_id) bound += 20 + JsonWriter::StringBound(*fields.transaction_id);
  std::string json;
  json.resize(bound);
  JsonWriter w(json.data());
  w.Literal("{\"msgId\":");
  w.String(fields.msg_id);
  w.Literal(",\"queueId\":\"");
  w.Int(fields.queue_id);
  w.Literal("\",\"queueOffset\":\"");
  w.Int(fields.queue_offset);
  w.Char('"');
  if (fields.transaction_id) {
    w.Literal(",\"transactionId\":");
    w.String(*fields.transaction_id);
  }
  w.Literal(",\"MSG_REGION\":");
  w.String(fields.region);
  w.Literal(fields.trace_on ? ",\"TRACE_ON\":\"true\"}" : ",\"TRACE_ON\":\"false\"}");
  json.resize(static_cast<size_t>(w.end() - json.data()));
  response->set_ext_fields_json(std::move(json));
}

}  // namespace rmq::remoting
