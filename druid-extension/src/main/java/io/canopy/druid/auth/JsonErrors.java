package io.canopy.druid.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.druid.quota.TenantQueryGate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import javax.servlet.http.HttpServletResponse;
import org.apache.druid.error.DruidException;
import org.apache.druid.error.ErrorResponse;

/**
 * Error answers on the paths Canopy's authenticator guards, in Druid's own JSON form ({@code
 * {"error": "druidException", "errorCode", "persona", "category", "errorMessage", "context"}}):
 * Canopy's refusals, Jetty's pages (404, 405, an exception that escaped Druid) and Druid's own
 * error JSON, cleaned of what a caller should not read: Java class names, hosts, stack traces. A
 * tenant reading the pooled table also gets a plain sentence for the query shapes Druid 33 cannot
 * run over a table with a row policy, instead of Druid's internal one. Stateless and thread-safe.
 */
public final class JsonErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code java.lang.ArithmeticException: } and the like, before a message. */
  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

  /** A fully qualified Java class name: only its simple name is kept. */
  private static final Pattern QUALIFIED_CLASS =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.){2,}([A-Z][\\w$]*)");

  /** Where a stack trace or a nested cause starts. */
  private static final Pattern STACK = Pattern.compile("\\R\\s*(?:at |Caused by:|\\.\\.\\. \\d)");

  /**
   * Jackson's refusal of an unknown {@code "type"} in a native query, as Druid words it: it blames
   * a missing extension and names the Java class. Rewritten to the type, the field and the types
   * there are.
   */
  private static final Pattern UNKNOWN_TYPE =
      Pattern.compile(
          "Please make sure to load all the necessary extensions and jars with type '[^']*' on"
              + " '[^']*' service\\. Could not resolve type id '([^']*)' as a subtype of `[^`]*`"
              + " known type ids = (\\[[^\\]]*\\])(?: \\(for POJO property '([^']*)'\\))?");

  /** How Druid 33 prints a table read through a row policy, in the messages it fails with. */
  private static final String RESTRICTED = "RestrictedDataSource{";

  /** What a tenant reads instead, when Druid 33 cannot run a query over the pooled table. */
  static final String RESTRICTED_QUERY =
      "Druid 33 cannot run this query over a table with a row policy (the pooled events datasource,"
          + " read as a tenant): it refuses a UNION ALL of tables, a join and an IN (SELECT ...)"
          + " subquery over it. Ask each part in its own query.";

  /**
   * What a tenant reads for a table (or column) it may not read and for one that does not exist
   * alike, so that no answer tells it which other tables exist: Calcite's "did you mean" named
   * them, and it checks a query's columns before Druid checks who may read its tables, so "Column …
   * not found" told a table that exists from one that does not.
   */
  static final String NOT_READABLE =
      "The query names a table that does not exist or that the caller may not read.";

  /** Calcite's refusal of a table it does not know, as Druid words it. */
  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("^Object '[^']*' not found");

  /** The same, inside the message Avatica wraps it in ("Error while executing SQL …: Object …"). */
  private static final Pattern AVATICA_NOT_FOUND = Pattern.compile("Object '[^']*' not found");

  /** Calcite's suggestion of a name that exists, which a tenant must not read: taken out. */
  private static final Pattern DID_YOU_MEAN =
      Pattern.compile("[;,]?\\s*[Dd]id you mean '[^']*'\\??");

  private JsonErrors() {}

  /** A status and the JSON body that goes with it. */
  record Answer(int status, byte[] body) {}

  /** Canopy's body for a status Jetty or Druid answered without one of its own. */
  static byte[] forStatus(int status) {
    return body(status, messageFor(status));
  }

  /** Answers {@code status} with Canopy's body for {@code message}, in Druid's form. */
  public static void send(HttpServletResponse response, int status, String message)
      throws IOException {
    send(response, status, body(status, message));
  }

  private static void send(HttpServletResponse response, int status, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Answers 429 for a tenant's query over one of its quotas, with {@code Retry-After}, in Druid's
   * form with the quota named in its context ({@code "context": {"quota": "queryConcurrency"}}),
   * which the control plane reads.
   */
  public static void sendOverQuota(HttpServletResponse response, TenantQueryGate.Refused over)
      throws IOException {
    response.setHeader("Retry-After", Long.toString(over.retryAfterSeconds()));
    send(response, 429, write(error(429, over.message()).withContext("quota", over.quota())));
  }

  /** A body in Druid's form, for a status and a message written for the caller. */
  public static byte[] body(int status, String message) {
    return write(error(status, message));
  }

  private static DruidException error(int status, String message) {
    boolean client = status / 100 == 4;
    return DruidException.forPersona(
            client ? DruidException.Persona.USER : DruidException.Persona.OPERATOR)
        .ofCategory(category(status))
        .build("%s", message);
  }

  private static byte[] write(DruidException e) {
    try {
      return JSON.writeValueAsBytes(new ErrorResponse(e).getAsMap());
    } catch (IOException never) {
      throw new IllegalStateException(never);
    }
  }

  /**
   * What to send for an error body Druid or Jetty wrote: Druid's error JSON cleaned, a page (HTML)
   * replaced by Canopy's message, other text carried over cleaned; Avatica's error response without
   * its stack traces. Another JSON shape (Druid's 403 {@code Access-Check-Result}) is left as it
   * is: null.
   */
  @Nullable
  static Answer rewrite(int status, @Nullable String contentType, byte[] written) {
    return rewrite(status, contentType, written, false);
  }

  /**
   * As above; for a tenant ({@code tenant}), a refusal to read a table (403) and Calcite's "Object
   * … not found" (400) are one answer: 403 {@link #NOT_READABLE} (Avatica's error: that message).
   */
  @Nullable
  static Answer rewrite(int status, @Nullable String contentType, byte[] written, boolean tenant) {
    String text = new String(written, StandardCharsets.UTF_8);
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (IOException e) {
      json = null;
    }
    if (tenant
        && (status == 403
            || (status == 400
                && json != null
                && OBJECT_NOT_FOUND.matcher(json.path("errorMessage").asText("")).find()))) {
      return new Answer(403, body(403, NOT_READABLE));
    }
    if (json == null || json.isMissingNode()) {
      boolean page = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html");
      String message = page || text.isBlank() ? messageFor(status) : clean(text);
      return new Answer(status, body(status, message));
    }
    if (json instanceof ObjectNode avatica && "error".equals(avatica.path("response").asText())) {
      return avaticaError(status, avatica, tenant);
    }
    if (!(json instanceof ObjectNode error)
        || error.has("response")
        || !(error.has("errorMessage") || error.has("error"))) {
      return null;
    }
    String message = error.path("errorMessage").asText("");
    if (message.contains(RESTRICTED)) {
      return new Answer(400, body(400, RESTRICTED_QUERY));
    }
    error.remove("errorClass");
    error.remove("host");
    if (error.get("context") instanceof ObjectNode context) {
      context.remove("errorClass");
      context.remove("host");
    }
    if (tenant) {
      message = DID_YOU_MEAN.matcher(message).replaceAll("");
    }
    error.put("errorMessage", message.isBlank() ? messageFor(status) : clean(message));
    try {
      return new Answer(status, JSON.writeValueAsBytes(error));
    } catch (IOException never) {
      throw new IllegalStateException(never);
    }
  }

  /**
   * Avatica's error response, as JDBC drivers read it, without its stack traces ({@code
   * exceptions}, left empty) and with its message cleaned.
   */
  private static Answer avaticaError(int status, ObjectNode error, boolean tenant) {
    error.putArray("exceptions");
    String message = error.path("errorMessage").asText("");
    if (tenant) {
      message = DID_YOU_MEAN.matcher(message).replaceAll("");
    }
    boolean notReadable =
        tenant && (AVATICA_NOT_FOUND.matcher(message).find() || message.contains("Unauthorized"));
    error.put(
        "errorMessage",
        notReadable ? NOT_READABLE : message.isBlank() ? messageFor(status) : clean(message));
    try {
      return new Answer(status, JSON.writeValueAsBytes(error));
    } catch (IOException never) {
      throw new IllegalStateException(never);
    }
  }

  /** A message without stack traces and Java class names, at most 1,000 characters. */
  static String clean(String message) {
    String text = STACK.split(message, 2)[0];
    Matcher unknown = UNKNOWN_TYPE.matcher(text);
    if (unknown.find()) {
      text =
          "Unknown type '"
              + unknown.group(1)
              + "'"
              + (unknown.group(3) == null ? "" : " in '" + unknown.group(3) + "'")
              + "; the known types are "
              + unknown.group(2);
    }
    text = EXCEPTION_PREFIX.matcher(text).replaceAll("");
    text = QUALIFIED_CLASS.matcher(text).replaceAll("$1").strip();
    return text.length() > 1000 ? text.substring(0, 1000) + "…" : text;
  }

  static String messageFor(int status) {
    return switch (status) {
      case 400 -> "The request is malformed.";
      case 401 ->
          "No valid credential: send a tenant's API key with the query scope, or the"
              + " operator's.";
      case 403 -> "Not permitted.";
      case 404 -> "No such resource.";
      case 405 ->
          "This method is not allowed on this resource (methods are upper case: GET, POST,"
              + " PUT, DELETE).";
      case 500 -> "Druid could not handle this request; the service's log has the detail.";
      case 503 -> "The service is unavailable; retry later.";
      default -> "The request could not be handled (HTTP " + status + ").";
    };
  }

  private static DruidException.Category category(int status) {
    return switch (status) {
      case 401 -> DruidException.Category.UNAUTHORIZED;
      case 403 -> DruidException.Category.FORBIDDEN;
      case 404 -> DruidException.Category.NOT_FOUND;
      case 429 -> DruidException.Category.CAPACITY_EXCEEDED;
      case 501 -> DruidException.Category.UNSUPPORTED;
      case 503 -> DruidException.Category.SERVICE_UNAVAILABLE;
      case 504 -> DruidException.Category.TIMEOUT;
      default ->
          status / 100 == 4
              ? DruidException.Category.INVALID_INPUT
              : DruidException.Category.UNCATEGORIZED;
    };
  }
}
