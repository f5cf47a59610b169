// Transactional messages: the half message is committed when the local transaction succeeds,
// rolled back when it fails, and left to the broker's check-back when the outcome is unknown.
#include <iostream>
#include <thread>

#include "example_args.h"
#include "rocketmq/TransactionMQProducer.h"

class OrderTransactions : public rocketmq::TransactionListener {
 public:
  rocketmq::LocalTransactionState executeLocalTransaction(const rocketmq::MQMessage& msg, void* arg) override {
    int i = *static_cast<int*>(arg);
    std::cout << "local transaction for " << msg.getUniqKey() << std::endl;
    return i % 3 == 0 ? rocketmq::COMMIT_MESSAGE : i % 3 == 1 ? rocketmq::ROLLBACK_MESSAGE : rocketmq::UNKNOWN;
  }
  rocketmq::LocalTransactionState checkLocalTransaction(const rocketmq::MQMessageExt& msg) override {
    std::cout << "broker asks about " << msg.getTransactionId() << "; committing" << std::endl;
    return rocketmq::COMMIT_MESSAGE;
  }
};

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleTransactionProducer");
  OrderTransactions listener;
  rocketmq::TransactionMQProducer producer(args.group);
  if (!args.namesrv.empty()) producer.setNamesrvAddr(args.namesrv);
  producer.setTransactionListener(&listener);
  try {
    producer.start();
    for (int i = 0; i < args.count; ++i) {
      rocketmq::MQMessage msg(args.topic, args.tags, "transaction " + std::to_string(i));
      rocketmq::TransactionSendResult result = producer.sendMessageInTransaction(msg, &i);
      std::cout << result.toString() << " state " << result.getLocalTransactionState() << std::endl;
    }
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  producer.shutdown();
  return 0;
}
