// ConfigBinder<Config>: the one table that maps RocketMQ's config keys onto the fields of a
// config struct, and applies a PropertiesFile to it with the checks Java's loader lacks:
// unknown keys are warned about, old spellings are accepted with a warning naming the right
// key, keys that mean nothing here are accepted with a note, and a value of the wrong type is
// an error naming the key, the line and the accepted values. Also prints a config back as
// key=value lines (-p, GET_NAMESRV_CONFIG) and sets single keys at run time. Immutable after
// construction, so one binder may be shared by threads.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/properties_file.h"
#include "common/status.h"

namespace rmq {

namespace config_binder_internal {

// Parses a value for `key`; `where` is "file:line" or empty. Booleans take true/false in any
// case; integers are decimal within [min, max]. Leading or trailing blanks are an error that
// says so (Java would silently fall back to the default).
Status ParseBool(std::string_view key, std::string_view text, std::string_view where, bool* out);
Status ParseInt(std::string_view key, std::string_view text, std::string_view where, int64_t min, int64_t max,
                int64_t* out);
// Strings are trimmed, as Java's loader trims them.
std::string TrimString(std::string_view text);

}  // namespace config_binder_internal

template <typename Config>
class ConfigBinder {
 public:
  using Member = std::variant<bool Config::*, int32_t Config::*, int64_t Config::*, std::string Config::*>;

  // Whether UPDATE_*_CONFIG may change a key at run time. Paths never are.
  enum class Runtime { kStartupOnly, kUpdatable };

  struct Key {
    std::string_view name;
    Member member;
    Runtime runtime = Runtime::kStartupOnly;
    int64_t min = std::numeric_limits<int64_t>::min();
    int64_t max = std::numeric_limits<int64_t>::max();
  };
  // An old or mistaken spelling and the key it means.
  struct Alias {
    std::string_view name;
    std::string_view key;
  };
  // A key the Java suite knows that has no effect here, with the reason.
  struct Ignored {
    std::string_view name;
    std::string_view reason;
  };

  ConfigBinder(std::vector<Key> keys, std::vector<Alias> aliases = {}, std::vector<Ignored> ignored = {})
      : keys_(std::move(keys)), aliases_(std::move(aliases)), ignored_(std::move(ignored)) {}

  // Applies every entry of `file` in order. Warnings (unknown keys, aliases, ignored keys) are
  // appended to `warnings`; the first bad value stops with an error and `config` may then be
  // partly updated — callers discard it.
  Status Apply(const PropertiesFile& file, Config* config, std::vector<std::string>* warnings) const {
    for (const PropertyEntry& entry : file.entries()) {
      std::string where = file.source_name() + ":" + std::to_string(entry.line);
      const Key* key = FindKey(entry.key);
      if (key == nullptr) {
        if (const Alias* alias = FindAlias(entry.key)) {
          warnings->push_back(where + ": key " + entry.key + " is an old spelling; use " + std::string(alias->key));
          key = FindKey(alias->key);
        }
      }
      if (key == nullptr) {
        if (const Ignored* ignored = FindIgnored(entry.key)) {
          warnings->push_back(where + ": key " + entry.key + " has no effect here: " + std::string(ignored->reason));
        } else {
          warnings->push_back(where + ": unknown key " + entry.key + " ignored");
        }
        continue;
      }
      RMQ_RETURN_IF_ERROR(SetValue(*key, entry.value, where, config));
    }
    return Status::Ok();
  }

  // Sets one key from text (aliases accepted). With `runtime_only`, keys not marked
  // kUpdatable are refused with a PermissionDenied naming the keys that may change.
  Status Set(Config* config, std::string_view name, std::string_view value, bool runtime_only) const {
    const Key* key = FindKey(name);
    if (key == nullptr) {
      if (const Alias* alias = FindAlias(name)) key = FindKey(alias->key);
    }
    if (key == nullptr) return InvalidArgument("unknown config key " + std::string(name));
    if (runtime_only && key->runtime != Runtime::kUpdatable) {
      return Status(StatusCode::kPermissionDenied,
                    "config key " + std::string(name) + " cannot be changed at run time; keys that can: " +
                        UpdatableKeyList());
    }
    return SetValue(*key, value, "", config);
  }

  // Every key with its current value, in table order.
  std::vector<std::pair<std::string, std::string>> Dump(const Config& config) const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Key& key : keys_) out.emplace_back(std::string(key.name), Format(key, config));
    return out;
  }

  const std::vector<Key>& keys() const { return keys_; }

  std::string UpdatableKeyList() const {
    std::string list;
    for (const Key& key : keys_) {
      if (key.runtime != Runtime::kUpdatable) continue;
      if (!list.empty()) list += ", ";
      list += key.name;
    }
    return list;
  }

 private:
  const Key* FindKey(std::string_view name) const {
    for (const Key& key : keys_) {
      if (key.name == name) return &key;
    }
    return nullptr;
  }
  const Alias* FindAlias(std::string_view name) const {
    for (const Alias& alias : aliases_) {
      if (alias.name == name) return &alias;
    }
    return nullptr;
  }
  const Ignored* FindIgnored(std::string_view name) const {
    for (const Ignored& ignored : ignored_) {
      if (ignored.name == name) return &ignored;
    }
    return nullptr;
  }

  static Status SetValue(const Key& key, std::string_view text, std::string_view where, Config* config) {
    namespace internal = config_binder_internal;
    if (auto* m = std::get_if<bool Config::*>(&key.member)) {
      return internal::ParseBool(key.name, text, where, &(config->**m));
    }
    if (auto* m = std::get_if<int32_t Config::*>(&key.member)) {
      int64_t value = 0;
      int64_t min = std::max<int64_t>(key.min, std::numeric_limits<int32_t>::min());
      int64_t max = std::min<int64_t>(key.max, std::numeric_limits<int32_t>::max());
      RMQ_RETURN_IF_ERROR(internal::ParseInt(key.name, text, where, min, max, &value));
      config->**m = static_cast<int32_t>(value);
      return Status::Ok();
    }
    if (auto* m = std::get_if<int64_t Config::*>(&key.member)) {
      return internal::ParseInt(key.name, text, where, key.min, key.max, &(config->**m));
    }
    config->*std::get<std::string Config::*>(key.member) = internal::TrimString(text);
    return Status::Ok();
  }

  static std::string Format(const Key& key, const Config& config) {
    if (auto* m = std::get_if<bool Config::*>(&key.member)) return config.**m ? "true" : "false";
    if (auto* m = std::get_if<int32_t Config::*>(&key.member)) return std::to_string(config.**m);
    if (auto* m = std::get_if<int64_t Config::*>(&key.member)) return std::to_string(config.**m);
    return config.*std::get<std::string Config::*>(key.member);
  }

  std::vector<Key> keys_;
  std::vector<Alias> aliases_;
  std::vector<Ignored> ignored_;
};

}  // namespace rmq
