#include "broker/sql_expression.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "common/message_properties.h"

namespace rmq::broker::sql {
namespace {

using Kind = Value::Kind;

Value Null() { return Value{}; }
Value Bool(bool b) {
  Value v;
  v.kind = Kind::kBool;
  v.b = b;
  return v;
}

// Java's doubleToLongBits ordering: -0.0 < 0.0 and NaN above everything, equal to itself.
int JavaDoubleCompare(double a, double b) {
  if (a < b) return -1;
  if (a > b) return 1;
  const bool a_nan = std::isnan(a), b_nan = std::isnan(b);
  if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
  const bool a_neg = std::signbit(a), b_neg = std::signbit(b);
  return a_neg == b_neg ? 0 : (a_neg ? -1 : 1);
}

template <typename T>
int Sign(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

std::optional<int64_t> ParseJavaInteger(std::string_view s, int64_t min, int64_t max) {
  if (s.empty()) return std::nullopt;
  bool negative = false;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  // Accumulate as a negative number, whose range includes min.
  int64_t value = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    int digit = s[i] - '0';
    if (value < (min + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
    if (value < min) return std::nullopt;
  }
  if (negative) return value;
  if (value < -max) return std::nullopt;
  return -value;
}

bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::string_view> EncodedProperties::Get(std::string_view name) const {
  return FindProperty(encoded_, name);
}

std::optional<std::string_view> PairProperties::Get(std::string_view name) const {
  for (auto it = pairs_.rbegin(); it != pairs_.rend(); ++it) {
    if (it->first == name) return std::string_view(it->second);
  }
  return std::nullopt;
}

std::optional<int64_t> ParseJavaInt(std::string_view s) {
  return ParseJavaInteger(s, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
}

std::optional<int64_t> ParseJavaLong(std::string_view s) {
  return ParseJavaInteger(s, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
}

std::optional<double> ParseJavaDouble(std::string_view s) {
  // As Double.valueOf: surrounding characters <= ' ' are trimmed; an optional sign; NaN,
  // Infinity, or digits with an optional fraction and exponent and an f/F/d/D suffix.
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Infinity") return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  if (!s.empty() && (s.back() == 'f' || s.back() == 'F' || s.back() == 'd' || s.back() == 'D')) s.remove_suffix(1);
  size_t i = 0, int_digits = 0, frac_digits = 0;
  while (i < s.size() && IsDigitChar(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigitChar(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && IsDigitChar(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // Java rounds to infinity or zero instead of failing; strtod does the same.
    std::string copy(s);
    value = std::strtod(copy.c_str(), nullptr);
  } else if (ec != std::errc() || end != s.data() + s.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

int CompareValues(Value l, Value r, bool* error) {
  if (l.kind != r.kind) {
    // Convert one side up to the other's type, as __compare does.
    switch (l.kind) {
      case Kind::kBool:
        // Java casts the Boolean to String here and throws ClassCastException.
        if (r.kind == Kind::kString) *error = true;
        return -1;
      case Kind::kInt:
      case Kind::kLong:
        if (r.kind == Kind::kInt || r.kind == Kind::kLong) return Sign(l.i, r.i);
        if (r.kind == Kind::kDouble) return JavaDoubleCompare(static_cast<double>(l.i), r.d);
        if (r.kind == Kind::kString) {
          auto parsed = l.kind == Kind::kInt ? ParseJavaInt(r.s) : ParseJavaLong(r.s);
          if (!parsed) {
            *error = true;
            return -1;
          }
          return Sign(l.i, *parsed);
        }
        return -1;
      case Kind::kDouble:
        if (r.kind == Kind::kInt || r.kind == Kind::kLong) return JavaDoubleCompare(l.d, static_cast<double>(r.i));
        if (r.kind == Kind::kString) {
          auto parsed = ParseJavaDouble(r.s);
          if (!parsed) {
            *error = true;
            return -1;
          }
          return JavaDoubleCompare(l.d, *parsed);
        }
        return -1;
      case Kind::kString: {
        if (r.kind == Kind::kBool) {
          // Boolean.valueOf: "true" in any case, everything else false.
          bool b = l.s.size() == 4 && (l.s[0] | 0x20) == 't' && (l.s[1] | 0x20) == 'r' && (l.s[2] | 0x20) == 'u' &&
                   (l.s[3] | 0x20) == 'e';
          return Sign(b, r.b);
        }
        if (r.kind == Kind::kInt || r.kind == Kind::kLong) {
          auto parsed = r.kind == Kind::kInt ? ParseJavaInt(l.s) : ParseJavaLong(l.s);
          if (!parsed) {
            *error = true;
            return -1;
          }
          return Sign(*parsed, r.i);
        }
        if (r.kind == Kind::kDouble) {
          auto parsed = ParseJavaDouble(l.s);
          if (!parsed) {
            *error = true;
            return -1;
          }
          return JavaDoubleCompare(*parsed, r.d);
        }
        return -1;
      }
      case Kind::kNull:
        return -1;
    }
    return -1;
  }
  switch (l.kind) {
    case Kind::kNull: return 0;
    case Kind::kBool: return Sign(l.b, r.b);
    case Kind::kInt:
    case Kind::kLong: return Sign(l.i, r.i);
    case Kind::kDouble: return JavaDoubleCompare(l.d, r.d);
    case Kind::kString: {
      int c = l.s.compare(r.s);
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return -1;
}

Truth Expression::Evaluate(const PropertySource& properties) const {
  bool error = false;
  Value v = Eval(root_, properties, &error);
  if (error) return Truth::kError;
  if (v.kind == Kind::kNull) return Truth::kUnknown;
  if (v.kind != Kind::kBool) return Truth::kFalse;
  return v.b ? Truth::kTrue : Truth::kFalse;
}

Value Expression::Eval(int index, const PropertySource& properties, bool* error) const {
  const Node& node = nodes_[static_cast<size_t>(index)];
  switch (node.kind) {
    case NodeKind::kConstant: {
      Value v = node.constant;
      if (v.kind == Kind::kString) v.s = node.text;
      return v;
    }
    case NodeKind::kProperty: {
      auto found = properties.Get(node.text);
      if (!found) return Null();
      Value v;
      v.kind = Kind::kString;
      v.s = *found;
      return v;
    }
    case NodeKind::kNegate: {
      Value v = Eval(node.left, properties, error);
      if (v.kind == Kind::kInt) {
        v.i = static_cast<int32_t>(0u - static_cast<uint32_t>(v.i));
      } else if (v.kind == Kind::kLong) {
        v.i = static_cast<int64_t>(0ull - static_cast<uint64_t>(v.i));
      } else if (v.kind == Kind::kDouble) {
        v.d = -v.d;
      } else {
        return Null();  // NULL, or a property string: not a Number
      }
      return v;
    }
    case NodeKind::kNot: {
      Value v = Eval(node.left, properties, error);
      if (v.kind != Kind::kBool) return Null();
      return Bool(!v.b);
    }
    case NodeKind::kBoolCast: {
      Value v = Eval(node.left, properties, error);
      if (v.kind == Kind::kNull) return Null();
      return Bool(v.kind == Kind::kBool && v.b);
    }
    case NodeKind::kAnd: {
      // As LogicExpression#createAND: FALSE wins, then NULL, left to right, short-circuit.
      Value l = Eval(node.left, properties, error);
      if (*error) return Null();
      if (l.kind == Kind::kBool && !l.b) return Bool(false);
      Value r = Eval(node.right, properties, error);
      if (r.kind == Kind::kBool && !r.b) return Bool(false);
      if (l.kind == Kind::kNull || r.kind == Kind::kNull) return Null();
      return Bool(true);
    }
    case NodeKind::kOr: {
      Value l = Eval(node.left, properties, error);
      if (*error) return Null();
      if (l.kind == Kind::kBool && l.b) return Bool(true);
      Value r = Eval(node.right, properties, error);
      if (r.kind == Kind::kBool && r.b) return Bool(true);
      if (l.kind == Kind::kNull || r.kind == Kind::kNull) return Null();
      return Bool(false);
    }
    case NodeKind::kEqual:
      return EvalEqual(node, properties, error);
    case NodeKind::kGreater:
    case NodeKind::kGreaterEqual:
    case NodeKind::kLess:
    case NodeKind::kLessEqual:
      return EvalOrder(node, properties, error);
    case NodeKind::kIn:
    case NodeKind::kNotIn: {
      Value v = Eval(node.left, properties, error);
      if (v.kind != Kind::kString) return Null();
      bool in = std::find(node.list.begin(), node.list.end(), v.s) != node.list.end();
      return Bool(in != (node.kind == NodeKind::kNotIn));
    }
    case NodeKind::kContains:
    case NodeKind::kNotContains:
    case NodeKind::kStartsWith:
    case NodeKind::kNotStartsWith:
    case NodeKind::kEndsWith:
    case NodeKind::kNotEndsWith:
      return EvalStringTest(node, properties, error);
  }
  return Null();
}

Value Expression::EvalEqual(const Node& node, const PropertySource& properties, bool* error) const {
  // As ComparisonExpression#doCreateEqual: both sides are evaluated first.
  Value l = Eval(node.left, properties, error);
  Value r = Eval(node.right, properties, error);
  if (*error) return Null();
  const bool l_null = l.kind == Kind::kNull, r_null = r.kind == Kind::kNull;
  if (l_null != r_null) return l_null ? Null() : Bool(false);
  if (l_null) return Bool(true);
  return Bool(CompareValues(l, r, error) == 0);
}

Value Expression::EvalOrder(const Node& node, const PropertySource& properties, bool* error) const {
  Value l = Eval(node.left, properties, error);
  if (l.kind == Kind::kNull) return Null();
  Value r = Eval(node.right, properties, error);
  if (r.kind == Kind::kNull || *error) return Null();
  int c = 0;
  if (l.kind == Kind::kString && r.kind == Kind::kString) {
    // Two strings are compared as doubles, or the evaluation fails.
    auto ld = ParseJavaDouble(l.s), rd = ParseJavaDouble(r.s);
    if (!ld || !rd) {
      *error = true;
      return Null();
    }
    c = JavaDoubleCompare(*ld, *rd);
  } else {
    c = CompareValues(l, r, error);
  }
  switch (node.kind) {
    case NodeKind::kGreater: return Bool(c > 0);
    case NodeKind::kGreaterEqual: return Bool(c >= 0);
    case NodeKind::kLess: return Bool(c < 0);
    default: return Bool(c <= 0);
  }
}

Value Expression::EvalStringTest(const Node& node, const PropertySource& properties, bool* error) const {
  // As ContainsExpression and friends: an empty search string, NULL or a non-string is FALSE,
  // for the NOT forms too.
  if (node.text.empty()) return Bool(false);
  Value v = Eval(node.left, properties, error);
  if (v.kind != Kind::kString) return Bool(false);
  bool hit = false;
  bool negated = false;
  switch (node.kind) {
    case NodeKind::kNotContains: negated = true; [[fallthrough]];
    case NodeKind::kContains: hit = v.s.find(node.text) != std::string_view::npos; break;
    case NodeKind::kNotStartsWith: negated = true; [[fallthrough]];
    case NodeKind::kStartsWith: hit = v.s.starts_with(node.text); break;
    case NodeKind::kNotEndsWith: negated = true; [[fallthrough]];
    default: hit = v.s.ends_with(node.text); break;
  }
  return Bool(hit != negated);
}

}  // namespace rmq::broker::sql
