#include "remoting/remoting_command.h"

#include <atomic>
#include <cassert>

#include "remoting/header_codec.h"

namespace rmq::remoting {
namespace {

int32_t NextOpaque() {
  static std::atomic<uint32_t> counter{0};
  // Masked to stay non-negative, as the C++ client does; wraps after 2^31 requests.
  return static_cast<int32_t>(counter.fetch_add(1, std::memory_order_relaxed) & 0x7FFFFFFF);
}

}  // namespace

RemotingCommand RemotingCommand::CreateRequest(int32_t code) {
  RemotingCommand command;
  command.code_ = code;
  command.opaque_ = NextOpaque();
  return command;
}

RemotingCommand RemotingCommand::CreateResponse(const RemotingCommand& request, int32_t code,
                                                std::optional<std::string> remark) {
  RemotingCommand response;
  response.code_ = code;
  response.opaque_ = request.opaque_;
  response.flag_ = kResponseFlag;
  response.serialize_type_ = request.serialize_type_;
  response.remark_ = std::move(remark);
  return response;
}

size_t RemotingCommand::body_size() const {
  size_t size = body_.size();
  for (const auto& segment : body_segments()) size += segment.size;
  return size;
}

void RemotingCommand::AddBodySegment(BodySegment segment) {
  if (segment_count_ == 0) {
    first_segment_ = std::move(segment);
    segment_count_ = 1;
    return;
  }
  if (more_segments_.empty()) {
    more_segments_.reserve(4);
    more_segments_.push_back(std::move(first_segment_));
    first_segment_ = BodySegment();
  }
  more_segments_.push_back(std::move(segment));
  ++segment_count_;
}

void RemotingCommand::MaterializeExtFields() const {
  ExtFields fields;
  [[maybe_unused]] Status status = DecodeJsonExtFields(ext_fields_json_, &fields);
  // The text came from a typed encoder or was checked by the decoder that kept it.
  assert(status.ok());
  ext_fields_ = std::move(fields);
  ext_fields_json_.clear();
}

}  // namespace rmq::remoting
