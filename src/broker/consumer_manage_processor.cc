#include "broker/consumer_manage_processor.h"

#include "broker/broker_util.h"
#include "common/json_writer.h"
#include "remoting/consumer_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {

using remoting::RemotingCommand;
using remoting::ResponseCode;

ConsumerManageProcessor::ConsumerManageProcessor(const ConsumerManager& consumers, ConsumerOffsetManager& offsets,
                                                 const store::MessageStore& store)
    : consumers_(consumers), offsets_(offsets), store_(store) {}

asio::awaitable<std::optional<RemotingCommand>> ConsumerManageProcessor::Process(remoting::RequestContext&,
                                                                                RemotingCommand request) {
  switch (request.code()) {
    case remoting::RequestCode::kGetConsumerListByGroup:
      co_return GetConsumerListByGroup(request);
    case remoting::RequestCode::kQueryConsumerOffset:
      co_return QueryConsumerOffset(request);
    default:
      co_return UpdateConsumerOffset(request);
  }
}

RemotingCommand ConsumerManageProcessor::GetConsumerListByGroup(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::GetConsumerListByGroupRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  std::vector<std::string> ids = consumers_.GetConsumerIdList(header->consumer_group);
  if (ids.empty()) {
    return ErrorResponse(request, ResponseCode::kSystemError, "no consumer for this group, " + header->consumer_group);
  }
  JsonWriter w;
  w.BeginObject();
  w.Key("consumerIdList");
  w.StringArray(ids);
  w.EndObject();
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(w.Release());
  return response;
}

RemotingCommand ConsumerManageProcessor::QueryConsumerOffset(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::QueryConsumerOffsetRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  std::optional<int64_t> offset = offsets_.QueryOffset(header->consumer_group, header->topic, header->queue_id);
  if (!offset) {
    // As a 4.x broker: a group without an offset on a queue that still starts at 0 (its first
    // message is in memory) reads from 0, unless the client asked otherwise.
    int64_t min = store_.GetMinOffsetInQueue(header->topic, header->queue_id);
    if (min <= 0 && header->set_zero_if_not_found.value_or(true)) offset = 0;
  }
  if (!offset) return ErrorResponse(request, ResponseCode::kQueryNotFound, "Not found, maybe this group consumer boot first");
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  remoting::EncodeCustomHeader(remoting::QueryConsumerOffsetResponseHeader{*offset}, &response);
  return response;
}

RemotingCommand ConsumerManageProcessor::UpdateConsumerOffset(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::UpdateConsumerOffsetRequestHeader>(request);
  if (!header.ok()) return ErrorResponse(request, ResponseCode::kSystemError, header.status().message());
  // ali-ons commits -1 for a queue where nothing was consumed; it must not overwrite an offset.
  if (header->commit_offset >= 0) {
    offsets_.CommitOffset(header->consumer_group, header->topic, header->queue_id, header->commit_offset);
  }
  return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
}

}  // namespace rmq::broker
