// MessageUtil: what a responder needs for request-reply (Java MessageUtil). createReplyMessage
// turns a received request into the reply to send with any producer: topic
// <cluster>_REPLY_TOPIC from the request's CLUSTER property, and CORRELATION_ID,
// REPLY_TO_CLIENT and TTL copied, MSG_TYPE=reply. Stateless; thread-safe.
#pragma once

#include <string>

#include "rocketmq/MQMessage.h"
#include "rocketmq/RocketMQClient.h"

namespace rocketmq {

class ROCKETMQCLIENT_API MessageUtil {
 public:
  // Throws MQClientException when the request has no CLUSTER property (it was not sent with
  // DefaultMQProducer::request).
  static MQMessage createReplyMessage(const MQMessage& requestMessage, const std::string& body);
  // The requester's client id, "" when absent.
  static std::string getReplyToClient(const MQMessage& msg);

  static const std::string PROPERTY_CLUSTER;
  static const std::string PROPERTY_CORRELATION_ID;
  static const std::string PROPERTY_MESSAGE_REPLY_TO_CLIENT;
  static const std::string PROPERTY_MESSAGE_TTL;
  static const std::string PROPERTY_MESSAGE_TYPE;
  static const std::string REPLY_MESSAGE_FLAG;
};

}  // namespace rocketmq
