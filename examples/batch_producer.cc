// Sends messages in batches (one topic, split automatically when over maxMessageSize).
#include <iostream>
#include <vector>

#include "example_args.h"
#include "rocketmq/DefaultMQProducer.h"

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleBatchProducer");
  rocketmq::DefaultMQProducer producer(args.group);
  if (!args.namesrv.empty()) producer.setNamesrvAddr(args.namesrv);
  try {
    producer.start();
    std::vector<rocketmq::MQMessage> batch;
    for (int i = 0; i < args.count; ++i) batch.emplace_back(args.topic, args.tags, std::string(args.body_size, 'd'));
    rocketmq::SendResult result = producer.send(batch);
    std::cout << result.toString() << std::endl;
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  producer.shutdown();
  return 0;
}
