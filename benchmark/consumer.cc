// benchmark_consumer: the Java benchmark Consumer (distribution/benchmark/consumer.sh) — a push
// consumer with a concurrent listener — with its options and report line, plus per-interval
// end-to-end latency percentiles (from the send time benchmark_producer stamps into the body,
// so producer and consumer share one clock), a warm-up, --count/--duration, and a summary.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "rocketmq/DefaultMQPushConsumer.h"

namespace {

using rmq::bench::LatencyHistogram;

bool ParseBool(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "true";
}

void UpdateMax(std::atomic<int64_t>& max, int64_t value) {
  int64_t current = max.load(std::memory_order_relaxed);
  while (value > current && !max.compare_exchange_weak(current, value)) {
  }
}

// The send time (µs since the epoch) benchmark_producer put at the start of the body, or -1.
int64_t BodyStampMicros(const std::string& body) {
  if (body.size() < 24 || body.compare(0, 4, "RMQB") != 0) return -1;
  // Parsed in place (no substring): this runs once per consumed message.
  int64_t value = 0;
  size_t i = 4;
  while (i < 24 && body[i] == ' ') ++i;
  for (; i < 24 && body[i] >= '0' && body[i] <= '9'; ++i) value = value * 10 + (body[i] - '0');
  return value;
}

// One consume thread's counters. Only that thread writes them (plain load + store, no
// read-modify-write on a line other threads write), so counting costs no cache-line transfer per
// message; the reporting loop sums every thread's. The max fields are the exception: the report
// resets them, so they stay read-modify-write (on the thread's own line, rarely contended).
struct alignas(64) ThreadCounters {
  std::atomic<int64_t> received{0};
  std::atomic<int64_t> failed{0};
  std::atomic<int64_t> b2c_sum_ms{0};
  std::atomic<int64_t> s2c_sum_ms{0};
  std::atomic<int64_t> sampled{0};
  std::atomic<int64_t> b2c_max_ms{0};
  std::atomic<int64_t> s2c_max_ms{0};
  LatencyHistogram e2e;
};

void AddOwn(std::atomic<int64_t>& counter, int64_t value) {
  counter.store(counter.load(std::memory_order_relaxed) + value, std::memory_order_relaxed);
}

class Counters {
 public:
  // The calling thread's counters (registered on its first call).
  ThreadCounters& Mine() {
    thread_local ThreadCounters* mine = nullptr;
    if (mine == nullptr) {
      std::lock_guard lock(mutex_);
      all_.push_back(std::make_unique<ThreadCounters>());
      mine = all_.back().get();
    }
    return *mine;
  }
  // Sum of one field over every thread.
  int64_t Sum(std::atomic<int64_t> ThreadCounters::*field) {
    std::lock_guard lock(mutex_);
    int64_t sum = 0;
    for (const auto& c : all_) sum += ((*c).*field).load(std::memory_order_relaxed);
    return sum;
  }
  // Largest value of a max field since the last call, resetting it.
  int64_t TakeMax(std::atomic<int64_t> ThreadCounters::*field) {
    std::lock_guard lock(mutex_);
    int64_t max = 0;
    for (const auto& c : all_) max = std::max(max, ((*c).*field).exchange(0));
    return max;
  }
  LatencyHistogram::Snapshot DrainE2e() {
    std::lock_guard lock(mutex_);
    LatencyHistogram::Snapshot out;
    for (const auto& c : all_) out.Merge(c->e2e.Drain());
    return out;
  }

  // steady_clock ticks of the first listener call: consumption of a backlog can start inside
  // consumer.start(), before the measuring loop's clock starts.
  std::atomic<int64_t> first_call{0};

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<ThreadCounters>> all_;  // Guarded by mutex_.
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"benchmarkConsumer: consume a topic and report TPS and latency", "benchmark_consumer"};
  std::string namesrv;
  std::string topic = "BenchmarkTest";
  int threads = 20;
  std::string group = "benchmark_consumer";
  std::string prefix = "false";
  std::string filter_type;
  std::string expression_file;
  double fail_rate = 0;
  std::string trace = "false";
  std::string acl = "false";
  std::string access_key;
  std::string secret_key;
  int64_t report_ms = 1000;
  double warmup_s = 0;
  double duration_s = 0;
  int64_t count = 0;
  std::string from = "last";
  bool json = false;
  app.add_option("-n,--namesrvAddr", namesrv, "Name server address list");
  app.add_option("-t,--topic", topic, "Topic name, Default: BenchmarkTest");
  app.add_option("-w,--threadCount", threads, "Thread count, Default: 20");
  app.add_option("-g,--group", group, "Consumer group name, Default: benchmark_consumer");
  app.add_option("-p,--groupPrefixEnable", prefix, "Consumer group name suffix <millis % 100>, Default: false");
  app.add_option("-f,--filterType", filter_type, "TAG (SQL92 not supported)");
  app.add_option("-e,--expression", expression_file, "File holding the filter expression");
  app.add_option("-r,--failRate", fail_rate, "Fraction of messages answered RECONSUME_LATER, Default: 0.0");
  app.add_option("-m,--msgTraceEnable", trace, "Message Trace Enable, Default: false (not supported)");
  app.add_option("-a,--aclEnable", acl, "Acl Enable, Default: false (not supported)");
  app.add_option("--ak,--accessKey", access_key, "Acl access key");
  app.add_option("--sk,--secretKey", secret_key, "Acl secret key");
  app.add_option("--ri,--reportInterval", report_ms, "Report interval (ms), Default: 1000 (Java: 10000)");
  app.add_option("--warmup", warmup_s, "Seconds at the start excluded from the summary, Default: 0");
  app.add_option("--duration", duration_s, "Stop after this many seconds, Default: 0 = until --count or Ctrl-C");
  app.add_option("--count", count, "Stop after this many messages, Default: 0 = no limit");
  app.add_option("--from", from, "Where a new group starts: last (Java's default) or first");
  app.add_flag("--json", json, "Print the final summary as one JSON line too");
  try {
    app.parse(rmq::bench::FixJavaShortOptions(argc, argv, {"ak", "sk", "ri"}));
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (ParseBool(acl) || ParseBool(trace)) {
    std::cerr << "benchmark_consumer: -a (ACL) and -m (trace) are not supported by this client yet\n";
    return 1;
  }
  std::string expression = "*";
  if (!filter_type.empty()) {
    if (filter_type != "TAG") {
      std::cerr << "benchmark_consumer: -f " << filter_type << " is not supported; use -f TAG\n";
      return 1;
    }
    std::ifstream in(expression_file);
    if (!in) {
      std::cerr << "benchmark_consumer: -f TAG needs -e <file holding the tag expression>\n";
      return 1;
    }
    std::stringstream text;
    text << in.rdbuf();
    expression = text.str();
    while (!expression.empty() && (expression.back() == '\n' || expression.back() == '\r')) expression.pop_back();
  }
  if (ParseBool(prefix)) group += "_" + std::to_string(rmq::bench::NowMillis() % 100);
  if (namesrv.empty()) {
    const char* env = std::getenv("NAMESRV_ADDR");
    namesrv = env != nullptr && *env != '\0' ? env : "127.0.0.1:9876";
  }
  std::printf("topic: %s, threadCount %d, group: %s, suffix: %s, filterType: %s, expression: %s, "
              "msgTraceEnable: false, aclEnable: false, reportInterval: %lld\n",
              topic.c_str(), threads, group.c_str(), ParseBool(prefix) ? "true" : "false",
              filter_type.empty() ? "null" : filter_type.c_str(),
              filter_type.empty() ? "null" : expression.c_str(), static_cast<long long>(report_ms));
  rmq::bench::InstallStopHandler();

  Counters counters;
  rocketmq::DefaultMQPushConsumer consumer(group);
  consumer.setNamesrvAddr(namesrv);
  consumer.setInstanceName(std::to_string(rmq::bench::NowMillis()));
  consumer.setConsumeThreadCount(threads);
  consumer.setConsumeFromWhere(from == "first" ? rocketmq::CONSUME_FROM_FIRST_OFFSET
                                               : rocketmq::CONSUME_FROM_LAST_OFFSET);
  consumer.subscribe(topic, expression);
  std::atomic<uint64_t> rng_state{88172645463325252ull};
  consumer.registerMessageListener([&](const std::vector<rocketmq::MQMessageExt>& messages) {
    if (messages.empty()) return rocketmq::CONSUME_SUCCESS;
    if (counters.first_call.load(std::memory_order_relaxed) == 0) {
      int64_t unset = 0;
      counters.first_call.compare_exchange_strong(unset, std::chrono::steady_clock::now().time_since_epoch().count());
    }
    ThreadCounters& mine = counters.Mine();
    // One clock read per call: the millisecond figures come from the same reading.
    int64_t now_us = rmq::bench::NowMicros();
    int64_t now_ms = now_us / 1000;
    // As the Java tool, B2C and S2C come from the first message of the batch.
    const auto& first = messages.front();
    int64_t b2c = now_ms - first.getBornTimestamp();
    int64_t s2c = now_ms - first.getStoreTimestamp();
    AddOwn(mine.b2c_sum_ms, b2c);
    AddOwn(mine.s2c_sum_ms, s2c);
    AddOwn(mine.sampled, 1);
    UpdateMax(mine.b2c_max_ms, b2c);
    UpdateMax(mine.s2c_max_ms, s2c);
    for (const auto& m : messages) {
      int64_t stamp = BodyStampMicros(m.getBody());
      int64_t e2e_us = stamp > 0 ? now_us - stamp : (now_ms - m.getBornTimestamp()) * 1000;
      mine.e2e.Record(static_cast<uint64_t>(std::max<int64_t>(e2e_us, 0)));
    }
    if (fail_rate > 0) {
      uint64_t x = rng_state.fetch_add(0x9E3779B97F4A7C15ull);
      x ^= x >> 33;
      x *= 0xff51afd7ed558ccdull;
      x ^= x >> 33;
      if (static_cast<double>(x % 1000000) / 1e6 < fail_rate) {
        AddOwn(mine.failed, 1);
        return rocketmq::RECONSUME_LATER;
      }
    }
    AddOwn(mine.received, static_cast<int64_t>(messages.size()));
    return rocketmq::CONSUME_SUCCESS;
  });
  try {
    consumer.start();
  } catch (const rocketmq::MQException& e) {
    std::cerr << "benchmark_consumer: cannot start the consumer: " << e.message() << '\n';
    return 1;
  }
  std::printf("Consumer Started.\n");
  std::fflush(stdout);

  const auto begin = std::chrono::steady_clock::now();
  const auto warm_end = begin + std::chrono::milliseconds(static_cast<int64_t>(warmup_s * 1000));
  LatencyHistogram::Snapshot measured;
  // Without a warm-up the measurement starts with the run, so a short run is counted whole.
  int64_t measured_start_count = warmup_s > 0 ? -1 : 0;
  auto measured_start = begin;
  auto last_report = begin;
  int64_t last_received = 0;
  int64_t last_sampled = 0;
  int64_t last_b2c = 0;
  int64_t last_s2c = 0;
  while (!rmq::bench::StopRequested()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(report_ms, 100)));
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - begin).count();
    if (duration_s > 0 && elapsed >= duration_s) break;
    if (count > 0 && counters.Sum(&ThreadCounters::received) >= count) break;
    if (measured_start_count < 0 && now >= warm_end) {
      measured_start_count = counters.Sum(&ThreadCounters::received);
      measured_start = now;
      (void)counters.DrainE2e();
      last_report = now;
      last_received = measured_start_count;
      continue;
    }
    if (now - last_report < std::chrono::milliseconds(report_ms)) {
      rmq::bench::Progress("received " + std::to_string(counters.Sum(&ThreadCounters::received)) + " in " +
                           std::to_string(static_cast<int>(elapsed)) + " s");
      continue;
    }
    auto snapshot = counters.DrainE2e();
    int64_t received = counters.Sum(&ThreadCounters::received);
    // The sums are cumulative per thread; a report shows what was added since the last one.
    int64_t sampled_total = counters.Sum(&ThreadCounters::sampled);
    int64_t b2c_total = counters.Sum(&ThreadCounters::b2c_sum_ms);
    int64_t s2c_total = counters.Sum(&ThreadCounters::s2c_sum_ms);
    int64_t sampled = std::max<int64_t>(sampled_total - last_sampled, 1);
    double seconds = std::chrono::duration<double>(now - last_report).count();
    rmq::bench::ClearProgress();
    // MAX values reset after each report, as the Java tool.
    std::printf("Current Time: %s | Consume TPS: %lld | AVG(B2C) RT(ms): %7.3f | AVG(S2C) RT(ms): %7.3f | "
                "MAX(B2C) RT(ms): %lld | MAX(S2C) RT(ms): %lld | Consume Fail: %lld%s\n",
                rmq::bench::CurrentTime().c_str(), static_cast<long long>((received - last_received) / seconds),
                static_cast<double>(b2c_total - last_b2c) / static_cast<double>(sampled),
                static_cast<double>(s2c_total - last_s2c) / static_cast<double>(sampled),
                static_cast<long long>(counters.TakeMax(&ThreadCounters::b2c_max_ms)),
                static_cast<long long>(counters.TakeMax(&ThreadCounters::s2c_max_ms)),
                static_cast<long long>(counters.Sum(&ThreadCounters::failed)),
                rmq::bench::PercentileSuffix(snapshot).c_str());
    std::fflush(stdout);
    if (measured_start_count >= 0) measured.Merge(snapshot);
    last_report = now;
    last_received = received;
    last_sampled = sampled_total;
    last_b2c = b2c_total;
    last_s2c = s2c_total;
  }
  auto end = std::chrono::steady_clock::now();
  if (warmup_s <= 0) {
    // Without a warm-up the whole consumption counts, including what ran during start().
    auto first = std::chrono::steady_clock::time_point(
        std::chrono::steady_clock::duration(counters.first_call.load(std::memory_order_relaxed)));
    if (first.time_since_epoch().count() != 0 && first < measured_start) measured_start = first;
  }
  if (measured_start_count >= 0) measured.Merge(counters.DrainE2e());
  consumer.shutdown();
  rmq::bench::ClearProgress();
  int64_t total = counters.Sum(&ThreadCounters::received);
  int64_t measured_count = measured_start_count < 0 ? 0 : total - measured_start_count;
  double measured_seconds = std::chrono::duration<double>(end - measured_start).count();
  long long tps = measured_seconds > 0 ? static_cast<long long>(measured_count / measured_seconds) : 0;
  std::printf("[Complete] Consume Total: %lld | Consume TPS: %lld | Consume Fail: %lld%s\n",
              static_cast<long long>(total), tps, static_cast<long long>(counters.Sum(&ThreadCounters::failed)),
              rmq::bench::PercentileSuffix(measured).c_str());
  if (json) {
    std::printf("{\"tool\":\"consumer\",\"consumeTotal\":%lld,\"measuredSeconds\":%.3f,\"tps\":%lld,"
                "\"e2eP50Ms\":%.3f,\"e2eP99Ms\":%.3f,\"e2eP999Ms\":%.3f,\"e2eMaxMs\":%.3f,\"consumeFail\":%lld}\n",
                static_cast<long long>(total), measured_seconds, tps, measured.PercentileUs(0.5) / 1000.0,
                measured.PercentileUs(0.99) / 1000.0, measured.PercentileUs(0.999) / 1000.0,
                static_cast<double>(measured.max_us) / 1000.0,
                static_cast<long long>(counters.Sum(&ThreadCounters::failed)));
  }
  std::fflush(stdout);
  return 0;
}
