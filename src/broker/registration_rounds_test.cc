#include "broker/registration_rounds.h"

#include <gtest/gtest.h>

#include <thread>

namespace rmq::broker {
namespace {

using namespace std::chrono_literals;

// Runs AwaitEnded on its own io_context and returns how long it took.
std::chrono::milliseconds TimeAwait(const RegistrationRounds& rounds, uint64_t round, std::chrono::milliseconds limit) {
  asio::io_context io;
  auto start = std::chrono::steady_clock::now();
  asio::co_spawn(io, rounds.AwaitEnded(round, limit), asio::detached);
  io.run();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
}

TEST(RegistrationRoundsTest, AChangeWaitsForARoundThatStartsAfterIt) {
  RegistrationRounds rounds;
  rounds.RoundStarting();  // a round already under way may have read the table before the change
  uint64_t round = rounds.NextRound();
  rounds.RoundEnded();
  EXPECT_FALSE(rounds.Ended(round));
  rounds.RoundStarting();
  rounds.RoundEnded();
  EXPECT_TRUE(rounds.Ended(round));
}

// The change's own wake-up started a round before the number was taken: the round waited for is
// asked for again, so it does not wait for the next period.
TEST(RegistrationRoundsTest, ARoundIsRequestedAfterTheNumberIsTaken) {
  RegistrationRounds rounds;
  uint64_t started_when_requested = 0;
  int requests = 0;
  rounds.SetRoundRequester([&] {
    ++requests;
    started_when_requested = rounds.NextRound() - 1;
  });
  rounds.RoundStarting();  // woken by the change, already under way
  uint64_t round = rounds.RequestRoundAfterChange();
  EXPECT_EQ(requests, 1);
  EXPECT_EQ(round, started_when_requested + 1);  // the requested round is the one waited for
  rounds.RoundEnded();
  EXPECT_FALSE(rounds.Ended(round));
  rounds.RoundStarting();
  rounds.RoundEnded();
  EXPECT_TRUE(rounds.Ended(round));
}

TEST(RegistrationRoundsTest, AwaitReturnsOnceTheRoundEnds) {
  RegistrationRounds rounds;
  uint64_t round = rounds.NextRound();
  std::thread registrar([&] {
    std::this_thread::sleep_for(30ms);
    rounds.RoundStarting();
    rounds.RoundEnded();
  });
  auto took = TimeAwait(rounds, round, 10s);
  registrar.join();
  EXPECT_TRUE(rounds.Ended(round));
  EXPECT_LT(took, 5s);
}

TEST(RegistrationRoundsTest, AwaitGivesUpAtItsLimit) {
  RegistrationRounds rounds;
  auto took = TimeAwait(rounds, rounds.NextRound(), 50ms);
  EXPECT_GE(took, 50ms);
  EXPECT_LT(took, 5s);
}

}  // namespace
}  // namespace rmq::broker
