// mqnamesrv + mqbroker driven by the unchanged npm client ali-ons (tests/alions/flow.js, installed
// by `npm install` in tests/alions): a producer sends messages with tags and keys; a clustering
// consumer subscribed to one tag receives exactly those; the group restarts and resumes from its
// committed offsets; a second group reads everything from the beginning; a consumer that fails a
// message gets it again through %RETRY% after its delay level; the messages ali-ons sent are found
// by key and by id; a message ali-ons sends with a delay level arrives after that delay. The
// broker runs short custom delay levels so the retry and delay cases take seconds.
// Skipped when node or the ali-ons package is missing. Every process runs under a hard timeout.
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "broker_fixture.h"
#include "common/message_codec.h"
#include "common/message_id.h"
#include "remoting/admin_headers.h"
#include "remoting/consumer_headers.h"

#if defined(MQNAMESRV_PATH) && defined(MQBROKER_PATH)

namespace rmq {
namespace {

using remoting::RemotingCommand;
using remoting::RequestCode;
using remoting::ResponseCode;

const std::filesystem::path kAlionsDir = std::filesystem::path(__FILE__).parent_path() / "alions";
constexpr const char* kNode = "/usr/bin/node";

struct Line {
  std::string kind, msg_id, tag, key;
  int reconsume_times = 0;
  int64_t born_timestamp = 0, store_timestamp = 0;  // RECV only
};

// Retries use level 3 + reconsumeTimes (1 s here); the delay case uses level 4 (2 s).
constexpr const char* kShortDelayLevels = "messageDelayLevel=1s 1s 1s 2s 2s 2s\n";

class BrokerAlionsTest : public testing::BrokerFixture {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kNode) || !std::filesystem::exists(kAlionsDir / "node_modules/ali-ons")) {
      GTEST_SKIP() << "node or tests/alions/node_modules/ali-ons missing (run npm install in tests/alions)";
    }
    auto namesrv = testing::NamesrvProcess::Start(MQNAMESRV_PATH, dir_);
    ASSERT_TRUE(namesrv.ok()) << namesrv.status().ToString();
    namesrv_ = std::move(namesrv).value();
    StartBroker(kShortDelayLevels);
  }

  // Runs flow.js with `args`; returns its SENT/RECV lines. Fails the test on a non-zero exit.
  std::vector<Line> RunFlow(const std::vector<std::string>& args, std::chrono::seconds timeout) {
    testing::ProcessOptions options;
    options.executable = kNode;
    options.args = {(kAlionsDir / "flow.js").string()};
    options.args.insert(options.args.end(), args.begin(), args.end());
    options.env = {{"HOME", dir_.Sub("home")}};
    options.output_path = dir_.Sub("node-" + std::to_string(++runs_) + ".out");
    auto process = testing::Process::Start(options);
    EXPECT_TRUE(process.ok()) << process.status().ToString();
    if (!process.ok()) return {};
    auto exit_code = (*process)->WaitForExit(timeout);
    last_output_ = (*process)->Output();
    EXPECT_TRUE(exit_code.ok() && *exit_code == 0) << last_output_;
    std::vector<Line> lines;
    std::istringstream in(last_output_);
    std::string text;
    while (std::getline(in, text)) {
      std::istringstream fields(text);
      Line line;
      fields >> line.kind;
      if (line.kind != "SENT" && line.kind != "RECV") continue;
      fields >> line.msg_id >> line.tag >> line.key >> line.reconsume_times;
      if (line.kind == "RECV") fields >> line.born_timestamp >> line.store_timestamp;
      lines.push_back(line);
    }
    return lines;
  }

  std::vector<Line> Produce(int count, const std::string& prefix, int delay_level = 0) {
    return RunFlow({"produce", namesrv_->address(), "AlionsTopic", std::to_string(count), prefix,
                    std::to_string(delay_level)},
                   std::chrono::seconds(30));
  }
  std::vector<Line> Consume(const std::string& group, const std::string& expression, int expected,
                            bool fail_first = false) {
    std::vector<std::string> args = {"consume", namesrv_->address(), "AlionsTopic", group, expression,
                                     std::to_string(expected), "20000"};
    if (fail_first) args.push_back("failFirst");
    return RunFlow(args, std::chrono::seconds(40));
  }

  void CreateTopic(const std::string& topic) {
    ASSERT_EQ(CreateTopicOnBroker(topic, 4).code(), ResponseCode::kSuccess);
    // The broker re-registers at once; give the name server a moment.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      auto route = RemotingCommand::CreateRequest(RequestCode::kGetRouteinfoByTopic);
      route.SetExtField("topic", topic);
      if (Invoke(namesrv_->address(), std::move(route)).code() == ResponseCode::kSuccess) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << "no route for " << topic;
  }

  static std::multiset<std::string> Keys(const std::vector<Line>& lines, const std::string& kind) {
    std::multiset<std::string> keys;
    for (const Line& line : lines) {
      if (line.kind == kind) keys.insert(line.key);
    }
    return keys;
  }

  std::string BrokerLogTail() const {
    std::string out = broker_->Output();
    return out.size() > 6000 ? out.substr(out.size() - 6000) : out;
  }

  int runs_ = 0;
  std::string last_output_;  // of the last flow.js run, for failure messages
};

TEST_F(BrokerAlionsTest, ProduceConsumeResumeRetryAndQuery) {
  CreateTopic("AlionsTopic");
  std::vector<Line> sent = Produce(6, "k");
  ASSERT_EQ(sent.size(), 6u);

  // A clustering consumer subscribed to TagA gets exactly the TagA messages, with the ids the
  // producer was given.
  std::vector<Line> first = Consume("AlionsGroup", "TagA", 3);
  EXPECT_EQ(Keys(first, "RECV"), (std::multiset<std::string>{"k-0", "k-2", "k-4"}));
  std::map<std::string, std::string> sent_ids;
  for (const Line& line : sent) sent_ids[line.key] = line.msg_id;
  for (const Line& line : first) EXPECT_EQ(line.msg_id, sent_ids[line.key]) << line.key;

  // The group restarts and resumes from its committed offsets: only the new TagA message.
  ASSERT_EQ(Produce(2, "n").size(), 2u);
  std::vector<Line> resumed = Consume("AlionsGroup", "TagA", 1);
  EXPECT_EQ(Keys(resumed, "RECV"), (std::multiset<std::string>{"n-0"}));

  // A second group reads everything from the beginning.
  std::vector<Line> all = Consume("AlionsGroupAll", "*", 8);
  std::multiset<std::string> all_keys = Keys(all, "RECV");
  EXPECT_EQ(all_keys.size(), 8u);
  EXPECT_EQ(std::set<std::string>(all_keys.begin(), all_keys.end()).size(), 8u);

  // A consumer that fails each message once gets it again through %RETRY%, reconsumeTimes 1.
  std::vector<Line> retried = Consume("AlionsGroupRetry", "TagB", 4, /*fail_first=*/true);
  std::map<std::string, std::vector<int>> deliveries;
  for (const Line& line : retried) deliveries[line.key].push_back(line.reconsume_times);
  EXPECT_EQ(deliveries.size(), 4u) << "ali-ons consumer output:\n"
                                   << last_output_ << "\nbroker log:\n" << BrokerLogTail();
  for (const auto& [key, times] : deliveries) {
    EXPECT_EQ(times, (std::vector<int>{0, 1})) << key;
  }

  // What ali-ons sent is found by key and by id.
  RemotingCommand found = QueryByKey("AlionsTopic", "k-3");
  ASSERT_EQ(found.code(), ResponseCode::kSuccess);
  auto by_key = DecodeMessages(found.body());
  ASSERT_TRUE(by_key.ok());
  ASSERT_EQ(by_key->size(), 1u);
  EXPECT_EQ((*by_key)[0].body, "body-k-3");
  auto id = DecodeOffsetMessageId(sent_ids["k-5"]);
  ASSERT_TRUE(id.ok());
  RemotingCommand viewed = ViewByOffset(id->commit_log_offset);
  ASSERT_EQ(viewed.code(), ResponseCode::kSuccess);
  auto by_id = DecodeMessages(viewed.body());
  ASSERT_TRUE(by_id.ok());
  ASSERT_EQ(by_id->size(), 1u);
  EXPECT_EQ((*by_id)[0].body, "body-k-5");
}

TEST_F(BrokerAlionsTest, DelayLevelMessageFromAlionsArrivesAfterItsDelay) {
  CreateTopic("AlionsTopic");
  std::vector<Line> sent = Produce(4, "d", /*delay_level=*/4);
  ASSERT_EQ(sent.size(), 4u);
  std::vector<Line> got = Consume("AlionsDelayGroup", "*", 4);
  EXPECT_EQ(Keys(got, "RECV"), (std::multiset<std::string>{"d-0", "d-1", "d-2", "d-3"}))
      << "ali-ons consumer output:\n" << last_output_ << "\nbroker log:\n" << BrokerLogTail();
  for (const Line& line : got) {
    // Delivered (re-stored on AlionsTopic) 2 s after it was sent, not before, and not much later.
    EXPECT_GE(line.store_timestamp - line.born_timestamp, 2000 - 2) << line.key;  // store clock: ±1 ms
    EXPECT_LE(line.store_timestamp - line.born_timestamp, 2000 + 3000) << line.key;
  }
}

}  // namespace
}  // namespace rmq

#endif  // MQNAMESRV_PATH && MQBROKER_PATH
