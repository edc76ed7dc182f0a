package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a query-model answer ({@code /v1/query}, {@code /v1/metrics}) against the model.
 *
 * <p>Data that changes while a question is asked (a live tenant, late events, a measure redefined)
 * can't be compared with one snapshot, so each answer is compared with two ({@link Truth}): the
 * batches acknowledged before its {@code freshness.computedAt} (or the moment asked, whichever is
 * earlier) less {@link Truth#READ_BEFORE_COMPUTED}, which it must hold, and the batches sent before
 * it arrived, which it may hold. Where both give the same value (every value of a tenant whose data
 * was settled before the questions began) the check is exact; else a sum or maximum (only ever
 * growing, as such data brings no negative numbers) must lie between the two, distinct users
 * likewise within the sketch's error, and other values are not judged. A measure redefined mid-run
 * is judged by the old or the new definition, whichever its timing allows.
 *
 * <p>The answer's own {@code query} must state the range it covers: the range asked, or for a
 * relative range that range as it was at some moment up to two live TTLs (120 s) before it was
 * asked (docs/query-api.md#caching-and-freshness); the model computes over the range the answer
 * states.
 */
final class AnswerChecker {
  /** How far back an answer of a moment ago may reach: two live TTLs, and a little. */
  static final Duration EARLIER_ANSWER = Duration.ofSeconds(125);

  private final Truth truth;
  private final List<Tenant> tenants;

  AnswerChecker(Truth truth, List<Tenant> tenants) {
    this.truth = truth;
    this.tenants = tenants;
  }

  List<Mismatches.Found> check(Exchange x) {
    return Mismatches.underAnyDefinition(x, measures -> check(x, measures));
  }

  private List<Mismatches.Found> check(Exchange x, Map<String, MeasureDef> measures) {
    Question q = x.question();
    JsonNode a = x.answer();
    List<Mismatches.Found> found = new ArrayList<>();
    ZoneId zone = q.zoneId();
    RangeSpec.Interval range = statedRange(x, zone, found);
    Granularity g = q.granularityOrDefault().resolve(range.length());
    if (!a.path("query").path("granularity").asText().equals(g.json())) {
      found.add(
          new Mismatches.Found(
              "granularity",
              "expected "
                  + g.json()
                  + " for "
                  + range
                  + ", stated "
                  + a.path("query").path("granularity")));
    }
    Duration shift = q.compare() == null ? null : q.compare().shift(range);
    RangeSpec.Interval earlier =
        shift == null
            ? null
            : new RangeSpec.Interval(range.start().minus(shift), range.end().minus(shift));
    if (earlier != null
        && !(earlier.start().toString().equals(a.path("query").path("compareStart").asText())
            && earlier.end().toString().equals(a.path("query").path("compareEnd").asText()))) {
      found.add(
          new Mismatches.Found(
              "compare range", "expected " + earlier + ", stated " + a.path("query")));
    }
    if (!a.path("rows").isArray()) {
      found.add(new Mismatches.Found("rows missing", "no \"rows\" array"));
    }
    if (!a.path("totals").path("values").isObject()) {
      found.add(new Mismatches.Found("totals missing", "no \"totals\" with values"));
    }
    Instant computed =
        instant(a.path("freshness").path("computedAt"), x.askedAt().minus(EARLIER_ANSWER));
    Instant sureAt =
        (computed.isBefore(x.askedAt()) ? computed : x.askedAt()).minus(Truth.READ_BEFORE_COMPUTED);
    String tenant = q.tenant().slug();
    List<RolledRow> sure = truth.sure(tenant, sureAt);
    List<RolledRow> possible = truth.possible(tenant, x.answeredAt());
    checkDataThrough(x, sure, possible, found);

    List<Set<String>> top = topShown(q, a.path("rows"), found);
    boolean partial = q.having() != null || a.path("rows").size() >= limit(q);
    for (int i = 0; i < q.splits().size(); i++) {
      String why =
          TopValues.check(
              q,
              i,
              top,
              ModelAnswer.inRange(sure, range, q.filter()),
              ModelAnswer.inRange(possible, range, q.filter()),
              measures,
              !partial);
      if (why != null) {
        found.add(new Mismatches.Found("top values", why));
      }
    }
    ModelAnswer[] current = {
      new ModelAnswer(sure, q, range, zone, g, top),
      new ModelAnswer(possible, q, range, zone, g, top)
    };
    ModelAnswer[] before =
        earlier == null
            ? null
            : new ModelAnswer[] {
              new ModelAnswer(sure, q, earlier, zone, g, top),
              new ModelAnswer(possible, q, earlier, zone, g, top)
            };
    List<ModelAnswer[]> beforeTotals = new ArrayList<>();
    if (earlier != null) {
      for (boolean scoped : new boolean[] {false, true}) {
        List<Set<String>> kept =
            TopValues.restrictingTotals(
                q,
                top,
                ModelAnswer.inRange(sure, range, q.filter()),
                ModelAnswer.inRange(possible, range, q.filter()),
                scoped);
        if (kept == null) {
          beforeTotals.clear(); // not known under both readings: not judged
          break;
        }
        beforeTotals.add(
            new ModelAnswer[] {
              new ModelAnswer(sure, q, earlier, zone, g, kept),
              new ModelAnswer(possible, q, earlier, zone, g, kept)
            });
      }
    }
    AnswerContext c =
        new AnswerContext(x, measures, zone, g, top, partial, current, before, beforeTotals, shift);
    c.found.addAll(found);
    new RowsChecker(c).check();
    checkTotals(c);
    checkTruncated(c);
    checkForeign(c);
    return c.found;
  }

  /** The range the answer states, if it may state it; else the range asked (and a mismatch). */
  private static RangeSpec.Interval statedRange(
      Exchange x, ZoneId zone, List<Mismatches.Found> found) {
    Question q = x.question();
    Set<RangeSpec.Interval> allowed = new HashSet<>();
    RangeSpec.Interval asked;
    if (q.range().relative() != null) {
      allowed.addAll(
          q.range().resolutions(x.askedAt().minus(EARLIER_ANSWER), x.answeredAt(), zone));
      asked = RangeSpec.resolve(q.range().relative(), x.askedAt(), zone);
    } else {
      asked = q.range().absolute(x.context());
      allowed.add(asked);
    }
    JsonNode query = x.answer().path("query");
    RangeSpec.Interval stated =
        new RangeSpec.Interval(
            instant(query.path("start"), Instant.EPOCH), instant(query.path("end"), Instant.EPOCH));
    if (allowed.contains(stated)) {
      return stated;
    }
    found.add(new Mismatches.Found("stated range", "states " + stated + ", may state " + allowed));
    return asked;
  }

  static Instant instant(JsonNode n, Instant otherwise) {
    return n.isTextual() ? Instant.parse(n.asText()) : otherwise;
  }

  static int limit(Question q) {
    return q.limit() == null ? 1000 : q.limit();
  }

  /** Each split's values in the answer's rows but {@code (other)}; null values included. */
  private static List<Set<String>> topShown(
      Question q, JsonNode rows, List<Mismatches.Found> found) {
    List<Set<String>> top = new ArrayList<>();
    for (Question.Split s : q.splits()) {
      Set<String> values = new HashSet<>();
      for (JsonNode r : rows) {
        JsonNode v = r.path("dimensions").path(s.dimension().column());
        String value = v.isNull() || v.isMissingNode() ? null : v.asText();
        if (!ModelAnswer.OTHER.equals(value)) {
          values.add(value);
        } else if (!s.otherOrDefault()) {
          found.add(
              new Mismatches.Found(
                  "(other) without other",
                  "split " + s.dimension().column() + " has other: false"));
        }
      }
      top.add(values);
    }
    return top;
  }

  private static void checkTotals(AnswerContext c) {
    JsonNode totals = c.answer.path("totals");
    boolean restricted = c.q.splits().stream().anyMatch(s -> !s.otherOrDefault());
    if (restricted && c.partial) {
      return; // the rows the totals may be restricted to are not all known
    }
    for (String name : c.q.measures()) {
      MeasureDef m = c.measures.get(name);
      Expect e = totalsExpect(m, c.low, c.high, restricted);
      String why = e.mismatch(totals.path("values").path(name), totals.path("bounds").path(name));
      if (why != null) {
        c.mismatch("totals: " + AnswerContext.kind(m), name + ": " + why);
      }
      Expect p = previousTotalsExpect(m, c, restricted);
      if (p != null) {
        RowsChecker.checkCompare(c, name, totals, p, "totals ");
      }
    }
  }

  /** The totals over all rows, or (splits without other) only those shown: either is accepted. */
  private static Expect totalsExpect(
      MeasureDef m, ModelAnswer low, ModelAnswer high, boolean restricted) {
    Expect all = AnswerContext.expect(m, low.totals(false), high.totals(false), true);
    return restricted
        ? new Expect.AnyOf(
            List.of(all, AnswerContext.expect(m, low.totals(true), high.totals(true), true)))
        : all;
  }

  /**
   * The comparison's totals: over all its rows, or (splits without other) over those of the top
   * values, which the rows need not all show ({@link TopValues#restrictingTotals}); null without a
   * comparison, or when those values are not known.
   */
  private static Expect previousTotalsExpect(MeasureDef m, AnswerContext c, boolean restricted) {
    if (c.earlierLow == null) {
      return null;
    }
    Expect all =
        AnswerContext.expect(m, c.earlierLow.totals(false), c.earlierHigh.totals(false), true);
    if (!restricted) {
      return all;
    }
    if (c.earlierTotals.isEmpty()) {
      return null;
    }
    List<Expect> any = new ArrayList<>(List.of(all));
    for (ModelAnswer[] e : c.earlierTotals) {
      any.add(AnswerContext.expect(m, e[0].totals(true), e[1].totals(true), true));
    }
    return new Expect.AnyOf(any);
  }

  /**
   * {@code truncated} is true when rows were cut at the limit: then the limit's rows are there;
   * fewer rows were not cut. Exactly the limit's rows, with or without the flag, may be either.
   */
  private static void checkTruncated(AnswerContext c) {
    int rows = c.answer.path("rows").size();
    boolean flag = c.answer.path("truncated").asBoolean(false);
    // Without splits or having, a time series has a row per bucket: more buckets, rows were cut.
    boolean cut =
        c.q.splits().isEmpty() && c.q.having() == null && c.low.buckets().size() > limit(c.q);
    if ((flag && rows != limit(c.q)) || (!flag && (rows > limit(c.q) || cut))) {
      c.mismatch("truncated flag", rows + " rows of limit " + limit(c.q) + ", truncated: " + flag);
    }
  }

  /** A campaign (each tenant's own) of another tenant in the answer. */
  private void checkForeign(AnswerContext c) {
    String text = c.exchange.body();
    for (Tenant t : tenants) {
      if (t != c.q.tenant() && text.contains("\"" + t.slug() + "-")) {
        c.mismatch("another tenant's data", "the answer names " + t.slug() + "'s campaigns");
      }
    }
  }

  private static void checkDataThrough(
      Exchange x, List<RolledRow> sure, List<RolledRow> possible, List<Mismatches.Found> found) {
    String tenant = x.question().tenant().slug();
    Instant low = newest(x.question().tenant().live() ? List.of() : sure);
    Instant high = newest(possible);
    JsonNode shown = x.answer().path("freshness").path("dataThrough");
    Instant at = instant(shown, null);
    boolean ok =
        high == null
            ? at == null
            : at != null && !at.isAfter(high) && (low == null || !at.isBefore(low));
    if (!ok) {
      found.add(
          new Mismatches.Found(
              "dataThrough",
              tenant + "'s newest minute is " + low + ".." + high + ", stated " + shown));
    }
  }

  private static Instant newest(List<RolledRow> rows) {
    Instant out = null;
    for (RolledRow r : rows) {
      out = out == null || r.minute().isAfter(out) ? r.minute() : out;
    }
    return out;
  }
}
