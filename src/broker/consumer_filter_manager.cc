#include "broker/consumer_filter_manager.h"

#include "broker/sql_parser.h"
#include "remoting/response_code.h"

namespace rmq::broker {

Result<std::shared_ptr<const sql::Expression>> ConsumerFilterManager::Get(std::string_view group,
                                                                          std::string_view topic,
                                                                          std::string_view expression,
                                                                          int64_t client_version) {
  std::pair<std::string, std::string> key{std::string(group), std::string(topic)};
  {
    std::lock_guard lock(mutex_);
    auto it = filters_.find(key);
    if (it != filters_.end() && it->second.expression == expression) return it->second.compiled;
  }
  RMQ_ASSIGN_OR_RETURN(std::shared_ptr<const sql::Expression> compiled, sql::CompileSql(expression));
  std::lock_guard lock(mutex_);
  FilterData& data = filters_[std::move(key)];
  // A pull carrying an older subscription must not replace what a newer heartbeat brought.
  if (!data.compiled || client_version >= data.client_version) {
    data.expression = std::string(expression);
    data.client_version = client_version;
    data.compiled = compiled;
  }
  return compiled;
}

void ConsumerFilterManager::RemoveGroup(std::string_view group) {
  std::lock_guard lock(mutex_);
  for (auto it = filters_.begin(); it != filters_.end();) {
    it = it->first.first == group ? filters_.erase(it) : std::next(it);
  }
}

size_t ConsumerFilterManager::size() const {
  std::lock_guard lock(mutex_);
  return filters_.size();
}

FilterCheck CheckSubscriptionFilter(ConsumerFilterManager& filters, bool enable_property_filter,
                                    std::string_view group, std::string_view topic, std::string_view expression_type,
                                    std::string_view expression, int64_t sub_version) {
  using remoting::ResponseCode;
  FilterCheck check;
  // As ExpressionType#isTagType: absent and empty mean TAG.
  if (expression_type.empty() || expression_type == kExpressionTypeTag) return check;
  if (expression_type != kExpressionTypeSql92) {
    check.code = ResponseCode::kSubscriptionParseFailed;
    check.remark = "parse the consumer's subscription failed: expression type " + std::string(expression_type) +
                   " is not supported (TAG or SQL92)";
    return check;
  }
  if (!enable_property_filter) {
    check.code = ResponseCode::kSystemError;
    check.remark = "The broker does not support consumer to filter message by " + std::string(expression_type);
    return check;
  }
  auto compiled = filters.Get(group, topic, expression, sub_version);
  if (!compiled.ok()) {
    check.code = ResponseCode::kSubscriptionParseFailed;
    check.remark = "parse the consumer's subscription failed: " + compiled.status().message();
    return check;
  }
  check.compiled = std::move(*compiled);
  return check;
}

}  // namespace rmq::broker
