// Permission bits of a topic or broker (PermName.java) and the topicSysFlag bits
// (TopicSysFlag.java), shared by the name server, the broker and the admin tool.
#pragma once

#include <cstdint>

namespace rmq {

struct Perm {
  static constexpr int32_t kPriority = 1 << 3;
  static constexpr int32_t kRead = 1 << 2;
  static constexpr int32_t kWrite = 1 << 1;
  static constexpr int32_t kInherit = 1 << 0;

  static constexpr bool IsReadable(int32_t perm) { return (perm & kRead) == kRead; }
  static constexpr bool IsWriteable(int32_t perm) { return (perm & kWrite) == kWrite; }
  static constexpr bool IsInherited(int32_t perm) { return (perm & kInherit) == kInherit; }
};

struct TopicSysFlag {
  static constexpr int32_t kUnit = 0x1;
  static constexpr int32_t kUnitSub = 0x1 << 1;

  static constexpr bool HasUnitFlag(int32_t flag) { return (flag & kUnit) == kUnit; }
  static constexpr bool HasUnitSubFlag(int32_t flag) { return (flag & kUnitSub) == kUnitSub; }
};

}  // namespace rmq
