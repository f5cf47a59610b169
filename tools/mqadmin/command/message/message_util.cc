// Message printing helpers.
#include "command/message/message_util.h"

#include <sys/stat.h>

#include <fstream>

#include "command/topic/topic_util.h"

namespace rmq::mqadmin {

namespace {

std::string PropertiesString(const rocketmq::MQMessage& message) {
  std::string out = "{";
  for (const auto& [key, value] : message.getProperties()) {
    out += (out.size() > 1 ? ", " : "") + key + "=" + value;
  }
  return out + "}";
}

// Writes the body to /tmp/rocketmq/msgbodys/<name>; returns the path, or "" if it could not.
std::string SaveBody(const std::string& name, const std::string& body) {
  ::mkdir("/tmp/rocketmq", 0755);
  ::mkdir("/tmp/rocketmq/msgbodys", 0755);
  std::string path = "/tmp/rocketmq/msgbodys/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return "";
  out << body;
  return out ? path : "";
}

}  // namespace

std::string JavaMessageExtString(const rocketmq::MQMessageExt& m) {
  return "MessageExt [brokerName=" + m.getBrokerName() + ", queueId=" + std::to_string(m.getQueueId()) +
         ", storeSize=" + std::to_string(m.getStoreSize()) + ", queueOffset=" + std::to_string(m.getQueueOffset()) +
         ", sysFlag=" + std::to_string(m.getSysFlag()) + ", bornTimestamp=" + std::to_string(m.getBornTimestamp()) +
         ", bornHost=/" + m.getBornHostString() + ", storeTimestamp=" + std::to_string(m.getStoreTimestamp()) +
         ", storeHost=/" + m.getStoreHostString() + ", msgId=" + m.getMsgId() +
         ", commitLogOffset=" + std::to_string(m.getCommitLogOffset()) + ", bodyCRC=" + std::to_string(m.getBodyCRC()) +
         ", reconsumeTimes=" + std::to_string(m.getReconsumeTimes()) +
         ", preparedTransactionOffset=" + std::to_string(m.getPreparedTransactionOffset()) +
         ", toString()=Message{topic='" + m.getTopic() + "', flag=" + std::to_string(m.getFlag()) +
         ", properties=" + PropertiesString(m) + ", body=[" + std::to_string(m.getBody().size()) +
         " bytes], transactionId='" + m.getTransactionId() + "'}]";
}

std::string MessageLine(const rocketmq::MQMessageExt& message, bool print_body) {
  return "MSGID: " + message.getMsgId() + " " + JavaMessageExtString(message) +
         " BODY: " + (print_body ? message.getBody() : std::string("NOT PRINT BODY"));
}

nlohmann::json MessageJson(const rocketmq::MQMessageExt& m) {
  return {{"msgId", m.getMsgId()},
          {"offsetMsgId", m.getOffsetMsgId()},
          {"topic", m.getTopic()},
          {"tags", m.getTags()},
          {"keys", m.getKeys()},
          {"brokerName", m.getBrokerName()},
          {"queueId", m.getQueueId()},
          {"queueOffset", m.getQueueOffset()},
          {"commitLogOffset", m.getCommitLogOffset()},
          {"reconsumeTimes", m.getReconsumeTimes()},
          {"bornTimestamp", m.getBornTimestamp()},
          {"storeTimestamp", m.getStoreTimestamp()},
          {"bornHost", m.getBornHostString()},
          {"storeHost", m.getStoreHostString()},
          {"sysFlag", m.getSysFlag()},
          {"properties", m.getProperties()},
          {"body", m.getBody()}};
}

void PrintMessageBlock(CommandContext& context, const rocketmq::MQMessageExt& m, bool with_offset_id, bool tracks,
                       const std::string& body_name) {
  std::string path = SaveBody(body_name.empty() ? m.getMsgId() : body_name, m.getBody());
  auto line = [&](const char* label, const std::string& value) { context.Line(Fmt("%-20s %s", label, value.c_str())); };
  if (with_offset_id) line("OffsetID:", m.getOffsetMsgId());
  line("Topic:", m.getTopic());
  line("Tags:", "[" + m.getTags() + "]");
  line("Keys:", "[" + m.getKeys() + "]");
  line("Queue ID:", std::to_string(m.getQueueId()));
  line("Queue Offset:", std::to_string(m.getQueueOffset()));
  line("CommitLog Offset:", std::to_string(m.getCommitLogOffset()));
  line("Reconsume Times:", std::to_string(m.getReconsumeTimes()));
  line("Born Timestamp:", HumanMillis(m.getBornTimestamp()));
  line("Store Timestamp:", HumanMillis(m.getStoreTimestamp()));
  line("Born Host:", m.getBornHostString());
  line("Store Host:", m.getStoreHostString());
  line("System Flag:", std::to_string(m.getSysFlag()));
  line("Properties:", PropertiesString(m));
  line("Message Body Path:", path);
  nlohmann::json json = MessageJson(m);
  json["bodyPath"] = path;
  if (!tracks) {
    context.doc()["messages"].push_back(json);
    return;
  }
  context.Line("");
  context.Line("");
  std::set<std::string> groups;
  try {
    groups = context.admin().queryTopicConsumeByWho(m.getTopic());
  } catch (const rocketmq::MQException&) {
  }
  if (groups.empty()) context.Line("WARN: No Consumer");
  std::string broker = m.getBrokerName().empty() ? BrokerNameOfAddr(context, m.getStoreHostString()) : m.getBrokerName();
  rocketmq::MQMessageQueue mq(m.getTopic(), broker, m.getQueueId());
  for (const auto& group : groups) {
    std::string type = "UNKNOWN";
    try {
      int64_t offset = context.admin().queryConsumerOffset(group, mq);
      type = offset > m.getQueueOffset() ? "CONSUMED" : "NOT_CONSUME_YET";
    } catch (const rocketmq::MQException&) {
    }
    context.Line("MessageTrack [consumerGroup=" + group + ", trackType=" + type + ", exceptionDesc=null]");
    json["tracks"].push_back({{"consumerGroup", group}, {"trackType", type}});
  }
  context.doc()["messages"].push_back(json);
}

std::unique_ptr<rocketmq::DefaultMQPullConsumer> StartPullConsumer(CommandContext& context, const std::string& group) {
  auto consumer = std::make_unique<rocketmq::DefaultMQPullConsumer>(group);
  consumer->setNamesrvAddr(context.namesrv_addr());
  consumer->setInstanceName("mqadmin_pull_" + std::to_string(NowMillis()));
  consumer->start();
  return consumer;
}

}  // namespace rmq::mqadmin
