#include "broker/sql_parser.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "broker/sql_lexer.h"

namespace rmq::broker::sql {

using Kind = Value::Kind;

// Recursive descent over the token list, one method per grammar rule of SelectorParser.jj.
class Parser {
 public:
  Parser(std::string_view source, std::vector<Token> tokens) : tokens_(std::move(tokens)) {
    expression_ = std::make_shared<Expression>();
    expression_->source_ = std::string(source);
  }

  Result<std::shared_ptr<const Expression>> Parse() {
    RMQ_ASSIGN_OR_RETURN(int root, OrExpression());
    if (Peek().kind != TokenKind::kEnd) {
      return Error(Peek().column, "expected 'AND', 'OR' or end of expression but found " + DescribeToken(Peek()));
    }
    RMQ_ASSIGN_OR_RETURN(root, AsBoolean(root));
    expression_->root_ = root;
    return std::shared_ptr<const Expression>(std::move(expression_));
  }

 private:
  const Token& Peek(size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  const Token& Next() { return tokens_[std::min(pos_++, tokens_.size() - 1)]; }
  bool Accept(TokenKind kind) {
    if (Peek().kind != kind) return false;
    ++pos_;
    return true;
  }
  static Status Error(int column, std::string what) {
    return InvalidArgument("Invalid MessageSelector: at column " + std::to_string(column) + ": " + std::move(what));
  }
  Status Expect(TokenKind kind, std::string_view context) {
    if (Accept(kind)) return Status::Ok();
    return Error(Peek().column, "expected " + std::string(TokenKindName(kind)) + std::string(context) +
                                    " but found " + DescribeToken(Peek()));
  }

  Node& At(int index) { return expression_->nodes_[static_cast<size_t>(index)]; }
  int Add(Node node) {
    expression_->nodes_.push_back(std::move(node));
    return static_cast<int>(expression_->nodes_.size()) - 1;
  }
  int AddBinary(NodeKind kind, int left, int right, int column) {
    Node node;
    node.kind = kind;
    node.left = left;
    node.right = right;
    node.column = column;
    return Add(std::move(node));
  }

  bool IsConstant(int index) { return At(index).kind == NodeKind::kConstant; }
  bool IsBooleanConstant(int index) {
    return IsConstant(index) && (At(index).constant.kind == Kind::kBool || At(index).constant.kind == Kind::kNull);
  }
  bool IsNumberConstant(int index) {
    Kind k = At(index).constant.kind;
    return IsConstant(index) && (k == Kind::kInt || k == Kind::kLong || k == Kind::kDouble);
  }
  // A BooleanExpression upstream: logic, comparisons and TRUE/FALSE/NULL.
  bool IsBoolean(int index) {
    switch (At(index).kind) {
      case NodeKind::kConstant: return IsBooleanConstant(index);
      case NodeKind::kProperty:
      case NodeKind::kNegate: return false;
      default: return true;
    }
  }
  std::string Describe(int index) {
    const Node& node = At(index);
    if (node.kind == NodeKind::kProperty) return "property " + node.text;
    if (node.kind != NodeKind::kConstant) return "the condition at column " + std::to_string(node.column);
    switch (node.constant.kind) {
      case Kind::kNull: return "NULL";
      case Kind::kBool: return node.constant.b ? "TRUE" : "FALSE";
      case Kind::kString: return "'" + node.text + "'";
      default: return node.text;
    }
  }

  // As SelectorParser#asBooleanExpression: a property becomes a boolean cast.
  Result<int> AsBoolean(int index) {
    if (IsBoolean(index)) return index;
    if (At(index).kind == NodeKind::kProperty) {
      Node cast;
      cast.kind = NodeKind::kBoolCast;
      cast.left = index;
      cast.column = At(index).column;
      return Add(std::move(cast));
    }
    return Error(At(index).column, "expected a condition but " + Describe(index) + " is not a boolean value");
  }

  // As ComparisonExpression#checkLessThanOperand: only numbers (and non-boolean expressions,
  // i.e. properties) are ordered.
  Status CheckOrderOperand(int index, std::string_view op) {
    if (IsConstant(index) ? !IsNumberConstant(index) : IsBoolean(index)) {
      return Error(At(index).column, Describe(index) + " cannot be compared with " + std::string(op) +
                                         "; expected a number or a property");
    }
    return Status::Ok();
  }
  // As checkEqualOperand and checkEqualOperandCompatability.
  Status CheckEqualOperands(int left, int right, std::string_view op) {
    for (int side : {left, right}) {
      if (IsConstant(side) && At(side).constant.kind == Kind::kNull) {
        return Error(At(side).column, "NULL cannot be compared with " + std::string(op) + "; use IS NULL");
      }
    }
    if (IsConstant(left) && IsConstant(right) && IsBooleanConstant(left) && !IsBooleanConstant(right)) {
      return Error(At(left).column, Describe(left) + " cannot be compared with " + Describe(right));
    }
    return Status::Ok();
  }

  Result<int> OrExpression() {
    RMQ_ASSIGN_OR_RETURN(int left, AndExpression());
    while (Peek().kind == TokenKind::kOr) {
      int column = Next().column;
      RMQ_ASSIGN_OR_RETURN(int right, AndExpression());
      RMQ_ASSIGN_OR_RETURN(left, AsBoolean(left));
      RMQ_ASSIGN_OR_RETURN(right, AsBoolean(right));
      left = AddBinary(NodeKind::kOr, left, right, column);
    }
    return left;
  }

  Result<int> AndExpression() {
    RMQ_ASSIGN_OR_RETURN(int left, EqualityExpression());
    while (Peek().kind == TokenKind::kAnd) {
      int column = Next().column;
      RMQ_ASSIGN_OR_RETURN(int right, EqualityExpression());
      RMQ_ASSIGN_OR_RETURN(left, AsBoolean(left));
      RMQ_ASSIGN_OR_RETURN(right, AsBoolean(right));
      left = AddBinary(NodeKind::kAnd, left, right, column);
    }
    return left;
  }

  int NullConstant(int column) {
    Node node;
    node.column = column;
    return Add(std::move(node));
  }
  int Negated(int index) {
    Node node;
    node.kind = NodeKind::kNot;
    node.left = index;
    node.column = At(index).column;
    return Add(std::move(node));
  }

  Result<int> EqualityExpression() {
    RMQ_ASSIGN_OR_RETURN(int left, ComparisonExpression());
    while (true) {
      const Token& op = Peek();
      if (op.kind == TokenKind::kEq || op.kind == TokenKind::kNe) {
        Next();
        RMQ_ASSIGN_OR_RETURN(int right, ComparisonExpression());
        RMQ_RETURN_IF_ERROR(CheckEqualOperands(left, right, op.text));
        left = AddBinary(NodeKind::kEqual, left, right, op.column);
        if (op.kind == TokenKind::kNe) left = Negated(left);
      } else if (op.kind == TokenKind::kIs) {
        Next();
        bool negated = Accept(TokenKind::kNot);
        RMQ_RETURN_IF_ERROR(Expect(TokenKind::kNull, negated ? " after IS NOT" : " or 'NOT' after IS"));
        left = AddBinary(NodeKind::kEqual, left, NullConstant(op.column), op.column);
        if (negated) left = Negated(left);
      } else {
        return left;
      }
    }
  }

  Result<std::string> StringLiteral(std::string_view after) {
    const Token& token = Peek();
    if (token.kind != TokenKind::kString) {
      return Error(token.column, "expected a string literal after " + std::string(after) + " but found " +
                                     DescribeToken(token));
    }
    Next();
    return token.text;
  }

  Result<int> ComparisonExpression() {
    RMQ_ASSIGN_OR_RETURN(int left, UnaryExpression());
    while (true) {
      const Token& op = Peek();
      bool negated = false;
      TokenKind kind = op.kind;
      if (kind == TokenKind::kNot) {
        // As LOOKAHEAD(2): NOT continues a comparison only before these keywords.
        TokenKind next = Peek(1).kind;
        if (next != TokenKind::kContains && next != TokenKind::kStartsWith && next != TokenKind::kEndsWith &&
            next != TokenKind::kBetween && next != TokenKind::kIn) {
          return left;
        }
        negated = true;
        Next();
        kind = next;
      }
      switch (kind) {
        case TokenKind::kGt:
        case TokenKind::kGe:
        case TokenKind::kLt:
        case TokenKind::kLe: {
          Next();
          RMQ_ASSIGN_OR_RETURN(int right, UnaryExpression());
          RMQ_RETURN_IF_ERROR(CheckOrderOperand(left, op.text));
          RMQ_RETURN_IF_ERROR(CheckOrderOperand(right, op.text));
          NodeKind node_kind = kind == TokenKind::kGt   ? NodeKind::kGreater
                               : kind == TokenKind::kGe ? NodeKind::kGreaterEqual
                               : kind == TokenKind::kLt ? NodeKind::kLess
                                                        : NodeKind::kLessEqual;
          left = AddBinary(node_kind, left, right, op.column);
          break;
        }
        case TokenKind::kContains:
        case TokenKind::kStartsWith:
        case TokenKind::kEndsWith: {
          const Token& keyword = Next();
          RMQ_ASSIGN_OR_RETURN(std::string search, StringLiteral(keyword.text));
          Node node;
          node.kind = kind == TokenKind::kContains     ? (negated ? NodeKind::kNotContains : NodeKind::kContains)
                      : kind == TokenKind::kStartsWith ? (negated ? NodeKind::kNotStartsWith : NodeKind::kStartsWith)
                                                       : (negated ? NodeKind::kNotEndsWith : NodeKind::kEndsWith);
          node.left = left;
          node.text = std::move(search);
          node.column = op.column;
          left = Add(std::move(node));
          break;
        }
        case TokenKind::kBetween: {
          Next();
          RMQ_ASSIGN_OR_RETURN(left, Between(left, negated, op.column));
          break;
        }
        case TokenKind::kIn: {
          Next();
          RMQ_ASSIGN_OR_RETURN(left, In(left, negated, op.column));
          break;
        }
        default:
          return left;
      }
    }
  }

  Result<int> Between(int value, bool negated, int column) {
    RMQ_ASSIGN_OR_RETURN(int low, UnaryExpression());
    RMQ_RETURN_IF_ERROR(Expect(TokenKind::kAnd, " between the bounds of BETWEEN"));
    RMQ_ASSIGN_OR_RETURN(int high, UnaryExpression());
    for (int side : {value, low, high}) RMQ_RETURN_IF_ERROR(CheckOrderOperand(side, "BETWEEN"));
    if (!negated && IsConstant(low) && IsConstant(high)) {
      // As createBetween: constant bounds must be in order.
      bool error = false;
      if (CompareValues(At(high).constant, At(low).constant, &error) < 0) {
        return Error(At(low).column, "illegal values of BETWEEN: the low bound " + Describe(low) +
                                         " is greater than the high bound " + Describe(high));
      }
    }
    // NOT BETWEEN is value < low OR value > high; BETWEEN is value >= low AND value <= high.
    int lower = AddBinary(negated ? NodeKind::kLess : NodeKind::kGreaterEqual, value, low, column);
    int upper = AddBinary(negated ? NodeKind::kGreater : NodeKind::kLessEqual, value, high, column);
    return AddBinary(negated ? NodeKind::kOr : NodeKind::kAnd, lower, upper, column);
  }

  Result<int> In(int value, bool negated, int column) {
    if (At(value).kind != NodeKind::kProperty) {
      return Error(At(value).column, "expected a property before IN but found " + Describe(value));
    }
    RMQ_RETURN_IF_ERROR(Expect(TokenKind::kLParen, " after IN"));
    Node node;
    node.kind = negated ? NodeKind::kNotIn : NodeKind::kIn;
    node.left = value;
    node.column = column;
    do {
      RMQ_ASSIGN_OR_RETURN(std::string item, StringLiteral("IN ("));
      node.list.push_back(std::move(item));
    } while (Accept(TokenKind::kComma));
    RMQ_RETURN_IF_ERROR(Expect(TokenKind::kRParen, " or ',' in the IN list"));
    return Add(std::move(node));
  }

  Result<int> UnaryExpression() {
    const Token& token = Peek();
    if (token.kind == TokenKind::kPlus) {
      Next();
      return UnaryExpression();
    }
    if (token.kind == TokenKind::kMinus || token.kind == TokenKind::kNot) {
      Next();
      RMQ_ASSIGN_OR_RETURN(int operand, UnaryExpression());
      if (token.kind == TokenKind::kNot) {
        RMQ_ASSIGN_OR_RETURN(operand, AsBoolean(operand));
      }
      Node node;
      node.kind = token.kind == TokenKind::kMinus ? NodeKind::kNegate : NodeKind::kNot;
      node.left = operand;
      node.column = token.column;
      return Add(std::move(node));
    }
    return PrimaryExpression();
  }

  Result<int> PrimaryExpression() {
    const Token& token = Peek();
    Node node;
    node.column = token.column;
    switch (token.kind) {
      case TokenKind::kLParen: {
        Next();
        RMQ_ASSIGN_OR_RETURN(int inner, OrExpression());
        RMQ_RETURN_IF_ERROR(Expect(TokenKind::kRParen, " to close the '(' at column " + std::to_string(token.column)));
        return inner;
      }
      case TokenKind::kIdentifier:
        node.kind = NodeKind::kProperty;
        node.text = token.text;
        break;
      case TokenKind::kString:
        node.constant.kind = Kind::kString;
        node.text = token.text;
        break;
      case TokenKind::kTrue:
      case TokenKind::kFalse:
        node.constant.kind = Kind::kBool;
        node.constant.b = token.kind == TokenKind::kTrue;
        break;
      case TokenKind::kNull:
        break;
      case TokenKind::kInteger: {
        // As ConstantExpression#createFromDecimal: Integer when it fits, else Long.
        std::string_view digits = token.text;
        if (digits.back() == 'l' || digits.back() == 'L') digits.remove_suffix(1);
        auto parsed = ParseJavaLong(digits);
        if (!parsed) return Error(token.column, "the integer " + token.text + " is out of the range of a long");
        node.constant.kind = *parsed <= std::numeric_limits<int32_t>::max() ? Kind::kInt : Kind::kLong;
        node.constant.i = *parsed;
        node.text = token.text;
        break;
      }
      case TokenKind::kFloat: {
        auto parsed = ParseJavaDouble(token.text);
        // As ConstantExpression#createFloat, which also refuses 0.0 (below Double.MIN_VALUE).
        if (!parsed || std::isinf(*parsed)) {
          return Error(token.column, "the decimal " + token.text + " is greater than the largest double");
        }
        if (*parsed < std::numeric_limits<double>::denorm_min()) {
          return Error(token.column, "the decimal " + token.text + " is less than the smallest positive double (" +
                                         "upstream refuses decimal zero; write 0 instead)");
        }
        node.constant.kind = Kind::kDouble;
        node.constant.d = *parsed;
        node.text = token.text;
        break;
      }
      default:
        return Error(token.column, "expected a property, a literal, 'NOT' or '(' but found " + DescribeToken(token));
    }
    Next();
    return Add(std::move(node));
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::shared_ptr<Expression> expression_;
};

Result<std::shared_ptr<const Expression>> CompileSql(std::string_view sql) {
  RMQ_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql));
  if (tokens.size() == 1) return InvalidArgument("Invalid MessageSelector: at column 1: the expression is empty");
  Parser parser(sql, std::move(tokens));
  return parser.Parse();
}

}  // namespace rmq::broker::sql
