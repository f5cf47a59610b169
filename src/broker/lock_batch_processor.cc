#include "broker/lock_batch_processor.h"

#include "broker/broker_util.h"
#include "broker/client_channel_info.h"
#include "common/lock_batch_body.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;

}  // namespace

LockBatchProcessor::LockBatchProcessor(RebalanceLockManager& locks) : locks_(locks) {}

asio::awaitable<std::optional<RemotingCommand>> LockBatchProcessor::Process(remoting::RequestContext&,
                                                                           RemotingCommand request) {
  auto body = LockBatchRequestBody::Decode(request.body());
  if (!body.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, body.status().message());
  if (body->client_id.empty() || body->consumer_group.empty()) {
    co_return ErrorResponse(request, ResponseCode::kSystemError, "the lock body needs clientId and consumerGroup");
  }
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  if (request.code() == remoting::RequestCode::kUnlockBatchMq) {
    locks_.UnlockBatch(body->consumer_group, body->mq_set, body->client_id);
    co_return response;
  }
  LockBatchResponseBody locked;
  locked.lock_ok_mq_set = locks_.TryLockBatch(body->consumer_group, body->mq_set, body->client_id, SteadyNowMs());
  response.set_body(locked.Encode());
  co_return response;
}

}  // namespace rmq::broker
