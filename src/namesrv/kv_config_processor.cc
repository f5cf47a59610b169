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

asio::awaitable<Status> KVConfigProcessor::RunBlocking(std::function<Status()> work) {
  auto initiate = [this, work = std::move(work)](auto handler) mutable {
    asio::post(blocking_pool_, [work = std::move(work), handler = std::move(handler)]() mutable {
      Status status = work();
      // Resume the coroutine on its own executor (the connection's strand), not on the pool.
      auto executor = asio::get_associated_executor(handler);
      asio::post(executor, [handler = std::move(handler), status = std::move(status)]() mutable {
        handler(std::move(status));
      });
    });
  };
  return asio::async_initiate<const asio::use_awaitable_t<>, void(Status)>(std::move(initiate), asio::use_awaitable);
}

// Kept free of switch statements and of locals that live across co_await inside nested
// blocks: GCC 12 miscompiles coroutine frames in such code.
asio::awaitable<std::optional<RemotingCommand>> KVConfigProcessor::Process(remoting::RequestContext& context,
                                                                           RemotingCommand request) {
  (void)context;
  std::optional<RemotingCommand> response;
  if (request.code() == RequestCode::kPutKvConfig) {
    response = co_await PutKVConfig(std::move(request));
  } else if (request.code() == RequestCode::kDeleteKvConfig) {
    response = co_await DeleteKVConfig(std::move(request));
  } else if (request.code() == RequestCode::kGetKvConfig) {
    response = GetKVConfig(request);
  } else if (request.code() == RequestCode::kGetKvlistByNamespace) {
    response = GetKVListByNamespace(request);
  } else {
    response = RemotingCommand::CreateResponse(request, ResponseCode::kRequestCodeNotSupported,
                                               "request type " + std::to_string(request.code()) + " not supported");
  }
  co_return response;
}

asio::awaitable<RemotingCommand> KVConfigProcessor::PutKVConfig(RemotingCommand request) {
  auto header = remoting::DecodeCustomHeader<remoting::PutKvConfigRequestHeader>(request);
  if (!header.ok()) co_return StatusResponse(request, header.status());
  if (header->name_space.empty() || header->key.empty()) {
    co_return RemotingCommand::CreateResponse(request, ResponseCode::kSystemError, "namespace or key is null");
  }
  remoting::PutKvConfigRequestHeader h = *header;
  // The write fsyncs: run it off the I/O thread and resume here. The work is a named local:
  // GCC 12 relocates a temporary lambda argument of a co_await expression bytewise, which
  // corrupts the strings it captured.
  std::function<Status()> work = [this, h] { return kv_config_.PutKVConfig(h.name_space, h.key, h.value); };
  Status s = co_await RunBlocking(std::move(work));
  co_return StatusResponse(request, s);
}

asio::awaitable<RemotingCommand> KVConfigProcessor::DeleteKVConfig(RemotingCommand request) {
  auto header = remoting::DecodeCustomHeader<remoting::DeleteKvConfigRequestHeader>(request);
  if (!header.ok()) co_return StatusResponse(request, header.status());
  remoting::DeleteKvConfigRequestHeader h = *header;
  std::function<Status()> work = [this, h] { return kv_config_.DeleteKVConfig(h.name_space, h.key); };
  Status s = co_await RunBlocking(std::move(work));
  co_return StatusResponse(request, s);
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
