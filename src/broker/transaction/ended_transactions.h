// EndedTransactions: which transactions recently got their verdict, so that a second COMMIT or
// ROLLBACK for the same transaction (the producer's own END_TRANSACTION and a check's answer, or
// two check answers) is answered without storing the message again, and so that the check service
// does not ask about a transaction that has ended while its op record is still on its way.
//
// A transaction is named by the half queue offset of its first half record: END_TRANSACTION names
// either that record or one of the copies the check service re-appends (they carry it as
// TRAN_PREPARED_QUEUE_OFFSET), and their CommitLog offsets all differ. Two bits per half queue
// offset in a ring over the newest `capacity` offsets (4 Mi offsets = 1 MiB by default); an
// offset older than that is "unknown" and treated as open. Thread-safe (one mutex; every call is
// a few word operations).
#pragma once

#include <cstdint>
#include <mutex>
#include <string_view>
#include <vector>

namespace rmq::broker::transaction {

class EndedTransactions {
 public:
  enum class State : uint8_t {
    kOpen = 0,    // no verdict seen (or too old to be remembered)
    kEnding = 1,  // a COMMIT is being stored
    kEnded = 2,   // committed or rolled back
  };

  static constexpr int64_t kDefaultCapacity = int64_t{1} << 22;

  // `capacity` is rounded up to a power of two (at least 64).
  explicit EndedTransactions(int64_t capacity = kDefaultCapacity);

  // Claims the verdict of transaction `origin`: returns its previous state, and when that was
  // kOpen the transaction is now kEnding (the caller then calls Finish or Abandon). An origin
  // below the remembered window (or negative) is reported kOpen and not recorded.
  State Claim(int64_t origin);
  // The claimed verdict was stored: kEnded.
  void Finish(int64_t origin);
  // The claimed verdict failed to store: kOpen again, so that a retry or a check can end it.
  void Abandon(int64_t origin);
  // Records an ended transaction learnt elsewhere (op records read after a restart).
  void MarkEnded(int64_t origin);

  State Get(int64_t origin) const;
  // kEnding or kEnded: the check service must not ask about it.
  bool IsEndedOrEnding(int64_t origin) const { return Get(origin) != State::kOpen; }

  int64_t capacity() const { return capacity_; }

 private:
  // Caller holds mutex_. False when `origin` is outside the window and cannot be recorded;
  // otherwise slides the window up to include it.
  bool Admit(int64_t origin);
  State GetLocked(int64_t origin) const;
  void SetLocked(int64_t origin, State state);

  const int64_t capacity_;
  mutable std::mutex mutex_;
  std::vector<uint64_t> words_;  // 32 slots of 2 bits each; slot = offset & (capacity_ - 1)
  int64_t top_ = 0;              // one past the highest offset ever admitted; window = [top_ - capacity_, top_)
};

// The half queue offset naming the transaction of half record `queue_offset` with properties
// `properties`: its TRAN_PREPARED_QUEUE_OFFSET when it is a re-appended copy, else its own.
int64_t TransactionOrigin(int64_t queue_offset, std::string_view properties);

}  // namespace rmq::broker::transaction
