#include "remoting/connection.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include <spdlog/spdlog.h>

#include "common/logging.h"
#include "remoting/frame_codec.h"
#include "remoting/response_code.h"
#include "remoting/send_header_json.h"

namespace rmq::remoting {
namespace {

// Frames are parsed out of this buffer; a body beyond what it already holds is read straight
// into the command, so at most this much of a body is ever copied.
constexpr size_t kReadBufferSize = 8 * 1024;
// What the read buffer may grow to when reads keep filling it.
constexpr size_t kMaxReadBufferSize = 64 * 1024;
// Answers to buffered frames written together at most (see SendOnStrand).
constexpr size_t kFramesPerWrite = 16;

spdlog::logger& Logger() {
  static std::shared_ptr<spdlog::logger> logger = GetLogger("remoting");
  return *logger;
}

std::string FormatEndpoint(const asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "unknown";
  return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

bool IsRoutineClose(const boost::system::error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
         ec == asio::error::bad_descriptor || ec == asio::error::broken_pipe;
}

// Grows `s` to `n` bytes without writing the new ones, for a frame body filled at once from the
// read buffer and the socket: resize() zero-fills them first (a memset of every body, ~270
// instructions per consumed message on a client), and C++20 has no resize_and_overwrite (GCC
// 12's libstdc++ offers it only to C++23). libstdc++'s string sets its length through the
// private _M_set_length, reached the way explicit instantiation allows (as folly's
// resizeWithoutInitialization does); other libraries get resize().
#if defined(__GLIBCXX__) && _GLIBCXX_USE_CXX11_ABI
void SetLengthUnchecked(std::string* s, std::size_t n);
template <void (std::string::*SetLength)(std::string::size_type)>
struct SetLengthAccess {
  friend void SetLengthUnchecked(std::string* s, std::size_t n) { (s->*SetLength)(n); }
};
template struct SetLengthAccess<&std::string::_M_set_length>;

void ResizeUninitialized(std::string* s, size_t n) {
  if (n <= s->size()) {
    s->resize(n);
    return;
  }
  s->reserve(n);
  SetLengthUnchecked(s, n);
}
#else
void ResizeUninitialized(std::string* s, size_t n) { s->resize(n); }
#endif

}  // namespace

std::shared_ptr<Connection> Connection::Create(asio::ip::tcp::socket socket, Strand strand,
                                               std::shared_ptr<const ProcessorTable> processors,
                                               ConnectionOptions options) {
  return std::shared_ptr<Connection>(
      new Connection(std::move(socket), std::move(strand), std::move(processors), options));
}

Connection::Connection(asio::ip::tcp::socket socket, Strand strand, std::shared_ptr<const ProcessorTable> processors,
                       ConnectionOptions options)
    : socket_(std::move(socket)),
      strand_(std::move(strand)),
      processors_(std::move(processors)),
      takes_send_headers_(processors_ != nullptr &&
                          std::any_of(processors_->begin(), processors_->end(),
                                      [](const auto& entry) { return entry.second->TakesSendHeader(entry.first); })),
      options_(options),
      remote_address_(FormatEndpoint(socket_)),
      last_activity_(Clock::now()),
      read_buffer_(kReadBufferSize),
      writer_wakeup_(strand_),
      watchdog_(strand_) {
  boost::system::error_code ec;
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  // TryWriteThrough's write_some must return would_block rather than wait.
  socket_.non_blocking(true, ec);
}

Connection::~Connection() = default;

void Connection::Start() {
  auto self = shared_from_this();
  asio::dispatch(strand_, [self] {
    self->last_activity_ = Clock::now();
    asio::co_spawn(self->strand_, self->ReadLoop(self), asio::detached);
    asio::co_spawn(self->strand_, self->WriteLoop(self), asio::detached);
    asio::co_spawn(self->strand_, self->WatchdogLoop(self), asio::detached);
  });
}

void Connection::Send(RemotingCommand&& command) {
  if (strand_.running_in_this_thread()) {
    SendOnStrand(std::move(command));
    return;
  }
  Post(std::move(command), ResponseCallback(), Clock::time_point(), std::chrono::milliseconds(0));
}

void Connection::SendOneway(RemotingCommand request) {
  request.MarkOneway();
  Send(std::move(request));
}

void Connection::InvokeAsync(RemotingCommand&& request, std::chrono::milliseconds timeout,
                             ResponseCallback callback) {
  Clock::time_point deadline = Clock::now() + timeout;
  if (strand_.running_in_this_thread()) {
    InvokeOnStrand(std::move(request), deadline, timeout, std::move(callback));
    return;
  }
  Post(std::move(request), std::move(callback), deadline, timeout);
}

void Connection::Post(RemotingCommand&& command, ResponseCallback&& callback, Clock::time_point deadline,
                      std::chrono::milliseconds timeout) {
  posted_sends_.fetch_add(1, std::memory_order_relaxed);
  bool was_empty;
  {
    std::lock_guard lock(inbox_mutex_);
    was_empty = inbox_.empty();
    inbox_.emplace_back(std::move(command), std::move(callback), deadline, timeout);
  }
  if (was_empty) asio::post(strand_, [self = shared_from_this()] { self->DrainInbox(); });
}

void Connection::DrainInbox() {
  {
    std::lock_guard lock(inbox_mutex_);
    draining_.swap(inbox_);
  }
  for (Posted& posted : draining_) {
    // Counted down before the hand-on, so the last of a burst may write through as before.
    posted_sends_.fetch_sub(1, std::memory_order_relaxed);
    if (posted.callback) {
      InvokeOnStrand(std::move(posted.command), posted.deadline, posted.timeout, std::move(posted.callback));
    } else {
      SendOnStrand(std::move(posted.command));
    }
  }
  draining_.clear();
}

asio::awaitable<Result<RemotingCommand>> Connection::Invoke(RemotingCommand request,
                                                            std::chrono::milliseconds timeout) {
  // Named locals rather than temporaries inside the co_await expression: GCC 12 mishandles the
  // lifetime of such temporaries.
  auto start = [self = shared_from_this(), timeout, request = std::move(request)](ResponseCallback callback) mutable {
    self->InvokeAsync(std::move(request), timeout, std::move(callback));
  };
  Result<RemotingCommand> result = co_await AwaitResponse(std::move(start));
  co_return result;
}

void Connection::Close() {
  if (strand_.running_in_this_thread()) {
    CloseOnStrand();
    return;
  }
  asio::post(strand_, [self = shared_from_this()] { self->CloseOnStrand(); });
}

void Connection::SendOnStrand(RemotingCommand&& command) {
  if (closed_) {
    SPDLOG_LOGGER_TRACE(&Logger(), "dropping frame code {} opaque {} for closed connection to {}", command.code(),
                        command.opaque(), remote_address_);
    return;
  }
  if (writer_parked_ && outbox_.empty() && !frames_buffered_ && handlers_queued_ == 0 &&
      posted_sends_.load(std::memory_order_relaxed) == 0 && TryWriteThrough(command)) {
    return;
  }
  outbox_.push_back(std::move(command));
  // With more frames buffered the reader answers them first and writes all the answers when it
  // next waits for the socket (Fill): no writer wake-up, which cost two extra passes through the
  // scheduler (each an epoll_wait) per batch. At most kFramesPerWrite wait, so a peer with many
  // requests in flight gets the first answers while the rest are processed: both ends keep
  // working instead of taking turns with one train of 32 frames (measured: fewer syscalls per
  // frame, yet fewer sends/s on two cores).
  if (!frames_buffered_ || outbox_.size() >= kFramesPerWrite) KickWriter();
}

void Connection::KickWriter() {
  if (!writer_parked_ || outbox_.empty() || closed_) return;
  if (handlers_queued_ == 0 && posted_sends_.load(std::memory_order_relaxed) == 0 && WriteOutboxThrough()) return;
  writer_parked_ = false;
  writer_wakeup_.cancel();
}

bool Connection::WriteOutboxThrough() {
  BuildWriteBuffers(outbox_, 0);
  if (write_buffers_.size() > 64) return false;  // more than one sendmsg takes; let the writer do it
  const size_t total = asio::buffer_size(write_buffers_);
  boost::system::error_code ec;
  size_t written = socket_.write_some(write_buffers_, ec);
  if (ec == asio::error::would_block || ec == asio::error::try_again) {
    written = 0;
  } else if (ec) {
    if (!IsRoutineClose(ec)) Logger().debug("write to {} failed: {}", remote_address_, ec.message());
    CloseOnStrand();
    return true;
  }
  if (options_.idle_timeout.count() > 0) last_activity_ = Clock::now();
  if (written == total) {
    outbox_.clear();
    return true;
  }
  // The socket buffer is full: frames sent whole leave the outbox, the writer sends the rest.
  size_t done = 0;
  size_t head_begin = 0;
  for (; done < outbox_.size(); ++done) {
    const RemotingCommand& command = outbox_[done];
    size_t frame = write_head_ends_[done] - head_begin + command.body().size();
    for (const BodySegment& segment : command.body_segments()) frame += segment.size;
    head_begin = write_head_ends_[done];
    if (written < frame) break;
    written -= frame;
  }
  outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(done));
  write_offset_ = written;
  return false;
}

bool Connection::TryWriteThrough(RemotingCommand& command) {
  write_heads_.clear();
  write_head_ends_.clear();
  EncodeFrameHead(command, &write_heads_);
  write_head_ends_.push_back(write_heads_.size());
  write_buffers_.clear();
  write_buffers_.emplace_back(write_heads_.data(), write_heads_.size());
  if (!command.body().empty()) write_buffers_.emplace_back(command.body().data(), command.body().size());
  for (const BodySegment& segment : command.body_segments()) {
    if (segment.size > 0) write_buffers_.emplace_back(segment.data, segment.size);
  }
  if (write_buffers_.size() > 64) return false;  // more than one sendmsg takes; let the writer do it
  size_t total = asio::buffer_size(write_buffers_);
  boost::system::error_code ec;
  size_t written = socket_.write_some(write_buffers_, ec);
  if (ec == asio::error::would_block || ec == asio::error::try_again) {
    ec.clear();
    written = 0;
  }
  if (ec) {
    if (!IsRoutineClose(ec)) Logger().debug("write to {} failed: {}", remote_address_, ec.message());
    CloseOnStrand();
    return true;
  }
  if (options_.idle_timeout.count() > 0) last_activity_ = Clock::now();
  if (written == total) return true;
  // The socket buffer is full: the writer sends the rest, then anything queued behind it.
  write_offset_ = written;
  outbox_.push_back(std::move(command));
  writer_parked_ = false;
  writer_wakeup_.cancel();
  return true;
}

void Connection::BuildWriteBuffers(const std::vector<RemotingCommand>& commands, size_t skip) {
  write_heads_.clear();
  write_head_ends_.clear();
  for (const RemotingCommand& command : commands) {
    EncodeFrameHead(command, &write_heads_);
    write_head_ends_.push_back(write_heads_.size());
  }
  write_buffers_.clear();
  size_t head_begin = 0;
  for (size_t i = 0; i < commands.size(); ++i) {
    const RemotingCommand& command = commands[i];
    write_buffers_.emplace_back(write_heads_.data() + head_begin, write_head_ends_[i] - head_begin);
    head_begin = write_head_ends_[i];
    if (!command.body().empty()) write_buffers_.emplace_back(command.body().data(), command.body().size());
    for (const BodySegment& segment : command.body_segments()) {
      if (segment.size > 0) write_buffers_.emplace_back(segment.data, segment.size);
    }
  }
  size_t first = 0;
  while (skip > 0 && first < write_buffers_.size()) {
    if (write_buffers_[first].size() <= skip) {
      skip -= write_buffers_[first].size();
      ++first;
    } else {
      write_buffers_[first] += skip;
      skip = 0;
    }
  }
  write_buffers_.erase(write_buffers_.begin(), write_buffers_.begin() + static_cast<std::ptrdiff_t>(first));
}

void Connection::AddPending(int32_t opaque, Pending entry) {
  if (spare_pending_.empty()) {
    pending_.emplace(opaque, std::move(entry));
    return;
  }
  auto node = std::move(spare_pending_.back());
  spare_pending_.pop_back();
  node.key() = opaque;
  node.mapped() = std::move(entry);
  pending_.insert(std::move(node));
}

Connection::Pending Connection::TakePending(std::unordered_map<int32_t, Pending>::iterator it) {
  auto node = pending_.extract(it);
  Pending entry = std::move(node.mapped());
  // Bounded: a burst of many thousand requests does not pin their nodes for the connection's life.
  if (spare_pending_.size() < 1024) spare_pending_.push_back(std::move(node));
  return entry;
}

void Connection::InvokeOnStrand(RemotingCommand&& request, Clock::time_point deadline,
                                std::chrono::milliseconds timeout, ResponseCallback&& callback) {
  if (closed_) {
    callback(Unavailable("connection to " + remote_address_ + " is closed"));
    return;
  }
  int32_t opaque = request.opaque();
  if (pending_.count(opaque) != 0) {
    callback(InvalidArgument("a request with opaque " + std::to_string(opaque) + " is already in flight to " +
                             remote_address_));
    return;
  }
  AddPending(opaque, Pending{std::move(callback), deadline, timeout, request.code()});
  if (deadline < watchdog_expiry_) {
    // Cancels the watchdog's wait; it wakes and re-arms for the earliest deadline.
    watchdog_expiry_ = deadline;
    watchdog_.expires_at(deadline);
  }
  SendOnStrand(std::move(request));
}

void Connection::CloseOnStrand() {
  if (closed_) return;
  closed_ = true;
  closed_flag_.store(true, std::memory_order_release);
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  writer_wakeup_.cancel();
  watchdog_.cancel();
  // The batch in writing_ stays until its aborted write completes; queued frames go now.
  outbox_.clear();
  Logger().debug("connection to {} closed, failing {} pending requests", remote_address_, pending_.size());
  auto pending = std::move(pending_);
  pending_.clear();
  for (auto& [opaque, entry] : pending) {
    entry.callback(Unavailable("connection to " + remote_address_ + " closed before the response to request code " +
                               std::to_string(entry.code) + " (opaque " + std::to_string(opaque) + ")"));
  }
}

asio::awaitable<bool> Connection::Fill(size_t need) {
  if (read_begin_ == read_end_) {
    read_begin_ = read_end_ = 0;
  } else if (read_buffer_.size() - read_begin_ < need) {
    std::memmove(read_buffer_.data(), read_buffer_.data() + read_begin_, read_end_ - read_begin_);
    read_end_ -= read_begin_;
    read_begin_ = 0;
  }
  if (read_buffer_.size() - read_begin_ < need) read_buffer_.resize(read_begin_ + need);
  while (read_end_ - read_begin_ < need) {
    // The answers to the frames read so far leave before the reader waits.
    KickWriter();
    boost::system::error_code ec;
    const size_t space = read_buffer_.size() - read_end_;
    size_t n = co_await socket_.async_read_some(asio::buffer(read_buffer_.data() + read_end_, space),
                                                asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (!IsRoutineClose(ec)) Logger().debug("read from {} failed: {}", remote_address_, ec.message());
      co_return false;
    }
    read_end_ += n;
    if (options_.idle_timeout.count() > 0) last_activity_ = Clock::now();
    // A read that filled the buffer left more behind: a bigger buffer takes the next burst whole
    // (an 8 KiB buffer held 20 pipelined 128-byte sends, so 32 in flight took two reads).
    if (n == space && read_buffer_.size() < kMaxReadBufferSize) {
      read_buffer_.resize(std::min(read_buffer_.size() * 2, kMaxReadBufferSize));
    }
  }
  co_return true;
}

asio::awaitable<void> Connection::ReadLoop(std::shared_ptr<Connection> /*keep_alive*/) {
  try {
    while (!closed_) {
      if (read_end_ - read_begin_ < kFramePrefixSize && !co_await Fill(kFramePrefixSize)) break;
      char prefix_bytes[kFramePrefixSize];
      std::memcpy(prefix_bytes, read_buffer_.data() + read_begin_, kFramePrefixSize);
      Result<FramePrefix> prefix = DecodeFramePrefix(prefix_bytes, options_.max_frame_size);
      if (!prefix.ok()) {
        Logger().warn("closing connection to {}: bad frame: {}", remote_address_, prefix.status().message());
        break;
      }
      read_begin_ += kFramePrefixSize;
      size_t header_length = prefix->header_length;
      if (read_end_ - read_begin_ < header_length && !co_await Fill(header_length)) break;
      const std::string_view header_bytes(read_buffer_.data() + read_begin_, header_length);
      // A send whose processor takes it (the broker's) is decoded straight into its typed header.
      std::optional<Result<SendMessageRequestHeader>> send_header;
      Result<RemotingCommand> command = RemotingCommand();
      if (!DecodeSendRequest(prefix->serialize_type, header_bytes, &*command, &send_header)) {
        send_header.reset();
        command = DecodeHeader(prefix->serialize_type, header_bytes);
      }
      if (!command.ok()) {
        Logger().warn("closing connection to {}: bad header: {}", remote_address_, command.status().message());
        break;
      }
      read_begin_ += header_length;
      if (size_t body_length = prefix->body_length; body_length > 0) {
        std::string& body = command->mutable_body();
        ResizeUninitialized(&body, body_length);  // every byte is written below or the frame is dropped
        size_t buffered = std::min(body_length, read_end_ - read_begin_);
        std::memcpy(body.data(), read_buffer_.data() + read_begin_, buffered);
        read_begin_ += buffered;
        if (buffered < body_length) {
          KickWriter();
          boost::system::error_code ec;
          co_await asio::async_read(socket_, asio::buffer(body.data() + buffered, body_length - buffered),
                                    asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
          if (options_.idle_timeout.count() > 0) last_activity_ = Clock::now();
        }
      }
      frames_buffered_ = read_end_ > read_begin_;
      if (RequestProcessor* processor = InlineProcessor(*command)) {
        ++handlers_queued_;
        std::shared_ptr<Connection> self = shared_from_this();
        RemotingCommand request = std::move(*command);
        co_await HandleRequest(std::move(self), processor, std::move(request),
                               send_header ? &*send_header : nullptr);
      } else {
        DispatchFrame(std::move(command));
      }
      frames_buffered_ = false;
    }
  } catch (const std::exception& e) {
    Logger().warn("closing connection to {}: {}", remote_address_, e.what());
  }
  CloseOnStrand();
}

bool Connection::DecodeSendRequest(SerializeType type, std::string_view header, RemotingCommand* command,
                                   std::optional<Result<SendMessageRequestHeader>>* send_header) const {
  if (type != SerializeType::kJson || !takes_send_headers_) return false;
  // fastjson writes "code" first: a frame of any other code costs one comparison here.
  constexpr std::string_view kCodeKey = "{\"code\":";
  if (header.substr(0, kCodeKey.size()) != kCodeKey) return false;
  int32_t code = 0;
  const char* digits = header.data() + kCodeKey.size();
  if (std::from_chars(digits, header.data() + header.size(), code).ec != std::errc()) return false;
  auto it = processors_->find(code);
  if (it == processors_->end() || !it->second->TakesSendHeader(code)) return false;
  if (!DecodeJsonSendRequest(header, code, command, send_header)) return false;
  command->set_serialize_type(SerializeType::kJson);
  // Only for a request the reader runs itself (InlineProcessor), which it hands the header.
  return !command->IsResponse() && it->second->CompletesInline(*command);
}

RequestProcessor* Connection::InlineProcessor(const RemotingCommand& command) const {
  if (command.IsResponse()) return nullptr;
  auto it = processors_->find(command.code());
  if (it == processors_->end() || !it->second->CompletesInline(command)) return nullptr;
  return it->second;
}

void Connection::DispatchFrame(Result<RemotingCommand>&& frame) {
  RemotingCommand& command = *frame;
  SPDLOG_LOGGER_TRACE(&Logger(), "frame from {}: code {} opaque {} flag {} body {} bytes", remote_address_,
                      command.code(), command.opaque(), command.flag(), command.body().size());
  if (command.IsResponse()) {
    CompleteResponse(std::move(frame));
    return;
  }
  auto it = processors_->find(command.code());
  if (it == processors_->end()) {
    Logger().debug("request code {} from {} not supported", command.code(), remote_address_);
    if (!command.IsOneway()) {
      // As NettyRemotingAbstract#processRequestCommand, leading space included.
      SendOnStrand(RemotingCommand::CreateResponse(command, ResponseCode::kRequestCodeNotSupported,
                                                   " request type " + std::to_string(command.code()) +
                                                       " not supported"));
    }
    return;
  }
  ++handlers_queued_;
  asio::co_spawn(strand_, HandleRequest(shared_from_this(), it->second, std::move(command)), asio::detached);
}

void Connection::CompleteResponse(Result<RemotingCommand>&& frame) {
  const RemotingCommand& response = *frame;
  auto it = pending_.find(response.opaque());
  if (it == pending_.end()) {
    Logger().debug("response code {} with unknown opaque {} from {} dropped (timed out?)", response.code(),
                   response.opaque(), remote_address_);
    return;
  }
  ResponseCallback callback = TakePending(it).callback;
  callback(std::move(frame));
}

asio::awaitable<void> Connection::HandleRequest(std::shared_ptr<Connection> self, RequestProcessor* processor,
                                                RemotingCommand request,
                                                Result<SendMessageRequestHeader>* send_header) {
  const int32_t code = request.code();
  const int32_t opaque = request.opaque();
  const bool oneway = request.IsOneway();
  const SerializeType serialize_type = request.serialize_type();
  --handlers_queued_;
  RequestContext context{remote_address_, self, send_header};
  std::optional<RemotingCommand> response;
  try {
    response = co_await processor->Process(context, std::move(request));
  } catch (const std::exception& e) {
    Logger().warn("processor of request code {} (opaque {}) from {} threw: {}", code, opaque, remote_address_,
                  e.what());
    response.emplace();
    response->set_code(ResponseCode::kSystemError);
    response->set_remark(std::string(e.what()));
  }
  if (oneway || !response) co_return;
  // As NettyRemotingAbstract#writeResponse: the response always carries the request's opaque.
  response->set_opaque(opaque);
  response->MarkResponse();
  response->set_serialize_type(serialize_type);
  Send(std::move(*response));
}

asio::awaitable<void> Connection::WriteLoop(std::shared_ptr<Connection> /*keep_alive*/) {
  try {
    while (!closed_) {
      if (outbox_.empty()) {
        writer_parked_ = true;
        writer_wakeup_.expires_at(Clock::time_point::max());
        boost::system::error_code ec;
        co_await writer_wakeup_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        writer_parked_ = false;
        continue;
      }
      // Everything queued so far goes out in one gathered write.
      writing_.swap(outbox_);
      BuildWriteBuffers(writing_, write_offset_);
      write_offset_ = 0;
      boost::system::error_code ec;
      co_await asio::async_write(socket_, write_buffers_, asio::redirect_error(asio::use_awaitable, ec));
      writing_.clear();
      if (ec) {
        if (!IsRoutineClose(ec)) Logger().debug("write to {} failed: {}", remote_address_, ec.message());
        break;
      }
      if (options_.idle_timeout.count() > 0) last_activity_ = Clock::now();
    }
  } catch (const std::exception& e) {
    Logger().warn("closing connection to {}: {}", remote_address_, e.what());
  }
  writing_.clear();
  CloseOnStrand();
}

asio::awaitable<void> Connection::WatchdogLoop(std::shared_ptr<Connection> /*keep_alive*/) {
  try {
    while (!closed_) {
      Clock::time_point now = Clock::now();
      Clock::time_point next = Clock::time_point::max();
      std::vector<std::pair<int32_t, Pending>> expired;
      for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->second.deadline <= now) {
          expired.emplace_back(it->first, std::move(it->second));
          it = pending_.erase(it);
        } else {
          next = std::min(next, it->second.deadline);
          ++it;
        }
      }
      if (options_.idle_timeout.count() > 0) {
        Clock::time_point idle_deadline = last_activity_ + options_.idle_timeout;
        if (idle_deadline <= now && expired.empty()) {
          Logger().info("closing connection to {}: idle for {} ms", remote_address_, options_.idle_timeout.count());
          CloseOnStrand();
          break;
        }
        next = std::min(next, idle_deadline);
      }
      // Armed before the callbacks run, so a request they issue can pull the expiry earlier.
      watchdog_expiry_ = next;
      watchdog_.expires_at(next);
      for (auto& [opaque, entry] : expired) {
        entry.callback(Timeout("request code " + std::to_string(entry.code) + " (opaque " + std::to_string(opaque) +
                               ") to " + remote_address_ + " timed out after " +
                               std::to_string(entry.timeout.count()) + " ms"));
      }
      if (closed_) break;
      boost::system::error_code ec;
      co_await watchdog_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  } catch (const std::exception& e) {
    Logger().warn("closing connection to {}: {}", remote_address_, e.what());
    CloseOnStrand();
  }
}

}  // namespace rmq::remoting
