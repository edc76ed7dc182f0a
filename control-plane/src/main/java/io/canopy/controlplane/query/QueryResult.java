package io.canopy.controlplane.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.query.model.Granularity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A query's answer: what was asked (the range resolved, or the range an answer of a moment ago
 * covers), the rows (one per bucket and split values, in order; always there, empty when nothing
 * matched), whether {@code limit} cut rows off ({@code truncated}, left out when not), the totals
 * over the whole range, and how fresh it all is. Other empty fields are left out of the JSON.
 * Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record QueryResult(
    Asked query,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<Row> rows,
    Boolean truncated,
    Row totals,
    Freshness freshness) {

  /** The question as it ran: the range as instants, the granularity {@code auto} chose. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Asked(
      String datasource,
      Instant start,
      Instant end,
      String timeZone,
      Granularity granularity,
      List<String> measures,
      List<String> splits,
      Instant compareStart,
      Instant compareEnd) {}

  /**
   * One row: its bucket's start ({@code time}, absent with granularity {@code all}), its split
   * values, each measure's value, an estimate's bounds, and with a comparison the earlier value and
   * the absolute and relative change. {@code incomplete}: the bucket may still change (it includes
   * the current minute or lies inside the late-arrival window). A measure with no value (a quantile
   * of nothing) is there as null.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Row(
      Instant time,
      Map<String, String> dimensions,
      Map<String, Object> values,
      Map<String, Bounds> bounds,
      Map<String, Object> previous,
      Map<String, Double> delta,
      Map<String, Double> deltaRatio,
      boolean incomplete) {}

  /** An estimate's range: 95 % for distinct counts, the rank bounds' values for quantiles. */
  public record Bounds(double lower, double upper) {}

  /**
   * How fresh the answer is: the minute of the tenant's newest event in the datasource (its
   * ingestion watermark; null when it has none), when the answer was computed, how old the cached
   * part is, and which buckets are incomplete.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Freshness(
      Instant dataThrough,
      Instant computedAt,
      long cacheAgeMs,
      Instant incompleteFrom,
      List<Instant> incomplete) {}
}
