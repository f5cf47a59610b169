// DefaultMQAdminExt: the administration API that mqadmin and the benchmark tools use — topics
// (create, delete, route, stats), cluster and broker info, consumer progress and connections,
// offsets, message queries, broker and name-server config and KV. Names follow Java's
// DefaultMQAdminExt. Every call talks to the servers synchronously and throws MQException on
// failure. Thread-safe once started.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "rocketmq/MQException.h"
#include "rocketmq/MQMessageExt.h"
#include "rocketmq/MQMessageQueue.h"

namespace rocketmq {

namespace internal {
class AdminImpl;
}

struct BrokerData {
  std::string cluster;
  std::string brokerName;
  std::map<int64_t, std::string> brokerAddrs;  // brokerId -> "ip:port"; 0 is the master
};

struct QueueData {
  std::string brokerName;
  int readQueueNums = 0;
  int writeQueueNums = 0;
  int perm = 0;
  int topicSysFlag = 0;
};

struct TopicRouteData {
  std::vector<QueueData> queueDatas;
  std::vector<BrokerData> brokerDatas;
  std::string orderTopicConf;
};

struct ClusterInfo {
  std::map<std::string, BrokerData> brokerAddrTable;                // brokerName -> data
  std::map<std::string, std::set<std::string>> clusterAddrTable;  // cluster -> brokerNames
};

struct TopicConfig {
  std::string topicName;
  int readQueueNums = 8;
  int writeQueueNums = 8;
  int perm = 6;  // 2 write | 4 read
  std::string topicFilterType = "SINGLE_TAG";
  int topicSysFlag = 0;
  bool order = false;
};

struct TopicOffset {
  int64_t minOffset = 0;
  int64_t maxOffset = 0;
  int64_t lastUpdateTimestamp = 0;
};

struct TopicStatsTable {
  std::map<MQMessageQueue, TopicOffset> offsetTable;
};

struct OffsetWrapper {
  int64_t brokerOffset = 0;
  int64_t consumerOffset = 0;
  int64_t pullOffset = 0;
  int64_t lastTimestamp = 0;
};

struct ConsumeStats {
  std::map<MQMessageQueue, OffsetWrapper> offsetTable;
  double consumeTps = 0;
  // Sum over queues of brokerOffset - consumerOffset.
  int64_t computeTotalDiff() const {
    int64_t diff = 0;
    for (const auto& [mq, w] : offsetTable) diff += w.brokerOffset - w.consumerOffset;
    return diff;
  }
};

struct Connection {
  std::string clientId;
  std::string clientAddr;
  std::string language;
  int version = 0;
};

struct ConsumerConnection {
  std::vector<Connection> connectionSet;
  std::string consumeType;
  std::string messageModel;
  std::string consumeFromWhere;
  std::map<std::string, std::string> subscriptionTable;  // topic -> subscription expression
};

struct ProducerConnection {
  std::vector<Connection> connectionSet;
};

struct SubscriptionGroupConfig {
  std::string groupName;
  bool consumeEnable = true;
  bool consumeFromMinEnable = true;
  bool consumeBroadcastEnable = true;
  bool consumeMessageOrderly = false;
  int retryQueueNums = 1;
  int retryMaxTimes = 16;
  int64_t brokerId = 0;
  int64_t whichBrokerWhenConsumeSlowly = 1;
  bool notifyConsumerIdsChangedEnable = true;
};

struct QueryResult {
  int64_t indexLastUpdateTimestamp = 0;
  std::vector<MQMessageExt> messageList;
};

class ROCKETMQCLIENT_API DefaultMQAdminExt {
 public:
  explicit DefaultMQAdminExt(const std::string& adminGroup = "admin_ext_group");
  ~DefaultMQAdminExt();

  DefaultMQAdminExt(const DefaultMQAdminExt&) = delete;
  DefaultMQAdminExt& operator=(const DefaultMQAdminExt&) = delete;

  void start();
  void shutdown();
  void setNamesrvAddr(const std::string& namesrvAddr);
  const std::string& getNamesrvAddr() const;
  void setInstanceName(const std::string& instanceName);
  void setTimeoutMillis(int64_t timeoutMillis);  // per request, default 5000
  // The name servers in use (from setNamesrvAddr or NAMESRV_ADDR).
  std::vector<std::string> getNameServerAddressList() const;

  // ---- cluster and topics ----
  ClusterInfo examineBrokerClusterInfo();
  TopicRouteData examineTopicRouteInfo(const std::string& topic);
  std::set<std::string> fetchAllTopicList();
  std::set<std::string> fetchTopicsByCluster(const std::string& clusterName);
  // The master addresses of the cluster's broker groups.
  std::vector<std::string> fetchMasterAddrsByCluster(const std::string& clusterName);
  void createAndUpdateTopicConfig(const std::string& brokerAddr, const TopicConfig& config);
  // On every master of the cluster.
  void createTopic(const std::string& clusterName, const TopicConfig& config);
  void deleteTopicInBroker(const std::set<std::string>& brokerAddrs, const std::string& topic);
  // Empty namesrvAddrs: every name server; empty clusterName: every broker.
  void deleteTopicInNameServer(const std::set<std::string>& namesrvAddrs, const std::string& topic,
                               const std::string& clusterName = "");
  // Both, on every master of the cluster and every name server.
  void deleteTopic(const std::string& topic, const std::string& clusterName);
  TopicStatsTable examineTopicStats(const std::string& topic);
  // The consumer groups with offsets or subscriptions for the topic.
  std::set<std::string> queryTopicConsumeByWho(const std::string& topic);

  // ---- consumers and producers ----
  // Over every broker of the group's %RETRY% topic route (falling back to `topic`).
  ConsumeStats examineConsumeStats(const std::string& consumerGroup, const std::string& topic = "");
  ConsumerConnection examineConsumerConnectionInfo(const std::string& consumerGroup);
  ProducerConnection examineProducerConnectionInfo(const std::string& producerGroup, const std::string& topic);
  // The ConsumerRunningInfo JSON the client reported.
  std::string getConsumerRunningInfo(const std::string& consumerGroup, const std::string& clientId);
  void createAndUpdateSubscriptionGroupConfig(const std::string& brokerAddr, const SubscriptionGroupConfig& config);
  void deleteSubscriptionGroup(const std::string& brokerAddr, const std::string& groupName, bool cleanOffset = false);

  // ---- offsets ----
  int64_t minOffset(const MQMessageQueue& mq);
  int64_t maxOffset(const MQMessageQueue& mq);
  int64_t searchOffset(const MQMessageQueue& mq, int64_t timestamp);
  int64_t earliestMsgStoreTime(const MQMessageQueue& mq);
  // -1 when the group has no offset for the queue.
  int64_t queryConsumerOffset(const std::string& consumerGroup, const MQMessageQueue& mq);
  void updateConsumerOffset(const std::string& consumerGroup, const MQMessageQueue& mq, int64_t offset);
  // Resets the group's offsets of the topic to the first message stored at or after `timestamp`
  // (ms), through the brokers (online consumers are told to move too). Returns the new offsets.
  std::map<MQMessageQueue, int64_t> resetOffsetByTimestamp(const std::string& topic, const std::string& group,
                                                           int64_t timestamp, bool isForce = true);

  // ---- messages ----
  QueryResult queryMessage(const std::string& topic, const std::string& key, int maxNum, int64_t begin, int64_t end);
  // By offset message id (the broker's id).
  MQMessageExt viewMessage(const std::string& offsetMsgId);
  // By the client id (UNIQ_KEY) within the topic.
  MQMessageExt queryMessageByUniqKey(const std::string& topic, const std::string& uniqKey);

  // ---- brokers ----
  std::map<std::string, std::string> getBrokerConfig(const std::string& brokerAddr);
  void updateBrokerConfig(const std::string& brokerAddr, const std::map<std::string, std::string>& properties);
  std::map<std::string, std::string> fetchBrokerRuntimeStats(const std::string& brokerAddr);

  // ---- name servers ----
  void putKVConfig(const std::string& ns, const std::string& key, const std::string& value);
  std::string getKVConfig(const std::string& ns, const std::string& key);
  void deleteKVConfig(const std::string& ns, const std::string& key);
  std::map<std::string, std::string> getKVListByNamespace(const std::string& ns);
  // Per name server: its config as key/value pairs.
  std::map<std::string, std::map<std::string, std::string>> getNameServerConfig();
  void updateNameServerConfig(const std::map<std::string, std::string>& properties);
  int wipeWritePermOfBroker(const std::string& namesrvAddr, const std::string& brokerName);
  int addWritePermOfBroker(const std::string& namesrvAddr, const std::string& brokerName);

 private:
  std::unique_ptr<internal::AdminImpl> impl_;
};

}  // namespace rocketmq
