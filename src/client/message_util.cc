#include "rocketmq/MessageUtil.h"

#include "common/reply_message.h"
#include "rocketmq/MQException.h"

namespace rocketmq {

const std::string MessageUtil::PROPERTY_CLUSTER(rmq::reply::kCluster);
const std::string MessageUtil::PROPERTY_CORRELATION_ID(rmq::reply::kCorrelationId);
const std::string MessageUtil::PROPERTY_MESSAGE_REPLY_TO_CLIENT(rmq::reply::kReplyToClient);
const std::string MessageUtil::PROPERTY_MESSAGE_TTL(rmq::reply::kMessageTtl);
const std::string MessageUtil::PROPERTY_MESSAGE_TYPE(rmq::reply::kMessageType);
const std::string MessageUtil::REPLY_MESSAGE_FLAG(rmq::reply::kReplyMessageFlag);

MQMessage MessageUtil::createReplyMessage(const MQMessage& requestMessage, const std::string& body) {
  std::string cluster = requestMessage.getProperty(PROPERTY_CLUSTER);
  if (cluster.empty()) {
    THROW_MQEXCEPTION(MQClientException,
                      "create reply message fail, requestMessage error, property[" + PROPERTY_CLUSTER +
                          "] is null; only a message sent with DefaultMQProducer::request can be replied to",
                      kErrorInvalidArgument);
  }
  MQMessage reply(rmq::reply::ReplyTopic(cluster), body);
  reply.setProperty(PROPERTY_MESSAGE_TYPE, REPLY_MESSAGE_FLAG);
  reply.setProperty(PROPERTY_CORRELATION_ID, requestMessage.getProperty(PROPERTY_CORRELATION_ID));
  reply.setProperty(PROPERTY_MESSAGE_REPLY_TO_CLIENT, requestMessage.getProperty(PROPERTY_MESSAGE_REPLY_TO_CLIENT));
  reply.setProperty(PROPERTY_MESSAGE_TTL, requestMessage.getProperty(PROPERTY_MESSAGE_TTL));
  return reply;
}

std::string MessageUtil::getReplyToClient(const MQMessage& msg) {
  return msg.getProperty(PROPERTY_MESSAGE_REPLY_TO_CLIENT);
}

}  // namespace rocketmq
