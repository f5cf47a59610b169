// Small helpers shared by the broker's processors: parsing a peer address into the born host
// of a record, building error responses, and awaiting the store's put callback on the
// connection's strand. Header-only; thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/message.h"
#include "remoting/asio.h"
#include "remoting/remoting_command.h"
#include "store/put_message_result.h"

namespace rmq::broker {

// "1.2.3.4:5678" → IPv4 host; "[::1]:5678" or another form → IPv6 when it parses, else 0.0.0.0:0.
HostAddress ParseHostAddress(std::string_view address);

inline remoting::RemotingCommand ErrorResponse(const remoting::RemotingCommand& request, int32_t code,
                                               std::string remark) {
  return remoting::RemotingCommand::CreateResponse(request, code, std::move(remark));
}

// Runs `start(callback)`, which must call the callback exactly once (from any thread), and
// resumes the awaiting coroutine on its own executor with the result — how a SYNC_FLUSH send
// waits for group commit without blocking a thread.
template <typename Start>
asio::awaitable<store::PutMessageResult> AwaitPutResult(Start start) {
  auto initiation = [start = std::move(start)](auto handler) mutable {
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    start([shared](store::PutMessageResult result) {
      auto executor = asio::get_associated_executor(*shared);
      asio::dispatch(executor, [shared, result = std::move(result)]() mutable { (*shared)(std::move(result)); });
    });
  };
  store::PutMessageResult result =
      co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(store::PutMessageResult)>(
          std::move(initiation), asio::use_awaitable);
  co_return result;
}

}  // namespace rmq::broker
