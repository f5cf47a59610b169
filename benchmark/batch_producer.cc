// benchmark_batch_producer: the Java benchmark BatchProducer (batchproducer.sh) — each send
// carries -b messages — with its options and report line (TPS = batches/s, MPS = messages/s),
// plus per-interval batch latency percentiles, a warm-up, --rate, --duration and a summary, and
// an async mode (-y true: one sender keeps --inflight batches in flight) the Java tool lacks.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "rocketmq/DefaultMQProducer.h"

namespace {

bool ParseBool(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "true";
}

// Async mode: the sender parks at --inflight batches out and is woken once half of them came
// back, so it neither polls nor costs a wake-up per response.
class InflightLimit {
 public:
  explicit InflightLimit(int64_t max) : max_(max) {}

  void Acquire() {
    if (in_flight_.fetch_add(1) + 1 <= max_) return;
    std::unique_lock lock(mutex_);
    waiting_ = true;
    // The timeout only bounds how late a stop request is noticed.
    while (in_flight_.load() > max_ / 2 && !rmq::bench::StopRequested()) cv_.wait_for(lock, std::chrono::milliseconds(100));
    waiting_ = false;
  }

  void Release() {
    if (in_flight_.fetch_sub(1) - 1 <= max_ / 2 && waiting_.load()) {
      std::lock_guard lock(mutex_);
      cv_.notify_one();
    }
  }

  int64_t in_flight() const { return in_flight_.load(); }

 private:
  const int64_t max_;
  std::atomic<int64_t> in_flight_{0};
  std::mutex mutex_;
  std::condition_variable cv_;
  std::atomic<bool> waiting_{false};
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"benchmarkBatchProducer: send batches of messages and report TPS, MPS and latency",
               "benchmark_batch_producer"};
  std::string namesrv = "127.0.0.1:9876";
  std::string topic = "BenchmarkTest";
  int threads = 64;
  int size = 128;
  int batch = 16;
  std::string key_enable = "false";
  int tag_count = 0;
  int property_size = 0;
  std::string trace = "false";
  std::string acl = "false";
  std::string access_key;
  std::string secret_key;
  std::string compress_enable = "false";
  std::string compress_type = "ZLIB";
  int compress_level = 5;
  int compress_over = 4096;
  int64_t report_ms = 1000;
  double warmup_s = 0;
  double rate = 0;
  double duration_s = 0;
  int64_t quantity = 0;
  bool json = false;
  std::string async_enable = "false";
  int64_t max_inflight = 64;
  app.add_option("-n,--namesrv", namesrv, "name server, Default: 127.0.0.1:9876");
  app.add_option("-t,--topic", topic, "Topic name, Default: BenchmarkTest");
  app.add_option("-w,--threadCount", threads, "Thread count, Default: 64");
  app.add_option("-s,--messageSize", size, "Message Size, Default: 128");
  app.add_option("-b,--batchSize", batch, "Batch Size, Default: 16");
  app.add_option("-k,--keyEnable", key_enable, "Message Key Enable, Default: false");
  app.add_option("-l,--tagCount", tag_count, "Tag count, Default: 0");
  app.add_option("-p,--propertySize", property_size, "Property Size, Default: 0");
  app.add_option("-m,--msgTraceEnable", trace, "Message Trace Enable (not supported)");
  app.add_option("-a,--aclEnable", acl, "Acl Enable (not supported)");
  app.add_option("--ak,--accessKey", access_key, "Acl access key");
  app.add_option("--sk,--secretKey", secret_key, "Acl secret key");
  app.add_option("-c,--compressEnable", compress_enable, "Enable compress msg over 4K, Default: false");
  app.add_option("--ct,--compressType", compress_type, "Message compressed type, Default: ZLIB");
  app.add_option("--cl,--compressLevel", compress_level, "Message compressed level, Default: 5");
  app.add_option("--ch,--compressOverHowMuch", compress_over, "Compress message over how much size, Default: 4096");
  app.add_option("--ri,--reportInterval", report_ms, "Report interval (ms), Default: 1000 (Java: 10000)");
  app.add_option("-q,--messageQuantity", quantity, "Batches to send in total, Default: 0 = forever");
  app.add_option("--warmup", warmup_s, "Seconds at the start excluded from the summary, Default: 0");
  app.add_option("--rate", rate, "Target total batch rate (batches/s), Default: 0 = as fast as possible");
  app.add_option("--duration", duration_s, "Stop after this many seconds, Default: 0");
  app.add_option("-y,--asyncEnable", async_enable,
                 "Send asynchronously from one thread with --inflight batches in flight (not in the Java tool), "
                 "Default: false");
  app.add_option("--inflight", max_inflight, "With -y true: batches in flight at most, Default: 64");
  app.add_flag("--json", json, "Print the final summary as one JSON line too");
  try {
    app.parse(rmq::bench::FixJavaShortOptions(argc, argv, {"ak", "sk", "ct", "cl", "ch", "ri"}));
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (ParseBool(acl) || ParseBool(trace)) {
    std::cerr << "benchmark_batch_producer: -a (ACL) and -m (trace) are not supported by this client yet\n";
    return 1;
  }
  const bool async = ParseBool(async_enable);
  if (async) threads = 1;
  if (threads <= 0 || size <= 0 || batch <= 0 || report_ms <= 0 || max_inflight <= 0) {
    std::cerr << "benchmark_batch_producer: -w, -s, -b, -ri and --inflight must be positive\n";
    return 1;
  }
  std::printf("topic: %s, threadCount: %d, messageSize: %d, batchSize: %d, keyEnable: %s, propertySize: %d, "
              "tagCount: %d, traceEnable: false, aclEnable: false, asyncEnable: %s\n compressEnable: %s, reportInterval: %lld\n",
              topic.c_str(), threads, size, batch, ParseBool(key_enable) ? "true" : "false", property_size, tag_count,
              async ? "true" : "false", ParseBool(compress_enable) ? "true" : "false", static_cast<long long>(report_ms));
  std::fflush(stdout);
  rmq::bench::InstallStopHandler();

  rocketmq::DefaultMQProducer producer("benchmark_batch_producer");
  producer.setNamesrvAddr(namesrv);
  producer.setInstanceName(std::to_string(rmq::bench::NowMillis()));
  producer.setCompressMsgBodyOverHowmuch(ParseBool(compress_enable) ? compress_over : 1 << 30);
  producer.setCompressLevel(compress_level);
  try {
    producer.start();
  } catch (const rocketmq::MQException& e) {
    std::cerr << "benchmark_batch_producer: cannot start the producer: " << e.message() << '\n';
    return 1;
  }

  std::atomic<int64_t> batches{0};
  std::atomic<int64_t> failed{0};
  std::atomic<int64_t> max_rt_ms{0};
  rmq::bench::LatencyHistogram histogram;
  rmq::bench::RateLimiter limiter(rate);
  const std::string body(static_cast<size_t>(size), 'a');
  const std::string property(static_cast<size_t>(property_size), 'p');
  const int64_t per_thread = quantity > 0 ? std::max<int64_t>(quantity / threads, 1) : 0;
  std::atomic<int> running{threads};
  InflightLimit inflight(max_inflight);
  const bool keys = ParseBool(key_enable);
  auto record_success = [&](std::chrono::steady_clock::time_point start) {
    int64_t us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    histogram.Record(static_cast<uint64_t>(std::max<int64_t>(us, 0)));
    rmq::bench::RaiseMax(max_rt_ms, us / 1000);
    batches.fetch_add(1, std::memory_order_relaxed);
  };
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      // One batch of messages per thread, reused: the body is copied once, and each send only
      // drops the previous send's UNIQ_KEY so the library gives every message a fresh id.
      std::vector<rocketmq::MQMessage> messages(static_cast<size_t>(batch), rocketmq::MQMessage(topic, body));
      if (property_size > 0) {
        for (auto& message : messages) message.setProperty("benchmark_property", property);
      }
      for (int64_t i = 0; (per_thread == 0 || i < per_thread) && !rmq::bench::StopRequested(); ++i) {
        int64_t now_ms = rmq::bench::NowMillis();
        for (auto& message : messages) {
          message.clearProperty(rocketmq::MQMessage::PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
          if (keys) message.setKeys(std::to_string(now_ms / 1000));
          if (tag_count > 0) message.setTags("tag" + std::to_string(now_ms % tag_count));
        }
        auto start = limiter.Acquire();
        if (async) {
          inflight.Acquire();
          auto on_success = [&, start](rocketmq::SendResult&) {
            record_success(start);
            inflight.Release();
          };
          auto on_failure = [&](rocketmq::MQException& e) {
            if (failed.fetch_add(1) == 0) std::fprintf(stderr, "first send failure: %s\n", e.what());
            inflight.Release();
          };
          producer.send(messages, on_success, on_failure);
          continue;
        }
        try {
          producer.send(messages);
          record_success(start);
        } catch (const rocketmq::MQException& e) {
          if (failed.fetch_add(1) == 0) std::fprintf(stderr, "first send failure: %s\n", e.what());
          std::this_thread::sleep_for(std::chrono::seconds(1));
        }
      }
      while (inflight.in_flight() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      running.fetch_sub(1);
    });
  }

  const auto begin = std::chrono::steady_clock::now();
  const auto warm_end = begin + std::chrono::milliseconds(static_cast<int64_t>(warmup_s * 1000));
  rmq::bench::LatencyHistogram::Snapshot measured;
  // Without a warm-up the measurement starts with the run, so a short run is counted whole.
  int64_t measured_start_count = warmup_s > 0 ? -1 : 0;
  auto measured_start = begin;
  auto last_report = begin;
  int64_t last_batches = 0;
  while (running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(report_ms, 200)));
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - begin).count();
    if (duration_s > 0 && elapsed >= duration_s) rmq::bench::RequestStop();
    if (measured_start_count < 0 && now >= warm_end) {
      measured_start_count = batches.load();
      measured_start = now;
      (void)histogram.Drain();
      last_report = now;
      last_batches = measured_start_count;
      continue;
    }
    if (now - last_report < std::chrono::milliseconds(report_ms)) {
      rmq::bench::Progress("sent " + std::to_string(batches.load()) + " batches in " +
                           std::to_string(static_cast<int>(elapsed)) + " s");
      continue;
    }
    auto snapshot = histogram.Drain();
    int64_t now_batches = batches.load();
    double seconds = std::chrono::duration<double>(now - last_report).count();
    double tps = static_cast<double>(now_batches - last_batches) / seconds;
    rmq::bench::ClearProgress();
    std::printf("Current Time: %s | Send TPS: %lld | Send MPS: %lld | Max RT(ms): %lld | Average RT(ms): %7.3f | "
                "Average Message RT(ms): %7.3f | Send Failed: %lld | Send Message Failed: %lld%s\n",
                rmq::bench::CurrentTime().c_str(), static_cast<long long>(tps), static_cast<long long>(tps * batch),
                static_cast<long long>(max_rt_ms.load()), snapshot.MeanUs() / 1000.0,
                snapshot.MeanUs() / 1000.0 / batch, static_cast<long long>(failed.load()),
                static_cast<long long>(failed.load() * batch), rmq::bench::PercentileSuffix(snapshot).c_str());
    std::fflush(stdout);
    if (measured_start_count >= 0) measured.Merge(snapshot);
    last_report = now;
    last_batches = now_batches;
  }
  for (auto& worker : workers) worker.join();
  auto end = std::chrono::steady_clock::now();
  if (measured_start_count >= 0) measured.Merge(histogram.Drain());
  producer.shutdown();
  rmq::bench::ClearProgress();
  int64_t total = batches.load();
  double measured_seconds = std::chrono::duration<double>(end - measured_start).count();
  int64_t measured_count = measured_start_count < 0 ? 0 : total - measured_start_count;
  long long tps = measured_seconds > 0 ? static_cast<long long>(measured_count / measured_seconds) : 0;
  std::printf("[Complete] Send Total: %lld | Send TPS: %lld | Send MPS: %lld | Max RT(ms): %lld | "
              "Average RT(ms): %7.3f | Send Failed: %lld%s\n",
              static_cast<long long>(total), tps, tps * batch, static_cast<long long>(max_rt_ms.load()),
              measured.MeanUs() / 1000.0, static_cast<long long>(failed.load()),
              rmq::bench::PercentileSuffix(measured).c_str());
  if (json) {
    std::printf("{\"tool\":\"batch_producer\",\"batchTotal\":%lld,\"tps\":%lld,\"mps\":%lld,\"p50Ms\":%.3f,"
                "\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"sendFailed\":%lld}\n",
                static_cast<long long>(total), tps, tps * batch, measured.PercentileUs(0.5) / 1000.0,
                measured.PercentileUs(0.99) / 1000.0, measured.PercentileUs(0.999) / 1000.0,
                static_cast<double>(measured.max_us) / 1000.0, static_cast<long long>(failed.load()));
  }
  std::fflush(stdout);
  return failed.load() > 0 ? 1 : 0;
}
