package io.canopy.stack.it.differential;

import java.time.ZoneId;
import java.util.Map;

/**
 * A question as the test's own Druid SQL for {@code POST /v1/sql}, run as the tenant: no tenant
 * condition (Druid's row policy must keep the answer to the tenant's rows), the buckets as {@code
 * TIME_FLOOR} in the zone, every split a plain {@code GROUP BY} (no top values), the filter as a
 * {@code WHERE}. Column aliases {@code t}, {@code d0…}, {@code m0…}.
 */
final class SqlQuestion {
  private SqlQuestion() {}

  /** Whether the test can write {@code q} as SQL: every measure but the top items list. */
  static boolean writable(Question q, Map<String, MeasureDef> measures) {
    return q.measures().stream().allMatch(m -> measures.get(m).sql(new SqlWriter()));
  }

  static SqlWriter write(Question q, RangeSpec.Context c, Map<String, MeasureDef> measures) {
    RangeSpec.Interval range = q.range().absolute(c);
    Granularity g = q.granularityOrDefault().resolve(range.length());
    SqlWriter sql = new SqlWriter().text("SELECT ");
    int groups = 0;
    if (g != Granularity.ALL) {
      String zone = q.zone() == null ? "UTC" : ZoneId.of(q.zone()).getId();
      sql.text("TIME_FLOOR(")
          .column("__time")
          .text(", '" + g.period() + "', NULL, '" + zone + "') AS \"t\", ");
      groups++;
    }
    for (int i = 0; i < q.splits().size(); i++) {
      sql.column(q.splits().get(i).dimension().column()).text(" AS \"d" + i + "\", ");
      groups++;
    }
    for (int i = 0; i < q.measures().size(); i++) {
      sql.text(i == 0 ? "" : ", ");
      measures.get(q.measures().get(i)).sql(sql);
      sql.text(" AS \"m" + i + "\"");
    }
    sql.text(" FROM ")
        .column("events")
        .text(" WHERE ")
        .column("__time")
        .text(" >= MILLIS_TO_TIMESTAMP(");
    sql.param(range.start().toEpochMilli())
        .text(") AND ")
        .column("__time")
        .text(" < MILLIS_TO_TIMESTAMP(");
    sql.param(range.end().toEpochMilli()).text(")");
    if (q.filter() != null) {
      sql.text(" AND (");
      q.filter().sql(sql);
      sql.text(")");
    }
    if (groups > 0) {
      sql.text(" GROUP BY ");
      for (int i = 1; i <= groups; i++) {
        sql.text((i == 1 ? "" : ", ") + i);
      }
    }
    return sql;
  }
}
