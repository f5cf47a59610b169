// JsonWriter: writes the compact JSON that Java's fastjson produces for RocketMQ bodies, so
// peers that compare or hand-parse bodies (Go splits brokerAddrs on ',' and ':') see the same
// bytes. Callers emit properties in alphabetical order and skip null ones (fastjson's bean
// layout); the writer only handles separators, escaping and the two map-key styles.
// A plain value type; not thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rmq {

class JsonWriter {
 public:
  enum class Style {
    // fastjson's default: integer map keys unquoted ({0:"addr"}), text as UTF-8.
    kFastjson,
    // fastjson with BrowserCompatible + QuoteFieldNames (route data for requesters >= V4_9_4):
    // every key quoted, non-ASCII as \uXXXX (upper-case hex), '/' as "\/", integers beyond
    // +-2^53 written as strings.
    kStandard,
  };

  explicit JsonWriter(Style style = Style::kFastjson) : style_(style) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  // A property name or string map key.
  void Key(std::string_view name);
  // An integer map key (Java Map<Long, ...>): unquoted in kFastjson, quoted in kStandard.
  void IntKey(int64_t key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  // Appends already-encoded JSON as one value.
  void Raw(std::string_view json);

  // Convenience for "name":value properties.
  void StringField(std::string_view name, std::string_view value) { Key(name), String(value); }
  void IntField(std::string_view name, int64_t value) { Key(name), Int(value); }
  void BoolField(std::string_view name, bool value) { Key(name), Bool(value); }
  // Writes ["a","b",...].
  void StringArray(const std::vector<std::string>& values);

  Style style() const { return style_; }
  const std::string& str() const { return out_; }
  std::string Release() { return std::move(out_); }

 private:
  // Emits the comma before a value or key when needed.
  void BeforeValue();
  void AppendQuoted(std::string_view text);

  Style style_;
  std::string out_;
  // One entry per open object/array: whether it already holds an element.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace rmq
