// Status and Result<T>: how fallible operations report errors inside the project.
// A Status is a code plus a message; OK carries no allocation. Result<T> holds a value or a
// non-OK Status. Both are cheap to move and [[nodiscard]]. Not thread-safe to share mutably.
#pragma once

#include <cassert>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace rmq {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller's input is malformed or out of range
  kNotFound,
  kAlreadyExists,
  kCorruption,       // stored or received bytes do not decode
  kIoError,
  kTimeout,
  kUnavailable,      // connection lost, service stopped, try again later
  kResourceExhausted,
  kPermissionDenied,
  kUnsupported,
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  // Empty for OK.
  const std::string& message() const;
  // "InvalidArgument: the custom field <topic> is null", or "OK".
  std::string ToString() const;

  Status(const Status& other) : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<State> state_;  // null means OK
};

inline Status InvalidArgument(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
inline Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
inline Status Corruption(std::string message) { return {StatusCode::kCorruption, std::move(message)}; }
inline Status IoError(std::string message) { return {StatusCode::kIoError, std::move(message)}; }
inline Status Timeout(std::string message) { return {StatusCode::kTimeout, std::move(message)}; }
inline Status Unavailable(std::string message) { return {StatusCode::kUnavailable, std::move(message)}; }
inline Status Unsupported(std::string message) { return {StatusCode::kUnsupported, std::move(message)}; }
inline Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result built from an OK Status has no value");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // REQUIRES: !ok() for a meaningful status; returns OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }

  // REQUIRES: ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace rmq

#define RMQ_STATUS_CONCAT_INNER(a, b) a##b
#define RMQ_STATUS_CONCAT(a, b) RMQ_STATUS_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function when `expr` is not OK.
#define RMQ_RETURN_IF_ERROR(expr)                 \
  do {                                            \
    ::rmq::Status rmq_status_tmp_ = (expr);       \
    if (!rmq_status_tmp_.ok()) return rmq_status_tmp_; \
  } while (0)

// `RMQ_ASSIGN_OR_RETURN(auto x, Fn());` declares x from a Result or returns its Status.
#define RMQ_ASSIGN_OR_RETURN(lhs, expr) \
  RMQ_ASSIGN_OR_RETURN_IMPL(RMQ_STATUS_CONCAT(rmq_result_, __LINE__), lhs, expr)
#define RMQ_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
