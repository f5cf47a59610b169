// A lite pull consumer: assign every queue of the topic, replay from the beginning, poll.
#include <iostream>

#include "example_args.h"
#include "rocketmq/DefaultLitePullConsumer.h"

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleLitePullConsumer");
  rocketmq::DefaultLitePullConsumer consumer(args.group);
  if (!args.namesrv.empty()) consumer.setNamesrvAddr(args.namesrv);
  int seen = 0;
  try {
    consumer.start();
    auto queues = consumer.fetchMessageQueues(args.topic);
    consumer.assign(queues);
    for (const auto& mq : queues) consumer.seekToBegin(mq);
    for (int round = 0; round < 20 && seen < args.count; ++round) {
      for (const auto& msg : consumer.poll(1000)) {
        std::cout << msg.getQueueId() << "@" << msg.getQueueOffset() << " " << msg.getMsgId() << std::endl;
        ++seen;
      }
    }
    consumer.commitSync();
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  consumer.shutdown();
  std::cout << "polled " << seen << " messages" << std::endl;
  return 0;
}
