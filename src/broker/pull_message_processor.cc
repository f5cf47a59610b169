#include "broker/pull_message_processor.h"

#include <chrono>

#include "broker/broker_util.h"
#include "broker/consumer_filter_manager.h"
#include "broker/sql_pull_filter.h"
#include "broker/topic_validator.h"
#include <spdlog/spdlog.h>

#include "common/logging.h"
#include "common/perm.h"
#include "remoting/pull_message_headers.h"
#include "remoting/response_code.h"

namespace rmq::broker {
namespace {

using remoting::RemotingCommand;
using remoting::ResponseCode;
using store::GetMessageStatus;

// As PullMessageProcessor: the response code of a store status.
int32_t PullResponseCode(GetMessageStatus status, int64_t request_offset) {
  switch (status) {
    case GetMessageStatus::kFound:
      return ResponseCode::kSuccess;
    case GetMessageStatus::kNoMatchedMessage:
    case GetMessageStatus::kMessageWasRemoving:
      return ResponseCode::kPullRetryImmediately;
    case GetMessageStatus::kNoMatchedLogicQueue:
    case GetMessageStatus::kNoMessageInQueue:
      return request_offset != 0 ? ResponseCode::kPullOffsetMoved : ResponseCode::kPullNotFound;
    case GetMessageStatus::kOffsetFoundNull:
    case GetMessageStatus::kOffsetOverflowOne:
      return ResponseCode::kPullNotFound;
    case GetMessageStatus::kOffsetOverflowBadly:
    case GetMessageStatus::kOffsetTooSmall:
      return ResponseCode::kPullOffsetMoved;
  }
  return ResponseCode::kSystemError;
}

}  // namespace

PullMessageProcessor::PullMessageProcessor(store::MessageStore& store, TopicConfigManager& topics,
                                           SubscriptionGroupManager& groups, const ConsumerManager& consumers,
                                           ConsumerOffsetManager& offsets, PullRequestHoldService& hold,
                                           const RuntimeBrokerConfig& runtime, BrokerStats& stats)
    : store_(store),
      topics_(topics),
      groups_(groups),
      consumers_(consumers),
      offsets_(offsets),
      hold_(hold),
      runtime_(runtime),
      stats_(stats) {}

asio::awaitable<std::optional<RemotingCommand>> PullMessageProcessor::Process(remoting::RequestContext& context,
                                                                             RemotingCommand request) {
  auto parsed = remoting::DecodeCustomHeader<remoting::PullMessageRequestHeader>(request);
  if (!parsed.ok()) co_return ErrorResponse(request, ResponseCode::kSystemError, parsed.status().message());
  const remoting::PullMessageRequestHeader& header = *parsed;
  using remoting::PullSysFlag;

  if (!Perm::IsReadable(runtime_.broker_permission())) {
    co_return ErrorResponse(request, ResponseCode::kNoPermission, "the broker pulling message is forbidden");
  }
  if (Status s = ValidateGroup(header.consumer_group); !s.ok()) {
    co_return ErrorResponse(request, ResponseCode::kInvalidParameter, s.message());
  }
  auto group = groups_.FindOrCreate(header.consumer_group, runtime_.auto_create_subscription_group());
  if (!group) {
    co_return ErrorResponse(request, ResponseCode::kSubscriptionGroupNotExist,
                            "subscription group [" + header.consumer_group + "] does not exist");
  }
  if (!group->consume_enable) {
    co_return ErrorResponse(request, ResponseCode::kNoPermission,
                            "subscription group no permission, " + header.consumer_group);
  }
  auto topic = topics_.Find(header.topic);
  if (!topic) {
    co_return ErrorResponse(request, ResponseCode::kTopicNotExist,
                            "topic[" + header.topic + "] not exist, apply first please!");
  }
  if (!Perm::IsReadable(topic->perm)) {
    co_return ErrorResponse(request, ResponseCode::kNoPermission,
                            "the topic[" + header.topic + "] pulling message is forbidden");
  }
  if (header.queue_id < 0 || header.queue_id >= topic->read_queue_nums) {
    co_return ErrorResponse(request, ResponseCode::kSystemError,
                            "queueId[" + std::to_string(header.queue_id) + "] is illegal, topic:[" + header.topic +
                                "] topicConfig.readQueueNums:[" + std::to_string(topic->read_queue_nums) +
                                "] consumer:[" + context.remote_address + "]");
  }

  SubscriptionData subscription;
  if ((header.sys_flag & PullSysFlag::kSubscription) != 0) {
    std::string type = header.expression_type.value_or(std::string(kExpressionTypeTag));
    if (type.empty()) type = kExpressionTypeTag;
    subscription = BuildSubscriptionData(header.topic, header.subscription.value_or("*"), header.sub_version);
    if (type != kExpressionTypeTag) {
      subscription.expression_type = type;
      subscription.sub_string = header.subscription.value_or("");
      subscription.tags_set.clear();
      subscription.code_set.clear();
    }
  } else {
    auto found = consumers_.FindSubscription(header.consumer_group, header.topic);
    if (!found) {
      co_return ErrorResponse(request, ResponseCode::kSubscriptionNotExist,
                              "the consumer's subscription not exist, group: " + header.consumer_group);
    }
    if (found->sub_version < header.sub_version) {
      co_return ErrorResponse(request, ResponseCode::kSubscriptionNotLatest,
                              "the consumer's subscription not latest");
    }
    subscription = std::move(*found);
  }
  // SQL92: the selector compiled at the heartbeat (or now, for a subscription in the header).
  FilterCheck sql = CheckSubscriptionFilter(consumers_.filters(), runtime_.enable_property_filter(),
                                            header.consumer_group, header.topic, subscription.expression_type,
                                            subscription.sub_string, subscription.sub_version);
  if (!sql.ok()) co_return ErrorResponse(request, sql.code, sql.remark);
  store::TagHashFilter filter;
  filter.codes.insert(subscription.code_set.begin(), subscription.code_set.end());

  // As PullMessageProcessor: the commit offset is taken on the first execution only.
  if ((header.sys_flag & PullSysFlag::kCommitOffset) != 0 && header.commit_offset > 0) {
    offsets_.CommitOffset(header.consumer_group, header.topic, header.queue_id, header.commit_offset);
  }
  offsets_.RecordPullOffset(header.consumer_group, header.topic, header.queue_id, header.queue_offset);

  const bool may_suspend = (header.sys_flag & PullSysFlag::kSuspend) != 0;
  const auto hold_ms = runtime_.long_polling_enable() ? header.suspend_timeout_millis
                                                      : static_cast<int64_t>(runtime_.short_polling_time_mills());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max<int64_t>(hold_ms, 0));
  const int32_t max_nums = std::max(header.max_msg_nums, 1);

  while (true) {
    store::GetMessageResult result =
        sql.compiled ? GetMessageBySql(store_, header.consumer_group, header.topic, header.queue_id,
                                       header.queue_offset, max_nums, *sql.compiled)
                     : store_.GetMessage(header.consumer_group, header.topic, header.queue_id, header.queue_offset,
                                         max_nums, &filter);
    int32_t code = PullResponseCode(result.status, header.queue_offset);
    if (code == ResponseCode::kPullNotFound && may_suspend && std::chrono::steady_clock::now() < deadline) {
      auto executor = co_await asio::this_coro::executor;
      auto waiter = hold_.Park(executor, header.topic, header.queue_id);
      if (waiter) {
        // A message dispatched between the read above and Park would not wake us: look again.
        if (store_.GetMaxOffsetInQueue(header.topic, header.queue_id) <= header.queue_offset) {
          waiter->timer.expires_at(deadline);
          boost::system::error_code ec;
          co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        hold_.Remove(header.topic, header.queue_id, waiter);
        continue;
      }
    }
    RemotingCommand response =
        RemotingCommand::CreateResponse(request, code, std::string(store::GetMessageStatusName(result.status)));
    remoting::PullMessageResponseHeader response_header;
    response_header.suggest_which_broker_id = 0;
    response_header.next_begin_offset = result.next_begin_offset;
    response_header.min_offset = result.min_offset;
    response_header.max_offset = result.max_offset;
    remoting::EncodeCustomHeader(response_header, &response);
    if (code == ResponseCode::kSuccess) {
      // Records back to back in one CommitLog file (a batch, or one producer's run) go out as one
      // gathered segment: fewer iovecs and file references per response.
      const store::SelectedRecord* run = nullptr;
      size_t run_size = 0;
      for (const store::SelectedRecord& record : result.messages) {
        if (run != nullptr && run->file == record.file && run->data.data() + run_size == record.data.data()) {
          run_size += record.data.size();
          continue;
        }
        if (run != nullptr) response.AddBodySegment(remoting::BodySegment{run->data.data(), run_size, run->file});
        run = &record;
        run_size = record.data.size();
      }
      if (run != nullptr) response.AddBodySegment(remoting::BodySegment{run->data.data(), run_size, run->file});
      stats_.AddGet(static_cast<int64_t>(result.messages.size()));
    }
    SPDLOG_LOGGER_TRACE(GetLogger("broker"), "pull {}/{} from {} offset {} -> code {} next {}", header.topic,
                        header.queue_id, context.remote_address, header.queue_offset, code,
                        result.next_begin_offset);
    co_return response;
  }
}

}  // namespace rmq::broker
