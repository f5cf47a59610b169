// Compiles an SQL92 message selector (upstream filter/…/SelectorParser.jj grammar) into an
// Expression, with the parse-time checks of upstream ComparisonExpression (ordering operators
// need numbers, BETWEEN bounds in order, IN needs a property, …). Errors name the column and
// what was expected. Unlike upstream, tokens after a complete expression are an error rather than
// silently ignored. Pure function; thread-safe.
#pragma once

#include <memory>
#include <string_view>

#include "broker/sql_expression.h"
#include "common/status.h"

namespace rmq::broker::sql {

// InvalidArgument "Invalid MessageSelector: at column N: …" when `sql` is not a selector.
Result<std::shared_ptr<const Expression>> CompileSql(std::string_view sql);

}  // namespace rmq::broker::sql
