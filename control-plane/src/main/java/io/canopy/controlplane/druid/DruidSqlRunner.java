package io.canopy.controlplane.druid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.common.AbandonedException;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.NotPermittedException;
import io.canopy.controlplane.common.OverQuotaException;
import io.canopy.controlplane.common.TimedOutException;
import io.canopy.controlplane.config.DruidConfig;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Druid SQL as a caller (a tenant's key: Druid applies that tenant's row policy) on the
 * broker, with the caller's timeout and priority in the query context and an id of the control
 * plane's choosing. A query that outlives its timeout, or whose answer nobody waits for any more
 * (its client went away), is cancelled in Druid ({@code DELETE /druid/v2/sql/{id}}, as the control
 * plane) so nothing is left running. Druid's answers become domain errors by what Druid says
 * ({@link DruidError}), not by the status alone: over one of the tenant's quotas, which Canopy's
 * extension enforces in Druid too → over quota (429 naming the quota); a query Druid refuses or
 * cannot plan or run → unprocessable input carrying Druid's message (422, never an outage); not
 * permitted → 403; out of time → timed out; only no answer at all, a 502/503, or Druid saying it is
 * over capacity → Druid unavailable (503 with {@code Retry-After}). Thread-safe.
 */
public final class DruidSqlRunner implements DruidSql {
  private static final Logger LOG = LoggerFactory.getLogger(DruidSqlRunner.class);

  /** Time beyond the query's own timeout for Druid to answer that it timed out. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final DruidConfig config;
  private final DruidHttp http;
  private final RequestTags tags;

  DruidSqlRunner(DruidConfig config, DruidHttp http, RequestTags tags) {
    this.config = config;
    this.http = http;
    this.tags = tags;
  }

  /**
   * One query.
   *
   * @param as the {@code Authorization} to present, never logged
   * @param field how errors name what was refused ({@code sql}, {@code query})
   * @param timeoutField how a timeout names the limit ({@code quotas.queryTimeoutMs})
   * @param rowLimit at most so many rows (Druid's {@code sqlOuterLimit}); 0 for the query's own
   * @param baseRows read the base rows, never a projection (Druid's {@code noProjections})
   * @param request the tenant's request this query serves, which Druid counts once against the
   *     tenant's per-minute quota however many queries it runs; null for the control plane's own
   */
  public record Query(
      String sql,
      List<SqlParameter> parameters,
      String queryId,
      Duration timeout,
      int priority,
      String as,
      String field,
      String timeoutField,
      int rowLimit,
      boolean baseRows,
      @Nullable TenantRequest request) {}

  /** One request of a tenant ({@code tenant}: its slug), under an id of the control plane's. */
  public record TenantRequest(String tenant, String id) {}

  /**
   * The rows, as JSON objects by column name.
   *
   * @param demand whether the answer is still wanted; once it is gone the query is cancelled in
   *     Druid and {@link AbandonedException} thrown
   */
  @Override
  public ArrayNode rows(Query q, Demand demand) {
    ObjectNode body = DruidHttp.mapper().createObjectNode().put("query", q.sql());
    ArrayNode parameters = body.putArray("parameters");
    for (SqlParameter p : q.parameters()) {
      parameters.add(DruidHttp.mapper().valueToTree(p));
    }
    ObjectNode context =
        body.putObject("context")
            .put("sqlQueryId", q.queryId())
            .put("timeout", q.timeout().toMillis())
            .put("priority", q.priority());
    if (q.rowLimit() > 0) {
      context.put("sqlOuterLimit", q.rowLimit());
    }
    if (q.baseRows()) {
      context.put("noProjections", true);
    }
    String url = config.brokerUrl + "/druid/v2/sql";
    if (demand.gone()) {
      throw new AbandonedException("the client went away before its query was sent");
    }
    HttpResponse<String> r;
    try {
      String tag = q.request() == null ? null : tags.tag(q.request().tenant(), q.request().id());
      r = http.exchange("POST", url, body.toString(), q.as(), tag, q.timeout().plus(GRACE), demand);
    } catch (HttpTimeoutException e) {
      cancel(q.queryId());
      throw timedOut(q);
    } catch (AbandonedException e) {
      cancel(q.queryId());
      LOG.debug("Druid query {} cancelled: {}", q.queryId(), e.getMessage());
      throw e;
    }
    if (r.statusCode() == 200) {
      return (ArrayNode) DruidHttp.json(r.body());
    }
    throw failure(
        q,
        DruidError.of(r.statusCode(), r.body()),
        r.headers().firstValueAsLong("Retry-After").orElse(1));
  }

  /** Druid's answer to a query that did not succeed, as a domain error. */
  private static RuntimeException failure(Query q, DruidError error, long retryAfter) {
    return switch (error.kind()) {
      case OVER_QUOTA ->
          new OverQuotaException(error.message(), "quotas." + error.quota(), retryAfter);
      case REFUSED -> InvalidInputException.unprocessable(q.field(), error.refusal(q.queryId()));
      case NOT_PERMITTED ->
          new NotPermittedException("Druid refused this tenant's query: not permitted");
      case TIMED_OUT -> timedOut(q);
      case UNAVAILABLE ->
          new DruidException(
              "Druid answered HTTP "
                  + error.status()
                  + " to query "
                  + q.queryId()
                  + ": "
                  + error.message());
    };
  }

  /** Stops a running query; one that already ended is no error. */
  public void cancel(String queryId) {
    try {
      http.call("DELETE", config.brokerUrl + "/druid/v2/sql/" + queryId, null, true);
    } catch (DruidException e) {
      LOG.warn("Could not cancel Druid query {}: {}", queryId, e.getMessage());
    }
  }

  private static TimedOutException timedOut(Query q) {
    return new TimedOutException(
        q.timeoutField(),
        "the query ran longer than "
            + q.timeout().toMillis()
            + " ms and was cancelled (Druid query "
            + q.queryId()
            + ")");
  }
}
