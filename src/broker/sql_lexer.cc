#include "broker/sql_lexer.h"

#include <array>
#include <cstdio>
#include <utility>

namespace rmq::broker::sql {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'; }
bool IsIdPart(char c) { return IsIdStart(c) || IsDigit(c); }
// As the grammar's SPECIAL_TOKEN: space, tab, newline, carriage return, form feed.
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

constexpr std::array<std::pair<std::string_view, TokenKind>, 12> kKeywords = {{
    {"NOT", TokenKind::kNot},
    {"AND", TokenKind::kAnd},
    {"OR", TokenKind::kOr},
    {"BETWEEN", TokenKind::kBetween},
    {"IN", TokenKind::kIn},
    {"TRUE", TokenKind::kTrue},
    {"FALSE", TokenKind::kFalse},
    {"NULL", TokenKind::kNull},
    {"IS", TokenKind::kIs},
    {"CONTAINS", TokenKind::kContains},
    {"STARTSWITH", TokenKind::kStartsWith},
    {"ENDSWITH", TokenKind::kEndsWith},
}};

// Length of [eE][+-]?[0-9]+ at `pos`, or 0.
size_t ExponentLength(std::string_view s, size_t pos) {
  if (pos >= s.size() || (s[pos] != 'e' && s[pos] != 'E')) return 0;
  size_t i = pos + 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i > digits ? i - pos : 0;
}

size_t DigitsLength(std::string_view s, size_t pos) {
  size_t i = pos;
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i - pos;
}

// The longest numeric literal at `pos` (JavaCC takes the longest match): its kind and length,
// or length 0 when none starts here.
std::pair<TokenKind, size_t> MatchNumber(std::string_view s, size_t pos) {
  size_t decimal = 0;
  if (pos < s.size() && s[pos] == '0') {
    decimal = 1;
  } else if (pos < s.size() && IsDigit(s[pos])) {
    decimal = DigitsLength(s, pos);
    if (pos + decimal < s.size() && (s[pos + decimal] == 'l' || s[pos + decimal] == 'L')) ++decimal;
  }
  size_t floating = 0;
  size_t int_digits = DigitsLength(s, pos);
  if (int_digits > 0) {
    size_t i = pos + int_digits;
    if (i < s.size() && s[i] == '.') {
      ++i;
      i += DigitsLength(s, i);
      i += ExponentLength(s, i);
      floating = i - pos;
    } else if (size_t e = ExponentLength(s, i); e > 0) {
      floating = int_digits + e;
    }
  } else if (pos < s.size() && s[pos] == '.') {
    size_t frac = DigitsLength(s, pos + 1);
    if (frac > 0) floating = 1 + frac + ExponentLength(s, pos + 1 + frac);
  }
  if (floating > decimal) return {TokenKind::kFloat, floating};
  return {TokenKind::kInteger, decimal};
}

Status LexError(size_t pos, std::string what) {
  return InvalidArgument("Invalid MessageSelector: at column " + std::to_string(pos + 1) + ": " + std::move(what));
}

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd: return "end of expression";
    case TokenKind::kIdentifier: return "a property name";
    case TokenKind::kInteger: return "an integer literal";
    case TokenKind::kFloat: return "a decimal literal";
    case TokenKind::kString: return "a string literal";
    case TokenKind::kNot: return "'NOT'";
    case TokenKind::kAnd: return "'AND'";
    case TokenKind::kOr: return "'OR'";
    case TokenKind::kBetween: return "'BETWEEN'";
    case TokenKind::kIn: return "'IN'";
    case TokenKind::kTrue: return "'TRUE'";
    case TokenKind::kFalse: return "'FALSE'";
    case TokenKind::kNull: return "'NULL'";
    case TokenKind::kIs: return "'IS'";
    case TokenKind::kContains: return "'CONTAINS'";
    case TokenKind::kStartsWith: return "'STARTSWITH'";
    case TokenKind::kEndsWith: return "'ENDSWITH'";
    case TokenKind::kEq: return "'='";
    case TokenKind::kNe: return "'<>'";
    case TokenKind::kGt: return "'>'";
    case TokenKind::kGe: return "'>='";
    case TokenKind::kLt: return "'<'";
    case TokenKind::kLe: return "'<='";
    case TokenKind::kLParen: return "'('";
    case TokenKind::kRParen: return "')'";
    case TokenKind::kComma: return "','";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
  }
  return "a token";
}

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd: return "end of expression";
    case TokenKind::kString: return "'" + token.text + "'";
    default: return "\"" + token.text + "\"";
  }
}

Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < s.size()) {
      if (IsSpace(s[i])) {
        ++i;
      } else if (s.compare(i, 2, "--") == 0) {
        // As LINE_COMMENT, which needs its line end: without one, "--" is two minus signs.
        size_t eol = s.find_first_of("\r\n", i);
        if (eol == std::string_view::npos) break;
        i = eol + 1;
      } else if (s.compare(i, 2, "/*") == 0) {
        size_t close = s.find("*/", i + 2);
        if (close == std::string_view::npos) return LexError(i, "the comment starting here is not closed by */");
        i = close + 2;
      } else {
        break;
      }
    }
    Token token;
    token.column = static_cast<int>(i) + 1;
    if (i >= s.size()) {
      tokens.push_back(std::move(token));
      return tokens;
    }
    const char c = s[i];
    if (IsIdStart(c)) {
      size_t end = i + 1;
      while (end < s.size() && IsIdPart(s[end])) ++end;
      token.text = std::string(s.substr(i, end - i));
      token.kind = TokenKind::kIdentifier;
      for (const auto& [word, kind] : kKeywords) {
        if (EqualsIgnoreCase(token.text, word)) token.kind = kind;
      }
      i = end;
    } else if (IsDigit(c) || (c == '.' && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      auto [kind, length] = MatchNumber(s, i);
      token.kind = kind;
      token.text = std::string(s.substr(i, length));
      i += length;
    } else if (c == '\'') {
      size_t j = i + 1;
      bool closed = false;
      while (j < s.size()) {
        if (s[j] == '\'') {
          if (j + 1 < s.size() && s[j + 1] == '\'') {
            token.text.push_back('\'');
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        token.text.push_back(s[j++]);
      }
      if (!closed) return LexError(i, "the string literal starting here has no closing quote");
      token.kind = TokenKind::kString;
      i = j;
    } else {
      auto two = s.substr(i, 2);
      size_t length = 1;
      if (two == "<>") {
        token.kind = TokenKind::kNe, length = 2;
      } else if (two == ">=") {
        token.kind = TokenKind::kGe, length = 2;
      } else if (two == "<=") {
        token.kind = TokenKind::kLe, length = 2;
      } else if (c == '=') {
        token.kind = TokenKind::kEq;
      } else if (c == '>') {
        token.kind = TokenKind::kGt;
      } else if (c == '<') {
        token.kind = TokenKind::kLt;
      } else if (c == '(') {
        token.kind = TokenKind::kLParen;
      } else if (c == ')') {
        token.kind = TokenKind::kRParen;
      } else if (c == ',') {
        token.kind = TokenKind::kComma;
      } else if (c == '+') {
        token.kind = TokenKind::kPlus;
      } else if (c == '-') {
        token.kind = TokenKind::kMinus;
      } else {
        const auto byte = static_cast<unsigned char>(c);
        char shown[16];
        if (byte < 0x20 || byte >= 0x7f) {
          std::snprintf(shown, sizeof(shown), "byte 0x%02x", byte);
        } else {
          std::snprintf(shown, sizeof(shown), "'%c'", c);
        }
        return LexError(i, std::string("unexpected character ") + shown);
      }
      token.text = std::string(s.substr(i, length));
      i += length;
    }
    tokens.push_back(std::move(token));
  }
}

}  // namespace rmq::broker::sql
