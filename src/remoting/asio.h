// The one way Boost.Asio enters the project. <utility> must come first: Boost 1.74's Asio
// uses std::exchange without including it, which GCC 12 does not forgive.
#pragma once

#include <utility>

#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace rmq {
namespace asio = boost::asio;
}  // namespace rmq
