package io.canopy.stack.druid;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who the launcher is when it calls Druid itself (supervisors, SQL for the benchmarks and the
 * status report): the operator, as HTTP Basic {@code operator:<operator token>}, which Canopy's
 * authenticator in Druid knows. Set once by the {@code Stack} that owns the secrets; a Druid
 * running without security ignores the header. Never logged.
 */
public final class DruidCredentials {
  /** The operator's user name in Druid; its password is the operator token. */
  public static final String OPERATOR_USER = "operator";

  private static volatile String authorization;

  private DruidCredentials() {}

  public static void useOperator(String operatorToken) {
    authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (OPERATOR_USER + ":" + operatorToken).getBytes(StandardCharsets.UTF_8));
  }

  /** Adds the credentials to a request, once they are known. */
  static HttpRequest.Builder apply(HttpRequest.Builder request) {
    String a = authorization;
    return a == null ? request : request.header("Authorization", a);
  }
}
