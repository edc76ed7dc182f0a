package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What checking one query-model answer needs: the exchange, the measures as defined for it, the
 * range the answer states and its buckets, the model's answers over the two snapshots (and over the
 * compared range), each split's top values as the answer shows them, and the differences found so
 * far. Not thread-safe: one per check.
 */
final class AnswerContext {
  final Exchange exchange;
  final Question q;
  final JsonNode answer;
  final Map<String, MeasureDef> measures;
  final ZoneId zone;
  final Granularity granularity;
  final List<Set<String>> top;

  /** Whether the answer may not show every top value (having, or rows cut at the limit). */
  final boolean partial;

  final ModelAnswer low;
  final ModelAnswer high;

  /** Over the compared range; null without compare. */
  final ModelAnswer earlierLow;

  final ModelAnswer earlierHigh;

  /**
   * Over the compared range, with each split's values as they restrict the totals ({@link
   * TopValues#restrictingTotals}), sure and possible, per reading; empty if not known or no
   * compare.
   */
  final List<ModelAnswer[]> earlierTotals;

  final Duration shift;
  final List<Mismatches.Found> found = new ArrayList<>();

  AnswerContext(
      Exchange exchange,
      Map<String, MeasureDef> measures,
      ZoneId zone,
      Granularity granularity,
      List<Set<String>> top,
      boolean partial,
      ModelAnswer[] current,
      ModelAnswer[] earlier,
      List<ModelAnswer[]> earlierTotals,
      Duration shift) {
    this.exchange = exchange;
    this.q = exchange.question();
    this.answer = exchange.answer();
    this.measures = measures;
    this.zone = zone;
    this.granularity = granularity;
    this.top = top;
    this.partial = partial;
    this.low = current[0];
    this.high = current[1];
    this.earlierLow = earlier == null ? null : earlier[0];
    this.earlierHigh = earlier == null ? null : earlier[1];
    this.earlierTotals = List.copyOf(earlierTotals);
    this.shift = shift;
  }

  void mismatch(String kind, String detail) {
    found.add(new Mismatches.Found(kind, detail));
  }

  /** What {@code m} should show over the rows of {@code low} and {@code high}. */
  static Expect expect(MeasureDef m, List<RolledRow> low, List<RolledRow> high, boolean api) {
    return m.expect(m.compute(low), m.compute(high), api);
  }

  /** A measure's class of value, for the mismatch report. */
  static String kind(MeasureDef m) {
    if (m instanceof MeasureDef.Aggregate a) {
      return a.function() == MeasureDef.Function.SUM ? "sum" : "min/max";
    }
    if (m instanceof MeasureDef.Ratio) {
      return "ratio";
    }
    if (m instanceof MeasureDef.Distinct) {
      return "distinct users";
    }
    return m instanceof MeasureDef.Quantile ? "quantile" : "top items";
  }

  /** Whether a split's {@code (other)} rows are known: its top values all shown. */
  boolean otherKnown() {
    return !partial;
  }
}
