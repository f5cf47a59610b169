// ClientApi: typed calls to name servers and brokers over one RemotingClient, as Java's
// MQClientAPIImpl — route lookups, sends, pulls, heartbeats, offsets, locks, transactions and
// the admin requests. Each call builds the request header, sends it, checks the response code
// and decodes the answer; errors come back as Status (client_error.h). Owned by ClientInstance;
// the RemotingClient must outlive it. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/cluster_info.h"
#include "common/heartbeat_data.h"
#include "common/kv_table.h"
#include "common/message.h"
#include "common/message_queue.h"
#include "common/route_data.h"
#include "common/status.h"
#include "common/topic_config.h"
#include "common/topic_list.h"
#include "remoting/consumer_headers.h"
#include "remoting/pull_message_headers.h"
#include "remoting/remoting_client.h"
#include "remoting/send_message_headers.h"

namespace rmq::client {

using Millis = std::chrono::milliseconds;

// The broker's answer to a send (codes 0, 10, 11, 12).
struct SendResponse {
  int32_t code = 0;  // 0 SEND_OK, 10 flush disk timeout, 11 slave not available, 12 flush slave timeout
  std::string offset_msg_id;
  int32_t queue_id = 0;
  int64_t queue_offset = 0;
  std::string transaction_id;
  std::string region_id;
};

// The broker's answer to a pull; `body` holds the records for kFound.
struct PullResponse {
  enum class Status { kFound, kNoNewMsg, kNoMatchedMsg, kOffsetIllegal };
  Status status = Status::kNoNewMsg;
  int64_t next_begin_offset = 0;
  int64_t min_offset = 0;
  int64_t max_offset = 0;
  int64_t suggest_which_broker_id = 0;
  std::string body;
};

class ClientApi {
 public:
  // `client` must outlive this object.
  ClientApi(remoting::RemotingClient& client, Millis request_timeout);

  remoting::RemotingClient& remoting() { return client_; }
  Millis request_timeout() const { return timeout_; }

  // ---- name server ----
  // NotFound (code 17) when the name server knows no route for the topic.
  Result<TopicRouteData> GetTopicRouteInfo(const std::string& namesrv, const std::string& topic);
  Result<ClusterInfo> GetBrokerClusterInfo(const std::string& namesrv);
  Result<TopicList> GetAllTopicList(const std::string& namesrv);
  Result<TopicList> GetTopicsByCluster(const std::string& namesrv, const std::string& cluster);
  Status DeleteTopicInNamesrv(const std::string& namesrv, const std::string& topic,
                              const std::optional<std::string>& cluster);
  Status PutKvConfig(const std::string& namesrv, const std::string& ns, const std::string& key,
                     const std::string& value);
  // NotFound when absent.
  Result<std::string> GetKvConfig(const std::string& namesrv, const std::string& ns, const std::string& key);
  Status DeleteKvConfig(const std::string& namesrv, const std::string& ns, const std::string& key);
  Result<KVTable> GetKvListByNamespace(const std::string& namesrv, const std::string& ns);
  // The config as "key=value" lines / one update of such lines.
  Result<std::string> GetNamesrvConfig(const std::string& namesrv);
  Status UpdateNamesrvConfig(const std::string& namesrv, const std::string& properties);
  Result<int32_t> WipeWritePermOfBroker(const std::string& namesrv, const std::string& broker_name);
  Result<int32_t> AddWritePermOfBroker(const std::string& namesrv, const std::string& broker_name);

  // ---- produce ----
  Result<SendResponse> SendMessage(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header,
                                   std::string body, Millis timeout);
  void SendMessageAsync(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header, std::string body,
                        Millis timeout, std::function<void(Result<SendResponse>)> callback);
  // The async send of a caller that keeps the body alive itself (`body.owner`; a producer keeps
  // it for its retries) and reads the raw response (TakeSendResponse, with the error prefix
  // "send to <addr>: " for a failed call): no copy of the body and no callback wrapped around
  // the caller's. `callback` runs on an io thread.
  void SendMessageAsync(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header,
                        remoting::BodySegment body, Millis timeout, remoting::ResponseCallback callback);
  Status SendMessageOneway(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header,
                           std::string body);
  Status EndTransactionOneway(const std::string& addr, const remoting::EndTransactionRequestHeader& header,
                              const std::string& remark);

  // ---- consume ----
  Result<PullResponse> PullMessage(const std::string& addr, const remoting::PullMessageRequestHeader& header,
                                   Millis timeout);
  void PullMessageAsync(const std::string& addr, const remoting::PullMessageRequestHeader& header, Millis timeout,
                        std::function<void(Result<PullResponse>)> callback);
  Status SendHeartbeat(const std::string& addr, const HeartbeatData& heartbeat);
  // CHECK_CLIENT_CONFIG (46): whether the broker can filter with `subscription` (SQL92 needs
  // enablePropertyFilter and a selector that compiles); the broker's code and remark otherwise.
  Status CheckClientConfig(const std::string& addr, const std::string& client_id, const std::string& group,
                           const SubscriptionData& subscription);
  Status UnregisterClient(const std::string& addr, const std::string& client_id,
                          const std::optional<std::string>& producer_group,
                          const std::optional<std::string>& consumer_group);
  Result<std::vector<std::string>> GetConsumerIdListByGroup(const std::string& addr, const std::string& group);
  // NotFound (code 22) when the group has no offset for the queue.
  Result<int64_t> QueryConsumerOffset(const std::string& addr, const std::string& group, const MessageQueue& mq);
  Status UpdateConsumerOffset(const std::string& addr, const std::string& group, const MessageQueue& mq,
                              int64_t offset, bool oneway);
  Result<int64_t> GetMaxOffset(const std::string& addr, const MessageQueue& mq);
  Result<int64_t> GetMinOffset(const std::string& addr, const MessageQueue& mq);
  Result<int64_t> SearchOffset(const std::string& addr, const MessageQueue& mq, int64_t timestamp);
  Result<int64_t> GetEarliestMsgStoretime(const std::string& addr, const MessageQueue& mq);
  Status ConsumerSendMessageBack(const std::string& addr, const std::string& group, const MessageExt& msg,
                                 int32_t delay_level, int32_t max_reconsume_times, const std::string& origin_msg_id);
  // The queues now locked by this client.
  Result<std::vector<MessageQueue>> LockBatchMq(const std::string& addr, const std::string& group,
                                                const std::string& client_id, const std::vector<MessageQueue>& mqs);
  Status UnlockBatchMq(const std::string& addr, const std::string& group, const std::string& client_id,
                       const std::vector<MessageQueue>& mqs, bool oneway);

  // ---- admin (broker) ----
  Status CreateTopic(const std::string& addr, const TopicConfig& config);
  Status DeleteTopicInBroker(const std::string& addr, const std::string& topic);
  // Raw JSON bodies of the stats requests (decoded by admin_bodies.h).
  Result<std::string> GetTopicStatsInfo(const std::string& addr, const std::string& topic);
  Result<std::string> GetConsumeStats(const std::string& addr, const std::string& group,
                                      const std::optional<std::string>& topic);
  Result<std::string> GetConsumerConnectionList(const std::string& addr, const std::string& group);
  Result<std::string> GetProducerConnectionList(const std::string& addr, const std::string& group);
  Result<std::string> QueryTopicConsumeByWho(const std::string& addr, const std::string& topic);
  Result<std::string> GetConsumerRunningInfo(const std::string& addr, const std::string& group,
                                             const std::string& client_id);
  // Records found by key or UNIQ_KEY (unique_key = true).
  Result<std::vector<MessageExt>> QueryMessage(const std::string& addr, const std::string& topic,
                                               const std::string& key, int32_t max_num, int64_t begin,
                                               int64_t end, bool unique_key);
  Result<MessageExt> ViewMessage(const std::string& addr, int64_t commit_log_offset);
  Result<std::string> GetBrokerConfig(const std::string& addr);
  Status UpdateBrokerConfig(const std::string& addr, const std::string& properties);
  Result<KVTable> GetBrokerRuntimeInfo(const std::string& addr);
  Status CreateSubscriptionGroup(const std::string& addr, const std::string& config_json);
  Status DeleteSubscriptionGroup(const std::string& addr, const std::string& group, bool clean_offset);
  // INVOKE_BROKER_TO_RESET_OFFSET; returns the ResetOffsetBody JSON.
  Result<std::string> ResetOffsetByTimestamp(const std::string& addr, const std::string& topic,
                                             const std::string& group, int64_t timestamp, bool force);

  // Sends any request and returns the response when its code is 0.
  Result<remoting::RemotingCommand> Call(const std::string& addr, remoting::RemotingCommand request,
                                         const std::string& what, Millis timeout);
  Result<remoting::RemotingCommand> Call(const std::string& addr, remoting::RemotingCommand request,
                                         const std::string& what) {
    return Call(addr, std::move(request), what, timeout_);
  }

 private:
  remoting::RemotingClient& client_;
  Millis timeout_;
};

// Splits a SEND response into a SendResponse (codes 0/10/11/12), or the error.
Result<SendResponse> ParseSendResponse(const remoting::RemotingCommand& response, const std::string& addr);
// The same for a response nothing reads afterwards: its strings are moved out, not copied.
Result<SendResponse> TakeSendResponse(remoting::RemotingCommand& response, const std::string& addr);
// The body is moved out of `response` (a pull body is kilobytes; no copy).
Result<PullResponse> ParsePullResponse(remoting::RemotingCommand& response, const std::string& addr);

}  // namespace rmq::client
