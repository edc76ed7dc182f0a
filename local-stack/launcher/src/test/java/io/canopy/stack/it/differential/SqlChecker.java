package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the rows of {@code POST /v1/sql} for a question written by {@link SqlQuestion}: one row
 * per bucket (its {@code TIME_FLOOR}) and combination of dimension values with data, no other, each
 * value as Druid SQL computes it (a SUM of no value is null), over the two snapshots as {@link
 * AnswerChecker} explains. The SQL names no tenant: every row must be the tenant's own.
 */
final class SqlChecker {
  private final Truth truth;

  SqlChecker(Truth truth) {
    this.truth = truth;
  }

  List<Mismatches.Found> check(Exchange x) {
    return Mismatches.underAnyDefinition(x, measures -> check(x, measures));
  }

  /** The check with the measures the SQL was written with. */
  private List<Mismatches.Found> check(Exchange x, Map<String, MeasureDef> measures) {
    Question q = x.question();
    List<Mismatches.Found> found = new ArrayList<>();
    RangeSpec.Interval range = q.range().absolute(x.context());
    ZoneId zone = q.zoneId();
    Granularity g = q.granularityOrDefault().resolve(range.length());
    Instant sureAt = x.askedAt().minus(Truth.READ_BEFORE_COMPUTED);
    Map<List<Object>, List<RolledRow>> low =
        groups(truth.sure(q.tenant().slug(), sureAt), q, range, zone, g);
    Map<List<Object>, List<RolledRow>> high =
        groups(truth.possible(q.tenant().slug(), x.answeredAt()), q, range, zone, g);
    Set<List<Object>> shown = new HashSet<>();
    for (JsonNode row : x.answer().path("rows")) {
      List<Object> key = key(row, q, g);
      shown.add(key);
      if (!high.containsKey(key) && !(g == Granularity.ALL && q.splits().isEmpty())) {
        found.add(new Mismatches.Found("sql: row without data", key + ": " + row));
        continue;
      }
      for (int i = 0; i < q.measures().size(); i++) {
        MeasureDef m = measures.get(q.measures().get(i));
        String why =
            AnswerContext.expect(
                    m, low.getOrDefault(key, List.of()), high.getOrDefault(key, List.of()), false)
                .mismatch(row.path("m" + i), null);
        if (why != null) {
          found.add(
              new Mismatches.Found(
                  "sql: " + AnswerContext.kind(m), m.name() + " at " + key + ": " + why));
        }
      }
    }
    for (List<Object> key : low.keySet()) {
      if (!shown.contains(key)) {
        found.add(new Mismatches.Found("sql: row missing", "no row for " + key));
      }
    }
    return found;
  }

  /** The model's groups: bucket (its floor), then each split's dimension value. */
  private static Map<List<Object>, List<RolledRow>> groups(
      List<RolledRow> rows, Question q, RangeSpec.Interval range, ZoneId zone, Granularity g) {
    Map<List<Object>, List<RolledRow>> out = new HashMap<>();
    for (RolledRow r : ModelAnswer.inRange(rows, range, q.filter())) {
      List<Object> key = new ArrayList<>();
      if (g != Granularity.ALL) {
        key.add(g.floor(r.minute(), zone));
      }
      q.splits().forEach(s -> key.add(r.get(s.dimension())));
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  private static List<Object> key(JsonNode row, Question q, Granularity g) {
    List<Object> key = new ArrayList<>();
    if (g != Granularity.ALL) {
      key.add(Instant.parse(row.path("t").asText()));
    }
    for (int i = 0; i < q.splits().size(); i++) {
      JsonNode d = row.path("d" + i);
      key.add(d.isNull() || d.isMissingNode() ? null : d.asText());
    }
    return key;
  }
}
