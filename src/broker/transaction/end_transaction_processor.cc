#include "broker/transaction/end_transaction_processor.h"

#include "broker/broker_util.h"
#include "broker/topic_validator.h"
#include "broker/transaction/half_message.h"
#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_properties.h"
#include "common/perm.h"
#include "remoting/response_code.h"
#include "remoting/send_message_headers.h"

namespace rmq::broker::transaction {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = GetLogger("broker");
  return logger;
}

std::string Describe(const remoting::EndTransactionRequestHeader& h) {
  return "producerGroup=" + h.producer_group + " tranStateTableOffset=" + std::to_string(h.tran_state_table_offset) +
         " commitLogOffset=" + std::to_string(h.commit_log_offset) + " msgId=" + h.msg_id;
}

// As sendFinalMessage: flush and replication timeouts still count as stored.
RemotingCommand FinalPutResponse(const RemotingCommand& request, const store::PutMessageResult& result) {
  using store::PutMessageStatus;
  switch (result.status) {
    case PutMessageStatus::kPutOk:
    case PutMessageStatus::kFlushDiskTimeout:
      return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    case PutMessageStatus::kMessageIllegal:
    case PutMessageStatus::kMessageSizeExceeded:
    case PutMessageStatus::kPropertiesSizeExceeded:
      return ErrorResponse(request, ResponseCode::kMessageIllegal,
                           "the committed message is illegal: " + result.error);
    case PutMessageStatus::kServiceNotAvailable:
    case PutMessageStatus::kDiskFull:
    case PutMessageStatus::kFlushDiskFailed:
      return ErrorResponse(request, ResponseCode::kServiceNotAvailable,
                           "Service not available now: " + std::string(store::PutMessageStatusName(result.status)) +
                               (result.error.empty() ? "" : ": " + result.error));
    default:
      return ErrorResponse(request, ResponseCode::kSystemError,
                           std::string(store::PutMessageStatusName(result.status)) +
                               (result.error.empty() ? "" : ": " + result.error));
  }
}

}  // namespace

EndTransactionProcessor::EndTransactionProcessor(store::MessageStore& store, TopicConfigManager& topics,
                                                 const schedule::ScheduleRules& schedule_rules)
    : store_(store), topics_(topics), schedule_rules_(schedule_rules) {}

asio::awaitable<std::optional<RemotingCommand>> EndTransactionProcessor::Process(remoting::RequestContext& context,
                                                                                RemotingCommand request) {
  RemotingCommand response = co_await EndTransaction(context, request);
  // A oneway END_TRANSACTION (what every client sends) gets no answer: its failure is only logged.
  if (request.IsOneway()) {
    if (response.code() != ResponseCode::kSuccess) {
      Log()->warn("END_TRANSACTION from {} failed ({}): {}", context.remote_address, response.code(),
                  response.remark().value_or(""));
    }
    co_return std::nullopt;
  }
  co_return response;
}

asio::awaitable<RemotingCommand> EndTransactionProcessor::EndTransaction(remoting::RequestContext& context,
                                                                         const RemotingCommand& request) {
  auto parsed = remoting::DecodeCustomHeader<remoting::EndTransactionRequestHeader>(request);
  if (!parsed.ok()) {
    Log()->warn("END_TRANSACTION from {}: {}", context.remote_address, parsed.status().message());
    co_return ErrorResponse(request, ResponseCode::kSystemError, parsed.status().message());
  }
  const remoting::EndTransactionRequestHeader& header = *parsed;
  const bool from_check = header.from_transaction_check.value_or(false);
  const std::string remark = request.remark().value_or("");
  switch (header.commit_or_rollback) {
    case sysflag::kTransactionNotType:
      // Still unknown: the check service asks again later.
      Log()->debug("{} from {} left the transaction pending ({}){}",
                  from_check ? "the check answer" : "END_TRANSACTION", context.remote_address, Describe(header),
                  remark.empty() ? "" : " remark: " + remark);
      co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
    case sysflag::kTransactionCommitType:
    case sysflag::kTransactionRollbackType:
      if (from_check) {
        Log()->info("the check answer from {} {}s the transaction ({})", context.remote_address,
                    header.commit_or_rollback == sysflag::kTransactionCommitType ? "commit" : "rollback",
                    Describe(header));
      }
      break;
    default:
      co_return ErrorResponse(request, ResponseCode::kInvalidParameter,
                              "commitOrRollback must be 0 (unknown), 8 (commit) or 12 (rollback), got " +
                                  std::to_string(header.commit_or_rollback));
  }

  // As TransactionalMessageServiceImpl#getHalfMessageByOffset + checkPrepareMessage.
  auto record = store_.LookMessageByOffset(header.commit_log_offset);
  if (!record) {
    Log()->warn("END_TRANSACTION from {}: no message at CommitLog offset ({})", context.remote_address,
                Describe(header));
    co_return ErrorResponse(request, ResponseCode::kSystemError, "Find prepared transaction message failed");
  }
  auto half = DecodeMessage(record->data);
  if (!half.ok() || half->commit_log_offset != header.commit_log_offset) {
    co_return ErrorResponse(request, ResponseCode::kSystemError,
                            "The commit log offset wrong: no message starts at " +
                                std::to_string(header.commit_log_offset));
  }
  if (half->topic != kTransHalfTopic) {
    co_return ErrorResponse(request, ResponseCode::kIllegalOperation,
                            "the message at CommitLog offset " + std::to_string(header.commit_log_offset) +
                                " is not a half message (topic " + half->topic + ")");
  }
  auto group = FindProperty(half->properties, property::kProducerGroup);
  if (!group || *group != header.producer_group) {
    co_return ErrorResponse(request, ResponseCode::kSystemError,
                            "The producer group wrong: the half message belongs to " +
                                std::string(group.value_or("(none)")) + ", not " + header.producer_group);
  }
  if (half->queue_offset != header.tran_state_table_offset) {
    co_return ErrorResponse(request, ResponseCode::kSystemError,
                            "The transaction state table offset wrong: the half message is at " +
                                std::to_string(half->queue_offset) + ", not " +
                                std::to_string(header.tran_state_table_offset));
  }

  // The transaction, whichever of its half records (the first or a check's copy) is named.
  const int64_t origin = TransactionOrigin(half->queue_offset, half->properties);
  const bool commit = header.commit_or_rollback == sysflag::kTransactionCommitType;
  std::optional<MessageExt> final_msg;
  if (commit) {
    auto built = BuildCommittedMessage(*half);
    if (!built.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, built.status().message());
    if (!topics_.Find(built->topic)) {
      // The real topic was deleted while the transaction was open: keep the half message (a
      // later check may find it recreated) and say why.
      co_return ErrorResponse(request, ResponseCode::kTopicNotExist,
                              "topic[" + built->topic + "] not exist, the transaction cannot commit");
    }
    // A delay level or delivery time counts from the commit, as for a normal send (5.x runs the
    // same put hook, HookUtils#handleScheduleMessage, on the final message).
    schedule::Parked parked = schedule::Parked::kNo;
    if (auto refused = schedule::Park(schedule_rules_, schedule::WallNowMs(), &*built, &parked)) {
      co_return ErrorResponse(request, refused->code, refused->remark);
    }
    final_msg = std::move(built).value();
  }

  // Only the first verdict counts: a second one (the producer's own END_TRANSACTION and a check's
  // answer, or two answers) would store the message twice. Upstream stores it again.
  if (EndedTransactions::State previous = ended_.Claim(origin); previous != EndedTransactions::State::kOpen) {
    Log()->debug("{} from {} for a transaction already {} (first half queue offset {}): nothing stored again ({})",
                 commit ? "COMMIT" : "ROLLBACK", context.remote_address,
                 previous == EndedTransactions::State::kEnding ? "being committed" : "ended", origin,
                 Describe(header));
    // The copy named here reads as done for the check walk too.
    if (half->queue_offset != origin) WriteOpMessage(half->queue_offset, half->queue_id);
    co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  }

  if (!commit) {
    ended_.Finish(origin);
    WriteOpMessages(half->queue_offset, origin, half->queue_id);
    co_return RemotingCommand::CreateResponse(request, ResponseCode::kSuccess);
  }

  MessageExt& msg = *final_msg;
  auto put = [&](store::MessageStore::PutCallback done) { store_.AsyncPutMessage(msg, std::move(done)); };
  store::PutMessageResult result = co_await AwaitPutResult(std::move(put));
  RemotingCommand response = FinalPutResponse(request, result);
  if (response.code() == ResponseCode::kSuccess) {
    ended_.Finish(origin);
    WriteOpMessages(half->queue_offset, origin, half->queue_id);
  } else {
    ended_.Abandon(origin);  // a retry or the next check may still commit it
    Log()->warn("committing the half message at {} failed: {}", header.commit_log_offset,
                response.remark().value_or(""));
  }
  co_return response;
}

void EndTransactionProcessor::WriteOpMessages(int64_t named, int64_t origin, int32_t half_queue_id) {
  WriteOpMessage(named, half_queue_id);
  if (origin != named) WriteOpMessage(origin, half_queue_id);
}

void EndTransactionProcessor::WriteOpMessage(int64_t half_queue_offset, int32_t half_queue_id) {
  topics_.CreateTopicIfAbsent(kTransOpHalfTopic, 1, Perm::kRead | Perm::kWrite);
  MessageExt op = BuildOpMessage(half_queue_offset, half_queue_id, store_.config().store_host);
  store_.AsyncPutMessage(op, [half_queue_offset](store::PutMessageResult result) {
    if (!result.ok() && result.status != store::PutMessageStatus::kFlushDiskTimeout) {
      Log()->warn("writing the op record of half offset {} failed: {} {}", half_queue_offset,
                  store::PutMessageStatusName(result.status), result.error);
    }
  });
}

}  // namespace rmq::broker::transaction
