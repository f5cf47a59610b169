#include "namesrv/kv_config_processor.h"

#include "namesrv/status_response.h"
#include "remoting/custom_header.h"
#include "remoting/namesrv_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::namesrv {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

asio::awaitable<std::optional<RemotingCommand>> KVConfigProcessor::Process(remoting::RequestContext& context,
                                                                           RemotingCommand request) {
  (void)context;
  switch (request.code()) {
    case RequestCode::kPutKvConfig: {
      auto header = remoting::DecodeCustomHeader<remoting::PutKvConfigRequestHeader>(request);
      if (!header.ok()) co_return StatusResponse(request, header.status());
      if (header->name_space.empty() || header->key.empty()) {
        co_return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError, "namespace or key is null");
      }
      // The write fsyncs: run it off the I/O thread and resume here.
      Status s = co_await asio::co_spawn(
          blocking_pool_,
          [this, h = std::move(*header)]() -> asio::awaitable<Status> {
            co_return kv_config_.PutKVConfig(h.name_space, h.key, h.value);
          },
          asio::use_awaitable);
      co_return StatusResponse(request, s);
    }
    case RequestCode::kDeleteKvConfig: {
      auto header = remoting::DecodeCustomHeader<remoting::DeleteKvConfigRequestHeader>(request);
      if (!header.ok()) co_return StatusResponse(request, header.status());
      Status s = co_await asio::co_spawn(
          blocking_pool_,
          [this, h = std::move(*header)]() -> asio::awaitable<Status> {
            co_return kv_config_.DeleteKVConfig(h.name_space, h.key);
          },
          asio::use_awaitable);
      co_return StatusResponse(request, s);
    }
    case RequestCode::kGetKvConfig: co_return GetKVConfig(request);
    case RequestCode::kGetKvlistByNamespace: co_return GetKVListByNamespace(request);
    default:
      co_return RemotingCommand::CreateResponse(request, ResponseCode::kRequestCodeNotSupported,
                                                "request type " + std::to_string(request.code()) + " not supported");
  }
}

RemotingCommand KVConfigProcessor::GetKVConfig(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::GetKvConfigRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  std::optional<std::string> value = kv_config_.GetKVConfig(header->name_space, header->key);
  if (!value) {
    return RemotingCommand::CreateResponse(request, ResponseCode::kQueryNotFound,
                                           "No config item, Namespace: " + header->name_space + " Key: " + header->key);
  }
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  remoting::EncodeCustomHeader(remoting::GetKvConfigResponseHeader{std::move(value)}, &response);
  return response;
}

RemotingCommand KVConfigProcessor::GetKVListByNamespace(const RemotingCommand& request) {
  auto header = remoting::DecodeCustomHeader<remoting::GetKvListByNamespaceRequestHeader>(request);
  if (!header.ok()) return StatusResponse(request, header.status());
  std::optional<KVTable> table = kv_config_.GetKVListByNamespace(header->name_space);
  if (!table) {
    return RemotingCommand::CreateResponse(request, ResponseCode::kQueryNotFound,
                                           "No config item, Namespace: " + header->name_space);
  }
  RemotingCommand response = RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  response.set_body(table->Encode());
  return response;
}

}  // namespace rmq::namesrv
