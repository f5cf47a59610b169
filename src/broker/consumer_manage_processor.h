// ConsumerManageProcessor: the consumer-offset family — GET_CONSUMER_LIST_BY_GROUP (38),
// QUERY_CONSUMER_OFFSET (14) and UPDATE_CONSUMER_OFFSET (15) (ConsumerManageProcessor.java).
// Owned by BrokerServer; the references must outlive it.
#pragma once

#include <optional>

#include "broker/consumer_manager.h"
#include "broker/consumer_offset_manager.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class ConsumerManageProcessor : public remoting::RequestProcessor {
 public:
  ConsumerManageProcessor(const ConsumerManager& consumers, ConsumerOffsetManager& offsets,
                          const store::MessageStore& store);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  remoting::RemotingCommand GetConsumerListByGroup(const remoting::RemotingCommand& request);
  remoting::RemotingCommand QueryConsumerOffset(const remoting::RemotingCommand& request);
  remoting::RemotingCommand UpdateConsumerOffset(const remoting::RemotingCommand& request);

  const ConsumerManager& consumers_;
  ConsumerOffsetManager& offsets_;
  const store::MessageStore& store_;
};

}  // namespace rmq::broker
