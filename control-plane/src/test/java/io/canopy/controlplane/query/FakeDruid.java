package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.druid.DruidSql;
import io.canopy.controlplane.druid.DruidSqlRunner;
import io.canopy.controlplane.druid.SqlParameter;
import io.canopy.controlplane.query.model.Granularity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Druid for unit tests of the query path: it holds, per tenant, numbers per minute and column
 * (the rolled-up {@code events} datasource with one row a minute), and answers the shapes the
 * compiler writes over them: totals and time series of {@code SUM}, {@code MIN} and {@code MAX},
 * the newest minute ({@code MAX("__time")}), the events template's columns and a segment timeline
 * the test sets. It reads the tenant and the range from the query's parameters, as Druid would, so
 * an answer is the truth of the range the query asked for. Anything else fails the test.
 * Thread-safe.
 */
final class FakeDruid implements DruidSql {
  private static final Pattern AGGREGATE =
      Pattern.compile(
          "(?:COALESCE\\()?(SUM|MIN|MAX)\\(\"([A-Za-z_]+)\"\\)(?:, 0\\))? AS \"(m\\d+)\"");
  private static final Pattern LIMIT = Pattern.compile("LIMIT (\\d+)$");
  private static final Map<String, String> COLUMNS =
      Map.ofEntries(
          Map.entry("__time", "TIMESTAMP"),
          Map.entry("tenant", "VARCHAR"),
          Map.entry("event", "VARCHAR"),
          Map.entry("country", "VARCHAR"),
          Map.entry("device", "VARCHAR"),
          Map.entry("page", "VARCHAR"),
          Map.entry("count", "BIGINT"),
          Map.entry("page_views", "BIGINT"),
          Map.entry("purchases", "BIGINT"),
          Map.entry("revenue", "DOUBLE"),
          Map.entry("duration_ms_sum", "DOUBLE"),
          Map.entry("duration_ms_count", "BIGINT"),
          Map.entry("users_cpc", "OTHER"),
          Map.entry("duration_ms_req", "OTHER"),
          Map.entry("pages_fi", "OTHER"));

  /** Tenant → minute → column → value. */
  private final Map<String, TreeMap<Instant, Map<String, Double>>> minutes =
      new ConcurrentHashMap<>();

  private volatile ArrayNode segments = JsonNodeFactory.instance.arrayNode();
  private volatile Runnable onEachQuery = () -> {};
  private final List<DruidSqlRunner.Query> asked = new CopyOnWriteArrayList<>();

  /** Adds {@code value} to {@code column} of {@code tenant}'s row of {@code minute}. */
  synchronized void add(String tenant, Instant minute, String column, double value) {
    minutes
        .computeIfAbsent(tenant, t -> new TreeMap<>())
        .computeIfAbsent(minute, m -> new ConcurrentHashMap<>())
        .merge(column, value, Double::sum);
  }

  /** One segment the broker serves; {@code realtime}: a real-time task serves it. */
  void segment(Instant start, Instant end, String version, boolean realtime) {
    ArrayNode next = segments.deepCopy();
    next.addObject()
        .put("start", start.toString())
        .put("end", end.toString())
        .put("version", version)
        .put("partition_num", 0)
        .put("is_realtime", realtime ? 1 : 0);
    segments = next;
  }

  /**
   * Hourly segments: {@code handedOff} hours handed off before {@code current}, whose hour a
   * real-time task serves (so the handoff line is {@code current}).
   */
  void hours(Instant current, int handedOff) {
    for (int h = handedOff; h >= 1; h--) {
      Instant start = current.minusSeconds(3600L * h);
      segment(start, start.plusSeconds(3600), "v1", false);
    }
    segment(current, current.plusSeconds(3600), "v1", true);
  }

  /** Runs {@code hook} as each data query arrives, before it is answered (not for metadata). */
  void onEachQuery(Runnable hook) {
    this.onEachQuery = hook;
  }

  /** The queries asked so far, metadata included. */
  List<DruidSqlRunner.Query> asked() {
    return List.copyOf(asked);
  }

  /** How many data queries (not metadata or watermark) were asked so far. */
  long dataQueries() {
    return asked.stream().filter(q -> q.sql().contains("\"m0\"")).count();
  }

  @Override
  public ArrayNode rows(DruidSqlRunner.Query q, Demand demand) {
    asked.add(q);
    String sql = q.sql();
    if (sql.contains("sys.segments")) {
      return segments.deepCopy();
    }
    if (sql.contains("INFORMATION_SCHEMA.COLUMNS")) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      COLUMNS.forEach(
          (name, type) -> out.addObject().put("COLUMN_NAME", name).put("DATA_TYPE", type));
      return out;
    }
    if (sql.startsWith("SELECT MAX(\"__time\")")) {
      return newest(q);
    }
    if (sql.contains("\"m0\"")) {
      onEachQuery.run();
      return aggregate(q);
    }
    throw new AssertionError("FakeDruid does not answer: " + sql);
  }

  private synchronized ArrayNode newest(DruidSqlRunner.Query q) {
    TreeMap<Instant, Map<String, Double>> rows = tenantRows(q, 0);
    Instant newest = null;
    for (Instant t : rows.keySet()) {
      boolean inside =
          q.parameters().size() < 2
              || (q.sql().contains(">= MILLIS_TO_TIMESTAMP")
                  ? !t.isBefore(millis(q, 1))
                  : t.isBefore(millis(q, 1)));
      if (inside) {
        newest = t;
      }
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    ObjectNode row = out.addObject();
    if (newest == null) {
      row.putNull("t");
    } else {
      row.put("t", newest.toString());
    }
    return out;
  }

  /** A totals or time-series query: parameters (period, zone)?, tenant, start, end. */
  private synchronized ArrayNode aggregate(DruidSqlRunner.Query q) {
    String sql = q.sql();
    boolean bucketed = sql.startsWith("SELECT TIME_FLOOR");
    int at = bucketed ? 2 : 0;
    Granularity granularity = bucketed ? period(q.parameters().get(0).value().toString()) : null;
    ZoneId zone = bucketed ? ZoneId.of(q.parameters().get(1).value().toString()) : null;
    Instant start = millis(q, at + 1);
    Instant end = millis(q, at + 2);
    TreeMap<Instant, ObjectNode> buckets = new TreeMap<>();
    for (Map.Entry<Instant, Map<String, Double>> minute :
        tenantRows(q, at).subMap(start, true, end, false).entrySet()) {
      Instant bucket = bucketed ? granularity.floor(minute.getKey(), zone) : Instant.EPOCH;
      ObjectNode row = buckets.computeIfAbsent(bucket, b -> newRow(b, bucketed));
      Matcher m = AGGREGATE.matcher(sql);
      while (m.find()) {
        Double v = minute.getValue().get(m.group(2));
        if (v != null) {
          double combined = combine(m.group(1), row.path(m.group(3)), v);
          if (COLUMNS.get(m.group(2)).equals("BIGINT")) {
            row.put(m.group(3), (long) combined); // Druid answers a BIGINT column in whole numbers
          } else {
            row.put(m.group(3), combined);
          }
        }
      }
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    if (!bucketed && buckets.isEmpty()) {
      // An aggregate over no rows is one row of nulls.
      ObjectNode row = out.addObject();
      Matcher m = AGGREGATE.matcher(sql);
      while (m.find()) {
        row.putNull(m.group(3));
      }
      return out;
    }
    Matcher limit = LIMIT.matcher(sql);
    int max = limit.find() ? Integer.parseInt(limit.group(1)) : Integer.MAX_VALUE;
    for (ObjectNode row : buckets.values()) {
      if (out.size() < max) {
        out.add(row);
      }
    }
    return out;
  }

  private static ObjectNode newRow(Instant bucket, boolean bucketed) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    if (bucketed) {
      row.put("t", bucket.toString());
    }
    return row;
  }

  private static double combine(
      String function, com.fasterxml.jackson.databind.JsonNode was, double v) {
    if (was.isMissingNode()) {
      return v;
    }
    return switch (function) {
      case "MIN" -> Math.min(was.asDouble(), v);
      case "MAX" -> Math.max(was.asDouble(), v);
      default -> was.asDouble() + v;
    };
  }

  private TreeMap<Instant, Map<String, Double>> tenantRows(DruidSqlRunner.Query q, int at) {
    return minutes.getOrDefault(q.parameters().get(at).value().toString(), new TreeMap<>());
  }

  private static Instant millis(DruidSqlRunner.Query q, int index) {
    SqlParameter p = q.parameters().get(index);
    return Instant.ofEpochMilli(((Number) p.value()).longValue());
  }

  private static Granularity period(String period) {
    for (Granularity g : Granularity.values()) {
      if (period.equals(g.period())) {
        return g;
      }
    }
    throw new AssertionError("no granularity has period " + period);
  }

  /** Every query's rows, for tests that look at what was asked. */
  static List<String> sqlOf(List<DruidSqlRunner.Query> queries) {
    List<String> out = new ArrayList<>();
    queries.forEach(q -> out.add(q.sql()));
    return out;
  }
}
