// QueryMessageProcessor: QUERY_MESSAGE (12, by key or by unique key) and VIEW_MESSAGE_BY_ID
// (33, by CommitLog offset) (QueryMessageProcessor.java). Bodies are stored records sent as
// segments over the mapped files. Owned by BrokerServer; the store must outlive it.
#pragma once

#include <optional>

#include "broker/broker_config.h"
#include "remoting/request_processor.h"
#include "store/message_store.h"

namespace rmq::broker {

class QueryMessageProcessor : public remoting::RequestProcessor {
 public:
  QueryMessageProcessor(const store::MessageStore& store, const BrokerConfig& config);

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  remoting::RemotingCommand QueryMessage(const remoting::RemotingCommand& request);
  remoting::RemotingCommand ViewMessageById(const remoting::RemotingCommand& request);

  const store::MessageStore& store_;
  const BrokerConfig& config_;
};

}  // namespace rmq::broker
