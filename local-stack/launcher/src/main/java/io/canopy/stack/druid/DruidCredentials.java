package io.canopy.stack.druid;

import io.canopy.stack.Secrets;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Who the launcher is when it calls Druid itself (supervisors, SQL for the benchmarks and the
 * status report): the operator, as HTTP Basic {@code operator:<operator token>}, which Canopy's
 * authenticator in Druid knows; and on the control plane's admin port (health, metrics, tasks),
 * which answers only {@code Bearer <operator token>}. Set once by the {@code Stack} that owns the
 * secrets; a Druid running without security ignores the header. Never logged.
 */
public final class DruidCredentials {
  /** The operator's user name in Druid; its password is the operator token. */
  public static final String OPERATOR_USER = "operator";

  private static volatile Supplier<String> operatorToken;

  private DruidCredentials() {}

  /**
   * The operator token, read from the stack's secrets at each call: {@code up --clean} makes new
   * secrets after this is set.
   */
  public static void useOperatorOf(Secrets secrets) {
    operatorToken = secrets::operatorToken;
  }

  /** Adds the operator's bearer token to a call to the control plane's admin port. */
  public static HttpRequest.Builder toAdminPort(HttpRequest.Builder request) {
    Supplier<String> token = operatorToken;
    return token == null ? request : request.header("Authorization", "Bearer " + token.get());
  }

  /** Adds the credentials to a request, once they are known. */
  static HttpRequest.Builder apply(HttpRequest.Builder request) {
    Supplier<String> token = operatorToken;
    if (token == null) {
      return request;
    }
    String basic = OPERATOR_USER + ":" + token.get();
    return request.header(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
  }
}
