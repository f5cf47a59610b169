// ConsumerFilterManager: the compiled SQL92 selectors of consumer groups, one per group and
// topic with the expression and the client's subVersion (ConsumerFilterManager.java,
// ConsumerFilterData.java), so a selector is compiled once — at the heartbeat that brings it —
// and every pull of that group and topic reuses it. Not persisted: heartbeats rebuild it.
// Owned by ConsumerManager. Thread-safe: one mutex guards the table; compiling happens outside it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "broker/sql_expression.h"
#include "common/status.h"

namespace rmq::broker {

inline constexpr std::string_view kExpressionTypeTag = "TAG";
inline constexpr std::string_view kExpressionTypeSql92 = "SQL92";

class ConsumerFilterManager {
 public:
  // The compiled selector of group/topic for `expression`: the kept one when the expression is
  // unchanged, else a fresh compilation, kept when `client_version` is not older than the kept
  // one's. InvalidArgument naming the column when the expression does not compile.
  Result<std::shared_ptr<const sql::Expression>> Get(std::string_view group, std::string_view topic,
                                                     std::string_view expression, int64_t client_version);
  // Forgets the group's selectors (its last client went away).
  void RemoveGroup(std::string_view group);
  size_t size() const;

 private:
  struct FilterData {
    std::string expression;
    int64_t client_version = 0;
    std::shared_ptr<const sql::Expression> compiled;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, FilterData, std::less<>> filters_;  // Guarded by mutex_.
};

// Whether the broker can filter with a subscription: for SQL92 its compiled selector, otherwise
// the response code and remark refusing it. TAG subscriptions pass with no selector.
struct FilterCheck {
  std::shared_ptr<const sql::Expression> compiled;  // SQL92 only
  int32_t code = 0;                                  // ResponseCode; 0 = accepted
  std::string remark;
  bool ok() const { return code == 0; }
};

// As ClientManageProcessor#checkClientConfig and the filter checks of PullMessageProcessor: an
// unknown expression type or a selector that does not compile → SUBSCRIPTION_PARSE_FAILED (the
// remark names the column); SQL92 while enablePropertyFilter is off → SYSTEM_ERROR with
// upstream's remark.
FilterCheck CheckSubscriptionFilter(ConsumerFilterManager& filters, bool enable_property_filter,
                                    std::string_view group, std::string_view topic, std::string_view expression_type,
                                    std::string_view expression, int64_t sub_version);

}  // namespace rmq::broker
