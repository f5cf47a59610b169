#include "broker/queue_offset_processor.h"

#include "broker/broker_util.h"
#include "remoting/consumer_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

QueueOffsetProcessor::QueueOffsetProcessor(const store::MessageStore& store) : store_(store) {}

asio::awaitable<std::optional<RemotingCommand>> QueueOffsetProcessor::Process(remoting::RequestContext&,
                                                                             RemotingCommand request) {
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  switch (request.code()) {
    case RequestCode::kGetMaxOffset: {
      auto h = remoting::DecodeCustomHeader<remoting::GetMaxOffsetRequestHeader>(request);
      if (!h.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, h.status().message());
      remoting::EncodeCustomHeader(remoting::OffsetResponseHeader{store_.GetMaxOffsetInQueue(h->topic, h->queue_id)},
                                   &response);
      co_return response;
    }
    case RequestCode::kGetMinOffset: {
      auto h = remoting::DecodeCustomHeader<remoting::GetMinOffsetRequestHeader>(request);
      if (!h.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, h.status().message());
      remoting::EncodeCustomHeader(remoting::OffsetResponseHeader{store_.GetMinOffsetInQueue(h->topic, h->queue_id)},
                                   &response);
      co_return response;
    }
    case RequestCode::kSearchOffsetByTimestamp: {
      auto h = remoting::DecodeCustomHeader<remoting::SearchOffsetRequestHeader>(request);
      if (!h.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, h.status().message());
      auto boundary = h->boundary_type.value_or(remoting::BoundaryType::kLower) == remoting::BoundaryType::kUpper
                          ? store::BoundaryType::kUpper
                          : store::BoundaryType::kLower;
      int64_t offset = store_.GetOffsetInQueueByTime(h->topic, h->queue_id, h->timestamp, boundary);
      remoting::EncodeCustomHeader(remoting::OffsetResponseHeader{offset}, &response);
      co_return response;
    }
    default: {
      auto h = remoting::DecodeCustomHeader<remoting::GetEarliestMsgStoretimeRequestHeader>(request);
      if (!h.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, h.status().message());
      int64_t timestamp = store_.GetEarliestMessageTime(h->topic, h->queue_id);
      remoting::EncodeCustomHeader(remoting::TimestampResponseHeader{timestamp}, &response);
      co_return response;
    }
  }
}

}  // namespace rmq::broker
