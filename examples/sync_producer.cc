// Sends messages one by one and waits for each answer.
#include <iostream>

#include "example_args.h"
#include "rocketmq/DefaultMQProducer.h"

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleSyncProducer");
  rocketmq::DefaultMQProducer producer(args.group);
  if (!args.namesrv.empty()) producer.setNamesrvAddr(args.namesrv);
  try {
    producer.start();
    for (int i = 0; i < args.count; ++i) {
      rocketmq::MQMessage msg(args.topic, args.tags, "key" + std::to_string(i), std::string(args.body_size, 'a'));
      rocketmq::SendResult result = producer.send(msg);
      std::cout << result.toString() << std::endl;
    }
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  producer.shutdown();
  return 0;
}
