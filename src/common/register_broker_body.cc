#include "common/register_broker_body.h"

#include <zlib.h>

#include <limits>

#include "common/coding.h"
#include "common/json_reader.h"
#include "common/mq_version.h"

namespace rmq {
namespace {

Result<std::string> Inflate(std::string_view input, size_t max_size) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return Internal("zlib inflateInit failed");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      std::string message = stream.msg ? stream.msg : "error " + std::to_string(rc);
      inflateEnd(&stream);
      return Corruption("compressed register body does not inflate: " + message);
    }
    out.append(buffer, sizeof(buffer) - stream.avail_out);
    if (out.size() > max_size) {
      inflateEnd(&stream);
      return Corruption("compressed register body inflates beyond " + std::to_string(max_size) + " bytes");
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      inflateEnd(&stream);
      return Corruption("compressed register body is truncated");
    }
  }
  inflateEnd(&stream);
  return out;
}

std::string Deflate(std::string_view input) {
  uLongf size = compressBound(static_cast<uLong>(input.size()));
  std::string out(size, '\0');
  int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(input.data()),
                     static_cast<uLong>(input.size()), Z_BEST_COMPRESSION);
  // Only Z_MEM_ERROR is possible with a compressBound buffer; allocation failure is fatal anyway.
  assert(rc == Z_OK);
  (void)rc;
  out.resize(size);
  return out;
}

// Reads the length-prefixed pieces of the inflated body.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}

  bool AtEnd() const { return pos_ == data_.size(); }

  Result<int32_t> Int(std::string_view what) {
    if (data_.size() - pos_ < 4) return Corruption("compressed register body truncated at " + std::string(what));
    auto value = static_cast<int32_t>(DecodeBigEndian32(data_.data() + pos_));
    pos_ += 4;
    return value;
  }

  Result<std::string_view> Bytes(std::string_view what) {
    RMQ_ASSIGN_OR_RETURN(int32_t length, Int(what));
    if (length < 0 || static_cast<size_t>(length) > data_.size() - pos_) {
      return Corruption("compressed register body: " + std::string(what) + " length " + std::to_string(length) +
                        " exceeds the " + std::to_string(data_.size() - pos_) + " bytes left");
    }
    std::string_view bytes = data_.substr(pos_, static_cast<size_t>(length));
    pos_ += static_cast<size_t>(length);
    return bytes;
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

void AppendPrefixed(std::string_view bytes, std::string* out) {
  AppendBigEndian32(out, static_cast<uint32_t>(bytes.size()));
  out->append(bytes);
}

}  // namespace

void TopicConfigSerializeWrapper::WriteJson(JsonWriter* writer) const {
  writer->BeginObject();
  writer->Key("dataVersion");
  data_version.WriteJson(writer);
  writer->Key("mappingDataVersion");
  mapping_data_version.WriteJson(writer);
  writer->Key("topicConfigTable");
  writer->BeginObject();
  for (const auto& [topic, config] : topic_config_table) {
    writer->Key(topic);
    config.WriteJson(writer);
  }
  writer->EndObject();
  writer->Key("topicQueueMappingDetailMap");
  writer->BeginObject();
  writer->EndObject();
  writer->Key("topicQueueMappingInfoMap");
  writer->BeginObject();
  writer->EndObject();
  writer->EndObject();
}

std::string TopicConfigSerializeWrapper::EncodeJson() const {
  JsonWriter writer;
  WriteJson(&writer);
  return writer.Release();
}

Result<TopicConfigSerializeWrapper> TopicConfigSerializeWrapper::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Corruption("topicConfigSerializeWrapper must be a JSON object");
  TopicConfigSerializeWrapper wrapper;
  if (auto it = json.find("dataVersion"); it != json.end() && !it->is_null()) {
    RMQ_ASSIGN_OR_RETURN(wrapper.data_version, DataVersion::FromJson(*it));
  }
  if (auto it = json.find("mappingDataVersion"); it != json.end() && !it->is_null()) {
    RMQ_ASSIGN_OR_RETURN(wrapper.mapping_data_version, DataVersion::FromJson(*it));
  }
  if (auto it = json.find("topicConfigTable"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) return Corruption("JSON property topicConfigTable must be an object");
    for (const auto& [topic, element] : it->items()) {
      RMQ_ASSIGN_OR_RETURN(TopicConfig config, TopicConfig::FromJson(element));
      if (config.topic_name.empty()) config.topic_name = topic;
      wrapper.topic_config_table.emplace(topic, std::move(config));
    }
  }
  return wrapper;
}

std::string RegisterBrokerBody::EncodeJson() const {
  JsonWriter writer;
  writer.BeginObject();
  writer.Key("filterServerList");
  writer.StringArray(filter_server_list);
  writer.Key("topicConfigSerializeWrapper");
  topic_config_serialize_wrapper.WriteJson(&writer);
  writer.EndObject();
  return writer.Release();
}

std::string RegisterBrokerBody::EncodeCompressed() const {
  std::string plain;
  AppendPrefixed(topic_config_serialize_wrapper.data_version.Encode(), &plain);
  const auto& table = topic_config_serialize_wrapper.topic_config_table;
  AppendBigEndian32(&plain, static_cast<uint32_t>(table.size()));
  for (const auto& [topic, config] : table) AppendPrefixed(config.EncodeLine(), &plain);
  JsonWriter filters;
  filters.StringArray(filter_server_list);
  AppendPrefixed(filters.str(), &plain);
  AppendBigEndian32(&plain, 0);  // topic queue mapping infos (5.x)
  return Deflate(plain);
}

Result<RegisterBrokerBody> RegisterBrokerBody::DecodeJson(std::string_view body) {
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "RegisterBrokerBody"));
  if (!json.is_object()) return Corruption("RegisterBrokerBody must be a JSON object");
  RegisterBrokerBody result;
  if (auto it = json.find("topicConfigSerializeWrapper"); it != json.end() && !it->is_null()) {
    RMQ_ASSIGN_OR_RETURN(result.topic_config_serialize_wrapper, TopicConfigSerializeWrapper::FromJson(*it));
  }
  RMQ_RETURN_IF_ERROR(ReadJsonStringList(json, "filterServerList", &result.filter_server_list));
  return result;
}

Result<RegisterBrokerBody> RegisterBrokerBody::DecodeCompressed(std::string_view body, int32_t version) {
  RMQ_ASSIGN_OR_RETURN(std::string plain, Inflate(body, kMaxInflatedSize));
  Reader reader(plain);
  RegisterBrokerBody result;
  auto& wrapper = result.topic_config_serialize_wrapper;
  RMQ_ASSIGN_OR_RETURN(std::string_view version_json, reader.Bytes("dataVersion"));
  RMQ_ASSIGN_OR_RETURN(wrapper.data_version, DataVersion::Decode(version_json));
  RMQ_ASSIGN_OR_RETURN(int32_t topic_count, reader.Int("topic count"));
  if (topic_count < 0) return Corruption("compressed register body: negative topic count " + std::to_string(topic_count));
  for (int32_t i = 0; i < topic_count; ++i) {
    RMQ_ASSIGN_OR_RETURN(std::string_view line, reader.Bytes("topic config"));
    RMQ_ASSIGN_OR_RETURN(TopicConfig config, TopicConfig::DecodeLine(line));
    std::string name = config.topic_name;
    wrapper.topic_config_table.insert_or_assign(std::move(name), std::move(config));
  }
  RMQ_ASSIGN_OR_RETURN(std::string_view filters_json, reader.Bytes("filter server list"));
  RMQ_ASSIGN_OR_RETURN(nlohmann::json filters, ParseLenientJson(filters_json, "filter server list"));
  nlohmann::json holder = {{"filterServerList", filters}};
  RMQ_RETURN_IF_ERROR(ReadJsonStringList(holder, "filterServerList", &result.filter_server_list));
  if (version >= MQVersion::kV5_0_0 && !reader.AtEnd()) {
    // Static-topic mapping infos: validated for framing, not kept (no static topics here).
    RMQ_ASSIGN_OR_RETURN(int32_t mapping_count, reader.Int("topic queue mapping count"));
    if (mapping_count < 0) return Corruption("compressed register body: negative mapping count");
    for (int32_t i = 0; i < mapping_count; ++i) {
      RMQ_ASSIGN_OR_RETURN(std::string_view mapping, reader.Bytes("topic queue mapping"));
      (void)mapping;
    }
  }
  return result;
}

Result<RegisterBrokerBody> RegisterBrokerBody::Decode(std::string_view body, bool compressed, int32_t version) {
  if (body.empty()) return RegisterBrokerBody{};
  if (version < MQVersion::kV3_0_11) {
    RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(body, "TopicConfigSerializeWrapper"));
    RegisterBrokerBody result;
    RMQ_ASSIGN_OR_RETURN(result.topic_config_serialize_wrapper, TopicConfigSerializeWrapper::FromJson(json));
    return result;
  }
  if (compressed) return DecodeCompressed(body, version);
  return DecodeJson(body);
}

}  // namespace rmq
