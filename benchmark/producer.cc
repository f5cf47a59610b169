// benchmark_producer: the Java benchmark Producer (distribution/benchmark/producer.sh) with the
// same options and report lines, plus per-interval p50/p99/p999/max latency, true per-second
// reports by default, a warm-up excluded from the summary, an optional target rate, a live
// progress line, a final summary (and --json), and exit status 1 when any send failed.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "rocketmq/DefaultMQProducer.h"

namespace {

using rmq::bench::LatencyHistogram;

bool ParseBool(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower == "true";
}

std::string RandomBody(size_t size) {
  static const char kAlnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::mt19937 rng(12345);
  std::string body(size, 'a');
  for (auto& c : body) c = kAlnum[rng() % (sizeof(kAlnum) - 1)];
  return body;
}

// The first 24 bytes carry the send time (µs) so a consumer on this host can measure end-to-end:
// "RMQB" and 20 zero-padded digits, written by hand (snprintf per message showed in profiles).
void StampBody(std::string& body) {
  if (body.size() < 24) return;
  uint64_t micros = static_cast<uint64_t>(rmq::bench::NowMicros());
  char* out = body.data();
  out[0] = 'R', out[1] = 'M', out[2] = 'Q', out[3] = 'B';
  for (int i = 23; i >= 4; --i) {
    out[i] = static_cast<char>('0' + micros % 10);
    micros /= 10;
  }
}

struct Counters {
  std::atomic<int64_t> success{0};
  std::atomic<int64_t> send_failed{0};
  std::atomic<int64_t> response_failed{0};
  std::atomic<int64_t> max_rt_ms{0};
  std::atomic<int64_t> in_flight{0};
  int64_t max_inflight = 0;  // async mode's limit
  LatencyHistogram interval;
  // Async mode: the sender parks at --inflight sends out and is woken once half of them came
  // back, so it neither polls nor costs a wake-up per response.
  std::mutex inflight_mutex;
  std::condition_variable inflight_cv;
  std::atomic<bool> sender_waiting{false};
};

void WaitForInflightRoom(Counters& c, int64_t max_inflight) {
  if (c.in_flight.load() < max_inflight) return;
  std::unique_lock lock(c.inflight_mutex);
  c.sender_waiting = true;
  // The timeout only bounds how late a stop request is noticed.
  while (c.in_flight.load() > max_inflight / 2 && !rmq::bench::StopRequested()) {
    c.inflight_cv.wait_for(lock, std::chrono::milliseconds(100));
  }
  c.sender_waiting = false;
}

void ReleaseInflight(Counters& c, int64_t max_inflight) {
  if (c.in_flight.fetch_sub(1) - 1 <= max_inflight / 2 && c.sender_waiting.load()) {
    std::lock_guard lock(c.inflight_mutex);
    c.inflight_cv.notify_one();
  }
}

void RecordSuccess(Counters& c, std::chrono::steady_clock::time_point start) {
  int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
  c.interval.Record(static_cast<uint64_t>(std::max<int64_t>(us, 0)));
  int64_t ms = us / 1000;
  int64_t max = c.max_rt_ms.load(std::memory_order_relaxed);
  while (ms > max && !c.max_rt_ms.compare_exchange_weak(max, ms)) {
  }
  c.success.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"benchmarkProducer: send messages as fast as possible (or at --rate) and report TPS and latency",
               "benchmark_producer"};
  std::string namesrv;
  std::string topic = "BenchmarkTest";
  int threads = 64;
  int size = 128;
  std::string key_enable = "false";
  int tag_count = 0;
  std::string trace = "false";
  std::string acl = "false";
  std::string access_key = "rocketmq2";
  std::string secret_key = "12345678";
  int64_t quantity = 0;
  std::string delay_enable = "false";
  int delay_level = 1;
  std::string async_enable = "false";
  std::string compress_enable = "false";
  std::string compress_type = "ZLIB";
  int compress_level = 5;
  int compress_over = 4096;
  int64_t report_ms = 1000;
  double warmup_s = 0;
  double rate = 0;
  double duration_s = 0;
  bool json = false;
  int64_t max_inflight = 256;
  app.add_option("-n,--namesrvAddr", namesrv, "Name server address list, eg: '192.168.0.1:9876;192.168.0.2:9876'");
  app.add_option("-t,--topic", topic, "Topic name, Default: BenchmarkTest");
  app.add_option("-w,--threadCount", threads, "Thread count, Default: 64");
  app.add_option("-s,--messageSize", size, "Message Size, Default: 128");
  app.add_option("-k,--keyEnable", key_enable, "Message Key Enable, Default: false");
  app.add_option("-l,--tagCount", tag_count, "Tag count, Default: 0");
  app.add_option("-m,--msgTraceEnable", trace, "Message Trace Enable, Default: false (not supported)");
  app.add_option("-a,--aclEnable", acl, "Acl Enable, Default: false (not supported)");
  app.add_option("--ak,--accessKey", access_key, "Acl access key, Default: rocketmq2");
  app.add_option("--sk,--secretKey", secret_key, "Acl secret key, Default: 12345678");
  app.add_option("-q,--messageQuantity", quantity, "Send message quantity, Default: 0, running forever");
  app.add_option("-d,--delayEnable", delay_enable, "Delay message Enable, Default: false");
  app.add_option("-e,--delayLevel", delay_level, "Delay message level, Default: 1");
  app.add_option("-y,--asyncEnable", async_enable, "Enable async produce, Default: false");
  app.add_option("-c,--compressEnable", compress_enable, "Enable compress msg over 4K, Default: false");
  app.add_option("--ct,--compressType", compress_type, "Message compressed type, Default: ZLIB");
  app.add_option("--cl,--compressLevel", compress_level, "Message compressed level, Default: 5");
  app.add_option("--ch,--compressOverHowMuch", compress_over, "Compress message over how much size, Default: 4096");
  app.add_option("--ri,--reportInterval", report_ms, "Report interval (ms), Default: 1000 (Java: 10000)");
  app.add_option("--warmup", warmup_s, "Seconds at the start excluded from the summary, Default: 0");
  app.add_option("--rate", rate, "Target total send rate (msg/s), Default: 0 = as fast as possible");
  app.add_option("--duration", duration_s, "Stop after this many seconds, Default: 0 = run until -q or Ctrl-C");
  app.add_option("--inflight", max_inflight,
                 "With -y true: sends in flight at most, Default: 256 (Java queues up to 10000, which mostly "
                 "measures the queue)");
  app.add_flag("--json", json, "Print the final summary as one JSON line too");
  try {
    app.parse(rmq::bench::FixJavaShortOptions(argc, argv, {"ak", "sk", "ct", "cl", "ch", "ri"}));
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (ParseBool(acl) || ParseBool(trace)) {
    std::cerr << "benchmark_producer: -a (ACL) and -m (trace) are not supported by this client yet\n";
    return 1;
  }
  if (ParseBool(compress_enable) && compress_type != "ZLIB") {
    std::cerr << "benchmark_producer: only --ct ZLIB is supported\n";
    return 1;
  }
  const bool async = ParseBool(async_enable);
  const bool keys = ParseBool(key_enable);
  const bool delay = ParseBool(delay_enable);
  if (async) threads = 1;
  if (threads <= 0 || size <= 0 || report_ms <= 0) {
    std::cerr << "benchmark_producer: -w, -s and -ri must be positive\n";
    return 1;
  }
  if (namesrv.empty()) {
    const char* env = std::getenv("NAMESRV_ADDR");
    namesrv = env != nullptr && *env != '\0' ? env : "127.0.0.1:9876";
  }
  std::printf("topic: %s, threadCount: %d, messageSize: %d, keyEnable: %s, propertySize: 0, tagCount: %d, "
              "traceEnable: false, aclEnable: false, messageQuantity: %lld, delayEnable: %s, delayLevel: %d, "
              "asyncEnable: %s\n compressEnable: %s, reportInterval: %lld\n",
              topic.c_str(), threads, size, ParseBool(key_enable) ? "true" : "false", tag_count,
              static_cast<long long>(quantity), ParseBool(delay_enable) ? "true" : "false", delay_level,
              async ? "true" : "false", ParseBool(compress_enable) ? "true" : "false",
              static_cast<long long>(report_ms));
  std::fflush(stdout);
  rmq::bench::InstallStopHandler();

  rocketmq::DefaultMQProducer producer("benchmark_producer");
  producer.setNamesrvAddr(namesrv);
  producer.setInstanceName(std::to_string(rmq::bench::NowMillis()));
  producer.setCompressMsgBodyOverHowmuch(ParseBool(compress_enable) ? compress_over : 1 << 30);
  producer.setCompressLevel(compress_level);
  try {
    producer.start();
  } catch (const rocketmq::MQException& e) {
    std::cerr << "benchmark_producer: cannot start the producer: " << e.message() << '\n';
    return 1;
  }

  Counters counters;
  counters.max_inflight = max_inflight;
  rmq::bench::RateLimiter limiter(rate);
  const std::string base_body = RandomBody(static_cast<size_t>(size));
  const int64_t per_thread = quantity > 0 ? std::max<int64_t>(quantity / threads, 1) : 0;
  std::atomic<int> running_threads{threads};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int64_t i = 0; (per_thread == 0 || i < per_thread) && !rmq::bench::StopRequested(); ++i) {
        // One copy of the body per message: the message starts empty and takes the stamped one.
        rocketmq::MQMessage message(topic, std::string());
        std::string body = base_body;
        StampBody(body);
        message.setBody(std::move(body));
        int64_t now_ms = rmq::bench::NowMillis();
        if (keys) message.setKeys(std::to_string(now_ms / 1000));
        if (tag_count > 0) message.setTags("tag" + std::to_string(now_ms % tag_count));
        if (delay) message.setDelayTimeLevel(delay_level);
        auto start = limiter.Acquire();
        if (async) {
          WaitForInflightRoom(counters, max_inflight);
          counters.in_flight.fetch_add(1);
          // The success lambda captures 16 bytes, which std::function holds without allocating.
          producer.send(
              message,
              [&counters, start](rocketmq::SendResult&) {
                RecordSuccess(counters, start);
                ReleaseInflight(counters, counters.max_inflight);
              },
              [&counters, max_inflight](rocketmq::MQException& e) {
                int64_t before = dynamic_cast<rocketmq::MQBrokerException*>(&e) != nullptr
                                     ? counters.response_failed.fetch_add(1)
                                     : counters.send_failed.fetch_add(1);
                if (before == 0) std::fprintf(stderr, "first send failure: %s\n", e.what());
                ReleaseInflight(counters, max_inflight);
              });
          continue;
        }
        try {
          producer.send(message);
          RecordSuccess(counters, start);
        } catch (const rocketmq::MQBrokerException& e) {
          if (counters.response_failed.fetch_add(1) == 0) std::fprintf(stderr, "first broker error: %s\n", e.what());
          std::this_thread::sleep_for(std::chrono::seconds(1));
        } catch (const rocketmq::MQException& e) {
          if (counters.send_failed.fetch_add(1) == 0) std::fprintf(stderr, "first send failure: %s\n", e.what());
          std::this_thread::sleep_for(std::chrono::seconds(1));
        }
      }
      if (async) {
        while (counters.in_flight.load() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      running_threads.fetch_sub(1);
    });
  }

  // Reporter: a line every report interval, the progress line in between.
  const auto begin = std::chrono::steady_clock::now();
  const auto warm_end = begin + std::chrono::milliseconds(static_cast<int64_t>(warmup_s * 1000));
  LatencyHistogram::Snapshot measured;
  // Without a warm-up the measurement starts with the run, so a short run is counted whole.
  int64_t measured_start_count = warmup_s > 0 ? -1 : 0;
  auto measured_start = begin;
  auto last_report = begin;
  int64_t last_success = 0;
  while (running_threads.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(report_ms, 200)));
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - begin).count();
    if (duration_s > 0 && elapsed >= duration_s) rmq::bench::RequestStop();
    if (measured_start_count < 0 && now >= warm_end) {
      measured_start_count = counters.success.load();
      measured_start = now;
      (void)counters.interval.Drain();  // what was recorded in the warm-up stays out
      last_report = now;
      last_success = measured_start_count;
      continue;
    }
    if (now - last_report < std::chrono::milliseconds(report_ms)) {
      rmq::bench::Progress("sent " + std::to_string(counters.success.load()) + " in " +
                           std::to_string(static_cast<int>(elapsed)) + " s" +
                           (measured_start_count < 0 ? " (warming up)" : ""));
      continue;
    }
    auto snapshot = counters.interval.Drain();
    int64_t success = counters.success.load();
    double seconds = std::chrono::duration<double>(now - last_report).count();
    rmq::bench::ClearProgress();
    std::printf("Current Time: %s | Send TPS: %lld | Max RT(ms): %lld | Average RT(ms): %7.3f | Send Failed: %lld | "
                "Response Failed: %lld%s\n",
                rmq::bench::CurrentTime().c_str(), static_cast<long long>((success - last_success) / seconds),
                static_cast<long long>(counters.max_rt_ms.load()), snapshot.MeanUs() / 1000.0,
                static_cast<long long>(counters.send_failed.load()),
                static_cast<long long>(counters.response_failed.load()),
                rmq::bench::PercentileSuffix(snapshot).c_str());
    std::fflush(stdout);
    if (measured_start_count >= 0) measured.Merge(snapshot);
    last_report = now;
    last_success = success;
  }
  for (auto& worker : workers) worker.join();
  auto end = std::chrono::steady_clock::now();
  if (measured_start_count >= 0) measured.Merge(counters.interval.Drain());
  producer.shutdown();
  rmq::bench::ClearProgress();

  int64_t total = counters.success.load();
  int64_t measured_count = measured_start_count < 0 ? 0 : total - measured_start_count;
  double measured_seconds = std::chrono::duration<double>(end - measured_start).count();
  long long tps = measured_seconds > 0 ? static_cast<long long>(measured_count / measured_seconds) : 0;
  std::printf("[Complete] Send Total: %lld | Send TPS: %lld | Max RT(ms): %lld | Average RT(ms): %7.3f | "
              "Send Failed: %lld | Response Failed: %lld%s\n",
              static_cast<long long>(total), tps, static_cast<long long>(counters.max_rt_ms.load()),
              measured.MeanUs() / 1000.0, static_cast<long long>(counters.send_failed.load()),
              static_cast<long long>(counters.response_failed.load()), rmq::bench::PercentileSuffix(measured).c_str());
  if (json) {
    std::printf("{\"tool\":\"producer\",\"sendTotal\":%lld,\"measuredSeconds\":%.3f,\"tps\":%lld,\"avgMs\":%.3f,"
                "\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f,\"sendFailed\":%lld,"
                "\"responseFailed\":%lld}\n",
                static_cast<long long>(total), measured_seconds, tps, measured.MeanUs() / 1000.0,
                measured.PercentileUs(0.5) / 1000.0, measured.PercentileUs(0.99) / 1000.0,
                measured.PercentileUs(0.999) / 1000.0, static_cast<double>(measured.max_us) / 1000.0,
                static_cast<long long>(counters.send_failed.load()),
                static_cast<long long>(counters.response_failed.load()));
  }
  std::fflush(stdout);
  return counters.send_failed.load() + counters.response_failed.load() > 0 ? 1 : 0;
}
