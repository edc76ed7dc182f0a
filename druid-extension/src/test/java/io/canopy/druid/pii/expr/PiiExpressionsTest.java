package io.canopy.druid.pii.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.druid.pii.keys.PiiKeyRing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.druid.error.DruidException;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;
import org.apache.druid.math.expr.InputBindings;
import org.apache.druid.math.expr.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every PII function with literal and column arguments, and every argument error. */
class PiiExpressionsTest {
  private static final PiiKeyRing KEYS =
      new PiiKeyRing(Map.of("k1", "a".repeat(32), "k2", "b".repeat(32)));
  private static final ExprMacroTable MACROS =
      new ExprMacroTable(
          List.of(
              new PseudonymizeExprMacro(KEYS),
              new TruncateIpExprMacro(),
              new MaskEmailExprMacro(),
              new RedactExprMacro(),
              new DetectExprMacro()));

  private static ExprEval<?> eval(String expression, Object x) {
    Map<String, Object> row = new HashMap<>();
    row.put("x", x);
    ExpressionType type =
        x instanceof Long
            ? ExpressionType.LONG
            : x instanceof Double ? ExpressionType.DOUBLE : ExpressionType.STRING;
    return Parser.parse(expression, MACROS)
        .eval(InputBindings.forMap(row, InputBindings.inspectorForColumn("x", type)));
  }

  @Test
  void pseudonymizeIsDeterministicPerKeyAndCompact() {
    String column = eval("pii_pseudonymize(x, 'k1')", "jane@example.com").asString();
    String literal = eval("pii_pseudonymize('jane@example.com', 'k1')", null).asString();
    assertThat(column).isEqualTo(literal).hasSize(22).matches("[A-Za-z0-9_-]{22}");
    assertThat(eval("pii_pseudonymize(x, 'k2')", "jane@example.com").asString())
        .isNotEqualTo(column);
    assertThat(eval("pii_pseudonymize(x, 'k1')", "john@example.com").asString())
        .isNotEqualTo(column);
    assertThat(eval("pii_pseudonymize(x, 'k1')", null).value()).isNull();
    assertThat(eval("pii_pseudonymize(x, 'k1')", 42L).asString())
        .isEqualTo(eval("pii_pseudonymize('42', 'k1')", null).asString());
  }

  @Test
  void truncateIp() {
    assertThat(eval("pii_truncate_ip(x)", "203.0.113.77").asString()).isEqualTo("203.0.113.0");
    assertThat(eval("pii_truncate_ip('2001:db8:1:2::5')", null).asString())
        .isEqualTo("2001:db8:1::");
    assertThat(eval("pii_truncate_ip(x, 16, 32)", "203.0.113.77").asString())
        .isEqualTo("203.0.0.0");
    assertThat(eval("pii_truncate_ip(x, 16, 32)", "2001:db8:1:2::5").asString())
        .isEqualTo("2001:db8::");
    assertThat(eval("pii_truncate_ip(x)", "not an ip").value()).isNull();
    assertThat(eval("pii_truncate_ip(x)", null).value()).isNull();
  }

  @Test
  void maskEmail() {
    assertThat(eval("pii_mask_email(x)", "Jane.Doe@Example.COM").asString())
        .isEqualTo("***@example.com");
    assertThat(eval("pii_mask_email('a@b.io')", null).asString()).isEqualTo("***@b.io");
    assertThat(eval("pii_mask_email(x)", "no email").value()).isNull();
    assertThat(eval("pii_mask_email(x)", "@example.com").value()).isNull();
  }

  @Test
  void redactAndDetect() {
    String text = "mail a@b.io from 203.0.113.7";
    assertThat(eval("pii_redact(x)", text).asString()).isEqualTo("mail [EMAIL] from [IP]");
    assertThat(eval("pii_redact(x, 'ip')", text).asString()).isEqualTo("mail a@b.io from [IP]");
    assertThat(eval("pii_redact('call +44 20 7946 0958')", null).asString())
        .isEqualTo("call [PHONE]");
    ExprEval<?> found = eval("pii_detect(x)", text);
    assertThat(found.type()).isEqualTo(ExpressionType.STRING_ARRAY);
    assertThat(found.asArray()).containsExactly("email", "ip");
    assertThat(eval("pii_detect(x, 'email')", text).asArray()).containsExactly("email");
    assertThat(eval("pii_detect(x)", "clean").asArray()).isEmpty();
    assertThat(eval("pii_redact(x)", null).value()).isNull();
  }

  @Test
  void equalExpressionsStringifyAndParseBack() {
    Expr expr = Parser.parse("pii_redact(x, 'email,card')", MACROS);
    assertThat(Parser.parse(expr.stringify(), MACROS)).isEqualTo(expr);
    assertThat(expr.getOutputType(null)).isEqualTo(ExpressionType.STRING);
  }

  /** Every argument error is Druid's invalid input, naming the function and the argument. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pii_pseudonymize(x)|requires 2 arguments",
        "pii_pseudonymize(x, 'nope')|no PII key with id [nope] in the key ring",
        "pii_pseudonymize(x, x)|keyId (the second argument) must be a non-empty string literal",
        "pii_pseudonymize(x, '')|keyId (the second argument) must be a non-empty string literal",
        "pii_truncate_ip(x, 24)|requires 1 or 3 arguments",
        "pii_truncate_ip(x, 33, 48)|v4PrefixBits must be an integer from 0 to 32, got 33",
        "pii_truncate_ip(x, 24, 129)|v6PrefixBits must be an integer from 0 to 128, got 129",
        "pii_truncate_ip(x, 'a', 48)|v4PrefixBits must be an integer literal",
        "pii_truncate_ip(x, x, 48)|v4PrefixBits must be an integer literal",
        "pii_truncate_ip(x, 24.5, 48)|v4PrefixBits must be an integer from 0 to 32, got 24.5",
        "pii_mask_email()|requires 1 argument",
        "pii_mask_email(x, x)|requires 1 argument",
        "pii_redact()|requires 1 to 2 arguments",
        "pii_redact(x, 'passport')|unknown PII type [passport]",
        "pii_redact(x, x)|types (the second argument) must be a non-empty string literal",
        "pii_detect(x, 'email', 'ip')|requires 1 to 2 arguments",
        "pii_detect(x, 1)|types (the second argument) must be a non-empty string literal",
      })
  void argumentErrorsFailTheParse(String expression, String message) {
    String function = expression.substring(0, expression.indexOf('('));
    assertThatThrownBy(() -> Parser.parse(expression, MACROS))
        .isInstanceOfSatisfying(
            DruidException.class,
            e -> {
              // Druid answers INVALID_INPUT as a 400 to a query, not a 500.
              assertThat(e.getCategory()).isEqualTo(DruidException.Category.INVALID_INPUT);
              assertThat(e.getStatusCode()).isEqualTo(400);
            })
        .hasMessageStartingWith("Function[" + function + "] ")
        .hasMessageContaining(message);
  }
}
