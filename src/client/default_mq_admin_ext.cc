// DefaultMQAdminExt: the admin API over ClientInstance/ClientApi, with the decoders of the
// admin bodies (TopicStatsTable, ConsumeStats, connections, ResetOffsetBody).
#include "rocketmq/DefaultMQAdminExt.h"

#include <chrono>
#include <mutex>
#include <optional>

#include "client/client_error.h"
#include "client/client_instance.h"
#include "client/message_convert.h"
#include "common/json_reader.h"
#include "common/json_writer.h"
#include "common/message_id.h"
#include "common/topic_config.h"
#include "remoting/response_code.h"

namespace rocketmq {

namespace internal {

class AdminImpl {
 public:
  explicit AdminImpl(std::string group) { settings.group_name = std::move(group); }
  ~AdminImpl() { Shutdown(); }

  void Start() {
    std::lock_guard lock(mutex_);
    if (instance_) return;
    settings.request_timeout_ms = timeout_ms;
    auto instance = rmq::client::ClientInstance::Acquire(settings);
    if (!instance.ok()) rmq::client::ThrowStatus(instance.status(), __FILE__, __LINE__);
    instance_ = std::move(instance).value();
  }
  void Shutdown() {
    std::lock_guard lock(mutex_);
    if (!instance_) return;
    instance_->Release();
    released_ = std::move(instance_);
  }
  rmq::client::ClientInstance& instance() {
    if (!instance_) {
      THROW_MQEXCEPTION(MQClientException, "the admin client is not started; call start()", kErrorNotStarted);
    }
    return *instance_;
  }
  rmq::client::ClientApi& api() { return instance().api(); }

  rmq::client::ClientSettings settings;
  int64_t timeout_ms = 5000;

 private:
  std::mutex mutex_;
  std::shared_ptr<rmq::client::ClientInstance> instance_;
  std::shared_ptr<rmq::client::ClientInstance> released_;
};

}  // namespace internal

namespace {

template <typename T>
T ValueOrThrow(rmq::Result<T> result) {
  if (!result.ok()) rmq::client::ThrowStatus(result.status(), __FILE__, __LINE__);
  return std::move(result).value();
}

void Check(const rmq::Status& status) {
  if (!status.ok()) rmq::client::ThrowStatus(status, __FILE__, __LINE__);
}

BrokerData ToBrokerData(const rmq::BrokerData& data) {
  BrokerData out;
  out.cluster = data.cluster;
  out.brokerName = data.broker_name;
  out.brokerAddrs = data.broker_addrs;
  return out;
}

nlohmann::json ParseBody(const std::string& body, const char* what) { return ValueOrThrow(rmq::ParseLenientJson(body, what)); }

// fastjson writes MessageQueue-keyed maps with the queue object as the key; the lenient parser
// hands such keys over as their JSON text.
template <typename Fn>
void ForEachQueueEntry(const nlohmann::json& table, Fn&& fn) {
  if (!table.is_object()) return;
  for (auto it = table.begin(); it != table.end(); ++it) {
    auto key = rmq::ParseLenientJson(it.key(), "MessageQueue key");
    if (!key.ok()) continue;
    auto mq = rmq::MessageQueue::FromJson(*key);
    if (!mq.ok()) continue;
    fn(rmq::client::ToMQMessageQueue(*mq), it.value());
  }
}

int64_t IntOf(const nlohmann::json& object, const char* name) {
  int64_t value = 0;
  (void)rmq::ReadJsonInt(object, name, &value);
  return value;
}

std::string StringOf(const nlohmann::json& object, const char* name) {
  std::string value;
  (void)rmq::ReadJsonString(object, name, &value);
  return value;
}

std::vector<Connection> ConnectionsOf(const nlohmann::json& json) {
  std::vector<Connection> out;
  auto set = json.find("connectionSet");
  if (set == json.end() || !set->is_array()) return out;
  for (const auto& c : *set) {
    Connection connection;
    connection.clientId = StringOf(c, "clientId");
    connection.clientAddr = StringOf(c, "clientAddr");
    connection.language = StringOf(c, "language");
    connection.version = static_cast<int>(IntOf(c, "version"));
    out.push_back(std::move(connection));
  }
  return out;
}

std::map<std::string, std::string> ParseProperties(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t eq = line.find('=');
    if (!line.empty() && line[0] != '#' && eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string FormatProperties(const std::map<std::string, std::string>& properties) {
  std::string out;
  for (const auto& [key, value] : properties) out += key + "=" + value + "\n";
  return out;
}

}  // namespace

DefaultMQAdminExt::DefaultMQAdminExt(const std::string& adminGroup)
    : impl_(std::make_unique<internal::AdminImpl>(adminGroup)) {}
DefaultMQAdminExt::~DefaultMQAdminExt() = default;

void DefaultMQAdminExt::start() { impl_->Start(); }
void DefaultMQAdminExt::shutdown() { impl_->Shutdown(); }
void DefaultMQAdminExt::setNamesrvAddr(const std::string& addr) { impl_->settings.namesrv_addr = addr; }
const std::string& DefaultMQAdminExt::getNamesrvAddr() const { return impl_->settings.namesrv_addr; }
void DefaultMQAdminExt::setInstanceName(const std::string& name) { impl_->settings.instance_name = name; }
void DefaultMQAdminExt::setTimeoutMillis(int64_t timeoutMillis) { impl_->timeout_ms = timeoutMillis; }
std::vector<std::string> DefaultMQAdminExt::getNameServerAddressList() const {
  return ValueOrThrow(rmq::client::ResolveNamesrvAddrs(impl_->settings.namesrv_addr));
}

ClusterInfo DefaultMQAdminExt::examineBrokerClusterInfo() {
  rmq::Status last;
  for (const auto& namesrv : impl_->instance().namesrv_addrs()) {
    auto info = impl_->api().GetBrokerClusterInfo(namesrv);
    if (!info.ok()) {
      last = info.status();
      continue;
    }
    ClusterInfo out;
    for (const auto& [name, data] : info->broker_addr_table) out.brokerAddrTable[name] = ToBrokerData(data);
    out.clusterAddrTable = info->cluster_addr_table;
    return out;
  }
  Check(last);
  return {};
}

TopicRouteData DefaultMQAdminExt::examineTopicRouteInfo(const std::string& topic) {
  auto route = ValueOrThrow(impl_->instance().UpdateTopicRoute(topic));
  TopicRouteData out;
  for (const auto& qd : route.queue_datas) {
    out.queueDatas.push_back(QueueData{qd.broker_name, qd.read_queue_nums, qd.write_queue_nums, qd.perm, qd.topic_sys_flag});
  }
  for (const auto& bd : route.broker_datas) out.brokerDatas.push_back(ToBrokerData(bd));
  out.orderTopicConf = route.order_topic_conf.value_or("");
  return out;
}

std::set<std::string> DefaultMQAdminExt::fetchAllTopicList() {
  auto& instance = impl_->instance();
  return ValueOrThrow(impl_->api().GetAllTopicList(instance.namesrv_addrs().front())).topic_list;
}

std::set<std::string> DefaultMQAdminExt::fetchTopicsByCluster(const std::string& clusterName) {
  auto& instance = impl_->instance();
  return ValueOrThrow(impl_->api().GetTopicsByCluster(instance.namesrv_addrs().front(), clusterName)).topic_list;
}

std::vector<std::string> DefaultMQAdminExt::fetchMasterAddrsByCluster(const std::string& clusterName) {
  ClusterInfo info = examineBrokerClusterInfo();
  auto cluster = info.clusterAddrTable.find(clusterName);
  if (cluster == info.clusterAddrTable.end()) {
    THROW_MQEXCEPTION(MQClientException,
                      "cluster " + clusterName + " is unknown to the name server; mqadmin clusterList shows the clusters",
                      kErrorInvalidArgument);
  }
  std::vector<std::string> out;
  for (const auto& name : cluster->second) {
    auto broker = info.brokerAddrTable.find(name);
    if (broker == info.brokerAddrTable.end()) continue;
    auto master = broker->second.brokerAddrs.find(0);
    if (master != broker->second.brokerAddrs.end()) out.push_back(master->second);
  }
  return out;
}

void DefaultMQAdminExt::createAndUpdateTopicConfig(const std::string& brokerAddr, const TopicConfig& config) {
  rmq::TopicConfig tc;
  tc.topic_name = config.topicName;
  tc.read_queue_nums = config.readQueueNums;
  tc.write_queue_nums = config.writeQueueNums;
  tc.perm = config.perm;
  tc.topic_filter_type = config.topicFilterType;
  tc.topic_sys_flag = config.topicSysFlag;
  tc.order = config.order;
  Check(rmq::client::ValidateTopic(config.topicName));
  Check(impl_->api().CreateTopic(brokerAddr, tc));
}

void DefaultMQAdminExt::createTopic(const std::string& clusterName, const TopicConfig& config) {
  auto masters = fetchMasterAddrsByCluster(clusterName);
  if (masters.empty()) {
    THROW_MQEXCEPTION(MQClientException, "cluster " + clusterName + " has no master broker", kErrorInvalidArgument);
  }
  for (const auto& addr : masters) createAndUpdateTopicConfig(addr, config);
}

void DefaultMQAdminExt::deleteTopicInBroker(const std::set<std::string>& brokerAddrs, const std::string& topic) {
  for (const auto& addr : brokerAddrs) Check(impl_->api().DeleteTopicInBroker(addr, topic));
}

void DefaultMQAdminExt::deleteTopicInNameServer(const std::set<std::string>& namesrvAddrs, const std::string& topic,
                                                const std::string& clusterName) {
  std::vector<std::string> targets(namesrvAddrs.begin(), namesrvAddrs.end());
  if (targets.empty()) targets = impl_->instance().namesrv_addrs();
  std::optional<std::string> cluster;
  if (!clusterName.empty()) cluster = clusterName;
  for (const auto& addr : targets) Check(impl_->api().DeleteTopicInNamesrv(addr, topic, cluster));
}

void DefaultMQAdminExt::deleteTopic(const std::string& topic, const std::string& clusterName) {
  auto masters = fetchMasterAddrsByCluster(clusterName);
  deleteTopicInBroker(std::set<std::string>(masters.begin(), masters.end()), topic);
  deleteTopicInNameServer({}, topic, clusterName);
}

TopicStatsTable DefaultMQAdminExt::examineTopicStats(const std::string& topic) {
  TopicRouteData route = examineTopicRouteInfo(topic);
  TopicStatsTable out;
  for (const auto& broker : route.brokerDatas) {
    if (broker.brokerAddrs.empty()) continue;
    auto master = broker.brokerAddrs.find(0);
    const std::string& addr = master != broker.brokerAddrs.end() ? master->second : broker.brokerAddrs.begin()->second;
    nlohmann::json json = ParseBody(ValueOrThrow(impl_->api().GetTopicStatsInfo(addr, topic)), "TopicStatsTable");
    auto table = json.find("offsetTable");
    if (table == json.end()) continue;
    ForEachQueueEntry(*table, [&](const MQMessageQueue& mq, const nlohmann::json& value) {
      out.offsetTable[mq] = TopicOffset{IntOf(value, "minOffset"), IntOf(value, "maxOffset"),
                                        IntOf(value, "lastUpdateTimestamp")};
    });
  }
  return out;
}

std::set<std::string> DefaultMQAdminExt::queryTopicConsumeByWho(const std::string& topic) {
  TopicRouteData route = examineTopicRouteInfo(topic);
  std::set<std::string> out;
  for (const auto& broker : route.brokerDatas) {
    auto master = broker.brokerAddrs.find(0);
    if (master == broker.brokerAddrs.end()) continue;
    nlohmann::json json = ParseBody(ValueOrThrow(impl_->api().QueryTopicConsumeByWho(master->second, topic)),
                                    "GroupList");
    std::vector<std::string> groups;
    (void)rmq::ReadJsonStringList(json, "groupList", &groups);
    out.insert(groups.begin(), groups.end());
  }
  return out;
}

ConsumeStats DefaultMQAdminExt::examineConsumeStats(const std::string& consumerGroup, const std::string& topic) {
  auto route = impl_->instance().UpdateTopicRoute(rmq::client::RetryTopic(consumerGroup));
  if (!route.ok() && !topic.empty()) route = impl_->instance().UpdateTopicRoute(topic);
  if (!route.ok()) {
    THROW_MQEXCEPTION(MQClientException,
                      "no route for %RETRY%" + consumerGroup + (topic.empty() ? "" : " or " + topic) +
                          ": the group has never connected, or the topic does not exist",
                      kErrorNoRoute);
  }
  ConsumeStats out;
  std::optional<std::string> filter;
  if (!topic.empty()) filter = topic;
  for (const auto& broker : route->broker_datas) {
    auto master = broker.broker_addrs.find(0);
    if (master == broker.broker_addrs.end()) continue;
    nlohmann::json json =
        ParseBody(ValueOrThrow(impl_->api().GetConsumeStats(master->second, consumerGroup, filter)), "ConsumeStats");
    auto table = json.find("offsetTable");
    if (table != json.end()) {
      ForEachQueueEntry(*table, [&](const MQMessageQueue& mq, const nlohmann::json& value) {
        out.offsetTable[mq] = OffsetWrapper{IntOf(value, "brokerOffset"), IntOf(value, "consumerOffset"),
                                            IntOf(value, "pullOffset"), IntOf(value, "lastTimestamp")};
      });
    }
    auto tps = json.find("consumeTps");
    if (tps != json.end() && tps->is_number()) out.consumeTps += tps->get<double>();
  }
  return out;
}

ConsumerConnection DefaultMQAdminExt::examineConsumerConnectionInfo(const std::string& consumerGroup) {
  auto route = ValueOrThrow(impl_->instance().UpdateTopicRoute(rmq::client::RetryTopic(consumerGroup)));
  rmq::Status last = rmq::NotFound("the consumer group " + consumerGroup + " has no broker");
  for (const auto& broker : route.broker_datas) {
    auto master = broker.broker_addrs.find(0);
    if (master == broker.broker_addrs.end()) continue;
    auto body = impl_->api().GetConsumerConnectionList(master->second, consumerGroup);
    if (!body.ok()) {
      last = body.status();
      continue;
    }
    nlohmann::json json = ParseBody(*body, "ConsumerConnection");
    ConsumerConnection out;
    out.connectionSet = ConnectionsOf(json);
    out.consumeType = StringOf(json, "consumeType");
    out.messageModel = StringOf(json, "messageModel");
    out.consumeFromWhere = StringOf(json, "consumeFromWhere");
    auto subs = json.find("subscriptionTable");
    if (subs != json.end() && subs->is_object()) {
      for (auto it = subs->begin(); it != subs->end(); ++it) out.subscriptionTable[it.key()] = StringOf(it.value(), "subString");
    }
    return out;
  }
  Check(last);
  return {};
}

ProducerConnection DefaultMQAdminExt::examineProducerConnectionInfo(const std::string& producerGroup,
                                                                   const std::string& topic) {
  auto route = ValueOrThrow(impl_->instance().UpdateTopicRoute(topic));
  rmq::Status last = rmq::NotFound("the topic " + topic + " has no broker");
  for (const auto& broker : route.broker_datas) {
    auto master = broker.broker_addrs.find(0);
    if (master == broker.broker_addrs.end()) continue;
    auto body = impl_->api().GetProducerConnectionList(master->second, producerGroup);
    if (!body.ok()) {
      last = body.status();
      continue;
    }
    ProducerConnection out;
    out.connectionSet = ConnectionsOf(ParseBody(*body, "ProducerConnection"));
    return out;
  }
  Check(last);
  return {};
}

std::string DefaultMQAdminExt::getConsumerRunningInfo(const std::string& consumerGroup, const std::string& clientId) {
  auto route = ValueOrThrow(impl_->instance().UpdateTopicRoute(rmq::client::RetryTopic(consumerGroup)));
  rmq::Status last = rmq::NotFound("the consumer group " + consumerGroup + " has no broker");
  for (const auto& broker : route.broker_datas) {
    auto master = broker.broker_addrs.find(0);
    if (master == broker.broker_addrs.end()) continue;
    auto body = impl_->api().GetConsumerRunningInfo(master->second, consumerGroup, clientId);
    if (body.ok()) return *body;
    last = body.status();
  }
  Check(last);
  return {};
}

void DefaultMQAdminExt::createAndUpdateSubscriptionGroupConfig(const std::string& brokerAddr,
                                                               const SubscriptionGroupConfig& config) {
  Check(rmq::client::ValidateGroup(config.groupName));
  rmq::JsonWriter writer;
  writer.BeginObject();
  writer.IntField("brokerId", config.brokerId);
  writer.BoolField("consumeBroadcastEnable", config.consumeBroadcastEnable);
  writer.BoolField("consumeEnable", config.consumeEnable);
  writer.BoolField("consumeFromMinEnable", config.consumeFromMinEnable);
  writer.BoolField("consumeMessageOrderly", config.consumeMessageOrderly);
  writer.StringField("groupName", config.groupName);
  writer.BoolField("notifyConsumerIdsChangedEnable", config.notifyConsumerIdsChangedEnable);
  writer.IntField("retryMaxTimes", config.retryMaxTimes);
  writer.IntField("retryQueueNums", config.retryQueueNums);
  writer.IntField("whichBrokerWhenConsumeSlowly", config.whichBrokerWhenConsumeSlowly);
  writer.EndObject();
  Check(impl_->api().CreateSubscriptionGroup(brokerAddr, writer.Release()));
}

void DefaultMQAdminExt::deleteSubscriptionGroup(const std::string& brokerAddr, const std::string& groupName,
                                                bool cleanOffset) {
  Check(impl_->api().DeleteSubscriptionGroup(brokerAddr, groupName, cleanOffset));
}

namespace {

std::string MasterOrThrow(rmq::client::ClientInstance& instance, const MQMessageQueue& mq) {
  auto addr = instance.FindBrokerMaster(mq.getBrokerName());
  if (!addr) {
    (void)instance.UpdateTopicRoute(mq.getTopic());
    addr = instance.FindBrokerMaster(mq.getBrokerName());
  }
  if (!addr) {
    THROW_MQEXCEPTION(MQClientException,
                      "broker " + mq.getBrokerName() + " has no master in the route of " + mq.getTopic(),
                      kErrorNoRoute);
  }
  return *addr;
}

}  // namespace

int64_t DefaultMQAdminExt::minOffset(const MQMessageQueue& mq) {
  return ValueOrThrow(impl_->api().GetMinOffset(MasterOrThrow(impl_->instance(), mq), rmq::client::ToMessageQueue(mq)));
}

int64_t DefaultMQAdminExt::maxOffset(const MQMessageQueue& mq) {
  return ValueOrThrow(impl_->api().GetMaxOffset(MasterOrThrow(impl_->instance(), mq), rmq::client::ToMessageQueue(mq)));
}

int64_t DefaultMQAdminExt::searchOffset(const MQMessageQueue& mq, int64_t timestamp) {
  return ValueOrThrow(
      impl_->api().SearchOffset(MasterOrThrow(impl_->instance(), mq), rmq::client::ToMessageQueue(mq), timestamp));
}

int64_t DefaultMQAdminExt::earliestMsgStoreTime(const MQMessageQueue& mq) {
  return ValueOrThrow(
      impl_->api().GetEarliestMsgStoretime(MasterOrThrow(impl_->instance(), mq), rmq::client::ToMessageQueue(mq)));
}

int64_t DefaultMQAdminExt::queryConsumerOffset(const std::string& consumerGroup, const MQMessageQueue& mq) {
  auto offset = impl_->api().QueryConsumerOffset(MasterOrThrow(impl_->instance(), mq), consumerGroup,
                                                 rmq::client::ToMessageQueue(mq));
  if (!offset.ok() && rmq::client::ResponseCodeOf(offset.status()) == rmq::remoting::ResponseCode::kQueryNotFound) {
    return -1;
  }
  return ValueOrThrow(std::move(offset));
}

void DefaultMQAdminExt::updateConsumerOffset(const std::string& consumerGroup, const MQMessageQueue& mq,
                                             int64_t offset) {
  Check(impl_->api().UpdateConsumerOffset(MasterOrThrow(impl_->instance(), mq), consumerGroup,
                                          rmq::client::ToMessageQueue(mq), offset, false));
}

std::map<MQMessageQueue, int64_t> DefaultMQAdminExt::resetOffsetByTimestamp(const std::string& topic,
                                                                            const std::string& group,
                                                                            int64_t timestamp, bool isForce) {
  TopicRouteData route = examineTopicRouteInfo(topic);
  std::map<MQMessageQueue, int64_t> out;
  for (const auto& broker : route.brokerDatas) {
    auto master = broker.brokerAddrs.find(0);
    if (master == broker.brokerAddrs.end()) continue;
    auto body = impl_->api().ResetOffsetByTimestamp(master->second, topic, group, timestamp, isForce);
    if (!body.ok()) {
      // No consumer online: set the offsets directly, as Java's fallback does.
      if (rmq::client::ResponseCodeOf(body.status()) != rmq::remoting::ResponseCode::kConsumerNotOnline) {
        Check(body.status());
      }
      for (const auto& qd : route.queueDatas) {
        if (qd.brokerName != broker.brokerName) continue;
        for (int q = 0; q < qd.readQueueNums; ++q) {
          MQMessageQueue mq(topic, qd.brokerName, q);
          int64_t offset = timestamp < 0 ? maxOffset(mq) : searchOffset(mq, timestamp);
          updateConsumerOffset(group, mq, offset);
          out[mq] = offset;
        }
      }
      continue;
    }
    nlohmann::json json = ParseBody(*body, "ResetOffsetBody");
    auto table = json.find("offsetTable");
    if (table == json.end()) continue;
    ForEachQueueEntry(*table, [&](const MQMessageQueue& mq, const nlohmann::json& value) {
      int64_t offset = 0;
      if (rmq::JsonValueToInt(value, "offset", &offset).ok()) out[mq] = offset;
    });
  }
  return out;
}

QueryResult DefaultMQAdminExt::queryMessage(const std::string& topic, const std::string& key, int maxNum,
                                            int64_t begin, int64_t end) {
  TopicRouteData route = examineTopicRouteInfo(topic);
  QueryResult out;
  for (const auto& broker : route.brokerDatas) {
    auto master = broker.brokerAddrs.find(0);
    if (master == broker.brokerAddrs.end()) continue;
    auto records = ValueOrThrow(impl_->api().QueryMessage(master->second, topic, key, maxNum, begin, end, false));
    for (const auto& record : records) {
      if (record.topic != topic) continue;
      out.messageList.push_back(rmq::client::ToMQMessageExt(record, broker.brokerName));
    }
  }
  return out;
}

MQMessageExt DefaultMQAdminExt::viewMessage(const std::string& offsetMsgId) {
  auto id = rmq::DecodeOffsetMessageId(offsetMsgId);
  if (!id.ok()) {
    THROW_MQEXCEPTION(MQClientException,
                      "'" + offsetMsgId + "' is not an offset message id (32 hex characters); for a client id use "
                      "queryMessageByUniqKey",
                      kErrorInvalidArgument);
  }
  std::string addr = id->store_host.ToString();
  auto record = ValueOrThrow(impl_->api().ViewMessage(addr, id->commit_log_offset));
  return rmq::client::ToMQMessageExt(record, "");
}

MQMessageExt DefaultMQAdminExt::queryMessageByUniqKey(const std::string& topic, const std::string& uniqKey) {
  TopicRouteData route = examineTopicRouteInfo(topic);
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  for (const auto& broker : route.brokerDatas) {
    auto master = broker.brokerAddrs.find(0);
    if (master == broker.brokerAddrs.end()) continue;
    auto records = impl_->api().QueryMessage(master->second, topic, uniqKey, 32, 0, now + 1000, true);
    if (!records.ok()) continue;
    for (const auto& record : *records) {
      MQMessageExt msg = rmq::client::ToMQMessageExt(record, broker.brokerName);
      if (msg.getUniqKey() == uniqKey && record.topic == topic) return msg;
    }
  }
  THROW_MQEXCEPTION(MQClientException, "no message with id " + uniqKey + " in topic " + topic, kErrorNoRoute);
}

std::map<std::string, std::string> DefaultMQAdminExt::getBrokerConfig(const std::string& brokerAddr) {
  return ParseProperties(ValueOrThrow(impl_->api().GetBrokerConfig(brokerAddr)));
}

void DefaultMQAdminExt::updateBrokerConfig(const std::string& brokerAddr,
                                           const std::map<std::string, std::string>& properties) {
  Check(impl_->api().UpdateBrokerConfig(brokerAddr, FormatProperties(properties)));
}

std::map<std::string, std::string> DefaultMQAdminExt::fetchBrokerRuntimeStats(const std::string& brokerAddr) {
  return ValueOrThrow(impl_->api().GetBrokerRuntimeInfo(brokerAddr)).table;
}

void DefaultMQAdminExt::putKVConfig(const std::string& ns, const std::string& key, const std::string& value) {
  for (const auto& addr : impl_->instance().namesrv_addrs()) Check(impl_->api().PutKvConfig(addr, ns, key, value));
}

std::string DefaultMQAdminExt::getKVConfig(const std::string& ns, const std::string& key) {
  return ValueOrThrow(impl_->api().GetKvConfig(impl_->instance().namesrv_addrs().front(), ns, key));
}

void DefaultMQAdminExt::deleteKVConfig(const std::string& ns, const std::string& key) {
  for (const auto& addr : impl_->instance().namesrv_addrs()) Check(impl_->api().DeleteKvConfig(addr, ns, key));
}

std::map<std::string, std::string> DefaultMQAdminExt::getKVListByNamespace(const std::string& ns) {
  return ValueOrThrow(impl_->api().GetKvListByNamespace(impl_->instance().namesrv_addrs().front(), ns)).table;
}

std::map<std::string, std::map<std::string, std::string>> DefaultMQAdminExt::getNameServerConfig() {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const auto& addr : impl_->instance().namesrv_addrs()) {
    out[addr] = ParseProperties(ValueOrThrow(impl_->api().GetNamesrvConfig(addr)));
  }
  return out;
}

void DefaultMQAdminExt::updateNameServerConfig(const std::map<std::string, std::string>& properties) {
  for (const auto& addr : impl_->instance().namesrv_addrs()) {
    Check(impl_->api().UpdateNamesrvConfig(addr, FormatProperties(properties)));
  }
}

int DefaultMQAdminExt::wipeWritePermOfBroker(const std::string& namesrvAddr, const std::string& brokerName) {
  return ValueOrThrow(impl_->api().WipeWritePermOfBroker(namesrvAddr, brokerName));
}

int DefaultMQAdminExt::addWritePermOfBroker(const std::string& namesrvAddr, const std::string& brokerName) {
  return ValueOrThrow(impl_->api().AddWritePermOfBroker(namesrvAddr, brokerName));
}

}  // namespace rocketmq
