// ProducerImpl's transactions (TransactionMQProducer): the half message, the local transaction,
// the END_TRANSACTION verdict, and the answer to the broker's CHECK_TRANSACTION_STATE.
#include <exception>

#include "client/message_convert.h"
#include "client/producer_impl.h"
#include "common/logging.h"
#include "common/message_format.h"
#include "common/message_id.h"

namespace rocketmq::internal {

using rmq::Result;
using rmq::Status;

namespace {

// END_TRANSACTION's commitOrRollback for a listener's verdict (UNKNOWN leaves it to a check).
int32_t EndTransactionType(LocalTransactionState state) {
  switch (state) {
    case COMMIT_MESSAGE:
      return rmq::sysflag::kTransactionCommitType;
    case ROLLBACK_MESSAGE:
      return rmq::sysflag::kTransactionRollbackType;
    default:
      return rmq::sysflag::kTransactionNotType;
  }
}

}  // namespace

Result<TransactionSendResult> ProducerImpl::SendInTransaction(MQMessage& msg, void* arg) {
  RMQ_RETURN_IF_ERROR(CheckStarted());
  if (transaction_listener == nullptr) {
    return rmq::InvalidArgument("no TransactionListener; call setTransactionListener before start()");
  }
  if (msg.getDelayTimeLevel() > 0) msg.setDelayTimeLevel(0);
  msg.setProperty(MQMessage::PROPERTY_TRANSACTION_PREPARED, "true");
  msg.setProperty(MQMessage::PROPERTY_PRODUCER_GROUP, group_);
  auto sent = Send(msg, QueueChoice{}, retry_times);
  if (!sent.ok()) {
    return Status(sent.status().code(), sent.status().message() + " (the half message was not stored)");
  }
  LocalTransactionState state = UNKNOWN;
  if (sent->getSendStatus() == SEND_OK) {
    try {
      state = transaction_listener->executeLocalTransaction(msg, arg);
    } catch (const std::exception& e) {
      rmq::GetLogger("client")->warn("executeLocalTransaction threw: {}; the broker will check back", e.what());
      state = UNKNOWN;
    }
  } else {
    state = ROLLBACK_MESSAGE;
  }
  std::string transaction_id = sent->getTransactionId().empty() ? msg.getUniqKey() : sent->getTransactionId();
  msg.setProperty(MQMessage::PROPERTY_TRANSACTION_ID, transaction_id);
  auto addr = BrokerAddr(rmq::client::ToMessageQueue(sent->getMessageQueue()));
  if (addr.ok()) EndTransaction(*addr, *sent, state, transaction_id);
  TransactionSendResult result(*sent, state);
  result.setTransactionId(transaction_id);
  return result;
}

void ProducerImpl::EndTransaction(const std::string& addr, const SendResult& result, LocalTransactionState state,
                                  const std::string& transaction_id) {
  rmq::remoting::EndTransactionRequestHeader header;
  header.producer_group = group_;
  header.tran_state_table_offset = result.getQueueOffset();
  auto id = rmq::DecodeOffsetMessageId(result.getOffsetMsgId());
  header.commit_log_offset = id.ok() ? id->commit_log_offset : 0;
  header.commit_or_rollback = EndTransactionType(state);
  header.from_transaction_check = false;
  header.msg_id = result.getMsgId();
  header.transaction_id = transaction_id;
  header.topic = result.getMessageQueue().getTopic();
  header.bname = result.getMessageQueue().getBrokerName();
  Status status = instance_->api().EndTransactionOneway(addr, header, "");
  if (!status.ok()) rmq::GetLogger("client")->warn("END_TRANSACTION to {} failed: {}", addr, status.ToString());
}

void ProducerImpl::CheckTransactionState(const std::string& broker_addr, const rmq::MessageExt& record,
                                         const rmq::remoting::CheckTransactionStateRequestHeader& header) {
  if (transaction_listener == nullptr || !started_) return;
  MQMessageExt msg = rmq::client::ToMQMessageExt(record, header.bname.value_or(""));
  if (header.transaction_id && !header.transaction_id->empty()) {
    msg.setProperty(MQMessage::PROPERTY_TRANSACTION_ID, *header.transaction_id);
  }
  LocalTransactionState state = UNKNOWN;
  try {
    state = transaction_listener->checkLocalTransaction(msg);
  } catch (const std::exception& e) {
    rmq::GetLogger("client")->warn("checkLocalTransaction threw: {}", e.what());
  }
  rmq::remoting::EndTransactionRequestHeader end;
  end.producer_group = group_;
  end.tran_state_table_offset = header.tran_state_table_offset;
  end.commit_log_offset = header.commit_log_offset;
  end.commit_or_rollback = EndTransactionType(state);
  end.from_transaction_check = true;
  std::string uniq = msg.getUniqKey();
  end.msg_id = uniq.empty() ? header.msg_id.value_or("") : uniq;
  end.transaction_id = header.transaction_id.value_or(end.msg_id);
  end.topic = header.topic;
  end.bname = header.bname;
  Status status = instance_->api().EndTransactionOneway(broker_addr, end, "from transaction check");
  if (!status.ok()) {
    rmq::GetLogger("client")->warn("END_TRANSACTION (check) to {} failed: {}", broker_addr, status.ToString());
  }
}

}  // namespace rocketmq::internal
