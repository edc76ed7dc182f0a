package io.canopy.druid.pii.sql;

import io.canopy.druid.pii.expr.PseudonymizeExprMacro;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.druid.sql.calcite.expression.DirectOperatorConversion;
import org.apache.druid.sql.calcite.expression.OperatorConversions;

/** {@code PII_PSEUDONYMIZE(expr, keyId)} in Druid SQL. */
public class PseudonymizeOperatorConversion extends DirectOperatorConversion {
  static final SqlFunction FUNCTION =
      OperatorConversions.operatorBuilder("PII_PSEUDONYMIZE")
          .operandNames("expr", "keyId")
          .operandTypes(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER)
          .literalOperands(1)
          .requiredOperandCount(2)
          .returnTypeNullable(SqlTypeName.VARCHAR)
          .functionCategory(SqlFunctionCategory.STRING)
          .build();

  public PseudonymizeOperatorConversion() {
    super(FUNCTION, PseudonymizeExprMacro.NAME);
  }
}
