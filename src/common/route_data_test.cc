#include "common/route_data.h"

#include <gtest/gtest.h>

#include "common/cluster_info.h"
#include "common/kv_table.h"
#include "common/topic_list.h"

namespace rmq {
namespace {

// golden-vectors.md §3: one master of broker-a, 4/4 queues, perm 6.
TopicRouteData VectorCRoute() {
  TopicRouteData route;
  BrokerData broker;
  broker.cluster = "DefaultCluster";
  broker.broker_name = "broker-a";
  broker.broker_addrs[0] = "127.0.0.1:10911";
  route.broker_datas.push_back(broker);
  route.queue_datas.push_back(QueueData{"broker-a", 4, 4, 6, 0});
  return route;
}

constexpr std::string_view kVectorCStandard =
    R"({"brokerDatas":[{"brokerAddrs":{"0":"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]})";
constexpr std::string_view kVectorCLegacy =
    R"({"brokerDatas":[{"brokerAddrs":{0:"127.0.0.1:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}],"filterServerTable":{},"queueDatas":[{"brokerName":"broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]})";

TEST(TopicRouteDataTest, StandardEncodingMatchesVectorC) {
  std::string body = VectorCRoute().Encode(JsonWriter::Style::kStandard);
  EXPECT_EQ(body, kVectorCStandard);
  EXPECT_EQ(body.size(), 262u);
}

TEST(TopicRouteDataTest, LegacyEncodingMatchesVectorC) {
  std::string body = VectorCRoute().Encode(JsonWriter::Style::kFastjson);
  EXPECT_EQ(body, kVectorCLegacy);
  EXPECT_EQ(body.size(), 260u);
}

TEST(TopicRouteDataTest, DecodesBothForms) {
  for (std::string_view body : {kVectorCStandard, kVectorCLegacy}) {
    auto route = TopicRouteData::Decode(body);
    ASSERT_TRUE(route.ok()) << route.status().ToString();
    EXPECT_EQ(*route, VectorCRoute());
  }
}

TEST(TopicRouteDataTest, OrderTopicConfAndZoneAndSlaveAreWritten) {
  TopicRouteData route = VectorCRoute();
  route.broker_datas[0].broker_addrs[1] = "127.0.0.2:10911";
  route.broker_datas[0].zone_name = "zone-1";
  route.order_topic_conf = "broker-a:4";
  std::string body = route.Encode(JsonWriter::Style::kFastjson);
  EXPECT_NE(body.find(R"({0:"127.0.0.1:10911",1:"127.0.0.2:10911"})"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("enableActingMaster":false,"zoneName":"zone-1"})"), std::string::npos) << body;
  EXPECT_NE(body.find(R"("filterServerTable":{},"orderTopicConf":"broker-a:4","queueDatas")"), std::string::npos)
      << body;
  auto decoded = TopicRouteData::Decode(body);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, route);
}

TEST(TopicRouteDataTest, StandardStyleEscapesLikeBrowserCompatible) {
  TopicRouteData route = VectorCRoute();
  route.broker_datas[0].cluster = "a/b\xC3\xA9";  // "a/bé"
  std::string body = route.Encode(JsonWriter::Style::kStandard);
  EXPECT_NE(body.find(R"("cluster":"a\/b\u00E9")"), std::string::npos) << body;
  body = route.Encode(JsonWriter::Style::kFastjson);
  EXPECT_NE(body.find("\"cluster\":\"a/b\xC3\xA9\""), std::string::npos) << body;
}

TEST(TopicRouteDataTest, MalformedBodiesAreErrors) {
  EXPECT_FALSE(TopicRouteData::Decode("").ok());
  EXPECT_FALSE(TopicRouteData::Decode("{\"queueDatas\":[{\"brokerName\":").ok());
  EXPECT_FALSE(TopicRouteData::Decode(R"({"queueDatas":{}})").ok());
  EXPECT_FALSE(TopicRouteData::Decode(R"({"queueDatas":[{"brokerName":"b","perm":"x"}]})").ok());
  EXPECT_FALSE(TopicRouteData::Decode(R"({"brokerDatas":[{"brokerAddrs":{x:"a"}}]})").ok());
}

TEST(TopicRouteDataTest, AcceptsNumbersAsStringsAndUnknownProperties) {
  auto route = TopicRouteData::Decode(
      R"({"queueDatas":[{"brokerName":"b","perm":"6","readQueueNums":8,"writeQueueNums":"8","extra":[1]}],"x":{}})"
      "\n");
  ASSERT_TRUE(route.ok()) << route.status().ToString();
  EXPECT_EQ(route->queue_datas[0].perm, 6);
  EXPECT_EQ(route->queue_datas[0].write_queue_nums, 8);
}

TEST(ClusterInfoTest, EncodesLegacyFormAsJava) {
  ClusterInfo info;
  BrokerData broker;
  broker.cluster = "DefaultCluster";
  broker.broker_name = "broker-a";
  broker.broker_addrs[0] = "10.0.0.1:10911";
  broker.broker_addrs[1] = "10.0.0.2:10911";
  info.broker_addr_table["broker-a"] = broker;
  info.cluster_addr_table["DefaultCluster"].insert("broker-a");
  std::string body = info.Encode();
  EXPECT_EQ(body,
            R"({"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.2:10911"},"brokerName":"broker-a","cluster":"DefaultCluster","enableActingMaster":false}},"clusterAddrTable":{"DefaultCluster":["broker-a"]}})");
  auto decoded = ClusterInfo::Decode(body);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, info);
}

TEST(SmallBodiesTest, TopicListAndKvTableAsJava) {
  TopicList list;
  list.topic_list = {"TopicTest", "TBW102"};
  EXPECT_EQ(list.Encode(), R"({"topicList":["TBW102","TopicTest"]})");
  list.broker_addr = "10.0.0.1:10911";
  EXPECT_EQ(list.Encode(), R"({"brokerAddr":"10.0.0.1:10911","topicList":["TBW102","TopicTest"]})");
  auto decoded = TopicList::Decode(list.Encode());
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, list);

  KVTable kv;
  kv.table["TopicTest"] = "broker-a:4;broker-b:4";
  EXPECT_EQ(kv.Encode(), R"({"table":{"TopicTest":"broker-a:4;broker-b:4"}})");
  auto kv_decoded = KVTable::Decode(kv.Encode());
  ASSERT_TRUE(kv_decoded.ok());
  EXPECT_EQ(*kv_decoded, kv);
}

}  // namespace
}  // namespace rmq
