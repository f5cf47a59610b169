// Connection: one TCP connection of the remoting protocol, the same class on the server and the
// client side. One reader and one writer coroutine run on the connection's strand; the reader
// decodes frames, spawns one handler coroutine per request (so requests are answered out of
// order; a request whose processor never suspends is run by the reader itself) and completes
// pending invocations by opaque; the writer drains an outbox with
// scatter-gather writes. Frames queued while the writer is idle are written by the code that
// queued them (the reader, after answering everything it had buffered) without waking the writer,
// which only finishes what the socket did not take at once. A watchdog timer fails invocations
// whose deadline passed and closes the connection when it sat idle. Owned by shared_ptr: its
// coroutines keep it alive until it is closed. All public methods are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "remoting/asio.h"
#include "remoting/frame_codec.h"
#include "remoting/remoting_command.h"
#include "remoting/request_processor.h"

namespace rmq::remoting {

// Request code -> processor. Built before a server or client starts, then only read.
using ProcessorTable = std::unordered_map<int32_t, RequestProcessor*>;

// Receives the response to an invocation, or kTimeout / kUnavailable. Runs on the
// connection's strand (an io thread); it must not block.
using ResponseCallback = std::function<void(Result<RemotingCommand>)>;

struct ConnectionOptions {
  // Largest frame accepted, length prefix included; a bigger one closes the connection.
  size_t max_frame_size = kDefaultMaxFrameSize;
  // No traffic in either direction for this long closes the connection; 0 = never.
  std::chrono::milliseconds idle_timeout{0};
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Strand = asio::strand<asio::io_context::executor_type>;
  using Clock = std::chrono::steady_clock;

  // `socket` must be connected and bound to `strand`. `processors` serves requests the peer
  // sends; the processors themselves must outlive the connection.
  static std::shared_ptr<Connection> Create(asio::ip::tcp::socket socket, Strand strand,
                                            std::shared_ptr<const ProcessorTable> processors,
                                            ConnectionOptions options);
  ~Connection();

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Starts the reader, writer and watchdog. Call once.
  void Start();

  // Queues a frame (request, response or oneway) for writing. Dropped when the connection is
  // closed. The command's body and segment owners live until the write completes.
  void Send(RemotingCommand&& command);
  // Marks `request` oneway and sends it; no response will come.
  void SendOneway(RemotingCommand request);

  // Sends `request` and calls `callback` once, with the response carrying its opaque, or with
  // kTimeout after `timeout`, or kUnavailable when the connection closes first.
  // `request` by rvalue reference: a command is a few hundred bytes, moved once into the inbox.
  void InvokeAsync(RemotingCommand&& request, std::chrono::milliseconds timeout, ResponseCallback callback);
  // Coroutine form of InvokeAsync; resumes on the awaiting coroutine's executor.
  asio::awaitable<Result<RemotingCommand>> Invoke(RemotingCommand request, std::chrono::milliseconds timeout);

  // Closes the socket, stops the coroutines and fails pending invocations with kUnavailable.
  // Idempotent; asynchronous when called off the strand.
  void Close();

  bool is_open() const { return !closed_flag_.load(std::memory_order_acquire); }
  // "ip:port" of the peer.
  const std::string& remote_address() const { return remote_address_; }

 private:
  struct Pending {
    ResponseCallback callback;
    Clock::time_point deadline;
    std::chrono::milliseconds timeout{0};
    int32_t code = 0;
  };

  // A Send or InvokeAsync made off the strand, waiting in inbox_ (`callback` empty for a Send).
  struct Posted {
    RemotingCommand command;
    ResponseCallback callback;
    Clock::time_point deadline;
    std::chrono::milliseconds timeout{0};
  };

  Connection(asio::ip::tcp::socket socket, Strand strand, std::shared_ptr<const ProcessorTable> processors,
             ConnectionOptions options);

  // Queues a Send/InvokeAsync made off the strand; posts DrainInbox when the inbox was empty.
  void Post(RemotingCommand&& command, ResponseCallback&& callback, Clock::time_point deadline,
            std::chrono::milliseconds timeout);
  // The *OnStrand methods run on strand_ only.
  // Hands everything in inbox_ to InvokeOnStrand / SendOnStrand, in the order it was queued.
  void DrainInbox();
  void SendOnStrand(RemotingCommand&& command);
  // Writes `command` at once when the writer is idle and nothing else is about to be sent, which
  // saves two trips through the scheduler per frame. A frame the socket does not take whole
  // goes to the writer with write_offset_ set. False when the caller should queue the frame.
  bool TryWriteThrough(RemotingCommand& command);
  // Hands what the outbox holds to the socket while the writer is parked: written at once
  // (one gathered sendmsg from the calling code, no trip through the scheduler to wake the writer)
  // when no spawned handler or posted send is about to add a frame, else the writer is woken.
  void KickWriter();
  // Writes the whole outbox with one non-blocking gathered write; frames the socket does not
  // take whole stay in outbox_ (write_offset_ set) and false is returned for the writer to finish.
  bool WriteOutboxThrough();
  // Fills write_buffers_ with the frames of `commands` (heads encoded into write_heads_),
  // skipping the first `skip` bytes.
  void BuildWriteBuffers(const std::vector<RemotingCommand>& commands, size_t skip);
  void InvokeOnStrand(RemotingCommand&& request, Clock::time_point deadline, std::chrono::milliseconds timeout,
                      ResponseCallback&& callback);
  // A pending_ entry for `opaque`, from spare_pending_ when one is there (no allocation).
  void AddPending(int32_t opaque, Pending entry);
  // Removes `it` from pending_, keeping its node for reuse; returns the entry.
  Pending TakePending(std::unordered_map<int32_t, Pending>::iterator it);
  void CloseOnStrand();
  // The processor of a request that completes without suspending (RequestProcessor::
  // CompletesInline), which the reader runs itself; null for anything else.
  RequestProcessor* InlineProcessor(const RemotingCommand& command) const;
  // The decoded frame (REQUIRES: ok()) by rvalue reference, as the reader decoded it: a response
  // reaches its callback as this very Result, moved once, and a request its handler.
  void DispatchFrame(Result<RemotingCommand>&& frame);
  void CompleteResponse(Result<RemotingCommand>&& frame);

  // Each coroutine holds the connection alive through its `keep_alive` argument.
  asio::awaitable<void> ReadLoop(std::shared_ptr<Connection> keep_alive);
  asio::awaitable<void> WriteLoop(std::shared_ptr<Connection> keep_alive);
  asio::awaitable<void> WatchdogLoop(std::shared_ptr<Connection> keep_alive);
  // `send_header`: the send header decoded by DecodeSendRequest, for the processor.
  asio::awaitable<void> HandleRequest(std::shared_ptr<Connection> self, RequestProcessor* processor,
                                      RemotingCommand request,
                                      Result<SendMessageRequestHeader>* send_header = nullptr);
  // Decodes a JSON send request in one pass, its header straight into `*send_header`, when its
  // processor takes that (RequestProcessor::TakesSendHeader) and runs inline; false otherwise,
  // and the frame takes the general decoder.
  bool DecodeSendRequest(SerializeType type, std::string_view header, RemotingCommand* command,
                         std::optional<Result<SendMessageRequestHeader>>* send_header) const;
  // Reads until at least `need` unread bytes are buffered; false on EOF or error.
  asio::awaitable<bool> Fill(size_t need);

  asio::ip::tcp::socket socket_;
  Strand strand_;
  const std::shared_ptr<const ProcessorTable> processors_;
  // Whether any processor takes send headers decoded here: when none does, frames skip the check.
  const bool takes_send_headers_;
  const ConnectionOptions options_;
  std::string remote_address_;
  std::atomic<bool> closed_flag_{false};

  // Everything below is touched on strand_ only.
  bool closed_ = false;
  Clock::time_point last_activity_;

  // Read buffer: bytes [read_begin_, read_end_) are received but not yet decoded. Starts small
  // and doubles (to a bound) when a read fills it, so a busy connection takes a whole burst of
  // pipelined requests in one recv.
  std::vector<char> read_buffer_;
  size_t read_begin_ = 0;
  size_t read_end_ = 0;

  // Frames waiting for the writer, and the batch being written (its buffers point into
  // write_heads_ and into the commands' bodies).
  std::vector<RemotingCommand> outbox_;
  std::vector<RemotingCommand> writing_;
  std::string write_heads_;
  std::vector<size_t> write_head_ends_;
  std::vector<asio::const_buffer> write_buffers_;
  bool writer_parked_ = false;
  // Bytes of outbox_.front() already written by TryWriteThrough.
  size_t write_offset_ = 0;
  // Write-through is skipped while more frames are buffered or spawned handlers have not
  // started yet: their frames are likely to follow, and one gathered write serves them all.
  // While frames are buffered the writer is not woken either: the reader itself writes the
  // outbox (KickWriter) before it waits for the socket again.
  bool frames_buffered_ = false;
  int handlers_queued_ = 0;
  // Send/InvokeAsync calls from other threads not yet handed on by DrainInbox: while some are
  // queued, write-through is skipped too, so a burst from a producer thread goes out in one
  // gathered write rather than one sendmsg per frame.
  std::atomic<int> posted_sends_{0};
  // Sends and invocations from other threads. One posted DrainInbox takes all queued so far,
  // so a burst costs one trip through the scheduler (and no handler allocation per frame) and
  // each command is moved once in and once out; the two vectors trade places, keeping their
  // capacity.
  std::mutex inbox_mutex_;
  std::vector<Posted> inbox_;     // Guarded by inbox_mutex_.
  std::vector<Posted> draining_;  // strand only
  asio::steady_timer writer_wakeup_;

  std::unordered_map<int32_t, Pending> pending_;
  // Nodes of answered requests, reused by the next ones: an invocation allocates no map node
  // once the connection has seen as many requests in flight as now.
  std::vector<std::unordered_map<int32_t, Pending>::node_type> spare_pending_;
  asio::steady_timer watchdog_;
  Clock::time_point watchdog_expiry_ = Clock::time_point::max();
};

// Adapts a callback-style invocation to a coroutine: `start(ResponseCallback)` must call the
// callback exactly once; the awaiting coroutine resumes on its own executor.
template <typename Start>
asio::awaitable<Result<RemotingCommand>> AwaitResponse(Start start) {
  auto initiation = [start = std::move(start)](auto handler) mutable {
    // ResponseCallback must be copyable and the coroutine's handler is move-only.
    auto shared = std::make_shared<decltype(handler)>(std::move(handler));
    start([shared](Result<RemotingCommand> result) {
      auto executor = asio::get_associated_executor(*shared);
      asio::dispatch(executor, [shared, result = std::move(result)]() mutable { (*shared)(std::move(result)); });
    });
  };
  Result<RemotingCommand> result =
      co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(Result<RemotingCommand>)>(
          std::move(initiation), asio::use_awaitable);
  co_return result;
}

}  // namespace rmq::remoting
