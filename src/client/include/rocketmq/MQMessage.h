// MQMessage: a message to send — topic, tags, keys, body, delay level, user properties — with
// the accessors of rocketmq-client-cpp 2.x. A plain value type; not thread-safe to mutate.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "rocketmq/RocketMQClient.h"

namespace rocketmq {

class ROCKETMQCLIENT_API MQMessage {
 public:
  MQMessage() = default;
  explicit MQMessage(const std::string& topic, const std::string& body = "");
  MQMessage(const std::string& topic, const std::string& tags, const std::string& body);
  MQMessage(const std::string& topic, const std::string& tags, const std::string& keys, const std::string& body);
  MQMessage(const std::string& topic, const std::string& tags, const std::string& keys, int flag,
            const std::string& body, bool waitStoreMsgOK);
  virtual ~MQMessage() = default;

  MQMessage(const MQMessage&) = default;
  MQMessage& operator=(const MQMessage&) = default;
  MQMessage(MQMessage&&) noexcept = default;
  MQMessage& operator=(MQMessage&&) noexcept = default;

  const std::string& getTopic() const { return topic_; }
  void setTopic(const std::string& topic) { topic_ = topic; }
  void setTopic(const char* body, int len) { topic_.assign(body, len); }

  std::string getTags() const { return getProperty(PROPERTY_TAGS); }
  void setTags(const std::string& tags) { setPropertyInternal(PROPERTY_TAGS, tags); }

  std::string getKeys() const { return getProperty(PROPERTY_KEYS); }
  // One key, or several separated by spaces.
  void setKeys(const std::string& keys) { setPropertyInternal(PROPERTY_KEYS, keys); }
  void setKeys(const std::vector<std::string>& keys);

  // 0 = no delay; 1..18 = 1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h.
  int getDelayTimeLevel() const;
  void setDelayTimeLevel(int level);

  // 5.x timer messages (Java Message#setDeliverTimeMs / setDelayTimeSec / setDelayTimeMs): an
  // arbitrary delivery time, absolute (ms since the epoch) or relative to the broker's clock.
  // The broker delivers within about a second after it, refuses one beyond its timerMaxDelaySec
  // (3 days by default) and ignores these when a delay level is also set. 0 = not set.
  int64_t getDeliverTimeMs() const;
  void setDeliverTimeMs(int64_t timeMs);
  int64_t getDelayTimeSec() const;
  void setDelayTimeSec(int64_t sec);
  int64_t getDelayTimeMs() const;
  void setDelayTimeMs(int64_t ms);

  bool isWaitStoreMsgOK() const;
  void setWaitStoreMsgOK(bool waitStoreMsgOK);

  int getFlag() const { return flag_; }
  void setFlag(int flag) { flag_ = flag; }

  int getSysFlag() const { return sys_flag_; }
  void setSysFlag(int sysFlag) { sys_flag_ = sysFlag; }

  const std::string& getBody() const { return body_; }
  void setBody(const char* body, int len) { body_.assign(body, len); }
  void setBody(const std::string& body) { body_ = body; }
  void setBody(std::string&& body) { body_ = std::move(body); }

  // User properties; names the library uses itself (TAGS, KEYS, UNIQ_KEY, ...) are allowed but
  // set through their own setters normally.
  void setProperty(const std::string& name, const std::string& value) { setPropertyInternal(name, value); }
  void setProperty(const std::string& name, std::string&& value) { properties_[name] = std::move(value); }
  // "" when absent.
  std::string getProperty(const std::string& name) const;
  void clearProperty(const std::string& name) { properties_.erase(name); }
  const std::map<std::string, std::string>& getProperties() const { return properties_; }
  void setProperties(const std::map<std::string, std::string>& properties) { properties_ = properties; }

  // The client-generated unique id (UNIQ_KEY) once the message was sent.
  std::string getUniqKey() const { return getProperty(PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX); }

  virtual std::string toString() const;

  static const std::string PROPERTY_KEYS;
  static const std::string PROPERTY_TAGS;
  static const std::string PROPERTY_WAIT_STORE_MSG_OK;
  static const std::string PROPERTY_DELAY_TIME_LEVEL;
  static const std::string PROPERTY_RETRY_TOPIC;
  static const std::string PROPERTY_REAL_TOPIC;
  static const std::string PROPERTY_REAL_QUEUE_ID;
  static const std::string PROPERTY_TRANSACTION_PREPARED;
  static const std::string PROPERTY_PRODUCER_GROUP;
  static const std::string PROPERTY_MIN_OFFSET;
  static const std::string PROPERTY_MAX_OFFSET;
  static const std::string PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX;
  static const std::string PROPERTY_RECONSUME_TIME;
  static const std::string PROPERTY_MAX_RECONSUME_TIMES;
  static const std::string PROPERTY_ORIGIN_MESSAGE_ID;
  static const std::string PROPERTY_TRANSACTION_ID;
  static const std::string PROPERTY_TIMER_DELIVER_MS;
  static const std::string PROPERTY_TIMER_DELAY_SEC;
  static const std::string PROPERTY_TIMER_DELAY_MS;
  static const std::string KEY_SEPARATOR;

 protected:
  void setPropertyInternal(const std::string& name, const std::string& value) { properties_[name] = value; }

  std::string topic_;
  int flag_ = 0;
  int sys_flag_ = 0;
  std::string body_;
  std::map<std::string, std::string> properties_;
};

}  // namespace rocketmq
