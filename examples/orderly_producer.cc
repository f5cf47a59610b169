// Ordered messages: every message of one order id goes to the same queue, chosen by a selector.
#include <iostream>

#include "example_args.h"
#include "rocketmq/DefaultMQProducer.h"

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleOrderlyProducer");
  rocketmq::DefaultMQProducer producer(args.group);
  if (!args.namesrv.empty()) producer.setNamesrvAddr(args.namesrv);
  rocketmq::SelectMessageQueueByHash by_hash;
  try {
    producer.start();
    for (int i = 0; i < args.count; ++i) {
      int order_id = i % 5;
      rocketmq::MQMessage msg(args.topic, args.tags, "order-" + std::to_string(order_id),
                              "order " + std::to_string(order_id) + " step " + std::to_string(i / 5));
      rocketmq::SendResult result = producer.send(msg, &by_hash, &order_id);
      std::cout << "order " << order_id << " -> queue " << result.getMessageQueue().getQueueId() << std::endl;
    }
    // The same with a lambda selector.
    rocketmq::MQMessage msg(args.topic, args.tags, "lambda");
    producer.send(msg, [](const std::vector<rocketmq::MQMessageQueue>& mqs, const rocketmq::MQMessage&) {
      return mqs.front();
    });
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  producer.shutdown();
  return 0;
}
