// The exceptions the public API throws, named as in rocketmq-client-cpp 2.x: MQException and
// its family. error is a RocketMQ response code (17 = topic does not exist, ...) when the broker
// or name server refused, or a negative client-side code (see ClientErrorCode). what() says
// what happened and what to do about it.
#pragma once

#include <exception>
#include <ostream>
#include <string>

#include "rocketmq/RocketMQClient.h"

namespace rocketmq {

// Client-side error codes (never on the wire).
enum ClientErrorCode {
  kErrorNoNameServer = -1,        // neither setNamesrvAddr nor NAMESRV_ADDR
  kErrorNotStarted = -2,          // start() was not called, or shutdown() was
  kErrorInvalidArgument = -3,     // a bad message, topic, group or setting
  kErrorNoRoute = -4,             // no route info for the topic
  kErrorTimeout = -5,             // no answer in time
  kErrorUnavailable = -6,         // cannot connect / connection lost
  kErrorInternal = -7,
  kErrorUnsupported = -8,         // a feature this library does not have
};

class ROCKETMQCLIENT_API MQException : public std::exception {
 public:
  MQException(const std::string& msg, int error, const char* file, int line) noexcept
      : MQException(msg, error, file, "MQException", line) {}
  MQException(const std::string& msg, int error, const char* file, const char* type, int line) noexcept
      : error_(error), line_(line), file_(file ? file : ""), type_(type ? type : "MQException"), msg_(msg) {
    what_ = msg_ + " (error " + std::to_string(error_) + ")";
  }
  ~MQException() noexcept override = default;

  const char* what() const noexcept override { return what_.c_str(); }
  // The message without the error code.
  const std::string& message() const noexcept { return msg_; }
  int GetError() const noexcept { return error_; }
  virtual const char* GetType() const noexcept { return type_.c_str(); }
  int GetLine() const noexcept { return line_; }
  const char* GetFile() const noexcept { return file_.c_str(); }

 protected:
  int error_;
  int line_;
  std::string file_;
  std::string type_;
  std::string msg_;
  std::string what_;
};

inline std::ostream& operator<<(std::ostream& os, const MQException& e) {
  return os << "Type: " << e.GetType() << " , " << e.what();
}

#define ROCKETMQ_DEFINE_EXCEPTION(name)                                                      \
  class ROCKETMQCLIENT_API name : public MQException {                                       \
   public:                                                                                   \
    name(const std::string& msg, int error, const char* file, int line) noexcept             \
        : MQException(msg, error, file, #name, line) {}                                      \
  };

// Bad settings or arguments, no route, client not started, no name server.
ROCKETMQ_DEFINE_EXCEPTION(MQClientException)
// The broker or name server answered with an error code.
ROCKETMQ_DEFINE_EXCEPTION(MQBrokerException)
ROCKETMQ_DEFINE_EXCEPTION(InterruptedException)
// Connecting, sending or waiting for the answer failed.
ROCKETMQ_DEFINE_EXCEPTION(RemotingException)
ROCKETMQ_DEFINE_EXCEPTION(UnknownHostException)
// DefaultMQProducer::request sent the request but no reply came within the timeout.
ROCKETMQ_DEFINE_EXCEPTION(RequestTimeoutException)

#undef ROCKETMQ_DEFINE_EXCEPTION

#define THROW_MQEXCEPTION(e, msg, err) throw e(msg, err, __FILE__, __LINE__)
#define NEW_MQEXCEPTION(e, msg, err) e(msg, err, __FILE__, __LINE__)

}  // namespace rocketmq
