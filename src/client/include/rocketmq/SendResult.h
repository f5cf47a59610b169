// SendResult: what a send returns — status, the client message id (UNIQ_KEY), the broker's
// offset message id, the queue and the queue offset — with rocketmq-client-cpp's accessors.
// A plain value type.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "rocketmq/MQMessageQueue.h"

namespace rocketmq {

enum SendStatus { SEND_OK, SEND_FLUSH_DISK_TIMEOUT, SEND_FLUSH_SLAVE_TIMEOUT, SEND_SLAVE_NOT_AVAILABLE };

class ROCKETMQCLIENT_API SendResult {
 public:
  SendResult() = default;
  SendResult(const SendStatus& sendStatus, const std::string& msgId, const std::string& offsetMsgId,
             const MQMessageQueue& messageQueue, int64_t queueOffset)
      : status_(sendStatus), msg_id_(msgId), offset_msg_id_(offsetMsgId), mq_(messageQueue),
        queue_offset_(queueOffset) {}
  // The same, taking the strings instead of copying them.
  SendResult(SendStatus sendStatus, std::string&& msgId, std::string&& offsetMsgId, MQMessageQueue&& messageQueue,
             int64_t queueOffset)
      : status_(sendStatus), msg_id_(std::move(msgId)), offset_msg_id_(std::move(offsetMsgId)),
        mq_(std::move(messageQueue)), queue_offset_(queueOffset) {}

  SendStatus getSendStatus() const { return status_; }
  // The UNIQ_KEY the client gave the message (for a batch: the ids joined with ',').
  const std::string& getMsgId() const { return msg_id_; }
  // The broker's id: store host + commit-log offset (for a batch: joined with ',').
  const std::string& getOffsetMsgId() const { return offset_msg_id_; }
  const MQMessageQueue& getMessageQueue() const { return mq_; }
  int64_t getQueueOffset() const { return queue_offset_; }
  const std::string& getTransactionId() const { return transaction_id_; }
  void setTransactionId(const std::string& id) { transaction_id_ = id; }
  void setTransactionId(std::string&& id) { transaction_id_ = std::move(id); }
  const std::string& getRegionId() const { return region_id_; }
  void setRegionId(const std::string& id) { region_id_ = id; }
  void setRegionId(std::string&& id) { region_id_ = std::move(id); }

  std::string toString() const;

 private:
  SendStatus status_ = SEND_OK;
  std::string msg_id_;
  std::string offset_msg_id_;
  MQMessageQueue mq_;
  int64_t queue_offset_ = 0;
  std::string transaction_id_;
  std::string region_id_;
};

}  // namespace rocketmq
