// The classic pull consumer: the caller walks each queue's offsets and stores its progress.
#include <iostream>

#include "example_args.h"
#include "rocketmq/DefaultMQPullConsumer.h"

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExamplePullConsumer");
  rocketmq::DefaultMQPullConsumer consumer(args.group);
  if (!args.namesrv.empty()) consumer.setNamesrvAddr(args.namesrv);
  consumer.setRegisterTopics({args.topic});
  try {
    consumer.start();
    std::vector<rocketmq::MQMessageQueue> queues;
    consumer.fetchSubscribeMessageQueues(args.topic, queues);
    for (const auto& mq : queues) {
      int64_t offset = consumer.fetchConsumeOffset(mq, true);
      if (offset < 0) offset = 0;
      rocketmq::PullResult result = consumer.pull(mq, "*", offset, 32);
      std::cout << mq.toString() << ": " << result.toString() << std::endl;
      if (result.pullStatus == rocketmq::FOUND) consumer.updateConsumeOffset(mq, result.nextBeginOffset);
    }
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  consumer.shutdown();
  return 0;
}
