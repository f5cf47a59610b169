// Fire and forget: no answer, no retry (logs, metrics).
#include <iostream>

#include "example_args.h"
#include "rocketmq/DefaultMQProducer.h"

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleOnewayProducer");
  rocketmq::DefaultMQProducer producer(args.group);
  if (!args.namesrv.empty()) producer.setNamesrvAddr(args.namesrv);
  try {
    producer.start();
    for (int i = 0; i < args.count; ++i) {
      rocketmq::MQMessage msg(args.topic, args.tags, std::string(args.body_size, 'c'));
      producer.sendOneway(msg);
    }
    std::cout << "sent " << args.count << " oneway messages" << std::endl;
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  producer.shutdown();
  return 0;
}
