// Names of the request-reply feature shared by the broker and the client (MessageConst.java,
// MixAll.java): the properties a request and its reply carry, and the reply topic of a cluster.
// Constants and one pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace rmq::reply {

inline constexpr std::string_view kCorrelationId = "CORRELATION_ID";
// The requester's client id; the broker finds the connection to push the reply on by it.
inline constexpr std::string_view kReplyToClient = "REPLY_TO_CLIENT";
// The request's timeout in ms, copied into the reply.
inline constexpr std::string_view kMessageTtl = "TTL";
inline constexpr std::string_view kMessageType = "MSG_TYPE";
// MSG_TYPE of a reply; a send of such a message goes out as SEND_REPLY_MESSAGE(_V2).
inline constexpr std::string_view kReplyMessageFlag = "reply";
inline constexpr std::string_view kPushReplyTime = "PUSH_REPLY_TIME";
inline constexpr std::string_view kArriveTime = "ARRIVE_TIME";
inline constexpr std::string_view kCluster = "CLUSTER";

// <cluster>_REPLY_TOPIC, created by every broker of the cluster at start.
inline std::string ReplyTopic(std::string_view cluster) { return std::string(cluster) + "_REPLY_TOPIC"; }

}  // namespace rmq::reply
