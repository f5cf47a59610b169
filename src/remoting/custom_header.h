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

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "common/status.h"
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

}  // namespace custom_header_internal

// Reads `Header` from the command's extFields.
template <typename Header>
Result<Header> DecodeCustomHeader(const RemotingCommand& command) {
  Header header{};
  Status status;
  auto decode_one = [&](const auto& spec) {
    if (status.ok()) status = custom_header_internal::DecodeField(command.ext_fields(), spec, &header);
  };
  std::apply([&](const auto&... specs) { (decode_one(specs), ...); }, Header::Fields());
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

}  // namespace rmq::remoting
