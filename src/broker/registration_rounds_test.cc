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
