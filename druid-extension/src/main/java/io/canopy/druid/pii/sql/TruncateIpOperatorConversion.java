package io.canopy.druid.pii.sql;

import io.canopy.druid.pii.expr.TruncateIpExprMacro;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.sql.calcite.expression.DirectOperatorConversion;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/** {@code PII_TRUNCATE_IP(expr [, v4PrefixBits, v6PrefixBits])} in Druid SQL. */
public class TruncateIpOperatorConversion extends DirectOperatorConversion {
  static final SqlFunction FUNCTION =
      OperatorConversions.operatorBuilder("PII_TRUNCATE_IP")
          .operandNames("expr", "v4PrefixBits", "v6PrefixBits")
          .operandTypes(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER)
          .literalOperands(1, 2)
          .requiredOperandCount(1)
          .returnTypeNullable(SqlTypeName.VARCHAR)
          .functionCategory(SqlFunctionCategory.STRING)
          .build();

  public TruncateIpOperatorConversion() {
    super(FUNCTION, TruncateIpExprMacro.NAME);
  }
}
