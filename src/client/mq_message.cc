// Out-of-line members of the public value types: MQMessage, MQMessageExt, SendResult, PullResult.
#include <string>

#include "rocketmq/MQMessage.h"
#include "rocketmq/MQMessageExt.h"
#include "rocketmq/PullResult.h"
#include "rocketmq/SendResult.h"

namespace rocketmq {

const std::string MQMessage::PROPERTY_KEYS = "KEYS";
const std::string MQMessage::PROPERTY_TAGS = "TAGS";
const std::string MQMessage::PROPERTY_WAIT_STORE_MSG_OK = "WAIT";
const std::string MQMessage::PROPERTY_DELAY_TIME_LEVEL = "DELAY";
const std::string MQMessage::PROPERTY_RETRY_TOPIC = "RETRY_TOPIC";
const std::string MQMessage::PROPERTY_REAL_TOPIC = "REAL_TOPIC";
const std::string MQMessage::PROPERTY_REAL_QUEUE_ID = "REAL_QID";
const std::string MQMessage::PROPERTY_TRANSACTION_PREPARED = "TRAN_MSG";
const std::string MQMessage::PROPERTY_PRODUCER_GROUP = "PGROUP";
const std::string MQMessage::PROPERTY_MIN_OFFSET = "MIN_OFFSET";
const std::string MQMessage::PROPERTY_MAX_OFFSET = "MAX_OFFSET";
const std::string MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX = "UNIQ_KEY";
const std::string MQMessage::PROPERTY_RECONSUME_TIME = "RECONSUME_TIME";
const std::string MQMessage::PROPERTY_MAX_RECONSUME_TIMES = "MAX_RECONSUME_TIMES";
const std::string MQMessage::PROPERTY_ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";
const std::string MQMessage::PROPERTY_TRANSACTION_ID = "__transactionId__";
const std::string MQMessage::PROPERTY_TIMER_DELIVER_MS = "TIMER_DELIVER_MS";
const std::string MQMessage::PROPERTY_TIMER_DELAY_SEC = "TIMER_DELAY_SEC";
const std::string MQMessage::PROPERTY_TIMER_DELAY_MS = "TIMER_DELAY_MS";
const std::string MQMessage::KEY_SEPARATOR = " ";

MQMessage::MQMessage(const std::string& topic, const std::string& body) : topic_(topic), body_(body) {}

MQMessage::MQMessage(const std::string& topic, const std::string& tags, const std::string& body)
    : topic_(topic), body_(body) {
  if (!tags.empty()) setTags(tags);
}

MQMessage::MQMessage(const std::string& topic, const std::string& tags, const std::string& keys,
                     const std::string& body)
    : MQMessage(topic, tags, body) {
  if (!keys.empty()) setKeys(keys);
}

MQMessage::MQMessage(const std::string& topic, const std::string& tags, const std::string& keys, int flag,
                     const std::string& body, bool waitStoreMsgOK)
    : MQMessage(topic, tags, keys, body) {
  flag_ = flag;
  setWaitStoreMsgOK(waitStoreMsgOK);
}

void MQMessage::setKeys(const std::vector<std::string>& keys) {
  std::string joined;
  for (const auto& key : keys) {
    if (key.empty()) continue;
    if (!joined.empty()) joined += KEY_SEPARATOR;
    joined += key;
  }
  setKeys(joined);
}

int MQMessage::getDelayTimeLevel() const {
  std::string value = getProperty(PROPERTY_DELAY_TIME_LEVEL);
  if (value.empty()) return 0;
  try {
    return std::stoi(value);
  } catch (...) {
    return 0;
  }
}

void MQMessage::setDelayTimeLevel(int level) {
  if (level <= 0) {
    properties_.erase(PROPERTY_DELAY_TIME_LEVEL);
  } else {
    setPropertyInternal(PROPERTY_DELAY_TIME_LEVEL, std::to_string(level));
  }
}

namespace {

int64_t ParseLong(const std::string& value) {
  if (value.empty()) return 0;
  try {
    return std::stoll(value);
  } catch (...) {
    return 0;
  }
}

}  // namespace

int64_t MQMessage::getDeliverTimeMs() const { return ParseLong(getProperty(PROPERTY_TIMER_DELIVER_MS)); }
void MQMessage::setDeliverTimeMs(int64_t timeMs) { setPropertyInternal(PROPERTY_TIMER_DELIVER_MS, std::to_string(timeMs)); }
int64_t MQMessage::getDelayTimeSec() const { return ParseLong(getProperty(PROPERTY_TIMER_DELAY_SEC)); }
void MQMessage::setDelayTimeSec(int64_t sec) { setPropertyInternal(PROPERTY_TIMER_DELAY_SEC, std::to_string(sec)); }
int64_t MQMessage::getDelayTimeMs() const { return ParseLong(getProperty(PROPERTY_TIMER_DELAY_MS)); }
void MQMessage::setDelayTimeMs(int64_t ms) { setPropertyInternal(PROPERTY_TIMER_DELAY_MS, std::to_string(ms)); }

bool MQMessage::isWaitStoreMsgOK() const { return getProperty(PROPERTY_WAIT_STORE_MSG_OK) != "false"; }

void MQMessage::setWaitStoreMsgOK(bool waitStoreMsgOK) {
  setPropertyInternal(PROPERTY_WAIT_STORE_MSG_OK, waitStoreMsgOK ? "true" : "false");
}

std::string MQMessage::getProperty(const std::string& name) const {
  auto it = properties_.find(name);
  return it == properties_.end() ? std::string() : it->second;
}

std::string MQMessage::toString() const {
  std::string out = "Message [topic=" + topic_ + ", flag=" + std::to_string(flag_) + ", properties={";
  bool first = true;
  for (const auto& [name, value] : properties_) {
    if (!first) out += ", ";
    first = false;
    out += name + "=" + value;
  }
  return out + "}, body size=" + std::to_string(body_.size()) + "]";
}

std::string MQMessageExt::toString() const {
  return "MessageExt [queueId=" + std::to_string(queue_id_) + ", queueOffset=" + std::to_string(queue_offset_) +
         ", msgId=" + msg_id_ + ", offsetMsgId=" + offset_msg_id_ + ", brokerName=" + broker_name_ +
         ", reconsumeTimes=" + std::to_string(reconsume_times_) + ", " + MQMessage::toString() + "]";
}

std::string SendResult::toString() const {
  static const char* kStatus[] = {"SEND_OK", "SEND_FLUSH_DISK_TIMEOUT", "SEND_FLUSH_SLAVE_TIMEOUT",
                                  "SEND_SLAVE_NOT_AVAILABLE"};
  return std::string("SendResult [sendStatus=") + kStatus[status_] + ", msgId=" + msg_id_ +
         ", offsetMsgId=" + offset_msg_id_ + ", messageQueue=" + mq_.toString() +
         ", queueOffset=" + std::to_string(queue_offset_) + "]";
}

std::string PullResult::toString() const {
  static const char* kStatus[] = {"FOUND", "NO_NEW_MSG", "NO_MATCHED_MSG", "OFFSET_ILLEGAL", "BROKER_TIMEOUT"};
  return std::string("PullResult [pullStatus=") + kStatus[pullStatus] +
         ", nextBeginOffset=" + std::to_string(nextBeginOffset) + ", minOffset=" + std::to_string(minOffset) +
         ", maxOffset=" + std::to_string(maxOffset) + ", msgFoundList=" + std::to_string(msgFoundList.size()) + "]";
}

}  // namespace rocketmq
