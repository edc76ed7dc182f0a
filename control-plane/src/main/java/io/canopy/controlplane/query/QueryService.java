package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.druid.DruidSql;
import io.canopy.controlplane.query.QueryDatasources.Target;
import io.canopy.controlplane.query.cache.ResultCache;
import io.canopy.controlplane.query.cache.SegmentTimeline;
import io.canopy.controlplane.query.cache.SegmentTimelines;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.sql.QueryPlan;
import io.canopy.controlplane.query.sql.QueryPlanner;
import io.canopy.controlplane.query.sql.QuerySql;
import io.canopy.controlplane.quota.QueryLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a {@link QueryModel} for a tenant: counted against its queries per minute, planned,
 * written as SQL, answered from the cache or run in Druid as the tenant (each Druid query taking a
 * place among its concurrent ones) (so Druid's row policy holds even if this code erred), and read
 * back into rows and totals, with the comparison if asked. The tenant's timeout bounds the whole
 * request, all its Druid queries together. Thread-safe.
 */
public final class QueryService {
  static final String TIMEOUT_FIELD = "quotas.queryTimeoutMs";

  private final QueryDatasources datasources;
  private final MeasureService measures;
  private final QueryLimiter limiter;
  private final DruidSql druid;
  private final ResultCache cache;
  private final SegmentTimelines timelines;
  private final Clock clock;
  private final Duration lateArrival;
  private final RowsMemo memo;

  /**
   * @param lateArrival buckets ending within this of now may still change
   * @param memo the rows of questions asked again, read back and written once
   */
  public QueryService(
      QueryDatasources datasources,
      MeasureService measures,
      QueryLimiter limiter,
      DruidSql druid,
      ResultCache cache,
      SegmentTimelines timelines,
      Clock clock,
      Duration lateArrival,
      RowsMemo memo) {
    this.datasources = datasources;
    this.measures = measures;
    this.limiter = limiter;
    this.druid = druid;
    this.cache = cache;
    this.timelines = timelines;
    this.clock = clock;
    this.lateArrival = lateArrival;
    this.memo = memo;
  }

  /**
   * @param fresh answer from Druid, not from the cache (the answers are kept for the next request)
   * @param demand whether the client still waits; its Druid queries stop once it is gone
   */
  public QueryResult query(
      Caller.TenantKey caller, QueryModel model, boolean fresh, Demand demand) {
    limiter.start(caller.tenantId(), caller.tenantSlug(), caller.quotas());
    Instant now = clock.instant();
    // To the minute, so that the rows of an answer asked again within a minute are the same.
    Instant incompleteFrom = now.minus(lateArrival).truncatedTo(ChronoUnit.MINUTES);
    Target target = datasources.resolve(caller, model.datasourceOrDefault());
    MeasureCatalog catalog = measures.catalog(caller.tenantId(), target.name());
    QuerySql sql = new QuerySql(target.columns(), catalog);
    QueryPlan planned =
        QueryPlanner.plan(model, caller.tenantSlug(), target.druidName(), now, catalog);
    if (target.empty()) {
      return empty(target, planned, model, incompleteFrom, now, null);
    }
    SegmentTimeline timeline = timelines.of(target.druidName());
    QueryRun run = new QueryRun(caller, cache, timeline, druid, limiter, clock, fresh, demand);
    if (sql.matchesNothing(planned)) {
      return empty(
          target, planned, model, incompleteFrom, now, run.dataThrough(target.druidName()));
    }
    Answered answered = answer(run, planned, model, sql);
    if (!consistent(run, answered.plan(), model)) {
      // Answers of one range from two moments (a refresh landed between two of them): asked again
      // without answers of a moment ago, so the rows and totals count the one range stated.
      run = run.withoutEarlierAnswers();
      answered = answer(run, planned, model, sql);
    }
    return result(target, run, answered, model, incompleteFrom);
  }

  /**
   * The answer as the API gives it, over the range the answers cover: an answer of a moment ago may
   * have served, and then the rows and buckets are those of the range it covers, and the answer
   * says which that is.
   */
  private QueryResult result(
      Target target, QueryRun run, Answered answered, QueryModel model, Instant incompleteFrom) {
    QueryPlan plan = answered.plan();
    QueryPlan before = model.compare() == null ? null : plan.compared(model.compare());
    QueryPlan covered = plan.over(run.covered(plan));
    Interval coveredBefore = before == null ? null : run.covered(before);
    Duration shift = shift(plan, before);
    ResultReader reader = new ResultReader(covered, incompleteFrom);
    RenderedRows out =
        memo.rows(
            covered,
            coveredBefore,
            incompleteFrom,
            run.used(),
            () -> reader.rows(answered.rows(), answered.earlierRows(), coveredBefore, shift));
    return new QueryResult(
        asked(target, covered, coveredBefore),
        out,
        out.truncated() ? Boolean.TRUE : null,
        reader.totals(answered.totals(), answered.earlierTotals()),
        freshness(run.dataThrough(target.druidName()), incompleteFrom, run.oldest(), out));
  }

  /**
   * Whether the run's answers cover one position of the range, and the comparison's the range
   * compared with that one (a comparison a minute apart would pair other minutes).
   */
  private static boolean consistent(QueryRun run, QueryPlan plan, QueryModel model) {
    if (!run.consistent(plan)) {
      return false;
    }
    if (model.compare() == null) {
      return true;
    }
    QueryPlan before = plan.compared(model.compare());
    return run.consistent(before)
        && run.covered(before)
            .equals(plan.over(run.covered(plan)).compared(model.compare()).interval());
  }

  /** Druid's answers to one question: its plan with the top values found, rows and totals. */
  private record Answered(
      QueryPlan plan,
      ArrayNode rows,
      ArrayNode earlierRows,
      JsonNode totals,
      JsonNode earlierTotals) {}

  private Answered answer(QueryRun run, QueryPlan planned, QueryModel model, QuerySql sql) {
    QueryPlan plan = withTopValues(planned, sql, run);
    QueryPlan before = model.compare() == null ? null : plan.compared(model.compare());
    // The comparison's rows are matched to the rows shown, whatever their order: asked up to the
    // most rows any query may have, not cut at this one's limit.
    return new Answered(
        plan,
        run.rows(plan, sql),
        before == null ? null : run.rows(before.withLimit(QueryModel.MAX_LIMIT), sql),
        run.totals(plan, sql),
        before == null ? null : run.totals(before, sql));
  }

  /**
   * The answer known without asking Druid, every bucket empty: for a datasource Druid holds no data
   * of yet, or a filter that can never hold.
   */
  private QueryResult empty(
      Target target,
      QueryPlan plan,
      QueryModel model,
      Instant incompleteFrom,
      Instant now,
      Instant dataThrough) {
    QueryPlan before = model.compare() == null ? null : plan.compared(model.compare());
    ResultReader reader = new ResultReader(plan, incompleteFrom);
    JsonNode none = MissingNode.getInstance();
    ArrayNode noRows = JsonNodeFactory.instance.arrayNode();
    if (plan.totalsOnly()) {
      noRows.addObject(); // its one row, the totals of nothing
    }
    ResultReader.Rows rows =
        reader.rows(
            noRows,
            before == null ? null : JsonNodeFactory.instance.arrayNode(),
            before == null ? null : before.interval(),
            shift(plan, before));
    return new QueryResult(
        asked(target, plan, before == null ? null : before.interval()),
        rows.rows(),
        rows.truncated() ? Boolean.TRUE : null,
        reader.totals(none, before == null ? null : none),
        freshness(dataThrough, incompleteFrom, now, rows.rows()));
  }

  /** How much earlier the comparison's range is than the plan's; zero without one. */
  private static Duration shift(QueryPlan plan, QueryPlan before) {
    return before == null
        ? Duration.ZERO
        : Duration.between(before.interval().start(), plan.interval().start());
  }

  private QueryPlan withTopValues(QueryPlan plan, QuerySql sql, QueryRun run) {
    QueryPlan known = plan;
    for (int i = 0; i < plan.splits().size(); i++) {
      List<String> top = new ArrayList<>();
      for (JsonNode row : run.topValues(known, sql, i)) {
        top.add(row.path("d").isNull() ? null : row.path("d").asText());
      }
      List<QueryPlan.SplitValues> splits = new ArrayList<>(known.splits());
      splits.set(i, splits.get(i).withValues(top));
      known = known.withSplits(splits);
    }
    return known;
  }

  private QueryResult.Freshness freshness(
      Instant dataThrough, Instant from, Instant computedAt, List<QueryResult.Row> rows) {
    List<Instant> incomplete = new ArrayList<>();
    for (QueryResult.Row r : rows) {
      if (r.incomplete() && r.time() != null && !incomplete.contains(r.time())) {
        incomplete.add(r.time());
      }
    }
    // Its age as answered: a part computed while this request ran is younger than the request.
    long age = Math.max(0, Duration.between(computedAt, clock.instant()).toMillis());
    return new QueryResult.Freshness(dataThrough, computedAt, age, from, incomplete);
  }

  /** The question as answered: over the range its answers cover. */
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
}
