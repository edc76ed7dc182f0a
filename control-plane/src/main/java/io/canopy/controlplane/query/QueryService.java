package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.TimedOutException;
import io.canopy.controlplane.druid.DruidSqlRunner;
import io.canopy.controlplane.query.QueryDatasources.Target;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.sql.CompiledSql;
import io.canopy.controlplane.query.sql.QueryPlan;
import io.canopy.controlplane.query.sql.QueryPlanner;
import io.canopy.controlplane.query.sql.QuerySql;
import io.canopy.controlplane.quota.QueryLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Answers a {@link QueryModel} for a tenant: admitted by its query quotas, planned, written as SQL,
 * run in Druid as the tenant (so Druid's row policy holds even if this code erred), and read back
 * into rows and totals, with the comparison if asked. The tenant's timeout bounds the whole
 * request, all its Druid queries together. Thread-safe.
 */
public final class QueryService {
  static final String TIMEOUT_FIELD = "quotas.queryTimeoutMs";

  private final QueryDatasources datasources;
  private final MeasureService measures;
  private final QueryLimiter limiter;
  private final DruidSqlRunner druid;
  private final Clock clock;
  private final Duration lateArrival;

  public QueryService(
      QueryDatasources datasources,
      MeasureService measures,
      QueryLimiter limiter,
      DruidSqlRunner druid,
      Clock clock,
      Duration lateArrival) {
    this.datasources = datasources;
    this.measures = measures;
    this.limiter = limiter;
    this.druid = druid;
    this.clock = clock;
    this.lateArrival = lateArrival;
  }

  public QueryResult query(Caller.TenantKey caller, QueryModel model) {
    QueryLimiter.Slot slot = limiter.admit(caller.tenantId(), caller.tenantSlug(), caller.quotas());
    try {
      Instant now = clock.instant();
      Run run = new Run(caller, now.plusMillis(caller.quotas().queryTimeoutMs()));
      Target target = datasources.resolve(caller, model.datasourceOrDefault());
      MeasureCatalog catalog = measures.catalog(caller.tenantId(), target.name());
      QuerySql sql = new QuerySql(target.columns(), catalog);
      QueryPlan planned =
          QueryPlanner.plan(model, caller.tenantSlug(), target.druidName(), now, catalog);
      Interval earlier =
          model.compare() == null ? null : model.compare().earlier(planned.interval());
      if (target.empty()) {
        ResultReader reader = new ResultReader(planned, now.minus(lateArrival));
        QueryResult.Row total =
            reader.totals(
                MissingNode.getInstance(), earlier == null ? null : MissingNode.getInstance());
        return new QueryResult(
            asked(target, planned, earlier), List.of(), total, freshness(now, List.of()));
      }
      QueryPlan plan = withTopValues(planned, sql, run);
      ResultReader reader = new ResultReader(plan, now.minus(lateArrival));
      ArrayNode rows = run.rows(sql.rows(plan));
      ArrayNode totals = run.rows(sql.totals(plan));
      List<QueryResult.Row> out;
      QueryResult.Row total;
      if (earlier == null) {
        out = reader.rows(rows, null, Duration.ZERO);
        total = reader.totals(totals.path(0), null);
      } else {
        QueryPlan before = plan.over(earlier);
        Duration shift = Duration.between(earlier.start(), plan.interval().start());
        out = reader.rows(rows, run.rows(sql.rows(before)), shift);
        total = reader.totals(totals.path(0), run.rows(sql.totals(before)).path(0));
      }
      return new QueryResult(asked(target, plan, earlier), out, total, freshness(now, out));
    } finally {
      slot.close();
    }
  }

  private QueryPlan withTopValues(QueryPlan plan, QuerySql sql, Run run) {
    QueryPlan known = plan;
    for (int i = 0; i < plan.splits().size(); i++) {
      List<String> top = new ArrayList<>();
      for (JsonNode row : run.rows(sql.topValues(known, i))) {
        top.add(row.path("d").isNull() ? null : row.path("d").asText());
      }
      List<QueryPlan.SplitValues> splits = new ArrayList<>(known.splits());
      splits.set(i, splits.get(i).withValues(top));
      known = known.withSplits(splits);
    }
    return known;
  }

  private QueryResult.Freshness freshness(Instant now, List<QueryResult.Row> rows) {
    Instant from = now.minus(lateArrival);
    List<Instant> incomplete = new ArrayList<>();
    for (QueryResult.Row r : rows) {
      if (r.incomplete() && r.time() != null && !incomplete.contains(r.time())) {
        incomplete.add(r.time());
      }
    }
    return new QueryResult.Freshness(now, 0, from, incomplete);
  }

  private static QueryResult.Asked asked(Target target, QueryPlan plan, Interval earlier) {
    return new QueryResult.Asked(
        target.name(),
        plan.interval().start(),
        plan.interval().end(),
        plan.interval().zone().getId(),
        plan.granularity(),
        plan.measures().stream().map(Measure::name).toList(),
        plan.splits().stream().map(QueryPlan.SplitValues::dimension).toList(),
        earlier == null ? null : earlier.start(),
        earlier == null ? null : earlier.end());
  }

  /** One request's Druid queries, as its tenant, within its deadline. */
  private final class Run {
    private final Caller.TenantKey caller;
    private final Instant deadline;

    Run(Caller.TenantKey caller, Instant deadline) {
      this.caller = caller;
      this.deadline = deadline;
    }

    ArrayNode rows(CompiledSql sql) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new TimedOutException(
            TIMEOUT_FIELD,
            "the query ran longer than "
                + caller.quotas().queryTimeoutMs()
                + " ms and was stopped");
      }
      return druid.rows(
          new DruidSqlRunner.Query(
              sql.sql(),
              sql.parameters(),
              "canopy-" + UUID.randomUUID(),
              left,
              caller.quotas().queryPriority(),
              caller.credential().authorization(),
              "query",
              TIMEOUT_FIELD,
              0));
    }
  }
}
