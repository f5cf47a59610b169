// Consumer subscriptions with a filter type: the checks of subscribe(topic, MessageSelector) and,
// as DefaultMQPushConsumerImpl#checkClientInBroker, asking every broker of an SQL92
// subscription's topic with CHECK_CLIENT_CONFIG before a consumer starts, so a refused selector
// fails start() with the broker's reason. Pure functions over the client instance; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "client/client_instance.h"
#include "common/heartbeat_data.h"
#include "common/status.h"

namespace rmq::client {

// InvalidArgument for an expression type other than TAG/SQL92 or an empty SQL92 selector.
Status ValidateSelector(const std::string& expression_type, const std::string& expression);

// For each non-TAG subscription, CHECK_CLIENT_CONFIG at the master of every broker serving its
// topic. The first refusal, with the broker's code and remark; brokers too old to know the
// request (REQUEST_CODE_NOT_SUPPORTED) and unreachable ones are skipped, as the Java client does.
Status CheckFiltersInBrokers(ClientInstance& instance, const std::string& group,
                             const std::vector<SubscriptionData>& subscriptions);

}  // namespace rmq::client
