package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One question of the query model (docs/query-api.md), for one tenant and one answer path, in the
 * test's own terms; {@link #model} writes it as {@code POST /v1/query}'s body. Null fields take the
 * model's defaults. Immutable.
 *
 * @param id its number in the run's seeded sequence: with the seed, it replays the question
 */
record Question(
    int id,
    Tenant tenant,
    AnswerPath path,
    List<String> measures,
    List<Split> splits,
    Filter filter,
    RangeSpec range,
    String zone,
    Granularity granularity,
    Compare compare,
    Order orderBy,
    Integer limit,
    Having having) {

  /** The zone of its buckets and calendar ranges: its own, else UTC (the API's default). */
  ZoneId zoneId() {
    return zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
  }

  /** A split: top {@code limit} values (default 10), the rest as {@code (other)} unless not. */
  record Split(Dimension dimension, Integer limit, Boolean other) {
    int limitOrDefault() {
      return limit == null ? 10 : limit;
    }

    boolean otherOrDefault() {
      return other == null || other;
    }
  }

  /** {@code previous_period}, {@code last_week}, or {@code offset} by an ISO duration. */
  record Compare(String to, String offset) {
    /** How much earlier the compared range is than {@code current}. */
    Duration shift(RangeSpec.Interval current) {
      return switch (to) {
        case "previous_period" -> current.length();
        case "last_week" -> Duration.ofDays(7);
        default -> Duration.parse(offset);
      };
    }
  }

  /** Order by a measure (descending by default) or a split's dimension (ascending by default). */
  record Order(String measure, Dimension dimension, Boolean descending) {
    boolean descendingOrDefault() {
      return descending == null ? measure != null : descending;
    }
  }

  /** Keep rows whose {@code measure} is within the bounds (null bounds absent). */
  record Having(String measure, Double gt, Double gte, Double lt, Double lte) {
    /** TRUE, FALSE, or null when the value lies in {@code [low, high]} on both sides. */
    Boolean test(double[] range) {
      if (range == null) {
        return null;
      }
      boolean lowPasses = passes(range[0]);
      return lowPasses == passes(range[1]) ? lowPasses : null;
    }

    boolean passes(double v) {
      return (gt == null || v > gt)
          && (gte == null || v >= gte)
          && (lt == null || v < lt)
          && (lte == null || v <= lte);
    }
  }

  Question withRange(int newId, RangeSpec newRange) {
    return new Question(
        newId,
        tenant,
        path,
        measures,
        splits,
        filter,
        newRange,
        zone,
        granularity,
        compare,
        orderBy,
        limit,
        having);
  }

  /** The granularity as asked; the model's default is {@code all} ({@code auto} for metrics). */
  Granularity granularityOrDefault() {
    return granularity != null
        ? granularity
        : path == AnswerPath.METRICS ? Granularity.AUTO : Granularity.ALL;
  }

  /** {@code POST /v1/query}'s body. */
  ObjectNode model(RangeSpec.Context c) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode q = f.objectNode();
    ArrayNode ms = q.putArray("measures");
    measures.forEach(ms::add);
    if (!splits.isEmpty()) {
      ArrayNode ss = q.putArray("splits");
      for (Split s : splits) {
        ObjectNode n = ss.addObject().put("dimension", s.dimension().column());
        if (s.limit() != null) {
          n.put("limit", s.limit());
        }
        if (s.other() != null) {
          n.put("other", s.other());
        }
      }
    }
    if (filter != null) {
      q.set("filter", filter.json());
    }
    q.set("range", range.json(c, zone));
    if (granularity != null) {
      q.put("granularity", granularity.json());
    }
    if (compare != null) {
      ObjectNode n = q.putObject("compare").put("to", compare.to());
      if (compare.offset() != null) {
        n.put("offset", compare.offset());
      }
    }
    if (orderBy != null) {
      ObjectNode n = q.putObject("orderBy");
      if (orderBy.measure() != null) {
        n.put("measure", orderBy.measure());
      } else {
        n.put("dimension", orderBy.dimension().column());
      }
      if (orderBy.descending() != null) {
        n.put("descending", orderBy.descending());
      }
    }
    if (limit != null) {
      q.put("limit", limit);
    }
    if (having != null) {
      ObjectNode n = q.putObject("having").put("measure", having.measure());
      putIf(n, "gt", having.gt());
      putIf(n, "gte", having.gte());
      putIf(n, "lt", having.lt());
      putIf(n, "lte", having.lte());
    }
    return q;
  }

  /**
   * {@code GET /v1/metrics}'s path and query: one measure, a relative range, {@code group_by} (top
   * 10 each, with {@code (other)}), {@code filter} as {@code dimension:value} (all must hold).
   */
  String metricsPath() {
    List<String> params = new ArrayList<>();
    params.add("name=" + enc(measures.get(0)));
    String r = range.relative();
    params.add("range=" + enc(r.startsWith("last ") ? r.substring(5) : r));
    if (!splits.isEmpty()) {
      params.add(
          "group_by="
              + enc(String.join(",", splits.stream().map(s -> s.dimension().column()).toList())));
    }
    for (Filter.Equals e : metricsFilters()) {
      params.add("filter=" + enc(e.dimension().column() + ":" + e.value()));
    }
    if (granularity != null) {
      params.add("granularity=" + granularity.json());
    }
    if (zone != null) {
      params.add("tz=" + enc(zone));
    }
    return "/v1/metrics?" + String.join("&", params);
  }

  /** The filter as the equalities {@code /v1/metrics} takes. */
  List<Filter.Equals> metricsFilters() {
    if (filter == null) {
      return List.of();
    }
    if (filter instanceof Filter.Equals e) {
      return List.of(e);
    }
    return ((Filter.Junction) filter).filters().stream().map(x -> (Filter.Equals) x).toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void putIf(ObjectNode n, String name, Double v) {
    if (v != null) {
      n.put(name, v);
    }
  }
}
