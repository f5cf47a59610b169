// A concurrently push consumer: prints messages until it has seen -c of them.
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "example_args.h"
#include "rocketmq/DefaultMQPushConsumer.h"

class PrintListener : public rocketmq::MessageListenerConcurrently {
 public:
  explicit PrintListener(std::atomic<int>& seen) : seen_(seen) {}
  rocketmq::ConsumeStatus consumeMessage(const std::vector<rocketmq::MQMessageExt>& msgs) override {
    for (const auto& msg : msgs) {
      std::cout << msg.getMsgId() << " " << msg.getTopic() << " " << msg.getTags() << " " << msg.getBody().size()
                << " bytes" << std::endl;
      ++seen_;
    }
    return rocketmq::CONSUME_SUCCESS;
  }

 private:
  std::atomic<int>& seen_;
};

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExamplePushConsumer");
  std::atomic<int> seen{0};
  PrintListener listener(seen);
  rocketmq::DefaultMQPushConsumer consumer(args.group);
  if (!args.namesrv.empty()) consumer.setNamesrvAddr(args.namesrv);
  consumer.setConsumeFromWhere(rocketmq::CONSUME_FROM_FIRST_OFFSET);
  consumer.subscribe(args.topic, "*");
  consumer.registerMessageListener(&listener);
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
  std::cout << "consumed " << seen << " messages" << std::endl;
  return seen >= args.count ? 0 : 1;
}
