// filter_bench: pull-side filtering throughput of the broker's read path — a queue of N stored
// messages read from offset 0 to its end in pulls of 32, as PullMessageProcessor reads it: with
// no filter, with a tag filter (hash of the ConsumeQueue entry, no CommitLog read) and with SQL92
// selectors of similar selectivity (each record's properties section evaluated in place).
// Reports entries scanned and messages delivered per second. No network: the figure is the
// broker's filtering cost, not a round trip. Prints a report; never fails on timing.
// Usage: filter_bench [--messages N] [--dir DIR] [--rounds R]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "broker/sql_parser.h"
#include "broker/sql_pull_filter.h"
#include "common/java_string_hash.h"
#include "common/message_properties.h"
#include "store/message_store.h"

namespace {

using Clock = std::chrono::steady_clock;
using rmq::store::GetMessageResult;
using rmq::store::MessageStore;

constexpr int32_t kPullBatch = 32;

struct Figure {
  double seconds = 0;
  int64_t scanned = 0;
  int64_t delivered = 0;
  int64_t pulls = 0;
};

// Reads the whole queue once, the way consecutive pulls of one consumer do.
template <typename Pull>
Figure ReadQueue(int64_t max_offset, Pull&& pull) {
  Figure f;
  auto start = Clock::now();
  int64_t offset = 0;
  while (offset < max_offset) {
    GetMessageResult r = pull(offset);
    ++f.pulls;
    f.delivered += static_cast<int64_t>(r.messages.size());
    if (r.next_begin_offset <= offset) break;
    f.scanned += r.next_begin_offset - offset;
    offset = r.next_begin_offset;
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return f;
}

template <typename Pull>
void Report(const char* name, int rounds, int64_t max_offset, Pull&& pull) {
  Figure best;
  for (int i = 0; i < rounds; ++i) {
    Figure f = ReadQueue(max_offset, pull);
    if (best.seconds == 0 || f.seconds < best.seconds) best = f;
  }
  std::printf("%-52s %11.0f scanned/s %11.0f delivered/s  (%lld of %lld delivered, %lld pulls)\n", name,
              best.scanned / best.seconds, best.delivered / best.seconds, static_cast<long long>(best.delivered),
              static_cast<long long>(best.scanned), static_cast<long long>(best.pulls));
}

}  // namespace

int main(int argc, char** argv) {
  int64_t messages = 200000;
  int rounds = 3;
  std::string dir = std::filesystem::temp_directory_path().string() + "/filter_bench." + std::to_string(getpid());
  CLI::App app{"filter_bench: pull-side scan throughput with tag and SQL92 filters over a local store",
               "filter_bench"};
  app.add_option("--messages", messages, "messages stored before the scans")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}));
  app.add_option("--dir", dir, "scratch store directory (removed at the end)");
  app.add_option("--rounds", rounds, "rounds per filter (the best is reported)")->check(CLI::Range(1, 1000));
  CLI11_PARSE(app, argc, argv);
  std::filesystem::remove_all(dir);
  {
    rmq::store::StoreConfig config;
    config.store_path_root_dir = dir;
    config.mapped_file_size_commit_log = 256ll * 1024 * 1024;
    config.clean_resource_interval = 3600 * 1000;
    MessageStore store(config);
    if (!store.Load().ok() || !store.Start().ok()) {
      std::fprintf(stderr, "cannot start a store in %s\n", dir.c_str());
      return 1;
    }
    // 256-byte bodies; ten tags and a = 0..9 in step, so "TAGS = Tag3" style filters and
    // "a = 3" select the same 10 %; b alternates x/y. The properties look like a real send's.
    for (int64_t i = 0; i < messages; ++i) {
      rmq::MessageExt m;
      m.topic = "FilterBench";
      m.queue_id = 0;
      m.body.assign(256, 'b');
      m.born_timestamp = 1700000000000 + i;
      m.born_host = rmq::HostAddress::V4(127, 0, 0, 1, 40000);
      const std::string n = std::to_string(i % 10);
      m.properties = rmq::EncodeProperties({{"KEYS", "key" + std::to_string(i)},
                                            {"TAGS", "Tag" + n},
                                            {"UNIQ_KEY", "7F0000010000" + std::to_string(1000000000 + i)},
                                            {"WAIT", "true"},
                                            {"a", n},
                                            {"b", i % 2 == 0 ? "x" : "y"},
                                            {"region", "eu-west-1"}});
      if (!store.PutMessage(m).ok()) {
        std::fprintf(stderr, "append %lld failed\n", static_cast<long long>(i));
        return 1;
      }
    }
    auto deadline = Clock::now() + std::chrono::seconds(120);
    while (store.GetMaxOffsetInQueue("FilterBench", 0) < messages && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const int64_t max_offset = store.GetMaxOffsetInQueue("FilterBench", 0);
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) < 0) load[0] = -1;
    std::printf("filter_bench: %lld messages of 256 B in one queue, pulls of %d, best of %d rounds, "
                "load average %.2f %.2f %.2f\n",
                static_cast<long long>(max_offset), kPullBatch, rounds, load[0], load[1], load[2]);

    Report("no filter (*)", rounds, max_offset, [&](int64_t offset) {
      return store.GetMessage("G", "FilterBench", 0, offset, kPullBatch);
    });
    rmq::store::TagHashFilter one_tag;
    one_tag.codes.insert(rmq::JavaStringHashCode("Tag3"));
    Report("TAG  Tag3                              (10 %)", rounds, max_offset, [&](int64_t offset) {
      return store.GetMessage("G", "FilterBench", 0, offset, kPullBatch, &one_tag);
    });
    rmq::store::TagHashFilter three_tags;
    for (const char* t : {"Tag3", "Tag4", "Tag5"}) three_tags.codes.insert(rmq::JavaStringHashCode(t));
    Report("TAG  Tag3 || Tag4 || Tag5              (30 %)", rounds, max_offset, [&](int64_t offset) {
      return store.GetMessage("G", "FilterBench", 0, offset, kPullBatch, &three_tags);
    });
    const std::pair<const char*, const char*> selectors[] = {
        {"SQL  a = 3                             (10 %)", "a = 3"},
        {"SQL  TAGS = 'Tag3'                     (10 %)", "TAGS = 'Tag3'"},
        {"SQL  a BETWEEN 3 AND 5                 (30 %)", "a BETWEEN 3 AND 5"},
        {"SQL  a BETWEEN 3 AND 5 AND b = 'x'     (10 %)", "a BETWEEN 3 AND 5 AND b = 'x'"},
        {"SQL  region IN ('us', 'eu-west-1')    (100 %)", "region IN ('us', 'eu-west-1')"},
    };
    for (const auto& [name, sql] : selectors) {
      auto compiled = rmq::broker::sql::CompileSql(sql);
      if (!compiled.ok()) {
        std::fprintf(stderr, "%s: %s\n", sql, compiled.status().message().c_str());
        return 1;
      }
      const rmq::broker::sql::Expression& expression = **compiled;
      Report(name, rounds, max_offset, [&](int64_t offset) {
        return rmq::broker::GetMessageBySql(store, "G", "FilterBench", 0, offset, kPullBatch, expression);
      });
    }
    store.Shutdown();
  }
  std::filesystem::remove_all(dir);
  return 0;
}
