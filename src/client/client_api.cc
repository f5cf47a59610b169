#include "client/client_api.h"

#include "client/client_error.h"
#include "common/json_reader.h"
#include "common/lock_batch_body.h"
#include "common/message_codec.h"
#include "common/message_properties.h"
#include "common/reply_message.h"
#include "remoting/admin_headers.h"
#include "remoting/custom_header.h"
#include "remoting/namesrv_headers.h"
#include "remoting/request_code.h"
#include "remoting/response_code.h"

namespace rmq::client {

using remoting::DecodeCustomHeader;
using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

namespace {

// Every request's header goes straight to the extFields JSON text where it can (no map of strings
// per request: sends and pulls carry one per message or batch); EncodeCustomHeaderJson falls back
// to the map for other serialize types and header field types.
template <typename Header>
RemotingCommand Request(int32_t code, const Header& header) {
  RemotingCommand request = RemotingCommand::CreateRequest(code);
  remoting::EncodeCustomHeaderJson(header, &request);
  return request;
}

RemotingCommand Request(int32_t code) {
  RemotingCommand request = RemotingCommand::CreateRequest(code);
  request.mutable_ext_fields();
  return request;
}

Result<int64_t> OffsetOf(const RemotingCommand& response, const std::string& what) {
  auto header = DecodeCustomHeader<remoting::OffsetResponseHeader>(response);
  if (!header.ok()) return Corruption(what + ": " + header.status().message());
  return header->offset;
}

}  // namespace

ClientApi::ClientApi(remoting::RemotingClient& client, Millis request_timeout)
    : client_(client), timeout_(request_timeout) {}

Result<RemotingCommand> ClientApi::Call(const std::string& addr, RemotingCommand request, const std::string& what,
                                        Millis timeout) {
  auto response = client_.InvokeSync(addr, std::move(request), timeout);
  if (!response.ok()) {
    return Status(response.status().code(), what + " at " + addr + ": " + response.status().message());
  }
  if (response->code() != ResponseCode::kSuccess) return ResponseError(*response, what + " at " + addr);
  return std::move(response).value();
}

// ---- name server ----

Result<TopicRouteData> ClientApi::GetTopicRouteInfo(const std::string& namesrv, const std::string& topic) {
  remoting::GetRouteInfoRequestHeader header;
  header.topic = topic;
  header.accept_standard_json_only = true;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(namesrv, Request(RequestCode::kGetRouteinfoByTopic, header), "route of topic " + topic));
  return TopicRouteData::Decode(response.body());
}

Result<ClusterInfo> ClientApi::GetBrokerClusterInfo(const std::string& namesrv) {
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(namesrv, Request(RequestCode::kGetBrokerClusterInfo), "cluster info"));
  return ClusterInfo::Decode(response.body());
}

Result<TopicList> ClientApi::GetAllTopicList(const std::string& namesrv) {
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(namesrv, Request(RequestCode::kGetAllTopicListFromNameserver), "topic list"));
  return TopicList::Decode(response.body());
}

Result<TopicList> ClientApi::GetTopicsByCluster(const std::string& namesrv, const std::string& cluster) {
  remoting::GetTopicsByClusterRequestHeader header;
  header.cluster = cluster;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(namesrv, Request(RequestCode::kGetTopicsByCluster, header),
                                                      "topics of cluster " + cluster));
  return TopicList::Decode(response.body());
}

Status ClientApi::DeleteTopicInNamesrv(const std::string& namesrv, const std::string& topic,
                                       const std::optional<std::string>& cluster) {
  remoting::DeleteTopicFromNamesrvRequestHeader header;
  header.topic = topic;
  header.cluster_name = cluster;
  return Call(namesrv, Request(RequestCode::kDeleteTopicInNamesrv, header), "delete topic " + topic).status();
}

Status ClientApi::PutKvConfig(const std::string& namesrv, const std::string& ns, const std::string& key,
                              const std::string& value) {
  remoting::PutKvConfigRequestHeader header{ns, key, value};
  return Call(namesrv, Request(RequestCode::kPutKvConfig, header), "put kv config " + ns + "/" + key).status();
}

Result<std::string> ClientApi::GetKvConfig(const std::string& namesrv, const std::string& ns, const std::string& key) {
  remoting::GetKvConfigRequestHeader header{ns, key};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(namesrv, Request(RequestCode::kGetKvConfig, header), "get kv config " + ns + "/" + key));
  auto decoded = DecodeCustomHeader<remoting::GetKvConfigResponseHeader>(response);
  if (!decoded.ok() || !decoded->value) return NotFound("no kv config " + ns + "/" + key);
  return *decoded->value;
}

Status ClientApi::DeleteKvConfig(const std::string& namesrv, const std::string& ns, const std::string& key) {
  remoting::DeleteKvConfigRequestHeader header{ns, key};
  return Call(namesrv, Request(RequestCode::kDeleteKvConfig, header), "delete kv config " + ns + "/" + key).status();
}

Result<KVTable> ClientApi::GetKvListByNamespace(const std::string& namesrv, const std::string& ns) {
  remoting::GetKvListByNamespaceRequestHeader header{ns};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(namesrv, Request(RequestCode::kGetKvlistByNamespace, header), "kv list of " + ns));
  return KVTable::Decode(response.body());
}

Result<std::string> ClientApi::GetNamesrvConfig(const std::string& namesrv) {
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(namesrv, Request(RequestCode::kGetNamesrvConfig), "name server config"));
  return response.body();
}

Status ClientApi::UpdateNamesrvConfig(const std::string& namesrv, const std::string& properties) {
  RemotingCommand request = Request(RequestCode::kUpdateNamesrvConfig);
  request.set_body(properties);
  return Call(namesrv, std::move(request), "update name server config").status();
}

Result<int32_t> ClientApi::WipeWritePermOfBroker(const std::string& namesrv, const std::string& broker_name) {
  remoting::WipeWritePermOfBrokerRequestHeader header{broker_name};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(namesrv, Request(RequestCode::kWipeWritePermOfBroker, header),
                                                      "wipe write perm of " + broker_name));
  auto decoded = DecodeCustomHeader<remoting::WipeWritePermOfBrokerResponseHeader>(response);
  return decoded.ok() ? decoded->wipe_topic_count : 0;
}

Result<int32_t> ClientApi::AddWritePermOfBroker(const std::string& namesrv, const std::string& broker_name) {
  remoting::AddWritePermOfBrokerRequestHeader header{broker_name};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(namesrv, Request(RequestCode::kAddWritePermOfBroker, header),
                                                      "add write perm of " + broker_name));
  auto decoded = DecodeCustomHeader<remoting::AddWritePermOfBrokerResponseHeader>(response);
  return decoded.ok() ? decoded->add_topic_count : 0;
}

// ---- produce ----

namespace {

// `Decode` reads the response header (copying or moving its strings).
template <typename Command, typename Decode>
Result<SendResponse> SendResponseOf(Command& response, const std::string& addr, Decode decode) {
  switch (response.code()) {
    case ResponseCode::kSuccess:
    case ResponseCode::kFlushDiskTimeout:
    case ResponseCode::kFlushSlaveTimeout:
    case ResponseCode::kSlaveNotAvailable:
      break;
    default:
      return ResponseError(response, "send to " + addr);
  }
  auto header = decode(response);
  if (!header.ok()) return Corruption("send response from " + addr + ": " + header.status().message());
  SendResponse out;
  out.code = response.code();
  out.offset_msg_id = std::move(header->msg_id);
  out.queue_id = header->queue_id;
  out.queue_offset = header->queue_offset;
  if (header->transaction_id) out.transaction_id = std::move(*header->transaction_id);
  out.region_id = header->msg_region ? std::move(*header->msg_region) : "DefaultRegion";
  return out;
}

}  // namespace

Result<SendResponse> ParseSendResponse(const RemotingCommand& response, const std::string& addr) {
  return SendResponseOf(response, addr, [](const RemotingCommand& command) {
    return DecodeCustomHeader<remoting::SendMessageResponseHeader>(command);
  });
}

Result<SendResponse> TakeSendResponse(RemotingCommand& response, const std::string& addr) {
  return SendResponseOf(response, addr, [](RemotingCommand& command) {
    return remoting::TakeCustomHeader<remoting::SendMessageResponseHeader>(command);
  });
}

// The request of a send, without its body.
static RemotingCommand SendRequest(const remoting::SendMessageRequestHeaderV2& header) {
  // A request-reply reply (MSG_TYPE=reply) goes out as SEND_REPLY_MESSAGE_V2, as MQClientAPIImpl.
  auto type = header.i ? FindProperty(*header.i, reply::kMessageType) : std::nullopt;
  bool is_reply = type && *type == reply::kReplyMessageFlag;
  return Request(is_reply ? RequestCode::kSendReplyMessageV2 : RequestCode::kSendMessageV2, header);
}

static RemotingCommand SendRequest(const remoting::SendMessageRequestHeaderV2& header, std::string body) {
  RemotingCommand request = SendRequest(header);
  request.set_body(std::move(body));
  return request;
}

Result<SendResponse> ClientApi::SendMessage(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header,
                                            std::string body, Millis timeout) {
  auto response = client_.InvokeSync(addr, SendRequest(header, std::move(body)), timeout);
  if (!response.ok()) return Status(response.status().code(), "send to " + addr + ": " + response.status().message());
  return TakeSendResponse(*response, addr);
}

void ClientApi::SendMessageAsync(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header,
                                 std::string body, Millis timeout,
                                 std::function<void(Result<SendResponse>)> callback) {
  client_.InvokeAsync(addr, SendRequest(header, std::move(body)), timeout,
                      [addr, callback = std::move(callback)](Result<RemotingCommand> response) {
                        if (!response.ok()) {
                          callback(Status(response.status().code(),
                                          "send to " + addr + ": " + response.status().message()));
                          return;
                        }
                        callback(TakeSendResponse(*response, addr));
                      });
}

void ClientApi::SendMessageAsync(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header,
                                 remoting::BodySegment body, Millis timeout, remoting::ResponseCallback callback) {
  RemotingCommand request = SendRequest(header);
  request.AddBodySegment(std::move(body));
  client_.InvokeAsync(addr, std::move(request), timeout, std::move(callback));
}

Status ClientApi::SendMessageOneway(const std::string& addr, const remoting::SendMessageRequestHeaderV2& header,
                                    std::string body) {
  return client_.InvokeOneway(addr, SendRequest(header, std::move(body)));
}

Status ClientApi::EndTransactionOneway(const std::string& addr, const remoting::EndTransactionRequestHeader& header,
                                       const std::string& remark) {
  RemotingCommand request = Request(RequestCode::kEndTransaction, header);
  if (!remark.empty()) request.set_remark(remark);
  return client_.InvokeOneway(addr, std::move(request));
}

// ---- consume ----

Result<PullResponse> ParsePullResponse(RemotingCommand& response, const std::string& addr) {
  PullResponse out;
  switch (response.code()) {
    case ResponseCode::kSuccess:
      out.status = PullResponse::Status::kFound;
      break;
    case ResponseCode::kPullNotFound:
      out.status = PullResponse::Status::kNoNewMsg;
      break;
    case ResponseCode::kPullRetryImmediately:
      out.status = PullResponse::Status::kNoMatchedMsg;
      break;
    case ResponseCode::kPullOffsetMoved:
      out.status = PullResponse::Status::kOffsetIllegal;
      break;
    default:
      return ResponseError(response, "pull from " + addr);
  }
  auto header = DecodeCustomHeader<remoting::PullMessageResponseHeader>(response);
  if (!header.ok()) return Corruption("pull response from " + addr + ": " + header.status().message());
  out.next_begin_offset = header->next_begin_offset;
  out.min_offset = header->min_offset;
  out.max_offset = header->max_offset;
  out.suggest_which_broker_id = header->suggest_which_broker_id;
  out.body = std::move(response.mutable_body());
  return out;
}

Result<PullResponse> ClientApi::PullMessage(const std::string& addr, const remoting::PullMessageRequestHeader& header,
                                            Millis timeout) {
  auto response = client_.InvokeSync(addr, Request(RequestCode::kPullMessage, header), timeout);
  if (!response.ok()) return Status(response.status().code(), "pull from " + addr + ": " + response.status().message());
  return ParsePullResponse(*response, addr);
}

void ClientApi::PullMessageAsync(const std::string& addr, const remoting::PullMessageRequestHeader& header,
                                 Millis timeout, std::function<void(Result<PullResponse>)> callback) {
  client_.InvokeAsync(addr, Request(RequestCode::kPullMessage, header), timeout,
                      [addr, callback = std::move(callback)](Result<RemotingCommand> response) {
                        if (!response.ok()) {
                          callback(Status(response.status().code(),
                                          "pull from " + addr + ": " + response.status().message()));
                          return;
                        }
                        callback(ParsePullResponse(*response, addr));
                      });
}

Status ClientApi::SendHeartbeat(const std::string& addr, const HeartbeatData& heartbeat) {
  RemotingCommand request = Request(RequestCode::kHeartBeat);
  request.set_body(heartbeat.Encode());
  return Call(addr, std::move(request), "heartbeat").status();
}

Status ClientApi::CheckClientConfig(const std::string& addr, const std::string& client_id, const std::string& group,
                                   const SubscriptionData& subscription) {
  // CheckClientRequestBody.java.
  JsonWriter writer;
  writer.BeginObject();
  writer.StringField("clientId", client_id);
  writer.StringField("group", group);
  writer.Key("subscriptionData");
  subscription.WriteJson(&writer);
  writer.EndObject();
  RemotingCommand request = Request(RequestCode::kCheckClientConfig);
  request.set_body(writer.Release());
  return Call(addr, std::move(request), "check subscription of " + subscription.topic).status();
}

Status ClientApi::UnregisterClient(const std::string& addr, const std::string& client_id,
                                   const std::optional<std::string>& producer_group,
                                   const std::optional<std::string>& consumer_group) {
  remoting::UnregisterClientRequestHeader header{client_id, producer_group, consumer_group};
  return Call(addr, Request(RequestCode::kUnregisterClient, header), "unregister client").status();
}

Result<std::vector<std::string>> ClientApi::GetConsumerIdListByGroup(const std::string& addr,
                                                                     const std::string& group) {
  remoting::GetConsumerListByGroupRequestHeader header{group};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kGetConsumerListByGroup, header),
                                                      "consumer list of " + group));
  RMQ_ASSIGN_OR_RETURN(nlohmann::json json, ParseLenientJson(response.body(), "consumer id list"));
  std::vector<std::string> ids;
  RMQ_RETURN_IF_ERROR(ReadJsonStringList(json, "consumerIdList", &ids));
  return ids;
}

Result<int64_t> ClientApi::QueryConsumerOffset(const std::string& addr, const std::string& group,
                                               const MessageQueue& mq) {
  remoting::QueryConsumerOffsetRequestHeader header;
  header.consumer_group = group;
  header.topic = mq.topic;
  header.queue_id = mq.queue_id;
  header.set_zero_if_not_found = false;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(addr, Request(RequestCode::kQueryConsumerOffset, header), "offset of " + mq.ToString()));
  return OffsetOf(response, "query consumer offset");
}

Status ClientApi::UpdateConsumerOffset(const std::string& addr, const std::string& group, const MessageQueue& mq,
                                       int64_t offset, bool oneway) {
  remoting::UpdateConsumerOffsetRequestHeader header{group, mq.topic, mq.queue_id, offset};
  RemotingCommand request = Request(RequestCode::kUpdateConsumerOffset, header);
  if (oneway) return client_.InvokeOneway(addr, std::move(request));
  return Call(addr, std::move(request), "update offset of " + mq.ToString()).status();
}

Result<int64_t> ClientApi::GetMaxOffset(const std::string& addr, const MessageQueue& mq) {
  remoting::GetMaxOffsetRequestHeader header;
  header.topic = mq.topic;
  header.queue_id = mq.queue_id;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(addr, Request(RequestCode::kGetMaxOffset, header), "max offset of " + mq.ToString()));
  return OffsetOf(response, "get max offset");
}

Result<int64_t> ClientApi::GetMinOffset(const std::string& addr, const MessageQueue& mq) {
  remoting::GetMinOffsetRequestHeader header{mq.topic, mq.queue_id};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(addr, Request(RequestCode::kGetMinOffset, header), "min offset of " + mq.ToString()));
  return OffsetOf(response, "get min offset");
}

Result<int64_t> ClientApi::SearchOffset(const std::string& addr, const MessageQueue& mq, int64_t timestamp) {
  remoting::SearchOffsetRequestHeader header;
  header.topic = mq.topic;
  header.queue_id = mq.queue_id;
  header.timestamp = timestamp;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kSearchOffsetByTimestamp, header),
                                                      "search offset of " + mq.ToString()));
  return OffsetOf(response, "search offset by timestamp");
}

Result<int64_t> ClientApi::GetEarliestMsgStoretime(const std::string& addr, const MessageQueue& mq) {
  remoting::GetEarliestMsgStoretimeRequestHeader header{mq.topic, mq.queue_id};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kGetEarliestMsgStoretime, header),
                                                      "earliest store time of " + mq.ToString()));
  auto decoded = DecodeCustomHeader<remoting::TimestampResponseHeader>(response);
  if (!decoded.ok()) return decoded.status();
  return decoded->timestamp;
}

Status ClientApi::ConsumerSendMessageBack(const std::string& addr, const std::string& group, const MessageExt& msg,
                                          int32_t delay_level, int32_t max_reconsume_times,
                                          const std::string& origin_msg_id) {
  remoting::ConsumerSendMsgBackRequestHeader header;
  header.offset = msg.commit_log_offset;
  header.group = group;
  header.delay_level = delay_level;
  header.origin_msg_id = origin_msg_id;
  header.origin_topic = msg.topic;
  header.max_reconsume_times = max_reconsume_times;
  return Call(addr, Request(RequestCode::kConsumerSendMsgBack, header), "send back to %RETRY%" + group)
      .status();
}

Result<std::vector<MessageQueue>> ClientApi::LockBatchMq(const std::string& addr, const std::string& group,
                                                         const std::string& client_id,
                                                         const std::vector<MessageQueue>& mqs) {
  LockBatchRequestBody body;
  body.client_id = client_id;
  body.consumer_group = group;
  body.mq_set = mqs;
  RemotingCommand request = Request(RequestCode::kLockBatchMq);
  request.set_body(body.Encode());
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, std::move(request), "lock queues of " + group));
  RMQ_ASSIGN_OR_RETURN(LockBatchResponseBody locked, LockBatchResponseBody::Decode(response.body()));
  return std::move(locked.lock_ok_mq_set);
}

Status ClientApi::UnlockBatchMq(const std::string& addr, const std::string& group, const std::string& client_id,
                                const std::vector<MessageQueue>& mqs, bool oneway) {
  LockBatchRequestBody body;
  body.client_id = client_id;
  body.consumer_group = group;
  body.mq_set = mqs;
  RemotingCommand request = Request(RequestCode::kUnlockBatchMq);
  request.set_body(body.Encode());
  if (oneway) return client_.InvokeOneway(addr, std::move(request));
  return Call(addr, std::move(request), "unlock queues of " + group).status();
}

// ---- admin ----

Status ClientApi::CreateTopic(const std::string& addr, const TopicConfig& config) {
  remoting::CreateTopicRequestHeader header;
  header.topic = config.topic_name;
  header.default_topic = "TBW102";
  header.read_queue_nums = config.read_queue_nums;
  header.write_queue_nums = config.write_queue_nums;
  header.perm = config.perm;
  header.topic_filter_type = config.topic_filter_type;
  header.topic_sys_flag = config.topic_sys_flag;
  header.order = config.order;
  return Call(addr, Request(RequestCode::kUpdateAndCreateTopic, header), "create topic " + config.topic_name).status();
}

Status ClientApi::DeleteTopicInBroker(const std::string& addr, const std::string& topic) {
  remoting::DeleteTopicRequestHeader header{topic};
  return Call(addr, Request(RequestCode::kDeleteTopicInBroker, header), "delete topic " + topic).status();
}

Result<std::string> ClientApi::GetTopicStatsInfo(const std::string& addr, const std::string& topic) {
  remoting::GetTopicStatsInfoRequestHeader header{topic};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(addr, Request(RequestCode::kGetTopicStatsInfo, header), "stats of topic " + topic));
  return response.body();
}

Result<std::string> ClientApi::GetConsumeStats(const std::string& addr, const std::string& group,
                                               const std::optional<std::string>& topic) {
  remoting::GetConsumeStatsRequestHeader header;
  header.consumer_group = group;
  header.topic = topic;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(addr, Request(RequestCode::kGetConsumeStats, header), "consume stats of " + group));
  return response.body();
}

Result<std::string> ClientApi::GetConsumerConnectionList(const std::string& addr, const std::string& group) {
  remoting::GetConsumerConnectionListRequestHeader header{group};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kGetConsumerConnectionList, header),
                                                      "connections of consumer group " + group));
  return response.body();
}

Result<std::string> ClientApi::GetProducerConnectionList(const std::string& addr, const std::string& group) {
  remoting::GetProducerConnectionListRequestHeader header{group};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kGetProducerConnectionList, header),
                                                      "connections of producer group " + group));
  return response.body();
}

Result<std::string> ClientApi::QueryTopicConsumeByWho(const std::string& addr, const std::string& topic) {
  remoting::QueryTopicConsumeByWhoRequestHeader header{topic};
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kQueryTopicConsumeByWho, header),
                                                      "groups consuming " + topic));
  return response.body();
}

Result<std::string> ClientApi::GetConsumerRunningInfo(const std::string& addr, const std::string& group,
                                                      const std::string& client_id) {
  remoting::GetConsumerRunningInfoRequestHeader header;
  header.consumer_group = group;
  header.client_id = client_id;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kGetConsumerRunningInfo, header),
                                                      "running info of " + client_id, Millis(12000)));
  return response.body();
}

Result<std::vector<MessageExt>> ClientApi::QueryMessage(const std::string& addr, const std::string& topic,
                                                        const std::string& key, int32_t max_num, int64_t begin,
                                                        int64_t end, bool unique_key) {
  remoting::QueryMessageRequestHeader header;
  header.topic = topic;
  header.key = key;
  header.max_num = max_num;
  header.begin_timestamp = begin;
  header.end_timestamp = end;
  header.unique_key_query = unique_key;
  auto response = Call(addr, Request(RequestCode::kQueryMessage, header), "query message " + key, Millis(15000));
  if (!response.ok()) {
    if (ResponseCodeOf(response.status()) == ResponseCode::kQueryNotFound) return std::vector<MessageExt>{};
    return response.status();
  }
  return DecodeMessages(response->body());
}

Result<MessageExt> ClientApi::ViewMessage(const std::string& addr, int64_t commit_log_offset) {
  remoting::ViewMessageRequestHeader header;
  header.offset = commit_log_offset;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(addr, Request(RequestCode::kViewMessageById, header), "view message"));
  return DecodeMessage(response.body());
}

Result<std::string> ClientApi::GetBrokerConfig(const std::string& addr) {
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kGetBrokerConfig), "broker config"));
  return response.body();
}

Status ClientApi::UpdateBrokerConfig(const std::string& addr, const std::string& properties) {
  RemotingCommand request = Request(RequestCode::kUpdateBrokerConfig);
  request.set_body(properties);
  return Call(addr, std::move(request), "update broker config").status();
}

Result<KVTable> ClientApi::GetBrokerRuntimeInfo(const std::string& addr) {
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response,
                       Call(addr, Request(RequestCode::kGetBrokerRuntimeInfo), "broker runtime info"));
  return KVTable::Decode(response.body());
}

Status ClientApi::CreateSubscriptionGroup(const std::string& addr, const std::string& config_json) {
  RemotingCommand request = Request(RequestCode::kUpdateAndCreateSubscriptiongroup);
  request.set_body(config_json);
  return Call(addr, std::move(request), "create subscription group").status();
}

Status ClientApi::DeleteSubscriptionGroup(const std::string& addr, const std::string& group, bool clean_offset) {
  remoting::DeleteSubscriptionGroupRequestHeader header;
  header.group_name = group;
  header.clean_offset = clean_offset;
  return Call(addr, Request(RequestCode::kDeleteSubscriptiongroup, header), "delete subscription group " + group)
      .status();
}

Result<std::string> ClientApi::ResetOffsetByTimestamp(const std::string& addr, const std::string& topic,
                                                      const std::string& group, int64_t timestamp, bool force) {
  remoting::ResetOffsetRequestHeader header;
  header.group = group;
  header.topic = topic;
  header.timestamp = timestamp;
  header.is_force = force;
  RMQ_ASSIGN_OR_RETURN(RemotingCommand response, Call(addr, Request(RequestCode::kInvokeBrokerToResetOffset, header),
                                                      "reset offset of " + group));
  return response.body();
}

}  // namespace rmq::client
