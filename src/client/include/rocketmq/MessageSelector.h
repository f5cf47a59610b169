// MessageSelector: how a consumer filters a topic at the broker, as Java's
// org.apache.rocketmq.client.consumer.MessageSelector — byTag("TagA || TagB") (tag hashes at the
// broker, exact tags re-checked in the client) or bySql("a BETWEEN 3 AND 5 AND b = 'x'") (an
// SQL92 selector evaluated on the message properties at the broker, which needs
// enablePropertyFilter=true). Pass it to subscribe(topic, selector). Plain value type.
#pragma once

#include <string>
#include <utility>

#include "rocketmq/RocketMQClient.h"

namespace rocketmq {

// The expressionType values of the protocol (Java ExpressionType).
struct ExpressionType {
  static constexpr const char* TAG = "TAG";
  static constexpr const char* SQL92 = "SQL92";
};

class ROCKETMQCLIENT_API MessageSelector {
 public:
  // An SQL92 selector over message properties (user properties, and TAGS, KEYS, … by name).
  static MessageSelector bySql(const std::string& sql) { return MessageSelector(ExpressionType::SQL92, sql); }
  // "*" (or empty) for everything, or tags joined with "||".
  static MessageSelector byTag(const std::string& tag) { return MessageSelector(ExpressionType::TAG, tag); }

  const std::string& getExpressionType() const { return type_; }
  const std::string& getExpression() const { return expression_; }

 private:
  MessageSelector(std::string type, std::string expression)
      : type_(std::move(type)), expression_(std::move(expression)) {}

  std::string type_;
  std::string expression_;
};

}  // namespace rocketmq
