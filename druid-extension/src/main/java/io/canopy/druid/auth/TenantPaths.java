package io.canopy.druid.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The Druid APIs a tenant may call: queries (the SQL API, the native API and Avatica) and
 * cancelling a query. Everything else — the indexer, coordinator, supervisor, task, lookup,
 * segment-metadata and status APIs — is the operator's, whatever a datasource authorization would
 * allow. Matched on the request's raw path, exactly: a path written any other way (encoded, with
 * parameters, doubled slashes) is refused, never interpreted. Stateless.
 */
final class TenantPaths {
  static final String REFUSED =
      "A tenant may call only Druid's query APIs: POST /druid/v2/sql, POST /druid/v2 (native),"
          + " Avatica JDBC, and DELETE of its own query.";

  private static final Set<String> QUERIES =
      Set.of("/druid/v2/sql", "/druid/v2/sql/", "/druid/v2", "/druid/v2/");

  private static final Set<String> AVATICA =
      Set.of("/druid/v2/sql/avatica", "/druid/v2/sql/avatica/");

  /** {@code DELETE /druid/v2/sql/<id>} or {@code DELETE /druid/v2/<id>}: the id, still encoded. */
  private static final Pattern CANCEL = Pattern.compile("/druid/v2/(sql/)?([^/;]+)");

  private TenantPaths() {}

  /** What a tenant's request is, by its method and raw path. */
  enum Kind {
    QUERY,
    AVATICA,
    CANCEL,
    REFUSED
  }

  static Kind of(String method, String rawPath) {
    if ("POST".equals(method) && QUERIES.contains(rawPath)) {
      return Kind.QUERY;
    }
    if ("POST".equals(method) && AVATICA.contains(rawPath)) {
      return Kind.AVATICA;
    }
    if ("DELETE".equals(method) && cancelled(rawPath) != null) {
      return Kind.CANCEL;
    }
    return Kind.REFUSED;
  }

  /** The query id a {@code DELETE} names, decoded; null for no cancel path. */
  @Nullable
  static String cancelled(String rawPath) {
    Matcher m = CANCEL.matcher(rawPath);
    if (!m.matches() || (m.group(1) == null && "sql".equals(m.group(2)))) {
      return null;
    }
    try {
      return URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
