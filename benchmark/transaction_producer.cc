// benchmark_transaction_producer: the Java benchmark TransactionProducer (tproducer.sh) — half
// messages whose local transaction commits, rolls back or stays unknown at the given rates, and
// check-backs answered at the check rates — with its options and report line, plus per-interval
// latency percentiles, --duration/--count and a summary. With --verify N it keeps answering
// checks for N seconds after the sends, then reads the topic back and counts what was delivered:
// every committed transaction exactly once, no rolled-back one.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "rocketmq/DefaultLitePullConsumer.h"
#include "rocketmq/TransactionMQProducer.h"

namespace {

// A cheap thread-safe uniform [0, 1) draw.
double Draw() {
  static std::atomic<uint64_t> state{0x2545F4914F6CDD1Dull};
  uint64_t x = state.fetch_add(0x9E3779B97F4A7C15ull);
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return static_cast<double>(x >> 11) / static_cast<double>(1ull << 53);
}

rocketmq::LocalTransactionState Pick(double rollback_rate, double unknown_rate) {
  double r = Draw();
  if (r < rollback_rate) return rocketmq::ROLLBACK_MESSAGE;
  if (r < rollback_rate + unknown_rate) return rocketmq::UNKNOWN;
  return rocketmq::COMMIT_MESSAGE;
}

char StateLetter(rocketmq::LocalTransactionState state) {
  return state == rocketmq::COMMIT_MESSAGE ? 'C' : state == rocketmq::ROLLBACK_MESSAGE ? 'R' : 'U';
}

// Body: "<batchId>|<sequence>|<state>|" then padding, the local outcome (C/R/U) drawn before the
// send as the Java tool does; the check-back reads it back: only U should ever be checked.
class Listener : public rocketmq::TransactionListener {
 public:
  Listener(std::string batch, double cr, double cu) : batch_(std::move(batch)), cr_(cr), cu_(cu) {}

  // `arg` points at the state drawn for this message.
  rocketmq::LocalTransactionState executeLocalTransaction(const rocketmq::MQMessage& msg, void* arg) override {
    (void)msg;
    return *static_cast<rocketmq::LocalTransactionState*>(arg);
  }

  rocketmq::LocalTransactionState checkLocalTransaction(const rocketmq::MQMessageExt& msg) override {
    checks.fetch_add(1);
    const std::string& body = msg.getBody();
    size_t first = body.find('|');
    size_t second = body.find('|', first + 1);
    size_t third = body.find('|', second + 1);
    if (first != std::string::npos && second != std::string::npos && third != std::string::npos &&
        body.compare(0, first, batch_) == 0) {
      std::string state = body.substr(second + 1, third - second - 1);
      std::string seq = body.substr(first + 1, second - first - 1);
      {
        std::lock_guard lock(mutex_);
        if (!checked_.insert(seq).second) duplicated.fetch_add(1);
      }
      // A committed or rolled-back transaction should never be checked; answer it consistently.
      if (state != "U") {
        unexpected.fetch_add(1);
        return state == "C" ? rocketmq::COMMIT_MESSAGE : rocketmq::ROLLBACK_MESSAGE;
      }
      rocketmq::LocalTransactionState answer = Pick(cr_, cu_);
      if (answer != rocketmq::UNKNOWN) {
        std::lock_guard lock(mutex_);
        // The first final answer is the outcome (a later differing one would be the producer's bug).
        resolved_.emplace(std::stoll(seq), answer == rocketmq::COMMIT_MESSAGE);
      }
      return answer;
    }
    return Pick(cr_, cu_);
  }

  // For --verify: a sequence whose local state was C, or U and then committed by a check.
  void RecordSent(int64_t seq, rocketmq::LocalTransactionState state) {
    std::lock_guard lock(mutex_);
    if (state != rocketmq::UNKNOWN) resolved_.emplace(seq, state == rocketmq::COMMIT_MESSAGE);
  }
  std::map<int64_t, bool> Resolved() {
    std::lock_guard lock(mutex_);
    return resolved_;
  }

  std::atomic<int64_t> checks{0};
  std::atomic<int64_t> unexpected{0};
  std::atomic<int64_t> duplicated{0};

 private:
  std::string batch_;
  double cr_, cu_;
  std::mutex mutex_;
  std::set<std::string> checked_;  // Guarded by mutex_.
  std::map<int64_t, bool> resolved_;  // sequence -> committed; guarded by mutex_ (filled with --verify only)
};

// Reads `topic` from the beginning until nothing new came for 3 s (at most `limit_s`) and counts
// the deliveries of batch `batch` per sequence number.
std::map<int64_t, int> ReadBack(const std::string& namesrv, const std::string& topic, const std::string& batch,
                                double limit_s) {
  std::map<int64_t, int> delivered;
  rocketmq::DefaultLitePullConsumer consumer("benchmark_tx_verify_" + batch);
  consumer.setNamesrvAddr(namesrv);
  consumer.setInstanceName("verify" + batch);
  consumer.setAutoCommit(false);
  consumer.setPullBatchSize(32);
  consumer.setPollBatchSize(64);
  consumer.start();
  auto queues = consumer.fetchMessageQueues(topic);
  consumer.assign(queues);
  for (const auto& mq : queues) consumer.seekToBegin(mq);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit_s);
  auto last_new = std::chrono::steady_clock::now();
  const std::string prefix = batch + "|";
  while (std::chrono::steady_clock::now() < deadline &&
         std::chrono::steady_clock::now() - last_new < std::chrono::seconds(3)) {
    for (const auto& msg : consumer.poll(200)) {
      last_new = std::chrono::steady_clock::now();
      const std::string& body = msg.getBody();
      if (body.compare(0, prefix.size(), prefix) != 0) continue;
      size_t end = body.find('|', prefix.size());
      if (end == std::string::npos) continue;
      delivered[std::stoll(body.substr(prefix.size(), end - prefix.size()))]++;
    }
  }
  consumer.shutdown();
  return delivered;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"TransactionProducer: send transactional messages and report TPS, latency and check-backs",
               "benchmark_transaction_producer"};
  std::string namesrv;
  std::string topic = "BenchmarkTest";
  int threads = 32;
  int size = 2048;
  double sr = 0, su = 0, cr = 0, cu = 0;
  std::string batch_id = std::to_string(rmq::bench::NowMillis());
  int64_t interval_ms = 0;
  std::string trace = "false";
  std::string acl = "false";
  std::string access_key;
  std::string secret_key;
  int64_t report_ms = 1000;
  double duration_s = 0;
  int64_t quantity = 0;
  bool json = false;
  double verify_s = 0;
  app.add_option("-n,--namesrvAddr", namesrv, "Name server address list");
  app.add_option("-t,--topic", topic, "Topic name, Default: BenchmarkTest");
  app.add_option("-w,--threadCount", threads, "Thread count, Default: 32");
  app.add_option("-s,--messageSize", size, "Message Size, Default: 2048");
  app.add_option("--sr,--sendRollbackRate", sr, "Send rollback rate, Default: 0.0");
  app.add_option("--su,--sendUnknownRate", su, "Send unknown rate, Default: 0.0");
  app.add_option("--cr,--checkRollbackRate", cr, "Check rollback rate, Default: 0.0");
  app.add_option("--cu,--checkUnknownRate", cu, "Check unknown rate, Default: 0.0");
  app.add_option("-b,--testBatchId", batch_id, "Test batch id, Default: start millis");
  app.add_option("-i,--sendInterval", interval_ms, "Sleep between sends (ms), Default: 0");
  app.add_option("-m,--msgTraceEnable", trace, "Message Trace Enable (not supported)");
  app.add_option("-a,--aclEnable", acl, "Acl Enable (not supported)");
  app.add_option("--ak,--accessKey", access_key, "Acl access key");
  app.add_option("--sk,--secretKey", secret_key, "Acl secret key");
  app.add_option("--ri,--reportInterval", report_ms, "Report interval (ms), Default: 1000 (Java: 10000)");
  app.add_option("-q,--messageQuantity", quantity, "Messages to send in total, Default: 0 = forever");
  app.add_option("--duration", duration_s, "Stop after this many seconds, Default: 0");
  app.add_flag("--json", json, "Print the final summary as one JSON line too");
  app.add_option("--verify", verify_s,
                 "After the sends, answer checks for this many seconds more, then read the topic back and count "
                 "deliveries of this batch (duplicated, missing, rolled back); Default: 0 = no verification");
  try {
    app.parse(rmq::bench::FixJavaShortOptions(argc, argv, {"sr", "su", "cr", "cu", "ak", "sk", "ri"}));
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (trace == "true" || acl == "true") {
    std::cerr << "benchmark_transaction_producer: -a (ACL) and -m (trace) are not supported by this client yet\n";
    return 1;
  }
  if (threads <= 0 || size < 32 || report_ms <= 0) {
    std::cerr << "benchmark_transaction_producer: -w and -ri must be positive and -s at least 32\n";
    return 1;
  }
  namesrv = rmq::bench::NamesrvOrDefault(namesrv);
  std::printf("topic: %s, threadCount: %d, messageSize: %d, sendRollbackRate: %.2f, sendUnknownRate: %.2f, "
              "checkRollbackRate: %.2f, checkUnknownRate: %.2f, batchId: %s, sendInterval: %lld, reportInterval: %lld\n",
              topic.c_str(), threads, size, sr, su, cr, cu, batch_id.c_str(), static_cast<long long>(interval_ms),
              static_cast<long long>(report_ms));
  std::fflush(stdout);
  rmq::bench::InstallStopHandler();

  Listener listener(batch_id, cr, cu);
  rocketmq::TransactionMQProducer producer("benchmark_transaction_producer");
  producer.setNamesrvAddr(namesrv);
  producer.setInstanceName(std::to_string(rmq::bench::NowMillis()));
  producer.setTransactionListener(&listener);
  try {
    producer.start();
  } catch (const rocketmq::MQException& e) {
    std::cerr << "benchmark_transaction_producer: cannot start the producer: " << e.message() << '\n';
    return 1;
  }

  std::atomic<int64_t> sent{0};
  std::atomic<int64_t> failed{0};
  std::atomic<int64_t> sequence{0};
  std::atomic<int64_t> max_rt_ms{0};
  rmq::bench::LatencyHistogram histogram;
  const int64_t per_thread = quantity > 0 ? std::max<int64_t>(quantity / threads, 1) : 0;
  std::atomic<int> running{threads};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int64_t i = 0; (per_thread == 0 || i < per_thread) && !rmq::bench::StopRequested(); ++i) {
        rocketmq::LocalTransactionState state = Pick(sr, su);
        const int64_t seq = sequence.fetch_add(1);
        if (verify_s > 0) listener.RecordSent(seq, state);
        std::string body = batch_id + "|" + std::to_string(seq) + "|" + StateLetter(state) + "|";
        body.resize(std::max<size_t>(body.size(), static_cast<size_t>(size)), 'a');
        rocketmq::MQMessage message(topic, body);
        auto start = std::chrono::steady_clock::now();
        try {
          producer.sendMessageInTransaction(message, &state);
          int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
                           .count();
          histogram.Record(static_cast<uint64_t>(std::max<int64_t>(us, 0)));
          rmq::bench::RaiseMax(max_rt_ms, us / 1000);
          sent.fetch_add(1);
        } catch (const rocketmq::MQException& e) {
          if (failed.fetch_add(1) == 0) std::fprintf(stderr, "first send failure: %s\n", e.what());
          std::this_thread::sleep_for(std::chrono::seconds(1));
        }
        if (interval_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
      }
      running.fetch_sub(1);
    });
  }

  const auto begin = std::chrono::steady_clock::now();
  rmq::bench::LatencyHistogram::Snapshot all;
  auto last_report = begin;
  int64_t last_sent = 0;
  while (running.load() > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(report_ms, 200)));
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - begin).count();
    if (duration_s > 0 && elapsed >= duration_s) rmq::bench::RequestStop();
    if (now - last_report < std::chrono::milliseconds(report_ms)) {
      rmq::bench::Progress("sent " + std::to_string(sent.load()) + " in " + std::to_string(static_cast<int>(elapsed)) +
                           " s");
      continue;
    }
    auto snapshot = histogram.Drain();
    int64_t now_sent = sent.load();
    double seconds = std::chrono::duration<double>(now - last_report).count();
    rmq::bench::ClearProgress();
    // Max RT resets per report, as the Java tool.
    std::printf("Current Time: %s | Send TPS: %5lld | Max RT(ms): %5lld | AVG RT(ms): %3.1f | Send Failed: %lld | "
                "Check: %lld | UnexpectedCheck: %lld | DuplicatedCheck: %lld%s\n",
                rmq::bench::CurrentTime().c_str(), static_cast<long long>((now_sent - last_sent) / seconds),
                static_cast<long long>(max_rt_ms.exchange(0)), snapshot.MeanUs() / 1000.0,
                static_cast<long long>(failed.load()), static_cast<long long>(listener.checks.load()),
                static_cast<long long>(listener.unexpected.load()), static_cast<long long>(listener.duplicated.load()),
                rmq::bench::PercentileSuffix(snapshot).c_str());
    std::fflush(stdout);
    all.Merge(snapshot);
    last_report = now;
    last_sent = now_sent;
  }
  for (auto& worker : workers) worker.join();
  all.Merge(histogram.Drain());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  if (verify_s > 0) {
    // Unknown outcomes are resolved by the broker's checks, which need this producer alive.
    rmq::bench::Progress("answering checks for " + std::to_string(static_cast<int>(verify_s)) + " s");
    std::this_thread::sleep_for(std::chrono::duration<double>(verify_s));
  }
  producer.shutdown();
  rmq::bench::ClearProgress();
  long long tps = seconds > 0 ? static_cast<long long>(sent.load() / seconds) : 0;
  std::printf("[Complete] Send Total: %lld | Send TPS: %lld | Send Failed: %lld | Check: %lld%s\n",
              static_cast<long long>(sent.load()), tps, static_cast<long long>(failed.load()),
              static_cast<long long>(listener.checks.load()), rmq::bench::PercentileSuffix(all).c_str());
  if (json) {
    std::printf("{\"tool\":\"transaction_producer\",\"sendTotal\":%lld,\"tps\":%lld,\"p50Ms\":%.3f,\"p99Ms\":%.3f,"
                "\"maxMs\":%.3f,\"sendFailed\":%lld,\"checks\":%lld}\n",
                static_cast<long long>(sent.load()), tps, all.PercentileUs(0.5) / 1000.0,
                all.PercentileUs(0.99) / 1000.0, static_cast<double>(all.max_us) / 1000.0,
                static_cast<long long>(failed.load()), static_cast<long long>(listener.checks.load()));
  }
  std::fflush(stdout);
  int64_t verify_errors = 0;
  if (verify_s > 0) {
    std::map<int64_t, bool> resolved = listener.Resolved();
    std::map<int64_t, int> delivered = ReadBack(namesrv, topic, batch_id, 120);
    int64_t committed = 0, once = 0, duplicated = 0, missing = 0, rolled_back_delivered = 0, unresolved = 0;
    for (const auto& [seq, commit] : resolved) {
      auto it = delivered.find(seq);
      int copies = it == delivered.end() ? 0 : it->second;
      if (commit) {
        ++committed;
        if (copies == 0) ++missing;
        if (copies == 1) ++once;
        if (copies > 1) duplicated += copies - 1;
      } else if (copies > 0) {
        ++rolled_back_delivered;
      }
    }
    for (const auto& [seq, copies] : delivered) {
      if (resolved.count(seq) == 0) ++unresolved;  // delivered, but no commit was ever answered for it
    }
    std::printf("[Verify] Committed: %lld | Delivered once: %lld | Duplicated deliveries: %lld | Missing: %lld | "
                "Rolled back but delivered: %lld | Delivered without a known commit: %lld\n",
                static_cast<long long>(committed), static_cast<long long>(once), static_cast<long long>(duplicated),
                static_cast<long long>(missing), static_cast<long long>(rolled_back_delivered),
                static_cast<long long>(unresolved));
    std::fflush(stdout);
    verify_errors = duplicated + missing + rolled_back_delivered + unresolved;
  }
  return failed.load() > 0 || verify_errors > 0 ? 1 : 0;
}
