// Typed request/response headers ("custom headers") and their mapping to a command's extFields.
// A header struct lists its fields once, as (wire name, member) pairs:
//
//   struct GetKvConfigRequestHeader {
//     std::string name_space;
//     std::string key;
//     static constexpr auto Fields() {
//       return std::make_tuple(Field("namespace", &GetKvConfigRequestHeader::name_space),
//                              Field("key", &GetKvConfigRequestHeader::key));
//     }
//   };
//
// A plain member (std::string, int32_t, int64_t, bool) is required; std::optional<...> is
// optional. Decoding a missing required field or an ill-typed value is an error naming the field.
// An optional member with an initializer (`std::optional<bool> compressed = false;`) models a
// field Java always sends: a missing value decodes as the initializer, as Java's primitive
// default, and encoding always writes it.
//
// Another value type T (an enum such as BoundaryType) works as a field when
//   Status ParseValue(std::string_view field, std::string_view text, T* out);
//   std::string FormatValue(T value);
// are declared in T's namespace before the header is decoded; they are found by
// argument-dependent lookup.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "common/status.h"
#include "remoting/ext_fields_json.h"
#include "remoting/json_writer.h"
#include "remoting/remoting_command.h"

namespace rmq::remoting {

template <typename Header, typename T>
struct FieldSpec {
  std::string_view name;
  T Header::*member;
};

template <typename Header, typename T>
constexpr FieldSpec<Header, T> Field(std::string_view name, T Header::*member) {
  return {name, member};
}

namespace custom_header_internal {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

Status InvalidValue(std::string_view field, std::string_view value, std::string_view expected);

// Java's Boolean.parseBoolean is case-insensitive; anything but true/false is rejected here
// instead of silently becoming false.
Status ParseValue(std::string_view field, std::string_view text, bool* out);
Status ParseValue(std::string_view field, std::string_view text, std::string* out);

template <typename Int>
  requires std::is_integral_v<Int>
Status ParseValue(std::string_view field, std::string_view text, Int* out) {
  std::string_view digits = text;
  // Java's parseInt/parseLong take one optional sign, '+' or '-'.
  if (!digits.empty() && digits.front() == '+') {
    digits.remove_prefix(1);
    if (!digits.empty() && digits.front() == '-') digits = {};
  }
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *out);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    return InvalidValue(field, text, sizeof(Int) == 8 ? "a 64-bit integer" : "a 32-bit integer");
  }
  return Status::Ok();
}

inline std::string FormatValue(const std::string& v) { return v; }
inline std::string FormatValue(bool v) { return v ? "true" : "false"; }
template <typename Int>
  requires std::is_integral_v<Int>
std::string FormatValue(Int v) {
  return std::to_string(v);
}

template <typename Header, typename T>
Status DecodeField(const ExtFields& fields, const FieldSpec<Header, T>& spec, Header* header) {
  const std::string* text = fields.Find(spec.name);
  T& member = header->*spec.member;
  if constexpr (IsOptional<T>::value) {
    if (text == nullptr) return Status::Ok();
    typename T::value_type value{};
    RMQ_RETURN_IF_ERROR(ParseValue(spec.name, *text, &value));
    member = std::move(value);
    return Status::Ok();
  } else {
    // Java's wording (RemotingCommand#decodeCommandCustomHeader for @CFNotNull), angle brackets
    // included, which Java clients show their users.
    if (text == nullptr) return InvalidArgument("the custom field <" + std::string(spec.name) + "> is null");
    return ParseValue(spec.name, *text, &member);
  }
}

// As DecodeField, moving a string value out of `fields` instead of copying it.
template <typename Header, typename T>
Status TakeField(ExtFields& fields, const FieldSpec<Header, T>& spec, Header* header) {
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::optional<std::string>>) {
    std::string* text = fields.FindMutable(spec.name);
    if (text != nullptr) {
      header->*spec.member = std::move(*text);
      return Status::Ok();
    }
  }
  return DecodeField(fields, spec, header);
}

template <typename Header, typename T>
void EncodeField(const Header& header, const FieldSpec<Header, T>& spec, ExtFields* fields) {
  const T& member = header.*spec.member;
  if constexpr (IsOptional<T>::value) {
    if (member) fields->Set(spec.name, FormatValue(*member));
  } else {
    fields->Set(spec.name, FormatValue(member));
  }
}

// As EncodeField, moving string values out of `header` instead of copying them.
template <typename Header, typename T>
void EncodeFieldMoving(Header& header, const FieldSpec<Header, T>& spec, ExtFields* fields) {
  T& member = header.*spec.member;
  if constexpr (std::is_same_v<T, std::string>) {
    fields->Set(spec.name, std::move(member));
  } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    if (member) fields->Set(spec.name, std::move(*member));
  } else {
    EncodeField(header, spec, fields);
  }
}

// ---- typed headers straight to extFields JSON (EncodeCustomHeaderJson) ----

// The types the JSON encoder writes itself: strings, bools and signed integers, optional or not.
template <typename T>
struct JsonWritable
    : std::bool_constant<std::is_same_v<T, std::string> || std::is_same_v<T, bool> ||
                         (std::is_integral_v<T> && std::is_signed_v<T>)> {};
template <typename T>
struct JsonWritable<std::optional<T>> : JsonWritable<T> {};

// A wire name fastjson writes without escapes.
constexpr bool PlainName(std::string_view name) {
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') return false;
  }
  return true;
}

template <typename Header>
constexpr bool HeaderJsonWritable() {
  return std::apply(
      [](const auto&... specs) {
        return ((JsonWritable<std::remove_cvref_t<decltype(std::declval<Header>().*(specs.member))>>::value &&
                 PlainName(specs.name)) &&
                ...);
      },
      Header::Fields());
}

// The most bytes a value takes in the JSON text, quotes included; 0 for an absent optional.
template <typename T>
size_t JsonValueBound(const T& value) {
  if constexpr (IsOptional<T>::value) {
    return value ? JsonValueBound(*value) : 0;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return JsonWriter::StringBound(value);
  } else if constexpr (std::is_same_v<T, bool>) {
    return 7;  // "false"
  } else {
    return JsonWriter::kIntBound + 2;
  }
}

// Writes a present value as the JSON string EncodeJsonHeader writes for FormatValue(value).
template <typename V>
void WriteJsonValue(const V& value, JsonWriter& w) {
  if constexpr (std::is_same_v<V, std::string>) {
    w.String(value);
  } else if constexpr (std::is_same_v<V, bool>) {
    w.Literal(value ? "\"true\"" : "\"false\"");
  } else {
    w.Char('"');
    w.Int(static_cast<int64_t>(value));
    w.Char('"');
  }
}

// Writes `"name":"value"` (led by a comma unless first), the bytes EncodeJsonHeader writes for
// the ExtFields entry EncodeField makes; nothing for an absent optional.
template <typename Header, typename T>
void WriteJsonField(const Header& header, const FieldSpec<Header, T>& spec, bool* first, JsonWriter& w) {
  const T& member = header.*spec.member;
  if constexpr (IsOptional<T>::value) {
    if (!member) return;
  }
  if (!*first) w.Char(',');
  *first = false;
  w.Char('"');
  w.Literal(spec.name);
  w.Literal("\":");
  if constexpr (IsOptional<T>::value) {
    WriteJsonValue(*member, w);
  } else {
    WriteJsonValue(member, w);
  }
}

// ---- typed headers straight from extFields JSON text ----

// Sets the field `spec` from `value`; false when the value does not parse.
template <typename Header, typename T>
bool ReadPlainJsonValue(const FieldSpec<Header, T>& spec, std::string_view value, Header* header) {
  T& member = header->*spec.member;
  if constexpr (IsOptional<T>::value) {
    typename T::value_type parsed{};
    const bool ok = ParseValue(spec.name, value, &parsed).ok();
    member = std::move(parsed);
    return ok;
  } else {
    return ParseValue(spec.name, value, &member).ok();
  }
}

// The wire names of Header::Fields(), in order.
template <typename Header>
constexpr auto FieldNames() {
  return std::apply([](const auto&... specs) { return std::array<std::string_view, sizeof...(specs)>{specs.name...}; },
                    Header::Fields());
}

// The fields of `Header` that must be present (plain members), one bit each.
template <typename Header>
constexpr uint64_t RequiredFieldMask() {
  return std::apply(
      [](const auto&... specs) {
        uint64_t mask = 0;
        size_t index = 0;
        ((mask |= (IsOptional<std::remove_cvref_t<decltype(std::declval<Header>().*(specs.member))>>::value
                       ? uint64_t{0}
                       : uint64_t{1} << index),
         ++index),
         ...);
        return mask;
      },
      Header::Fields());
}

// Reads `*header` (default-constructed) from `object`, an extFields JSON text, when it is in the
// plain form of ext_fields_json.h and every field decodes: the values the map route gives (a key
// seen twice reads as its last value, unknown keys are ignored). False for anything else — an
// error, a missing required field, another form — and `*header` is then to be discarded: the
// caller takes the map route, which gives the error.
template <typename Header>
bool DecodePlainJson(std::string_view object, Header* header) {
  static constexpr auto kFields = Header::Fields();
  static constexpr auto kNames = FieldNames<Header>();
  constexpr size_t kCount = kNames.size();
  static_assert(kCount <= 64);
  uint64_t seen = 0;
  bool ok = true;
  // Peers send the keys in the order of Fields() nearly always, so the search for a key starts
  // after the previous key's field: one comparison per key instead of one per field.
  size_t next = 0;
  const bool walked = ext_json::ForEachPlainEntry(object, [&](std::string_view key, std::string_view value) {
    size_t found = kCount;
    for (size_t n = 0, i = next; n < kCount; ++n, i = i + 1 == kCount ? 0 : i + 1) {
      if (kNames[i] == key) {
        found = i;
        break;
      }
    }
    if (found == kCount) return true;  // not a field of this header
    next = found + 1 == kCount ? 0 : found + 1;
    seen |= uint64_t{1} << found;
    [&]<size_t... I>(std::index_sequence<I...>) {
      ((found == I ? void(ok = ReadPlainJsonValue(std::get<I>(kFields), value, header)) : void()), ...);
    }(std::make_index_sequence<kCount>{});
    return ok;
  });
  constexpr uint64_t kRequired = RequiredFieldMask<Header>();
  return walked && ok && (seen & kRequired) == kRequired;
}

}  // namespace custom_header_internal

// Reads `Header` from the command's extFields.
template <typename Header>
Result<Header> DecodeCustomHeader(const RemotingCommand& command) {
  // A response's extFields kept as JSON text (json_header_fast_decode.h) are read in place.
  if (const std::string& json = command.ext_fields_json(); !json.empty()) {
    Header header{};
    if (custom_header_internal::DecodePlainJson(json, &header)) return header;
  }
  Header header{};
  Status status;
  auto decode_one = [&](const auto& spec) {
    if (status.ok()) status = custom_header_internal::DecodeField(command.ext_fields(), spec, &header);
  };
  std::apply([&](const auto&... specs) { (decode_one(specs), ...); }, Header::Fields());
  if (!status.ok()) return status;
  return header;
}

// DecodeCustomHeader for a command nothing reads afterwards: string values are moved out of its
// extFields (left holding empty strings) instead of copied. The same values and errors.
template <typename Header>
Result<Header> TakeCustomHeader(RemotingCommand& command) {
  if (const std::string& json = command.ext_fields_json(); !json.empty()) {
    Header header{};
    if (custom_header_internal::DecodePlainJson(json, &header)) return header;
  }
  Header header{};
  Status status;
  ExtFields& fields = command.mutable_ext_fields();
  auto take_one = [&](const auto& spec) {
    if (status.ok()) status = custom_header_internal::TakeField(fields, spec, &header);
  };
  std::apply([&](const auto&... specs) { (take_one(specs), ...); }, Header::Fields());
  if (!status.ok()) return status;
  return header;
}

// Writes every present field of `header` into the command's extFields (marking them present).
template <typename Header>
void EncodeCustomHeader(const Header& header, RemotingCommand* command) {
  ExtFields* fields = &command->mutable_ext_fields();
  std::apply([&](const auto&... specs) { (custom_header_internal::EncodeField(header, specs, fields), ...); },
             Header::Fields());
}

// The same for a header that is no longer needed: its strings are moved, not copied (responses
// on the send path carry a 32-character message id and a unique key).
template <typename Header>
  requires(!std::is_lvalue_reference_v<Header>)
void EncodeCustomHeader(Header&& header, RemotingCommand* command) {
  ExtFields* fields = &command->mutable_ext_fields();
  std::apply([&](const auto&... specs) { (custom_header_internal::EncodeFieldMoving(header, specs, fields), ...); },
             Header::Fields());
}

// EncodeCustomHeader for a JSON command, written straight from `header` as the extFields JSON
// text (RemotingCommand::set_ext_fields_json) without the map of strings: the same bytes on the
// wire, a fraction of the work (the send path encodes a header per message). Commands of another
// serialize type, and headers with fields of other types, get the map. REQUIRES: `command`
// has no extFields yet (EncodeCustomHeader adds to them; this replaces them).
template <typename Header>
void EncodeCustomHeaderJson(const Header& header, RemotingCommand* command) {
  if constexpr (!custom_header_internal::HeaderJsonWritable<Header>()) {
    EncodeCustomHeader(header, command);
  } else {
    if (command->serialize_type() != SerializeType::kJson) {
      EncodeCustomHeader(header, command);
      return;
    }
    // Written into a per-thread buffer sized for the worst case (every string byte escaped),
    // then copied out at its real size: a worst-case string zero-filled per request (six times
    // the properties' length) cost more than the copy.
    size_t bound = 2;
    std::apply(
        [&](const auto&... specs) {
          ((bound += custom_header_internal::JsonValueBound(header.*(specs.member)) + specs.name.size() + 4), ...);
        },
        Header::Fields());
    thread_local std::string scratch;
    if (scratch.size() < bound) scratch.resize(std::max(bound, 2 * scratch.size()));
    JsonWriter w(scratch.data());
    w.Char('{');
    bool first = true;
    std::apply([&](const auto&... specs) { (custom_header_internal::WriteJsonField(header, specs, &first, w), ...); },
               Header::Fields());
    w.Char('}');
    command->set_ext_fields_json(std::string(scratch.data(), w.end()));
  }
}

}  // namespace rmq::remoting
