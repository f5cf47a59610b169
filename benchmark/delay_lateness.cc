// delay_lateness: how late a broker delivers delayed messages when many fall due at once.
// Sends N timer messages (TIMER_DELIVER_MS, all due in the same second) or N delay-level
// messages over the client from a few threads, consumes them with a push consumer, and reports
// the lateness percentiles twice: on the broker's clock (delivered record's STORETIMESTAMP minus
// its due time — the broker's own delay) and on receipt (consumer callback time minus due time —
// what an application sees). Same host, so one clock. Prints a report; never fails on timing.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench_common.h"
#include "rocketmq/DefaultMQProducer.h"
#include "rocketmq/DefaultMQPushConsumer.h"

namespace {

using rmq::bench::NowMillis;

struct Lateness {
  std::mutex mutex;
  std::vector<int64_t> stored_ms;    // STORETIMESTAMP - due
  std::vector<int64_t> received_ms;  // callback time - due
};

void Report(const char* what, std::vector<int64_t> values) {
  if (values.empty()) {
    std::printf("%-26s no messages\n", what);
    return;
  }
  std::sort(values.begin(), values.end());
  auto at = [&](double q) { return values[std::min(values.size() - 1, static_cast<size_t>(q * values.size()))]; };
  const int64_t early = std::count_if(values.begin(), values.end(), [](int64_t v) { return v < 0; });
  std::printf("%-26s n=%zu  p50=%lld ms  p99=%lld ms  max=%lld ms  min=%lld ms  early=%lld\n", what, values.size(),
              static_cast<long long>(at(0.5)), static_cast<long long>(at(0.99)),
              static_cast<long long>(values.back()), static_cast<long long>(values.front()),
              static_cast<long long>(early));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"delay_lateness: delivery lateness of N delayed messages due at the same time", "delay_lateness"};
  std::string namesrv = "127.0.0.1:9876";
  std::string topic = "DelayLatenessTopic";
  int count = 100000;
  int threads = 4;
  int lead_sec = 20;
  int level = 0;
  int body_size = 128;
  app.add_option("-n,--namesrv", namesrv, "name server address");
  app.add_option("-t,--topic", topic, "topic (auto-created by the first send)");
  app.add_option("-N,--count", count, "messages");
  app.add_option("-w,--threads", threads, "sending threads");
  app.add_option("--lead", lead_sec, "timer mode: seconds from start to the common due time (sending must end before)");
  app.add_option("--level", level, "delay-level mode: use this level instead of timer messages (due = born + delay)");
  int64_t level_ms = 0;
  app.add_option("--level-ms", level_ms, "delay-level mode: the level's delay in ms as configured on the broker");
  app.add_option("-s,--size", body_size, "body bytes");
  CLI11_PARSE(app, argc, argv);

  Lateness lateness;
  std::atomic<int> received{0};
  const std::string group = "DelayLatenessGroup" + std::to_string(NowMillis());
  rocketmq::DefaultMQPushConsumer consumer(group);
  consumer.setNamesrvAddr(namesrv);
  consumer.setConsumeFromWhere(rocketmq::CONSUME_FROM_LAST_OFFSET);
  consumer.setConsumeMessageBatchMaxSize(32);
  consumer.subscribe(topic, "*");
  consumer.registerMessageListener([&](const std::vector<rocketmq::MQMessageExt>& msgs) {
    const int64_t now = NowMillis();
    std::lock_guard lock(lateness.mutex);
    for (const auto& m : msgs) {
      int64_t due = 0;
      std::string deliver = m.getProperty("TIMER_DELIVER_MS");
      if (!deliver.empty()) {
        due = std::stoll(deliver);
      } else {
        due = m.getBornTimestamp() + level_ms;
      }
      lateness.stored_ms.push_back(m.getStoreTimestamp() - due);
      lateness.received_ms.push_back(now - due);
    }
    received += static_cast<int>(msgs.size());
    return rocketmq::CONSUME_SUCCESS;
  });

  rocketmq::DefaultMQProducer producer("DelayLatenessProducer");
  producer.setNamesrvAddr(namesrv);
  producer.start();
  {
    // Create the topic and its route before the consumer subscribes to it.
    rocketmq::MQMessage warm(topic, "warm", std::string(8, 'w'));
    producer.send(warm);
  }
  consumer.start();
  std::this_thread::sleep_for(std::chrono::seconds(3));  // rebalance; the warm-up message is skipped (LAST_OFFSET)
  received = 0;
  {
    std::lock_guard lock(lateness.mutex);
    lateness.stored_ms.clear();
    lateness.received_ms.clear();
  }

  // All timer messages are due at the same whole second.
  const int64_t due_ms = (NowMillis() / 1000 + lead_sec) * 1000;
  const std::string body(static_cast<size_t>(body_size), 'x');
  std::atomic<int> next{0};
  std::atomic<int> failed{0};
  const int64_t send_start = NowMillis();
  std::vector<std::thread> senders;
  for (int t = 0; t < threads; ++t) {
    senders.emplace_back([&] {
      for (int i = next++; i < count; i = next++) {
        rocketmq::MQMessage msg(topic, "delay", body);
        if (level > 0) {
          msg.setDelayTimeLevel(level);
        } else {
          msg.setDeliverTimeMs(due_ms);
        }
        try {
          producer.send(msg);
        } catch (const std::exception& e) {
          if (failed++ < 5) std::fprintf(stderr, "send failed: %s\n", e.what());
        }
      }
    });
  }
  for (auto& s : senders) s.join();
  const int64_t send_end = NowMillis();
  std::printf("sent %d message(s) in %lld ms (%d failed); due at +%lld ms after the last send\n", count - failed.load(),
              static_cast<long long>(send_end - send_start), failed.load(),
              static_cast<long long>(level > 0 ? level_ms : due_ms - send_end));
  if (level == 0 && send_end > due_ms) std::printf("WARNING: sending ended after the due time; raise --lead\n");

  const int expected = count - failed.load();
  const int64_t deadline = std::max(due_ms, send_end + level_ms) + 300000;
  while (received < expected && NowMillis() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::printf("received %d of %d\n", received.load(), expected);
  consumer.shutdown();
  producer.shutdown();
  std::lock_guard lock(lateness.mutex);
  Report("lateness at broker store", lateness.stored_ms);
  Report("lateness at consumer", lateness.received_ms);
  return 0;
}
