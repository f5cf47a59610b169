// How the client's internal Status values carry a broker's response code, and how they become
// the public MQException family at the API edge. A failed RPC answered by a peer has the message
// "CODE <n>: <remark>"; ResponseCodeOf reads n back. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <string>

#include "common/status.h"
#include "remoting/remoting_command.h"
#include "rocketmq/MQException.h"

namespace rmq::client {

// A Status for a response with a non-success code; `what` says which call ("send to broker-a").
Status ResponseError(const remoting::RemotingCommand& response, const std::string& what);
// The response code inside a ResponseError, or 0 when the status did not come from one.
int32_t ResponseCodeOf(const Status& status);

// Throws the MQException subclass matching `status`: MQBrokerException for response codes,
// RemotingException for kTimeout/kUnavailable, MQClientException otherwise. REQUIRES: !ok().
[[noreturn]] void ThrowStatus(const Status& status, const char* file, int line);
// The exception ThrowStatus would throw, as a value (for callbacks and futures).
std::exception_ptr StatusToExceptionPtr(const Status& status);
// Calls fn with the MQException ThrowStatus would throw.
void WithException(const Status& status, const std::function<void(rocketmq::MQException&)>& fn);

}  // namespace rmq::client

#define RMQ_THROW_IF_ERROR(expr)                                              \
  do {                                                                        \
    ::rmq::Status rmq_throw_status_ = (expr);                                 \
    if (!rmq_throw_status_.ok()) ::rmq::client::ThrowStatus(rmq_throw_status_, __FILE__, __LINE__); \
  } while (0)
