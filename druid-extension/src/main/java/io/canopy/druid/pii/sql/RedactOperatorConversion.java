package io.canopy.druid.pii.sql;

import io.canopy.druid.pii.expr.RedactExprMacro;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.sql.calcite.expression.DirectOperatorConversion;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/** {@code PII_REDACT(expr [, types])} in Druid SQL. */
public class RedactOperatorConversion extends DirectOperatorConversion {
  static final SqlFunction FUNCTION =
      OperatorConversions.operatorBuilder("PII_REDACT")
          .operandNames("expr", "types")
          .operandTypes(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)
          .literalOperands(1)
          .requiredOperandCount(1)
          .returnTypeNullable(SqlTypeName.VARCHAR)
          .functionCategory(SqlFunctionCategory.STRING)
          .build();

  public RedactOperatorConversion() {
    super(FUNCTION, RedactExprMacro.NAME);
  }
}
