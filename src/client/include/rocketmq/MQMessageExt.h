// MQMessageExt: a message as consumed — the MQMessage fields plus where and when it was stored
// (queue, offsets, hosts, timestamps, reconsume count) — with rocketmq-client-cpp's accessors.
// getMsgId() is the UNIQ_KEY when the producer set one, else the offset message id. A plain
// value type.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "rocketmq/MQMessage.h"

namespace rocketmq {

class ROCKETMQCLIENT_API MQMessageExt : public MQMessage {
 public:
  MQMessageExt() = default;

  int getQueueId() const { return queue_id_; }
  void setQueueId(int queueId) { queue_id_ = queueId; }
  int64_t getBornTimestamp() const { return born_timestamp_; }
  void setBornTimestamp(int64_t ts) { born_timestamp_ = ts; }
  // "ip:port" of the producer.
  const std::string& getBornHostString() const { return born_host_; }
  void setBornHostString(const std::string& host) { born_host_ = host; }
  int64_t getStoreTimestamp() const { return store_timestamp_; }
  void setStoreTimestamp(int64_t ts) { store_timestamp_ = ts; }
  // "ip:port" of the broker that stored it.
  const std::string& getStoreHostString() const { return store_host_; }
  void setStoreHostString(const std::string& host) { store_host_ = host; }
  const std::string& getMsgId() const { return msg_id_; }
  void setMsgId(const std::string& id) { msg_id_ = id; }
  const std::string& getOffsetMsgId() const { return offset_msg_id_; }
  void setOffsetMsgId(const std::string& id) { offset_msg_id_ = id; }
  int getBodyCRC() const { return body_crc_; }
  void setBodyCRC(int crc) { body_crc_ = crc; }
  int64_t getQueueOffset() const { return queue_offset_; }
  void setQueueOffset(int64_t offset) { queue_offset_ = offset; }
  int64_t getCommitLogOffset() const { return commit_log_offset_; }
  void setCommitLogOffset(int64_t offset) { commit_log_offset_ = offset; }
  int getStoreSize() const { return store_size_; }
  void setStoreSize(int size) { store_size_ = size; }
  int getReconsumeTimes() const { return reconsume_times_; }
  void setReconsumeTimes(int times) { reconsume_times_ = times; }
  int64_t getPreparedTransactionOffset() const { return prepared_transaction_offset_; }
  void setPreparedTransactionOffset(int64_t offset) { prepared_transaction_offset_ = offset; }
  // The broker group the message was pulled from.
  const std::string& getBrokerName() const { return broker_name_; }
  void setBrokerName(const std::string& name) { broker_name_ = name; }
  std::string getTransactionId() const { return getProperty(PROPERTY_TRANSACTION_ID); }

  std::string toString() const override;

 private:
  int queue_id_ = 0;
  int64_t born_timestamp_ = 0;
  std::string born_host_;
  int64_t store_timestamp_ = 0;
  std::string store_host_;
  std::string msg_id_;
  std::string offset_msg_id_;
  int body_crc_ = 0;
  int64_t queue_offset_ = 0;
  int64_t commit_log_offset_ = 0;
  int store_size_ = 0;
  int reconsume_times_ = 0;
  int64_t prepared_transaction_offset_ = 0;
  std::string broker_name_;
};

using MQMessageExtPtr = MQMessageExt*;
using MQMessageExtPtr2 = std::shared_ptr<MQMessageExt>;

}  // namespace rocketmq
