#include "client/subscription_check.h"

#include <set>

#include "client/client_error.h"
#include "remoting/response_code.h"

namespace rmq::client {

Status ValidateSelector(const std::string& expression_type, const std::string& expression) {
  if (expression_type == "TAG") return Status::Ok();
  if (expression_type != "SQL92") {
    return InvalidArgument("expression type " + expression_type + " is not supported; use TAG or SQL92");
  }
  if (expression.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("the SQL92 selector is empty");
  }
  return Status::Ok();
}

Status CheckFiltersInBrokers(ClientInstance& instance, const std::string& group,
                             const std::vector<SubscriptionData>& subscriptions) {
  for (const SubscriptionData& sub : subscriptions) {
    if (sub.expression_type == "TAG" || sub.expression_type.empty()) continue;
    auto queues = instance.GetSubscribeQueues(sub.topic);
    if (!queues.ok()) continue;  // no route yet: the pulls will report a refusal
    std::set<std::string> brokers;
    for (const MessageQueue& mq : *queues) brokers.insert(mq.broker_name);
    for (const std::string& broker : brokers) {
      auto addr = instance.FindBrokerMaster(broker);
      if (!addr) continue;
      Status s = instance.api().CheckClientConfig(*addr, instance.client_id(), group, sub);
      if (s.ok()) continue;
      int32_t code = ResponseCodeOf(s);
      if (code == 0 || code == remoting::ResponseCode::kRequestCodeNotSupported) continue;
      return Status(s.code(), "the broker " + broker + " refuses the " + sub.expression_type + " subscription of " +
                                  sub.topic + " [" + sub.sub_string + "]: " + s.message());
    }
  }
  return Status::Ok();
}

}  // namespace rmq::client
