#include "broker/transaction/transaction_check_service.h"

#include <algorithm>
#include <chrono>
#include <charconv>
#include <unordered_set>
#include <utility>
#include <vector>

#include "broker/topic_validator.h"
#include "broker/transaction/ended_transactions.h"
#include "broker/transaction/half_message.h"
#include "common/logging.h"
#include "common/message_codec.h"
#include "common/message_id.h"
#include "common/message_properties.h"
#include "common/perm.h"
#include "remoting/connection.h"
#include "remoting/request_code.h"
#include "remoting/send_message_headers.h"

namespace rmq::broker::transaction {
namespace {

// Longest a round spends on the half queue (MAX_PROCESS_TIME_LIMIT); the rest waits for the next.
constexpr int64_t kMaxRoundMs = 60000;
// Op records read per store call (OP_MSG_PULL_NUMS).
constexpr int32_t kOpPullBatch = 32;

std::shared_ptr<spdlog::logger> Log() {
  static auto logger = GetLogger("broker");
  return logger;
}

int64_t WallNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string PropertyOr(std::string_view properties, std::string_view name, std::string_view fallback) {
  auto value = FindProperty(properties, name);
  return std::string(value ? *value : fallback);
}

// The producer-requested earliest first check in ms, or 0.
int64_t ImmunityMs(std::string_view properties) {
  auto text = FindProperty(properties, kCheckImmunityTimeProperty);
  if (!text) return 0;
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (ec != std::errc() || end != text->data() + text->size() || seconds <= 0) return 0;
  return std::min<int64_t>(seconds, INT32_MAX) * 1000;
}

}  // namespace

TransactionCheckService::TransactionCheckService(store::MessageStore& store, TopicConfigManager& topics,
                                                 ConsumerOffsetManager& offsets, ProducerManager& producers,
                                                 const BrokerConfig& config, EndedTransactions& ended)
    : store_(store), topics_(topics), offsets_(offsets), producers_(producers), config_(config), ended_(ended) {}

TransactionCheckService::~TransactionCheckService() { Stop(); }

void TransactionCheckService::Start() {
  stopping_ = false;
  Log()->info("transaction check service: every {} ms, transactionTimeOut {} ms, transactionCheckMax {}",
              config_.transaction_check_interval, config_.transaction_time_out, config_.transaction_check_max);
  thread_.Start(std::chrono::milliseconds(config_.transaction_check_interval), [this, reloaded = false]() mutable {
    int64_t begin = WallNowMs();
    if (!reloaded) {
      reloaded = true;
      int64_t read = ReloadVerdicts(begin);
      if (read > 0) {
        Log()->info("transaction check: verdicts of {} op records reloaded in {} ms", read, WallNowMs() - begin);
      }
      begin = WallNowMs();
    }
    CheckRoundStats stats = CheckOnce(begin);
    if (stats.checked + stats.discarded > 0) {
      Log()->info("transaction check round: {} checked, {} discarded, {} already resolved, half offset {}, {} ms",
                  stats.checked, stats.discarded, stats.skipped, stats.half_offset, WallNowMs() - begin);
    }
  });
}

void TransactionCheckService::Stop() {
  stopping_ = true;
  thread_.Stop();
}

CheckRoundStats TransactionCheckService::CheckOnce(int64_t now_ms) {
  CheckRoundStats stats;
  const int64_t half_min = store_.GetMinOffsetInQueue(kTransHalfTopic, 0);
  const int64_t half_max = store_.GetMaxOffsetInQueue(kTransHalfTopic, 0);
  const std::optional<int64_t> committed_half = offsets_.QueryOffset(kCheckConsumerGroup, kTransHalfTopic, 0);
  const int64_t half_begin = std::max(committed_half.value_or(half_min), half_min);
  stats.half_offset = half_begin;
  if (half_begin >= half_max) return stats;

  // Half offsets resolved by COMMIT / ROLLBACK, from the op records not yet consumed.
  const int64_t op_min = store_.GetMinOffsetInQueue(kTransOpHalfTopic, 0);
  const int64_t op_max = store_.GetMaxOffsetInQueue(kTransOpHalfTopic, 0);
  const std::optional<int64_t> committed_op = offsets_.QueryOffset(kCheckConsumerGroup, kTransOpHalfTopic, 0);
  const int64_t op_begin = std::max(committed_op.value_or(op_min), op_min);
  std::unordered_set<int64_t> done;
  std::vector<std::pair<int64_t, int64_t>> ops;  // (op queue offset, largest half offset it lists)
  for (int64_t cursor = op_begin; cursor < op_max && !stopping_;) {
    store::GetMessageResult result =
        store_.GetMessage(kCheckConsumerGroup, kTransOpHalfTopic, 0, cursor, kOpPullBatch);
    if (result.messages.empty()) break;
    for (size_t i = 0; i < result.messages.size(); ++i) {
      int64_t largest = -1;
      auto view = ParseRecord(result.messages[i].data, false);
      if (view.ok() && FindProperty(view->properties, property::kTags) == kRemoveTag) {
        for (int64_t offset : ParseOpBody(view->body)) {
          done.insert(offset);
          largest = std::max(largest, offset);
        }
      }
      ops.emplace_back(result.queue_offsets[i], largest);
    }
    if (result.next_begin_offset <= cursor) break;
    cursor = result.next_begin_offset;
  }

  int64_t cursor = half_begin;
  for (; cursor < half_max && !stopping_ && WallNowMs() - now_ms < kMaxRoundMs; ++cursor) {
    if (done.count(cursor) > 0) {
      ++stats.skipped;
      continue;
    }
    int64_t commit_log_offset = store_.GetCommitLogOffsetInQueue(kTransHalfTopic, 0, cursor);
    auto record = commit_log_offset < 0 ? std::nullopt : store_.LookMessageByOffset(commit_log_offset);
    auto half = record ? DecodeMessage(record->data) : Result<MessageExt>(NotFound("no record"));
    if (!half.ok()) {
      // Cleaned up with its CommitLog file, or unreadable: nothing left to ask about.
      Log()->warn("transaction check: half queue offset {} has no readable message; skipped", cursor);
      continue;
    }
    if (half->queue_offset != cursor) {
      Log()->warn("transaction check: half queue entry {} holds a record with QUEUEOFFSET {}", cursor,
                  half->queue_offset);
      if (done.count(half->queue_offset) > 0) {
        ++stats.skipped;
        continue;
      }
    }
    // A re-appended copy is done when its transaction is: the producer's own END_TRANSACTION
    // names the first record (its op record lists that offset), and END_TRANSACTION may have
    // ended it a moment ago with the op record not yet readable. Asking again would make the
    // producer answer a second time for nothing.
    const int64_t origin = TransactionOrigin(half->queue_offset, half->properties);
    if (done.count(origin) > 0 || ended_.IsEndedOrEnding(origin)) {
      ++stats.skipped;
      continue;
    }
    if (CheckTimes(half->properties) >= config_.transaction_check_max) {
      Discard(*half);
      ++stats.discarded;
      continue;
    }
    // Copies re-appended during this round wait for the next one.
    if (half->store_timestamp >= now_ms) break;
    if (now_ms - half->born_timestamp > static_cast<int64_t>(config_.file_reserved_time) * 3600 * 1000) {
      continue;  // its CommitLog file is about to go
    }
    // A first check waits transactionTimeOut (or the producer's immunity) from the send; a
    // re-appended copy waits transactionTimeOut from the previous check, so that an answer on
    // its way is not overtaken by a second check (which could commit the message twice).
    const bool checked_before = CheckTimes(half->properties) > 0;
    const int64_t age = now_ms - (checked_before ? half->store_timestamp : half->born_timestamp);
    const int64_t wait_ms = checked_before ? config_.transaction_time_out
                                           : std::max<int64_t>(config_.transaction_time_out,
                                                               ImmunityMs(half->properties));
    // Younger than that: so is everything after it (a negative age, a clock step, is checked).
    if (age >= 0 && age < wait_ms) break;
    if (!RenewAndCheck(*half)) break;  // the store refuses writes: retry next round
    ++stats.checked;
  }

  if (cursor != half_begin) offsets_.CommitOffset(kCheckConsumerGroup, kTransHalfTopic, 0, cursor);
  // Op records are consumed once every half offset they list lies behind the half offset.
  int64_t op_next = op_begin;
  for (const auto& [op_offset, largest] : ops) {
    if (largest >= cursor) break;
    op_next = op_offset + 1;
  }
  if (op_next != op_begin) offsets_.CommitOffset(kCheckConsumerGroup, kTransOpHalfTopic, 0, op_next);
  stats.half_offset = cursor;
  return stats;
}

int64_t TransactionCheckService::ReloadVerdicts(int64_t now_ms) {
  const int64_t op_min = store_.GetMinOffsetInQueue(kTransOpHalfTopic, 0);
  const int64_t op_max = store_.GetMaxOffsetInQueue(kTransOpHalfTopic, 0);
  if (op_min >= op_max) return 0;
  // How long a transaction can still be asked about after its send.
  const int64_t window_ms = (std::max<int64_t>(config_.transaction_check_max, 1) + 1) *
                            (std::max<int64_t>(config_.transaction_time_out, 0) +
                             std::max<int64_t>(config_.transaction_check_interval, 0));
  int64_t from = store_.GetOffsetInQueueByTime(kTransOpHalfTopic, 0, now_ms - window_ms);
  from = std::max({from, op_min, op_max - ended_.capacity()});
  int64_t read = 0;
  for (int64_t cursor = from; cursor < op_max && !stopping_;) {
    store::GetMessageResult result = store_.GetMessage(kCheckConsumerGroup, kTransOpHalfTopic, 0, cursor, kOpPullBatch);
    if (result.messages.empty() || result.next_begin_offset <= cursor) break;
    for (const auto& message : result.messages) {
      auto view = ParseRecord(message.data, false);
      if (!view.ok() || FindProperty(view->properties, property::kTags) != kRemoveTag) continue;
      // Op records name the first half record of every ended transaction (and the copy named, if any).
      for (int64_t offset : ParseOpBody(view->body)) ended_.MarkEnded(offset);
    }
    read += static_cast<int64_t>(result.messages.size());
    cursor = result.next_begin_offset;
  }
  return read;
}

bool TransactionCheckService::RenewAndCheck(const MessageExt& half) {
  MessageExt renewed = BuildRenewedHalfMessage(half);
  store::PutMessageResult result = store_.PutMessage(renewed);
  if (!result.ok() && result.status != store::PutMessageStatus::kFlushDiskTimeout) {
    Log()->warn("transaction check: re-appending the half message {} failed: {} {}",
                PropertyOr(half.properties, property::kUniqueClientMessageIdKeyIndex, "?"),
                store::PutMessageStatusName(result.status), result.error);
    return false;
  }
  // The check names the stored copy: its offsets are what the producer's answer must carry.
  auto record = store_.LookMessageByOffset(result.append.wrote_offset);
  auto stored = record ? DecodeMessage(record->data) : Result<MessageExt>(NotFound("no record"));
  if (!stored.ok()) {
    Log()->warn("transaction check: cannot read back the re-appended half message at {}", result.append.wrote_offset);
    return true;
  }
  SendCheckMessage(*stored);
  return true;
}

void TransactionCheckService::SendCheckMessage(const MessageExt& renewed) {
  const std::string group = PropertyOr(renewed.properties, property::kProducerGroup, "");
  const std::string uniq = PropertyOr(renewed.properties, property::kUniqueClientMessageIdKeyIndex, "");
  std::shared_ptr<remoting::Connection> connection;
  if (!group.empty()) {
    for (const ClientChannelInfo& channel : producers_.GetConnections(group)) {
      auto live = channel.connection.lock();
      if (live && live->is_open()) {
        connection = std::move(live);
        break;
      }
    }
  }
  if (!connection) {
    Log()->warn("transaction check: no live producer of group {} to ask about message {} (check {} of {})",
                group.empty() ? "(none)" : group, uniq, CheckTimes(renewed.properties),
                config_.transaction_check_max);
    return;
  }
  auto body = EncodeCheckBody(renewed);
  if (!body.ok()) {
    Log()->warn("transaction check: message {} cannot be encoded: {}", uniq, body.status().message());
    return;
  }
  remoting::CheckTransactionStateRequestHeader header;
  header.topic = PropertyOr(renewed.properties, property::kRealTopic, "");
  header.tran_state_table_offset = renewed.queue_offset;
  header.commit_log_offset = renewed.commit_log_offset;
  header.msg_id = uniq;
  header.transaction_id = uniq;
  header.offset_msg_id = CreateOffsetMessageId(renewed.store_host, renewed.commit_log_offset);
  header.bname = config_.broker_name;
  auto request = remoting::RemotingCommand::CreateRequest(remoting::RequestCode::kCheckTransactionState);
  remoting::EncodeCustomHeader(header, &request);
  request.set_body(std::move(body).value());
  connection->SendOneway(std::move(request));
  Log()->debug("transaction check: asked producer {} of group {} about message {}", connection->remote_address(),
               group, uniq);
}

void TransactionCheckService::Discard(const MessageExt& half) {
  Log()->warn(
      "transaction check: discarding half message {} (topic {}, producer group {}, CommitLog offset {}): checked "
      "{} times, transactionCheckMax {}; a copy goes to {}",
      PropertyOr(half.properties, property::kUniqueClientMessageIdKeyIndex, "?"),
      PropertyOr(half.properties, property::kRealTopic, "?"), PropertyOr(half.properties, property::kProducerGroup, "?"),
      half.commit_log_offset, CheckTimes(half.properties), config_.transaction_check_max, kTransCheckMaxTimeTopic);
  topics_.CreateTopicIfAbsent(kTransCheckMaxTimeTopic, 1, Perm::kRead | Perm::kWrite);
  MessageExt copy = BuildRenewedHalfMessage(half);
  copy.properties = half.properties;  // no extra check counted
  copy.topic = std::string(kTransCheckMaxTimeTopic);
  copy.queue_id = 0;
  store::PutMessageResult result = store_.PutMessage(copy);
  if (!result.ok() && result.status != store::PutMessageStatus::kFlushDiskTimeout) {
    Log()->warn("transaction check: copying the discarded message to {} failed: {} {}", kTransCheckMaxTimeTopic,
                store::PutMessageStatusName(result.status), result.error);
  }
}

}  // namespace rmq::broker::transaction
