// A compiled SQL92 message selector and its evaluation against a message's properties, with the
// typing of upstream filter/…/expression (ComparisonExpression, LogicExpression,
// UnaryExpression): property values are strings, converted to the other operand's type when
// compared; a missing property is NULL (three-valued logic); a conversion failure aborts the whole
// evaluation, which then does not match. Built by CompileSql (sql_parser.h); immutable, so one
// compiled expression is shared by every pull of its group and topic. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rmq::broker::sql {

// Where the evaluator reads property values. Lookups by name, so no map is built per message.
class PropertySource {
 public:
  virtual ~PropertySource() = default;
  virtual std::optional<std::string_view> Get(std::string_view name) const = 0;
};

// An encoded properties section (name\x01value\x02…) read in place; the last duplicate wins.
// `encoded` must outlive the object.
class EncodedProperties final : public PropertySource {
 public:
  explicit EncodedProperties(std::string_view encoded) : encoded_(encoded) {}
  std::optional<std::string_view> Get(std::string_view name) const override;

 private:
  std::string_view encoded_;
};

// Name/value pairs (tests, the client-side check); the last duplicate wins.
class PairProperties final : public PropertySource {
 public:
  explicit PairProperties(std::vector<std::pair<std::string, std::string>> pairs) : pairs_(std::move(pairs)) {}
  std::optional<std::string_view> Get(std::string_view name) const override;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// A value during evaluation: the Java types the upstream evaluator meets (Integer and Long
// literals stay distinct because their string conversions differ).
struct Value {
  enum class Kind : uint8_t { kNull, kBool, kInt, kLong, kDouble, kString };
  Kind kind = Kind::kNull;
  bool b = false;
  int64_t i = 0;  // kInt and kLong
  double d = 0;
  std::string_view s;
};

enum class Truth { kFalse, kTrue, kUnknown, kError };

enum class NodeKind : uint8_t {
  kConstant,
  kProperty,
  kNegate,
  kNot,
  kBoolCast,  // a bare property used as a condition
  kAnd,
  kOr,
  kEqual,  // also IS NULL, with a NULL constant on the right
  kGreater,
  kGreaterEqual,
  kLess,
  kLessEqual,
  kIn,
  kNotIn,
  kContains,
  kNotContains,
  kStartsWith,
  kNotStartsWith,
  kEndsWith,
  kNotEndsWith,
};

struct Node {
  NodeKind kind = NodeKind::kConstant;
  int left = -1;   // operand (unary nodes use left)
  int right = -1;
  Value constant;  // kConstant; for strings `text` holds the characters
  std::string text;                // property name, string constant or search string
  std::vector<std::string> list;   // IN list
  int column = 1;                  // where the construct starts in the source, for messages
};

class Expression {
 public:
  // True only when the selector evaluates to TRUE (NULL, FALSE and errors do not match), as
  // ExpressionMessageFilter#isMatchedByCommitLog.
  bool Matches(const PropertySource& properties) const { return Evaluate(properties) == Truth::kTrue; }
  Truth Evaluate(const PropertySource& properties) const;

  const std::string& source() const { return source_; }

 private:
  friend class Parser;
  Value Eval(int index, const PropertySource& properties, bool* error) const;
  Value EvalEqual(const Node& node, const PropertySource& properties, bool* error) const;
  Value EvalOrder(const Node& node, const PropertySource& properties, bool* error) const;
  Value EvalStringTest(const Node& node, const PropertySource& properties, bool* error) const;

  std::string source_;
  std::vector<Node> nodes_;
  int root_ = -1;
};

// Java conversions of a property string, as Integer/Long/Double/Boolean.valueOf. nullopt when
// Java would throw NumberFormatException.
std::optional<int64_t> ParseJavaInt(std::string_view s);
std::optional<int64_t> ParseJavaLong(std::string_view s);
std::optional<double> ParseJavaDouble(std::string_view s);

// As ComparisonExpression#__compare with string conversion on: the sign of l − r after
// converting to a common type; -1 for types that do not convert; sets *error where Java throws.
int CompareValues(Value l, Value r, bool* error);

}  // namespace rmq::broker::sql
