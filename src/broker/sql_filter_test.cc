// The SQL92 selector: a table of expressions × property sets × expected outcome (upstream
// semantics: NULL logic, string conversion to the literal's type, failures that abort), the
// lexer's literals, and bad expressions with the column their error names.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "broker/sql_lexer.h"
#include "broker/sql_parser.h"
#include "common/message_properties.h"

namespace rmq::broker::sql {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

struct Case {
  const char* sql;
  Pairs properties;
  Truth expected;
};

const Pairs kAB = {{"a", "4"}, {"b", "x"}};

const std::vector<Case> kCases = {
    // Comparisons of a numeric property string with integer and decimal literals.
    {"a = 4", kAB, Truth::kTrue},
    {"a = 5", kAB, Truth::kFalse},
    {"a <> 5", kAB, Truth::kTrue},
    {"a > 3", kAB, Truth::kTrue},
    {"a >= 4", kAB, Truth::kTrue},
    {"a < 4", kAB, Truth::kFalse},
    {"a <= 4", kAB, Truth::kTrue},
    {"a > 3.5", kAB, Truth::kTrue},
    {"a < 4.5", kAB, Truth::kTrue},
    {"a = 4.0", kAB, Truth::kTrue},
    {"a > 3L", kAB, Truth::kTrue},
    {"a > 3000000000", {{"a", "3000000001"}}, Truth::kTrue},  // a Long literal parses the value as long
    {"a > 3", {{"a", "3000000001"}}, Truth::kError},           // an Integer literal: Integer.valueOf fails
    {"a > 3", {{"a", "3.5"}}, Truth::kError},                  // likewise for a decimal string
    {"a > 3.0", {{"a", "3.5"}}, Truth::kTrue},
    {"a > -5", kAB, Truth::kTrue},
    {"a < -5", {{"a", "-6"}}, Truth::kTrue},
    {"a > 1E0", kAB, Truth::kTrue},
    {"a > .5", kAB, Truth::kTrue},
    {"a = 4", {{"a", " 4"}}, Truth::kError},  // Integer.valueOf does not trim
    {"a = 4.0", {{"a", " 4 "}}, Truth::kTrue},  // Double.valueOf does
    {"3 < a", kAB, Truth::kTrue},
    // A non-numeric property compared with a number aborts the evaluation: no match, even in OR.
    {"b > 3", kAB, Truth::kError},
    {"b = 3", kAB, Truth::kError},
    {"b = 3 OR a = 4", kAB, Truth::kError},
    {"a = 4 OR b = 3", kAB, Truth::kTrue},  // short-circuit: the right side is never evaluated
    {"a = 5 AND b = 3", kAB, Truth::kFalse},
    {"NOT (b = 3)", kAB, Truth::kError},
    // Two strings ordered are compared as doubles.
    {"a > c", {{"a", "10"}, {"c", "9"}}, Truth::kTrue},
    {"a > c", {{"a", "10"}, {"c", "x"}}, Truth::kError},
    {"a = c", {{"a", "10"}, {"c", "10.0"}}, Truth::kFalse},  // = on two strings compares the text
    // Strings.
    {"b = 'x'", kAB, Truth::kTrue},
    {"b = 'y'", kAB, Truth::kFalse},
    {"b <> 'y'", kAB, Truth::kTrue},
    {"b = 'it''s'", {{"b", "it's"}}, Truth::kTrue},
    {"b = ''", {{"b", "x"}}, Truth::kFalse},
    {"a = '4'", kAB, Truth::kTrue},
    // Missing properties are NULL: comparisons are unknown and never match.
    {"z = 1", kAB, Truth::kUnknown},
    {"z <> 1", kAB, Truth::kUnknown},
    {"z > 1", kAB, Truth::kUnknown},
    {"NOT (z = 1)", kAB, Truth::kUnknown},
    {"1 = z", kAB, Truth::kFalse},  // upstream's asymmetry: a NULL right side is FALSE
    {"z = 1 OR a = 4", kAB, Truth::kTrue},
    {"z = 1 OR a = 5", kAB, Truth::kUnknown},
    {"z = 1 AND a = 5", kAB, Truth::kFalse},
    {"z = 1 AND a = 4", kAB, Truth::kUnknown},
    {"z IS NULL", kAB, Truth::kTrue},
    {"a IS NULL", kAB, Truth::kFalse},
    {"a IS NOT NULL", kAB, Truth::kTrue},
    {"z IS NOT NULL", kAB, Truth::kFalse},
    {"z IS NULL AND a IS NOT NULL", kAB, Truth::kTrue},
    // BETWEEN.
    {"a BETWEEN 3 AND 5", kAB, Truth::kTrue},
    {"a BETWEEN 4 AND 4", kAB, Truth::kTrue},
    {"a BETWEEN 5 AND 9", kAB, Truth::kFalse},
    {"a NOT BETWEEN 5 AND 9", kAB, Truth::kTrue},
    {"a NOT BETWEEN 3 AND 5", kAB, Truth::kFalse},
    {"a BETWEEN 3.5 AND 4.5", kAB, Truth::kTrue},
    {"z BETWEEN 3 AND 5", kAB, Truth::kUnknown},
    {"a BETWEEN 3 AND 5 AND b = 'x'", kAB, Truth::kTrue},
    {"a BETWEEN 3 AND 5 AND b = 'x'", {{"a", "6"}, {"b", "x"}}, Truth::kFalse},
    {"a BETWEEN 3 AND 5 AND b = 'x'", {{"a", "3"}, {"b", "y"}}, Truth::kFalse},
    {"a BETWEEN 3 AND 5 AND b = 'x'", {{"b", "x"}}, Truth::kUnknown},
    // IN.
    {"b IN ('x', 'y')", kAB, Truth::kTrue},
    {"b IN ('y')", kAB, Truth::kFalse},
    {"b NOT IN ('y', 'z')", kAB, Truth::kTrue},
    {"b NOT IN ('x')", kAB, Truth::kFalse},
    {"z IN ('x')", kAB, Truth::kUnknown},
    {"z NOT IN ('x')", kAB, Truth::kUnknown},
    {"a IN ('4')", kAB, Truth::kTrue},
    // String tests (5.x): NULL and the NOT forms on NULL are FALSE.
    {"b CONTAINS 'x'", {{"b", "abxc"}}, Truth::kTrue},
    {"b NOT CONTAINS 'x'", {{"b", "abxc"}}, Truth::kFalse},
    {"b STARTSWITH 'ab'", {{"b", "abxc"}}, Truth::kTrue},
    {"b NOT STARTSWITH 'b'", {{"b", "abxc"}}, Truth::kTrue},
    {"b ENDSWITH 'xc'", {{"b", "abxc"}}, Truth::kTrue},
    {"b NOT ENDSWITH 'xc'", {{"b", "abxc"}}, Truth::kFalse},
    {"z NOT CONTAINS 'x'", kAB, Truth::kFalse},
    {"b CONTAINS ''", kAB, Truth::kFalse},
    // Booleans, logic and precedence.
    {"TRUE", kAB, Truth::kTrue},
    {"FALSE", kAB, Truth::kFalse},
    {"NOT FALSE", kAB, Truth::kTrue},
    {"flag = TRUE", {{"flag", "TRUE"}}, Truth::kTrue},
    {"flag = TRUE", {{"flag", "yes"}}, Truth::kFalse},
    {"flag = FALSE", {{"flag", "no"}}, Truth::kTrue},
    {"TRUE = flag", {{"flag", "true"}}, Truth::kError},  // upstream casts the Boolean to String
    {"a", kAB, Truth::kFalse},  // a bare property is a boolean cast: a string is FALSE
    {"NOT a", kAB, Truth::kTrue},
    {"z", kAB, Truth::kUnknown},
    {"a = 4 OR a = 5 AND b = 'y'", kAB, Truth::kTrue},  // AND binds tighter
    {"(a = 4 OR a = 5) AND b = 'y'", kAB, Truth::kFalse},
    {"NOT a = 5", kAB, Truth::kFalse},  // NOT binds to a: (NOT a) = 5 compares a Boolean with 5
    {"(a > 3) = TRUE", kAB, Truth::kTrue},
    // Keywords are case-insensitive; comments are skipped.
    {"a between 3 and 5 and b in ('x') and z is null", kAB, Truth::kTrue},
    {"a = 4 /* comment */ AND -- line\n b = 'x'", kAB, Truth::kTrue},
    // Property names with _ and $; TAGS and KEYS are ordinary properties.
    {"$x_1 = 'v'", {{"$x_1", "v"}}, Truth::kTrue},
    {"TAGS = 'TagA'", {{"TAGS", "TagA"}}, Truth::kTrue},
    // The last duplicate wins, as with the decoded properties map.
    {"a = 2", {{"a", "1"}, {"a", "2"}}, Truth::kTrue},
};

TEST(SqlFilterTest, ExpressionTableMatchesUpstreamSemantics) {
  for (const Case& c : kCases) {
    auto compiled = CompileSql(c.sql);
    ASSERT_TRUE(compiled.ok()) << c.sql << ": " << compiled.status().message();
    PairProperties properties(c.properties);
    EXPECT_EQ(static_cast<int>((*compiled)->Evaluate(properties)), static_cast<int>(c.expected)) << c.sql;
    EXPECT_EQ((*compiled)->Matches(properties), c.expected == Truth::kTrue) << c.sql;
  }
}

TEST(SqlFilterTest, EncodedPropertiesAreReadInPlace) {
  std::string encoded;
  AppendProperty(&encoded, "TAGS", "TagA");
  AppendProperty(&encoded, "a", "4");
  AppendProperty(&encoded, "b", "x");
  auto compiled = CompileSql("a BETWEEN 3 AND 5 AND b = 'x' AND TAGS = 'TagA' AND c IS NULL");
  ASSERT_TRUE(compiled.ok());
  EXPECT_TRUE((*compiled)->Matches(EncodedProperties(encoded)));
  EXPECT_FALSE((*compiled)->Matches(EncodedProperties("")));
}

struct BadCase {
  const char* sql;
  int column;
  const char* message_part;
};

const std::vector<BadCase> kBadCases = {
    {"", 1, "empty"},
    {"a = ", 5, "expected a property, a literal"},
    {"a == 1", 4, "found \"=\""},
    {"a != 1", 3, "unexpected character '!'"},
    {"a = 'x", 5, "no closing quote"},
    {"a = 1 /* open", 7, "not closed"},
    {"a BETWEEN 1 2", 13, "expected 'AND' between the bounds"},
    {"a BETWEEN 5 AND 3", 11, "low bound 5 is greater than the high bound 3"},
    {"a BETWEEN 'x' AND 'y'", 11, "cannot be compared"},
    {"a IN 'x'", 6, "expected '('"},
    {"a IN ('x' 'y')", 11, "expected ')' or ','"},
    {"a IN (1, 2)", 7, "expected a string literal"},
    {"'x' IN ('x')", 1, "expected a property before IN"},
    {"a > 'x'", 5, "cannot be compared with >"},
    {"TRUE < 1", 1, "cannot be compared with <"},
    {"(a > 1) > 2", 4, "cannot be compared"},
    {"a = NULL", 5, "use IS NULL"},
    {"TRUE = 1", 1, "TRUE cannot be compared with 1"},
    {"a IS 1", 6, "expected 'NULL' or 'NOT' after IS"},
    {"a IS NOT 1", 10, "expected 'NULL' after IS NOT"},
    {"(a = 1", 7, "expected ')' to close the '(' at column 1"},
    {"a = 1 b = 2", 7, "expected 'AND', 'OR' or end of expression"},
    {"1", 1, "not a boolean value"},
    {"a = 1 AND 'x'", 11, "not a boolean value"},
    {"a CONTAINS b", 12, "expected a string literal after CONTAINS"},
    {"a > 99999999999999999999", 5, "out of the range of a long"},
    {"a > 0.0", 5, "upstream refuses decimal zero"},
    {"a = 1 --no line end", 7, "expected 'AND', 'OR' or end of expression"},
};

TEST(SqlFilterTest, BadExpressionsNameTheColumnAndWhatWasExpected) {
  for (const BadCase& c : kBadCases) {
    auto compiled = CompileSql(c.sql);
    ASSERT_FALSE(compiled.ok()) << c.sql;
    const std::string message = compiled.status().message();
    EXPECT_NE(message.find("at column " + std::to_string(c.column) + ":"), std::string::npos)
        << c.sql << " -> " << message;
    EXPECT_NE(message.find(c.message_part), std::string::npos) << c.sql << " -> " << message;
  }
}

TEST(SqlFilterTest, LexerTakesTheLongestNumericLiteral) {
  auto tokens = Tokenize("5 5L 5. 5.5 .5 5E10 5.5e-3 0 1a");
  ASSERT_TRUE(tokens.ok());
  std::vector<std::pair<TokenKind, std::string>> got;
  for (const Token& t : *tokens) got.emplace_back(t.kind, t.text);
  std::vector<std::pair<TokenKind, std::string>> want = {
      {TokenKind::kInteger, "5"},     {TokenKind::kInteger, "5L"}, {TokenKind::kFloat, "5."},
      {TokenKind::kFloat, "5.5"},     {TokenKind::kFloat, ".5"},   {TokenKind::kFloat, "5E10"},
      {TokenKind::kFloat, "5.5e-3"},  {TokenKind::kInteger, "0"},  {TokenKind::kInteger, "1"},
      {TokenKind::kIdentifier, "a"},  {TokenKind::kEnd, ""},
  };
  EXPECT_EQ(got, want);
}

TEST(SqlFilterTest, JavaNumberConversions) {
  EXPECT_EQ(ParseJavaInt("+12"), 12);
  EXPECT_EQ(ParseJavaInt("-2147483648"), -2147483648LL);
  EXPECT_EQ(ParseJavaInt("2147483648"), std::nullopt);
  EXPECT_EQ(ParseJavaInt(""), std::nullopt);
  EXPECT_EQ(ParseJavaInt("-"), std::nullopt);
  EXPECT_EQ(ParseJavaLong("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(ParseJavaLong("9223372036854775808"), std::nullopt);
  EXPECT_EQ(ParseJavaLong("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(ParseJavaDouble(" 1.5e2 "), 150.0);
  EXPECT_EQ(ParseJavaDouble("2f"), 2.0);
  EXPECT_EQ(ParseJavaDouble("-.5"), -0.5);
  EXPECT_EQ(ParseJavaDouble("abc"), std::nullopt);
  EXPECT_EQ(ParseJavaDouble("1e"), std::nullopt);
  EXPECT_EQ(ParseJavaDouble("inf"), std::nullopt);
  EXPECT_TRUE(std::isinf(*ParseJavaDouble("Infinity")));
}

}  // namespace
}  // namespace rmq::broker::sql
