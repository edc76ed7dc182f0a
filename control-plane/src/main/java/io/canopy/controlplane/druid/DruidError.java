package io.canopy.controlplane.druid;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.common.Text;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Druid's answer to a query that did not succeed, as Druid 33 writes it: {@code {"error":
 * "druidException", "errorCode", "persona", "category", "errorMessage", "context"}}, or the legacy
 * form {@code {"error": "<legacy code>", "errorMessage", "errorClass", "host"}}. What it says
 * decides the answer, not the HTTP status alone: Druid answers 500 both for a query it cannot plan
 * or run (division by zero, a shape Druid 33 refuses) and for a fault of its own.
 *
 * @param status the HTTP status
 * @param category Druid's category ({@code INVALID_INPUT}, {@code CAPACITY_EXCEEDED}, …), or the
 *     one a legacy code stands for; null when the body is not Druid's error JSON
 * @param message Druid's message for users, without Java class names or stack traces; null when
 *     there is none
 * @param quota the tenant's quota a 429 of Canopy's extension names ({@code queryConcurrency},
 *     {@code queriesPerMinute}); null for any other answer
 */
record DruidError(int status, String category, String message, String quota) {
  /** What the answer means for the caller. */
  enum Kind {
    /** The query is the problem: Druid refused it, or could not plan or run it. */
    REFUSED,
    /** The caller may not run it. */
    NOT_PERMITTED,
    /** It ran out of time. */
    TIMED_OUT,
    /** Druid is away or over capacity: the same query may work later. */
    UNAVAILABLE,
    /** Over one of the tenant's quotas, as Canopy's extension enforces them in Druid. */
    OVER_QUOTA
  }

  /** The quotas Canopy's extension names in a 429: the tenant's query quotas. */
  private static final Set<String> QUOTAS = Set.of("queryConcurrency", "queriesPerMinute");

  /** {@code java.lang.ArithmeticException: } and the like, before a message. */
  private static final Pattern EXCEPTION_PREFIX =
      Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

  /** A fully qualified Java class name ({@code org.apache.calcite.avatica.SqlType}). */
  private static final Pattern QUALIFIED_CLASS =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.){2,}([A-Z][\\w$]*)");

  /** Where a stack trace or a nested cause starts. */
  private static final Pattern STACK = Pattern.compile("\\R\\s*(?:at |Caused by:|\\.\\.\\. \\d)");

  static DruidError of(int status, String body) {
    JsonNode json;
    try {
      json = DruidHttp.mapper().readTree(body == null ? "" : body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || !json.isObject() || !json.has("errorMessage") && !json.has("error")) {
      return new DruidError(status, null, null, null);
    }
    String category = json.path("category").asText(null);
    if (category == null) {
      category = legacyCategory(json.path("error").asText(""));
    }
    String message = json.path("errorMessage").asText(null);
    String quota = status == 429 ? json.path("context").path("quota").asText(null) : null;
    if (quota != null && !QUOTAS.contains(quota)) {
      quota = null;
    }
    return new DruidError(status, category, message == null ? null : clean(message), quota);
  }

  /** What the answer means: the category when Druid gave one, the status otherwise. */
  Kind kind() {
    if (quota != null) {
      return Kind.OVER_QUOTA;
    }
    if (status == 502 || status == 503 || status == 429) {
      return Kind.UNAVAILABLE;
    }
    if (category != null) {
      switch (category) {
        case "SERVICE_UNAVAILABLE", "CAPACITY_EXCEEDED" -> {
          return Kind.UNAVAILABLE;
        }
        case "TIMEOUT" -> {
          return Kind.TIMED_OUT;
        }
        case "UNAUTHORIZED", "FORBIDDEN" -> {
          return Kind.NOT_PERMITTED;
        }
        default -> {
          return Kind.REFUSED;
        }
      }
    }
    return switch (status) {
      case 401, 403 -> Kind.NOT_PERMITTED;
      case 504 -> Kind.TIMED_OUT;
      default -> Kind.REFUSED;
    };
  }

  /** The sentence the caller reads for a refusal. */
  String refusal(String queryId) {
    if (message == null || message.isBlank()) {
      return "Druid could not run the query and gave no reason (HTTP "
          + status
          + "); the broker's log has the detail of Druid query "
          + queryId;
    }
    return (status / 100 == 4 ? "Druid refused the query: " : "Druid could not run the query: ")
        + message;
  }

  /** Druid's message without stack traces and Java class names, at most 500 characters. */
  static String clean(String message) {
    String text = STACK.split(message, 2)[0];
    text = EXCEPTION_PREFIX.matcher(text).replaceAll("");
    text = QUALIFIED_CLASS.matcher(text).replaceAll("$1");
    return Text.abbreviate(text.strip(), 500);
  }

  /** The category a legacy error code stands for (Druid's {@code QueryException.FailType}). */
  private static String legacyCategory(String code) {
    return switch (code) {
      case "Query capacity exceeded" -> "CAPACITY_EXCEEDED";
      case "Query timeout" -> "TIMEOUT";
      case "Unauthorized request" -> "UNAUTHORIZED";
      case "Query cancelled" -> "CANCELED";
      case "Unsupported query" -> "UNSUPPORTED";
      case "Json parse failed",
              "Query context parse failed",
              "Resource limit exceeded",
              "SQL parse failed",
              "Plan validation failed",
              "SQL query is unsupported" ->
          "INVALID_INPUT";
      default -> "RUNTIME_FAILURE";
    };
  }
}
