// Tokens of the SQL92 message selector (the grammar of upstream filter/…/SelectorParser.jj):
// keywords (case-insensitive), identifiers, integer/decimal/string literals and operators, with
// `-- …` line and `/* … */` block comments skipped. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace rmq::broker::sql {

enum class TokenKind {
  kEnd,
  kIdentifier,
  kInteger,  // "0" | [1-9][0-9]*, optional L suffix
  kFloat,    // 5.5, 5., .5, 5E10, 5.5E-3
  kString,   // text holds the decoded value ('' → ')
  // Keywords.
  kNot,
  kAnd,
  kOr,
  kBetween,
  kIn,
  kTrue,
  kFalse,
  kNull,
  kIs,
  kContains,
  kStartsWith,
  kEndsWith,
  // Operators.
  kEq,
  kNe,
  kGt,
  kGe,
  kLt,
  kLe,
  kLParen,
  kRParen,
  kComma,
  kPlus,
  kMinus,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // the source text, or the decoded value of a string literal
  int column = 1;    // 1-based position of the first character in the expression
};

// How a token kind is named in error messages ("'BETWEEN'", "a string literal", …).
std::string_view TokenKindName(TokenKind kind);
// The token as the user wrote it, for "found …" in error messages.
std::string DescribeToken(const Token& token);

// All tokens of `sql`, ending with kEnd. InvalidArgument naming the column of a character that
// starts no token, an unterminated string literal or block comment.
Result<std::vector<Token>> Tokenize(std::string_view sql);

}  // namespace rmq::broker::sql
