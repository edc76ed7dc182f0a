package io.canopy.druid.pii.expr;

import io.canopy.druid.pii.ip.IpAddresses;
import java.util.List;
import org.apache.druid.math.expr.Expr;
import org.apache.druid.math.expr.ExprEval;
import org.apache.druid.math.expr.ExprMacroTable;
import org.apache.druid.math.expr.ExpressionType;

/**
 * {@code pii_truncate_ip(expr [, v4PrefixBits, v6PrefixBits])}: keeps the network part of an IP
 * address and zeroes the rest — {@code /24} for IPv4 and {@code /48} for IPv6 unless given. A value
 * that is not an IP address becomes null, so nothing unparsed passes through.
 */
public class TruncateIpExprMacro implements ExprMacroTable.ExprMacro {
  public static final String NAME = "pii_truncate_ip";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Expr apply(List<Expr> args) {
    PiiArgs.count(this, args, 1, 3);
    int v4 =
        args.size() == 3
            ? PiiArgs.integer(this, args.get(1), "v4PrefixBits", 0, 32)
            : IpAddresses.DEFAULT_V4_PREFIX;
    int v6 =
        args.size() == 3
            ? PiiArgs.integer(this, args.get(2), "v6PrefixBits", 0, 128)
            : IpAddresses.DEFAULT_V6_PREFIX;
    return new PiiFunctionExpr(
        this, args, ExpressionType.STRING, v -> ExprEval.of(IpAddresses.truncate(v, v4, v6)));
  }
}
