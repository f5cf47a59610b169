// An orderly push consumer: each queue is consumed by one thread at a time, in queue order,
// under a broker lock; a failed message pauses its queue and is retried in place.
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "example_args.h"
#include "rocketmq/DefaultMQPushConsumer.h"

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleOrderlyConsumer");
  std::atomic<int> seen{0};
  rocketmq::DefaultMQPushConsumer consumer(args.group);
  if (!args.namesrv.empty()) consumer.setNamesrvAddr(args.namesrv);
  consumer.setConsumeFromWhere(rocketmq::CONSUME_FROM_FIRST_OFFSET);
  consumer.subscribe(args.topic, args.tags == "*" ? "*" : args.tags);
  consumer.registerMessageListener(
      [&](const std::vector<rocketmq::MQMessageExt>& msgs) {
        for (const auto& msg : msgs) {
          std::cout << "queue " << msg.getQueueId() << " offset " << msg.getQueueOffset() << ": " << msg.getBody()
                    << std::endl;
          ++seen;
        }
        return rocketmq::CONSUME_SUCCESS;
      },
      /*orderly=*/true);
  try {
    consumer.start();
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (seen < args.count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  consumer.shutdown();
  return seen >= args.count ? 0 : 1;
}
