#include "broker/transaction/ended_transactions.h"

#include <algorithm>
#include <charconv>

#include "broker/transaction/half_message.h"
#include "common/message_properties.h"

namespace rmq::broker::transaction {
namespace {

int64_t RoundUpPowerOfTwo(int64_t n) {
  int64_t out = 64;
  while (out < n && out < (int64_t{1} << 40)) out <<= 1;
  return out;
}

}  // namespace

EndedTransactions::EndedTransactions(int64_t capacity)
    : capacity_(RoundUpPowerOfTwo(capacity)), words_(static_cast<size_t>(capacity_ / 32), 0) {}

bool EndedTransactions::Admit(int64_t origin) {
  if (origin < 0) return false;
  if (origin < top_) return origin >= top_ - capacity_;
  // Slide up: the slots of [top_, origin] held offsets a whole ring older, forget them. A jump
  // of a ring or more forgets everything.
  if (origin - top_ >= capacity_) {
    std::fill(words_.begin(), words_.end(), 0);
  } else {
    for (int64_t o = top_; o <= origin; ++o) SetLocked(o, State::kOpen);
  }
  top_ = origin + 1;
  return true;
}

EndedTransactions::State EndedTransactions::GetLocked(int64_t origin) const {
  const uint64_t slot = static_cast<uint64_t>(origin) & static_cast<uint64_t>(capacity_ - 1);
  return static_cast<State>((words_[slot / 32] >> (slot % 32 * 2)) & 3u);
}

void EndedTransactions::SetLocked(int64_t origin, State state) {
  const uint64_t slot = static_cast<uint64_t>(origin) & static_cast<uint64_t>(capacity_ - 1);
  uint64_t& word = words_[slot / 32];
  const unsigned shift = static_cast<unsigned>(slot % 32 * 2);
  word = (word & ~(uint64_t{3} << shift)) | (uint64_t{static_cast<uint8_t>(state)} << shift);
}

EndedTransactions::State EndedTransactions::Claim(int64_t origin) {
  std::lock_guard lock(mutex_);
  if (!Admit(origin)) return State::kOpen;
  State previous = GetLocked(origin);
  if (previous == State::kOpen) SetLocked(origin, State::kEnding);
  return previous;
}

void EndedTransactions::Finish(int64_t origin) {
  std::lock_guard lock(mutex_);
  if (Admit(origin)) SetLocked(origin, State::kEnded);
}

void EndedTransactions::Abandon(int64_t origin) {
  std::lock_guard lock(mutex_);
  if (origin >= 0 && origin < top_ && origin >= top_ - capacity_ && GetLocked(origin) == State::kEnding) {
    SetLocked(origin, State::kOpen);
  }
}

void EndedTransactions::MarkEnded(int64_t origin) { Finish(origin); }

EndedTransactions::State EndedTransactions::Get(int64_t origin) const {
  std::lock_guard lock(mutex_);
  if (origin < 0 || origin >= top_ || origin < top_ - capacity_) return State::kOpen;
  return GetLocked(origin);
}

int64_t TransactionOrigin(int64_t queue_offset, std::string_view properties) {
  auto text = FindProperty(properties, kPreparedQueueOffsetProperty);
  if (!text) return queue_offset;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  // A malformed or impossible value (a copy always comes after its first record) names the record itself.
  if (ec != std::errc() || end != text->data() + text->size() || value < 0 || value > queue_offset) {
    return queue_offset;
  }
  return value;
}

}  // namespace rmq::broker::transaction
