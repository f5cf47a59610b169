// Sends without waiting: a SendCallback, a lambda and a std::future, then waits for all.
#include <atomic>
#include <future>
#include <iostream>
#include <thread>
#include <vector>

#include "example_args.h"
#include "rocketmq/DefaultMQProducer.h"

class PrintCallback : public rocketmq::AutoDeleteSendCallback {
 public:
  explicit PrintCallback(std::atomic<int>& done) : done_(done) {}
  void onSuccess(rocketmq::SendResult& result) override {
    std::cout << "callback: " << result.getMsgId() << std::endl;
    ++done_;
  }
  void onException(rocketmq::MQException& e) noexcept override {
    std::cerr << "callback failed: " << e.what() << std::endl;
    ++done_;
  }

 private:
  std::atomic<int>& done_;
};

int main(int argc, char** argv) {
  ExampleArgs args = ExampleArgs::Parse(argc, argv, "ExampleAsyncProducer");
  rocketmq::DefaultMQProducer producer(args.group);
  if (!args.namesrv.empty()) producer.setNamesrvAddr(args.namesrv);
  try {
    producer.start();
    std::atomic<int> done{0};
    std::vector<std::future<rocketmq::SendResult>> futures;
    for (int i = 0; i < args.count; ++i) {
      rocketmq::MQMessage msg(args.topic, args.tags, std::string(args.body_size, 'b'));
      switch (i % 3) {
        case 0:
          producer.send(msg, new PrintCallback(done));
          break;
        case 1:
          producer.send(
              msg, [&](rocketmq::SendResult& r) { std::cout << "lambda: " << r.getMsgId() << std::endl, ++done; },
              [&](rocketmq::MQException& e) { std::cerr << "lambda failed: " << e.what() << std::endl, ++done; });
          break;
        default:
          futures.push_back(producer.sendAsync(msg));
      }
    }
    for (auto& f : futures) std::cout << "future: " << f.get().getMsgId() << std::endl;
    while (done < args.count - static_cast<int>(futures.size())) std::this_thread::yield();
  } catch (const rocketmq::MQException& e) {
    std::cerr << e.what() << std::endl;
    return 1;
  }
  producer.shutdown();
  return 0;
}
