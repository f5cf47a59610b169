// Builds against the installed headers only, with rocketmq-client-cpp style includes, and checks
// the library answers: the version, and the clear error when no name server is configured.
#include <cstdlib>
#include <iostream>

#include "DefaultMQProducer.h"
#include "DefaultMQPushConsumer.h"
#include "rocketmq/DefaultLitePullConsumer.h"

int main() {
  unsetenv("NAMESRV_ADDR");
  rocketmq::DefaultMQProducer producer("InstallCheckProducer");
  rocketmq::DefaultMQPushConsumer consumer("InstallCheckConsumer");
  consumer.subscribe("TopicTest", "*");
  consumer.registerMessageListener(
      [](const std::vector<rocketmq::MQMessageExt>&) { return rocketmq::CONSUME_SUCCESS; });
  std::cout << producer.version() << std::endl;
  try {
    producer.start();
  } catch (const rocketmq::MQClientException& e) {
    std::cout << "start without name server: " << e.what() << std::endl;
    return 0;
  }
  std::cerr << "start() without a name server did not throw" << std::endl;
  return 1;
}
