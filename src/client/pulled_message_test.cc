// The pull path's in-place decoding (DecodePulledMessages / AppendPulledMessage) gives the same
// MQMessageExt as the record-by-record ToMQMessageExt, and the process queue tracks undecoded
// records by offset and body size.
#include <gtest/gtest.h>

#include "client/message_convert.h"
#include "client/process_queue.h"
#include "common/message_codec.h"
#include "common/message_format.h"
#include "common/message_properties.h"

namespace rmq::client {
namespace {

MessageExt Record(int64_t queue_offset, std::string_view tags, std::string body) {
  MessageExt record;
  record.topic = "PulledTopic";
  record.queue_id = 3;
  record.queue_offset = queue_offset;
  record.commit_log_offset = 4096 + queue_offset * 300;
  record.born_timestamp = 1700000000000 + queue_offset;
  record.store_timestamp = 1700000000100 + queue_offset;
  record.born_host = HostAddress::V4(10, 1, 2, 3, 40000);
  record.store_host = HostAddress::V4(127, 0, 0, 1, 10911);
  record.reconsume_times = 2;
  record.body_crc = BodyCrc(body);
  record.body = std::move(body);
  if (!tags.empty()) AppendProperty(&record.properties, "TAGS", tags);
  AppendProperty(&record.properties, "UNIQ_KEY", "UNIQ" + std::to_string(queue_offset));
  AppendProperty(&record.properties, "user", "first");
  AppendProperty(&record.properties, "user", "second");  // a later duplicate wins
  record.properties += std::string("x\x02");               // malformed segment: skipped
  return record;
}

std::string Body(const std::vector<MessageExt>& records) {
  std::string body;
  for (const auto& record : records) EXPECT_TRUE(EncodeMessage(record, &body).ok());
  return body;
}

void ExpectSame(const rocketmq::MQMessageExt& got, const rocketmq::MQMessageExt& want) {
  EXPECT_EQ(got.getTopic(), want.getTopic());
  EXPECT_EQ(got.getBody(), want.getBody());
  EXPECT_EQ(got.getProperties(), want.getProperties());
  EXPECT_EQ(got.getMsgId(), want.getMsgId());
  EXPECT_EQ(got.getOffsetMsgId(), want.getOffsetMsgId());
  EXPECT_EQ(got.getQueueId(), want.getQueueId());
  EXPECT_EQ(got.getQueueOffset(), want.getQueueOffset());
  EXPECT_EQ(got.getCommitLogOffset(), want.getCommitLogOffset());
  EXPECT_EQ(got.getBornTimestamp(), want.getBornTimestamp());
  EXPECT_EQ(got.getStoreTimestamp(), want.getStoreTimestamp());
  EXPECT_EQ(got.getBornHostString(), want.getBornHostString());
  EXPECT_EQ(got.getStoreHostString(), want.getStoreHostString());
  EXPECT_EQ(got.getReconsumeTimes(), want.getReconsumeTimes());
  EXPECT_EQ(got.getBodyCRC(), want.getBodyCRC());
  EXPECT_EQ(got.getStoreSize(), want.getStoreSize());
  EXPECT_EQ(got.getBrokerName(), want.getBrokerName());
  EXPECT_EQ(got.getSysFlag(), want.getSysFlag());
  EXPECT_EQ(got.getFlag(), want.getFlag());
}

TEST(PulledMessageTest, InPlaceDecodingMatchesToMQMessageExt) {
  std::vector<MessageExt> records{Record(5, "TagA", "body-5"), Record(6, "", "body-6")};
  std::string body = Body(records);
  std::vector<rocketmq::MQMessageExt> got;
  ASSERT_TRUE(DecodePulledMessages(body, "broker-a", {}, true, 0, 77, &got).ok());
  ASSERT_EQ(got.size(), 2u);
  for (size_t i = 0; i < records.size(); ++i) {
    auto decoded = DecodeMessage(std::string_view(body).substr(i == 0 ? 0 : got[0].getStoreSize()));
    ASSERT_TRUE(decoded.ok());
    rocketmq::MQMessageExt want = ToMQMessageExt(*decoded, "broker-a");
    want.setProperty(rocketmq::MQMessage::PROPERTY_MIN_OFFSET, "0");
    want.setProperty(rocketmq::MQMessage::PROPERTY_MAX_OFFSET, "77");
    ExpectSame(got[i], want);
  }
  EXPECT_EQ(got[0].getMsgId(), "UNIQ5");
  EXPECT_EQ(got[0].getProperty("user"), "second");
  EXPECT_EQ(got[0].getTags(), "TagA");
  EXPECT_EQ(got[1].getTags(), "");
  EXPECT_EQ(got[1].getProperty(rocketmq::MQMessage::PROPERTY_MAX_OFFSET), "77");
}

TEST(PulledMessageTest, RefillingAMessageGivesTheSameAsAFreshOne) {
  // One object refilled with records of different shapes (as a consume thread reuses its
  // messages) must equal a fresh decode of each, whatever the previous record left in it.
  MessageExt plain = Record(8, "", "eight");
  plain.properties.clear();
  AppendProperty(&plain.properties, "k", "v");
  MessageExt many = Record(7, "TagQ", std::string(300, 'm'));
  AppendProperty(&many.properties, "KEYS", "a b c");
  AppendProperty(&many.properties, "a-much-longer-property-name", std::string(40, 'v'));
  std::vector<MessageExt> records{Record(5, "TagA", "body-5"), many, plain, Record(6, "", "body-6"), many};
  std::string body = Body(records);
  std::vector<RecordView> views;
  std::string_view rest = body;
  while (!rest.empty()) {
    auto view = ParseRecord(rest, false);
    ASSERT_TRUE(view.ok());
    rest.remove_prefix(static_cast<size_t>(view->total_size));
    views.push_back(*view);
  }
  rocketmq::MQMessageExt reused;
  for (size_t i = 0; i < views.size(); ++i) {
    const bool min_max = i % 2 == 0;
    const std::string min_text = min_max ? "1" : "";
    const std::string max_text = min_max ? "99" : "";
    FillPulledMessage(views[i], "broker-a", min_text, max_text, &reused);
    std::vector<rocketmq::MQMessageExt> fresh;
    AppendPulledMessage(views[i], "broker-a", min_text, max_text, &fresh);
    ASSERT_EQ(fresh.size(), 1u);
    ExpectSame(reused, fresh[0]);
    rocketmq::MQMessageExt want = ToMQMessageExt(rmq::ToMessageExt(views[i]), "broker-a");
    if (min_max) {
      want.setProperty(rocketmq::MQMessage::PROPERTY_MIN_OFFSET, "1");
      want.setProperty(rocketmq::MQMessage::PROPERTY_MAX_OFFSET, "99");
    }
    ExpectSame(reused, want);
  }
  // The last one had many properties; refilling with a record of one property drops the rest.
  FillPulledMessage(views[2], "b", "", "", &reused);
  EXPECT_EQ(reused.getProperties().size(), 1u);
  EXPECT_EQ(reused.getProperty("k"), "v");
  EXPECT_EQ(reused.getMsgId(), reused.getOffsetMsgId());
  EXPECT_EQ(reused.getBody(), "eight");
}

TEST(PulledMessageTest, WithoutMinMaxAndWithoutUniqKey) {
  MessageExt record = Record(9, "TagB", "b");
  record.properties.clear();
  AppendProperty(&record.properties, "k", "v");
  std::vector<rocketmq::MQMessageExt> got;
  ASSERT_TRUE(DecodePulledMessages(Body({record}), "b", {}, false, 1, 2, &got).ok());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].getProperties().size(), 1u);
  EXPECT_EQ(got[0].getMsgId(), got[0].getOffsetMsgId());
  EXPECT_FALSE(got[0].getMsgId().empty());
}

TEST(PulledMessageTest, TagFilterSkipsRecordsBeforeBuildingThem) {
  std::string body = Body({Record(1, "TagA", "a"), Record(2, "TagB", "b"), Record(3, "", "c")});
  std::vector<rocketmq::MQMessageExt> got;
  ASSERT_TRUE(DecodePulledMessages(body, "b", {"TagB", "TagC"}, true, 0, 3, &got).ok());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].getQueueOffset(), 2);
  EXPECT_EQ(got[0].getBody(), "b");
}

TEST(PulledMessageTest, CompressedBodiesAreInflated) {
  std::string plain(5000, 'z');
  auto compressed = Compress(plain, 5);
  ASSERT_TRUE(compressed.ok());
  MessageExt record = Record(4, "", *compressed);
  record.sys_flag = sysflag::kCompressed;
  std::vector<rocketmq::MQMessageExt> got;
  ASSERT_TRUE(DecodePulledMessages(Body({record}), "b", {}, true, 0, 5, &got).ok());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].getBody(), plain);
}

TEST(PulledMessageTest, MalformedBodyIsCorruption) {
  std::string body = Body({Record(1, "", "a")});
  body.resize(body.size() - 3);
  std::vector<rocketmq::MQMessageExt> got;
  Status status = DecodePulledMessages(body, "b", {}, true, 0, 1, &got);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
}

TEST(PulledMessageTest, ProcessQueueTracksUndecodedRecords) {
  std::string body = Body({Record(10, "", "aaaa"), Record(11, "", "bb")});
  std::vector<RecordView> views;
  std::string_view rest = body;
  while (!rest.empty()) {
    auto view = ParseRecord(rest, false);
    ASSERT_TRUE(view.ok());
    rest.remove_prefix(static_cast<size_t>(view->total_size));
    views.push_back(*view);
  }
  ProcessQueue pq;
  pq.PutOffsets(views);
  EXPECT_EQ(pq.count(), 2);
  EXPECT_EQ(pq.bytes(), 6);
  EXPECT_EQ(pq.min_offset(), 10);
  EXPECT_EQ(pq.max_offset(), 11);
  int64_t done = 11;
  EXPECT_EQ(pq.RemoveOffsets(&done, 1), 10);
  done = 10;
  EXPECT_EQ(pq.RemoveOffsets(&done, 1), 12);
  EXPECT_EQ(pq.count(), 0);
  EXPECT_EQ(pq.bytes(), 0);
}

}  // namespace
}  // namespace rmq::client
