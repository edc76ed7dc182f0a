package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.common.TimedOutException;
import io.canopy.controlplane.druid.DruidSql;
import io.canopy.controlplane.query.cache.RangeSplit;
import io.canopy.controlplane.query.cache.ResultCache;
import io.canopy.controlplane.query.cache.SegmentTimeline;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.sql.CompiledSql;
import io.canopy.controlplane.query.sql.MetadataSql;
import io.canopy.controlplane.query.sql.QueryPlan;
import io.canopy.controlplane.query.sql.QuerySql;
import io.canopy.controlplane.quota.QueryLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One request's Druid queries: as its tenant, within its deadline, through the result cache. Rows
 * split at the handoff line ({@link RangeSplit}) so only the live parts are re-queried; totals
 * split the same way when every measure is a sum, min or max (their parts merge exactly), and
 * otherwise are one query, cached until its segments change if the whole range is settled. Its
 * queries run while its client (or another request sharing them) waits. Not thread-safe: one per
 * request.
 */
final class QueryRun {
  /** How the ids of watermark queries begin (after {@code canopy-}). */
  static final String WATERMARK = "watermark-";

  private final Caller.TenantKey caller;
  private final Instant deadline;
  private final ResultCache cache;
  private final SegmentTimeline timeline;
  private final DruidSql druid;
  private final QueryLimiter limiter;
  private final Clock clock;
  private final boolean fresh;
  private final boolean earlier;
  private final Demand demand;

  /** The request's id, which each of its Druid queries carries ({@link TenantQuery}). */
  private final String request;

  private Instant oldest;

  /**
   * When the top values this run's later queries are written with were computed (the oldest); null
   * before any. A query written with them is as old as they are: its rows show their choice.
   */
  private Instant valuesFrom;

  private final List<Long> used = new ArrayList<>();
  private final Coverage coverage = new Coverage();

  /**
   * @param fresh ask Druid, not the cache, for every part (a query already running is joined)
   * @param demand whether the client still waits
   */
  QueryRun(
      Caller.TenantKey caller,
      ResultCache cache,
      SegmentTimeline timeline,
      DruidSql druid,
      QueryLimiter limiter,
      Clock clock,
      boolean fresh,
      Demand demand) {
    this(
        caller,
        cache,
        timeline,
        druid,
        limiter,
        clock,
        fresh,
        true,
        demand,
        clock.instant().plusMillis(caller.quotas().queryTimeoutMs()),
        TenantQuery.newRequest());
  }

  /**
   * @param earlier whether a live part may be answered with its answer of a moment ago
   * @param deadline when the request's time is up, all its Druid queries together
   * @param request the request's id
   */
  private QueryRun(
      Caller.TenantKey caller,
      ResultCache cache,
      SegmentTimeline timeline,
      DruidSql druid,
      QueryLimiter limiter,
      Clock clock,
      boolean fresh,
      boolean earlier,
      Demand demand,
      Instant deadline,
      String request) {
    this.caller = caller;
    this.request = request;
    this.fresh = fresh;
    this.earlier = earlier;
    this.demand = demand;
    this.limiter = limiter;
    this.deadline = deadline;
    this.cache = cache;
    this.timeline = timeline;
    this.druid = druid;
    this.clock = clock;
  }

  /**
   * The same request asked again without answers of a moment ago (its answers mixed two moments),
   * within the same deadline.
   */
  QueryRun withoutEarlierAnswers() {
    return new QueryRun(
        caller, cache, timeline, druid, limiter, clock, fresh, false, demand, deadline, request);
  }

  /** When the oldest answer used was computed (now, if none came from the cache). */
  Instant oldest() {
    return oldest == null ? clock.instant() : oldest;
  }

  ArrayNode topValues(QueryPlan plan, QuerySql sql, int split) {
    ResultCache.Answer values = whole(plan, p -> sql.topValues(p, split));
    if (valuesFrom == null || values.computedAt().isBefore(valuesFrom)) {
      valuesFrom = values.computedAt();
    }
    return answered(values);
  }

  /**
   * The plan's rows in Druid's order, up to one past its {@code limit} (so a reader knows whether
   * the limit cut some).
   */
  ArrayNode rows(QueryPlan plan, QuerySql sql) {
    if (plan.totalsOnly()) {
      // One row, the totals: the same query, asked once.
      ArrayNode one = JsonNodeFactory.instance.arrayNode();
      JsonNode totals = totals(plan, sql);
      one.add(totals.isObject() ? totals : JsonNodeFactory.instance.objectNode());
      return one;
    }
    if (!plan.bucketed()) {
      return answered(whole(plan, sql::rows));
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (RangeSplit.Part part :
        RangeSplit.split(plan.interval(), plan.granularity(), timeline.handoffLine())) {
      out.addAll(answered(part(plan, part, sql::rows)));
      if (out.size() > plan.limit()) {
        break; // rows come in time order: later parts would be cut anyway
      }
    }
    while (out.size() > plan.limit() + 1) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /**
   * The totals row: of the whole range at once, or, when every measure is a sum, min or max, merged
   * from the parts of the range split at the handoff line ({@link ResultReader#merge}).
   */
  JsonNode totals(QueryPlan plan, QuerySql sql) {
    if (!plan.measures().stream().allMatch(m -> m instanceof Measure.Aggregate)) {
      return answered(whole(plan, sql::totals)).path(0);
    }
    List<JsonNode> parts = new ArrayList<>();
    for (RangeSplit.Part part :
        RangeSplit.split(plan.interval(), Granularity.ALL, timeline.handoffLine())) {
      parts.add(answered(part(plan, part, sql::totals)).path(0));
    }
    return ResultReader.merge(plan, parts);
  }

  /** A query over the plan's whole range: settled only if the range lies before the line. */
  private ResultCache.Answer whole(QueryPlan plan, Function<QueryPlan, CompiledSql> write) {
    Instant line = timeline.handoffLine();
    // No real-time data: everything up to now is handed off.
    Instant settledUntil = line == null ? clock.instant() : line;
    Interval range = plan.interval();
    return part(plan, new RangeSplit.Part(range, !range.end().isAfter(settledUntil)), write);
  }

  /**
   * The answer of {@code write} over one part of the plan's range. A live part (the edge, the tail,
   * or the whole range) may, while it is recomputed, be answered with its answer of a moment ago
   * (see {@link ResultCache}): the same question, over the same range as asked ({@link
   * QueryPlan#window()}), in the same role, with only the range's instants and the top values found
   * in it allowed to differ ({@link QueryPlan#shape()}); an answer written with top values counts
   * as computed when they were, if earlier. A live part is never in the middle: {@link RangeSplit}
   * settles the middle. What each answer covers is noted ({@link #covered}): the top values, rows
   * and totals of one request must come from one position of the range.
   */
  private ResultCache.Answer part(
      QueryPlan plan, RangeSplit.Part part, Function<QueryPlan, CompiledSql> write) {
    QueryPlan p = plan.over(part.interval());
    CompiledSql sql = write.apply(p);
    Interval range = part.interval();
    boolean first = range.start().equals(plan.interval().start());
    boolean last = range.end().equals(plan.interval().end());
    // A settled part is keyed by its segments' version; a live one may serve its answer of a
    // moment ago while it loads.
    String version = part.settled() ? timeline.fingerprint(range.start(), range.end()) : null;
    ResultCache.Moving moving = null;
    if (!part.settled() && earlier) {
      ResultCache.Role role =
          first ? (last ? ResultCache.Role.WHOLE : ResultCache.Role.EDGE) : ResultCache.Role.TAIL;
      CompiledSql shape = write.apply(p.shape());
      moving =
          new ResultCache.Moving(
              key(p.datasource(), shape, "moving " + role + " of " + p.window()),
              range.start(),
              range.end(),
              role);
    }
    ResultCache.Answer answer =
        cache.get(
            key(p.datasource(), sql, version),
            flight -> druid("", sql, flight),
            demand,
            fresh,
            moving,
            valuesFrom);
    coverage.note(p.window(), first, last, answer, range);
    return answer;
  }

  /**
   * The range the answers used so far for {@code plan} cover: the range asked, or, where an answer
   * of a moment ago served, the range of a moment ago ({@link Coverage}).
   */
  Interval covered(QueryPlan plan) {
    return coverage.of(plan);
  }

  /**
   * Whether the answers used so far for {@code plan} cover one position of its range ({@link
   * Coverage#consistent}); if not, the request is answered again without answers of a moment ago.
   */
  boolean consistent(QueryPlan plan) {
    return coverage.consistent(plan);
  }

  /**
   * The minute of the tenant's newest event in the datasource (its ingestion watermark), null if it
   * has none: from the real-time segments if it has events there (asked again after the live TTL),
   * else from the handed-off ones (kept until they change).
   */
  Instant dataThrough(String druidName) {
    Instant line = timeline.handoffLine();
    String tenant = caller.tenantSlug();
    if (line == null) {
      return newest(
          druidName,
          MetadataSql.newest(druidName, tenant),
          timeline.fingerprint(Instant.EPOCH, Instant.MAX));
    }
    // Keyed without the line: from any line on, a non-null MAX is the tenant's newest event, so a
    // line that moved while the answer was live changes nothing, and requests that read the
    // timeline either side of a reread still share one query.
    CompiledSql any = MetadataSql.newest(druidName, tenant);
    ResultCache.Key liveKey =
        key(druidName, new CompiledSql(any.sql() + " -- real-time", any.parameters()), null);
    Instant live =
        newest(liveKey, MetadataSql.newest(druidName, tenant, line, MetadataSql.Side.LIVE));
    return live != null
        ? live
        : newest(
            druidName,
            MetadataSql.newest(druidName, tenant, line, MetadataSql.Side.SETTLED),
            timeline.fingerprint(Instant.EPOCH, line));
  }

  /**
   * The serials of the cached answers this run's rows, top values and totals came from so far, in
   * the order used: the same serials, the same rows.
   */
  List<Long> used() {
    return List.copyOf(used);
  }

  /** {@code answer}'s rows, its age counted in the request's. */
  private ArrayNode answered(ResultCache.Answer answer) {
    used.add(answer.serial());
    if (oldest == null || answer.computedAt().isBefore(oldest)) {
      oldest = answer.computedAt();
    }
    return answer.rows();
  }

  private ResultCache.Key key(String datasource, CompiledSql sql, String version) {
    return new ResultCache.Key(
        caller.tenantSlug(), datasource, sql.sql(), sql.parameters(), version);
  }

  /** The first row's {@code t}, of {@code sql}'s cached answer; not counted in the answer's age. */
  private Instant newest(String datasource, CompiledSql sql, String version) {
    return newest(key(datasource, sql, version), sql);
  }

  /** As above, cached under {@code key}. */
  private Instant newest(ResultCache.Key key, CompiledSql sql) {
    ArrayNode rows =
        cache.get(key, flight -> druid(WATERMARK, sql, flight), demand, fresh, null, null).rows();
    return DruidTime.instant(rows.path(0).path("t"));
  }

  /** {@code sql} run in Druid while anyone in its {@code flight} waits for the answer. */
  private ArrayNode druid(String kind, CompiledSql sql, Demand flight) {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      throw new TimedOutException(
          QueryService.TIMEOUT_FIELD,
          "the query ran longer than " + caller.quotas().queryTimeoutMs() + " ms and was stopped");
    }
    QueryLimiter.Slot slot = limiter.run(caller.tenantId(), caller.tenantSlug(), caller.quotas());
    try {
      return druid.rows(TenantQuery.of(caller, request, kind, sql, left, "query", 0), flight);
    } finally {
      slot.close();
    }
  }
}
