#include "broker/query_message_processor.h"

#include "broker/broker_util.h"
#include "common/message_codec.h"
#include "common/message_properties.h"
#include "remoting/consumer_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;

// Whether the record really carries `key` (the index holds hashes, so collisions come back).
bool RecordHasKey(std::string_view record, std::string_view topic, std::string_view key, bool unique) {
  auto view = ParseRecord(record, false);
  if (!view.ok() || view->topic != topic) return false;
  if (unique) {
    auto uniq = FindProperty(view->properties, property::kUniqueClientMessageIdKeyIndex);
    return uniq && *uniq == key;
  }
  auto keys = FindProperty(view->properties, property::kKeys);
  if (!keys) return false;
  for (std::string_view k : SplitKeys(*keys)) {
    if (k == key) return true;
  }
  return false;
}

}  // namespace

QueryMessageProcessor::QueryMessageProcessor(const store::MessageStore& store, const BrokerConfig& config)
    : store_(store), config_(config) {}

asio::awaitable<std::optional<RemotingCommand>> QueryMessageProcessor::Process(remoting::RequestContext&,
                                                                              RemotingCommand request) {
  if (request.code() == remoting::RequestCode::kQueryMessage) co_return QueryMessage(request);
  co_return ViewMessageById(request);
}

RemotingCommand QueryMessageProcessor::QueryMessage(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::QueryMessageRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  const bool unique = header->unique_key_query.value_or(false);
  int32_t max_num = header->max_num;
  if (unique || max_num <= 0) max_num = config_.default_query_max_num;
  store::QueryMessageResult result =
      store_.QueryMessage(header->topic, header->key, max_num, header->begin_timestamp, header->end_timestamp);
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  size_t found = 0;
  for (const store::SelectedRecord& record : result.messages) {
    if (!RecordHasKey(record.data, header->topic, header->key, unique)) continue;
    response.AddBodySegment(remoting::BodySegment{record.data.data(), record.data.size(), record.file});
    ++found;
  }
  if (found == 0) {
    return ErrorResponse(request, ResponseCode::kQueryNotFound, "can not find message, maybe time range not correct");
  }
  remoting::QueryMessageResponseHeader response_header;
  response_header.index_last_update_timestamp = result.index_last_update_timestamp;
  response_header.index_last_update_phyoffset = result.index_last_update_phy_offset;
  remoting::EncodeCustomHeader(response_header, &response);
  return response;
}

RemotingCommand QueryMessageProcessor::ViewMessageById(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::ViewMessageRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  auto record = store_.LookMessageByOffset(header->offset);
  if (!record) {
    return ErrorResponse(request, ResponseCode::kSystemError,
                         "can not find message by the offset, " + std::to_string(header->offset));
  }
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.AddBodySegment(remoting::BodySegment{record->data.data(), record->data.size(), record->file});
  return response;
}

}  // namespace rmq::broker
