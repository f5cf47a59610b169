#include "client/client_error.h"

#include <charconv>
#include <functional>

#include "remoting/response_code.h"

namespace rmq::client {

using remoting::ResponseCode;

Status ResponseError(const remoting::RemotingCommand& response, const std::string& what) {
  std::string message = "CODE " + std::to_string(response.code()) + ": " + what;
  if (response.remark() && !response.remark()->empty()) message += ": " + *response.remark();
  switch (response.code()) {
    case ResponseCode::kTopicNotExist:
    case ResponseCode::kQueryNotFound:
    case ResponseCode::kSubscriptionGroupNotExist:
      return {StatusCode::kNotFound, message};
    case ResponseCode::kNoPermission:
      return {StatusCode::kPermissionDenied, message};
    case ResponseCode::kSystemBusy:
    case ResponseCode::kServiceNotAvailable:
    case ResponseCode::kFlowControl:
      return {StatusCode::kResourceExhausted, message};
    case ResponseCode::kMessageIllegal:
    case ResponseCode::kInvalidParameter:
    case ResponseCode::kSubscriptionParseFailed:
      return {StatusCode::kInvalidArgument, message};
    case ResponseCode::kRequestCodeNotSupported:
      return {StatusCode::kUnsupported, message};
    default:
      return {StatusCode::kInternal, message};
  }
}

int32_t ResponseCodeOf(const Status& status) {
  const std::string& message = status.message();
  if (status.ok() || message.rfind("CODE ", 0) != 0) return 0;
  int32_t code = 0;
  const char* begin = message.data() + 5;
  auto [end, ec] = std::from_chars(begin, message.data() + message.size(), code);
  if (ec != std::errc() || end == begin || *end != ':') return 0;
  return code;
}

namespace {

template <typename Fn>
auto Dispatch(const Status& status, const char* file, int line, Fn&& fn) {
  int32_t code = ResponseCodeOf(status);
  const std::string& message = status.message();
  if (code != 0) return fn(rocketmq::MQBrokerException(message, code, file, line));
  switch (status.code()) {
    case StatusCode::kTimeout:
      return fn(rocketmq::RemotingException(message, rocketmq::kErrorTimeout, file, line));
    case StatusCode::kUnavailable:
      return fn(rocketmq::RemotingException(message, rocketmq::kErrorUnavailable, file, line));
    case StatusCode::kInvalidArgument:
      return fn(rocketmq::MQClientException(message, rocketmq::kErrorInvalidArgument, file, line));
    case StatusCode::kNotFound:
      return fn(rocketmq::MQClientException(message, rocketmq::kErrorNoRoute, file, line));
    case StatusCode::kUnsupported:
      return fn(rocketmq::MQClientException(message, rocketmq::kErrorUnsupported, file, line));
    case StatusCode::kPermissionDenied:
      return fn(rocketmq::MQClientException(message, rocketmq::kErrorNotStarted, file, line));
    default:
      return fn(rocketmq::MQClientException(message, rocketmq::kErrorInternal, file, line));
  }
}

}  // namespace

void ThrowStatus(const Status& status, const char* file, int line) {
  Dispatch(status, file, line, [](auto&& e) -> int { throw e; });
  std::abort();
}

std::exception_ptr StatusToExceptionPtr(const Status& status) {
  return Dispatch(status, __FILE__, __LINE__, [](auto&& e) { return std::make_exception_ptr(e); });
}

void WithException(const Status& status, const std::function<void(rocketmq::MQException&)>& fn) {
  Dispatch(status, __FILE__, __LINE__, [&](auto&& e) {
    auto copy = e;
    fn(copy);
    return 0;
  });
}

}  // namespace rmq::client
