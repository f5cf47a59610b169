// KVConfigProcessor: PUT_KV_CONFIG (100), GET_KV_CONFIG (101), DELETE_KV_CONFIG (102) and
// GET_KVLIST_BY_NAMESPACE (219) (DefaultRequestProcessor.java). Changes are persisted (fsync)
// on `blocking_pool`, never on an I/O thread. The manager and the pool must outlive it.
// Thread-safe.
#pragma once

#include <functional>
#include <optional>

#include "namesrv/kv_config_manager.h"
#include "remoting/request_processor.h"

namespace rmq::namesrv {

class KVConfigProcessor : public remoting::RequestProcessor {
 public:
  KVConfigProcessor(KVConfigManager& kv_config, asio::thread_pool& blocking_pool)
      : kv_config_(kv_config), blocking_pool_(blocking_pool) {}

  asio::awaitable<std::optional<remoting::RemotingCommand>> Process(remoting::RequestContext& context,
                                                                    remoting::RemotingCommand request) override;

 private:
  // Runs `work` on the blocking pool; the awaiting coroutine resumes on its own executor.
  asio::awaitable<Status> RunBlocking(std::function<Status()> work);
  asio::awaitable<remoting::RemotingCommand> PutKVConfig(remoting::RemotingCommand request);
  asio::awaitable<remoting::RemotingCommand> DeleteKVConfig(remoting::RemotingCommand request);
  remoting::RemotingCommand GetKVConfig(const remoting::RemotingCommand& request);
  remoting::RemotingCommand GetKVListByNamespace(const remoting::RemotingCommand& request);

  KVConfigManager& kv_config_;
  asio::thread_pool& blocking_pool_;
};

}  // namespace rmq::namesrv
