// Response codes of the RocketMQ remoting protocol (ResponseCode.java and
// RemotingSysResponseCode.java) with their wire values.
#pragma once

#include <cstdint>

namespace rmq::remoting {

struct ResponseCode {
  static constexpr int32_t kSuccess = 0;
  static constexpr int32_t kSystemError = 1;
  static constexpr int32_t kSystemBusy = 2;
  static constexpr int32_t kRequestCodeNotSupported = 3;
  static constexpr int32_t kTransactionFailed = 4;
  static constexpr int32_t kFlushDiskTimeout = 10;
  static constexpr int32_t kSlaveNotAvailable = 11;
  static constexpr int32_t kFlushSlaveTimeout = 12;
  static constexpr int32_t kMessageIllegal = 13;
  static constexpr int32_t kServiceNotAvailable = 14;
  static constexpr int32_t kVersionNotSupported = 15;
  static constexpr int32_t kNoPermission = 16;
  static constexpr int32_t kTopicNotExist = 17;
  static constexpr int32_t kTopicExistAlready = 18;
  static constexpr int32_t kPullNotFound = 19;
  static constexpr int32_t kPullRetryImmediately = 20;
  static constexpr int32_t kPullOffsetMoved = 21;
  static constexpr int32_t kQueryNotFound = 22;
  static constexpr int32_t kSubscriptionParseFailed = 23;
  static constexpr int32_t kSubscriptionNotExist = 24;
  static constexpr int32_t kSubscriptionNotLatest = 25;
  static constexpr int32_t kSubscriptionGroupNotExist = 26;
  static constexpr int32_t kFilterDataNotExist = 27;
  static constexpr int32_t kFilterDataNotLatest = 28;
  static constexpr int32_t kInvalidParameter = 29;
  static constexpr int32_t kTransactionShouldCommit = 200;
  static constexpr int32_t kTransactionShouldRollback = 201;
  static constexpr int32_t kTransactionStateUnknow = 202;  // spelling as upstream
  static constexpr int32_t kTransactionStateGroupWrong = 203;
  static constexpr int32_t kNoBuyerId = 204;
  static constexpr int32_t kNotInCurrentUnit = 205;
  static constexpr int32_t kConsumerNotOnline = 206;
  static constexpr int32_t kConsumeMsgTimeout = 207;
  static constexpr int32_t kNoMessage = 208;
  static constexpr int32_t kPollingFull = 209;
  static constexpr int32_t kPollingTimeout = 210;
  static constexpr int32_t kBrokerNotExist = 211;
  static constexpr int32_t kBrokerDispatchNotComplete = 212;
  static constexpr int32_t kBroadcastConsumption = 213;
  static constexpr int32_t kFlowControl = 215;
  static constexpr int32_t kNotLeaderForQueue = 501;
  static constexpr int32_t kIllegalOperation = 604;
  static constexpr int32_t kGoAway = 1500;
  // Client-local outcomes; never sent on the wire.
  static constexpr int32_t kRpcUnknown = -1000;
  static constexpr int32_t kRpcAddrIsNull = -1002;
  static constexpr int32_t kRpcSendToChannelFailed = -1004;
  static constexpr int32_t kRpcTimeOut = -1006;
};

}  // namespace rmq::remoting
