#include "broker/registration_rounds.h"

namespace rmq::broker {

asio::awaitable<void> RegistrationRounds::AwaitEnded(uint64_t round, std::chrono::milliseconds limit) const {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (!Ended(round) && std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(2));
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;  // the server is stopping
  }
}

}  // namespace rmq::broker
