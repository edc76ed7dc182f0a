package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an answer's rows (docs/query-api.md#the-answer): each row's time is a bucket of the range;
 * without {@code having}, every bucket has a row for every combination of split values the answer
 * shows, and those are the combinations with data; with it, exactly the rows with data that pass;
 * each value as the model computes it; {@code previous}, {@code delta} and {@code deltaRatio} with
 * a comparison; and the rows in order. Rows past a reached limit are excused.
 */
final class RowsChecker {
  private final AnswerContext c;
  private final JsonNode rows;
  private final boolean cut;

  RowsChecker(AnswerContext c) {
    this.c = c;
    this.rows = c.answer.path("rows");
    this.cut = rows.size() >= AnswerChecker.limit(c.q);
  }

  void check() {
    Map<ModelAnswer.Cell, JsonNode> shown = new LinkedHashMap<>();
    int lastBucket = 0;
    for (JsonNode row : rows) {
      int b = bucketOf(row);
      if (b < 0) {
        continue;
      }
      ModelAnswer.Cell cell = new ModelAnswer.Cell(b, values(row));
      if (shown.put(cell, row) != null) {
        c.mismatch("duplicate row", String.valueOf(cell));
      }
      lastBucket = b;
    }
    if (c.q.having() == null) {
      presenceWithoutHaving(shown, lastBucket);
    } else {
      presenceWithHaving(shown);
    }
    shown.forEach(this::checkValues);
    checkOrder();
  }

  /**
   * The bucket of a row by its time; a first row dated at its bucket's start before the range's
   * start is reported, and then taken as the first bucket (so it is checked as such).
   */
  private int bucketOf(JsonNode row) {
    if (c.granularity == Granularity.ALL) {
      return 0;
    }
    Instant t = AnswerChecker.instant(row.path("time"), null);
    int b = t == null ? -1 : c.low.bucketAt(t);
    if (b < 0) {
      c.mismatch(
          "row time", row.path("time") + " is no bucket of the range " + c.answer.path("query"));
      Instant start = c.low.buckets().get(0)[0];
      return t != null && t.equals(c.granularity.floor(start, c.zone)) ? 0 : -1;
    }
    return b;
  }

  private List<String> values(JsonNode row) {
    List<String> out = new ArrayList<>();
    for (Question.Split s : c.q.splits()) {
      JsonNode v = row.path("dimensions").path(s.dimension().column());
      out.add(v.isNull() || v.isMissingNode() ? null : v.asText());
    }
    return out;
  }

  private void presenceWithoutHaving(Map<ModelAnswer.Cell, JsonNode> shown, int lastBucket) {
    Set<List<String>> combos = new HashSet<>();
    if (c.q.splits().isEmpty()) {
      combos.add(List.of());
      if (c.granularity == Granularity.ALL && shown.isEmpty() && c.high.cells().isEmpty()) {
        return; // nothing at all: one row of empty values or none
      }
    } else {
      shown.keySet().forEach(k -> combos.add(k.values()));
      if (!c.partial) {
        for (List<String> t : c.low.combinations()) {
          if (!combos.contains(t)) {
            c.mismatch("split values", "no rows for " + t + ", which has data in the range");
          }
        }
        for (List<String> t : combos) {
          if (!c.high.combinations().contains(t)) {
            c.mismatch("split values", "rows for " + t + ", which has no data in the range");
          }
        }
      }
    }
    for (int b = 0; b < c.low.buckets().size(); b++) {
      for (List<String> t : combos) {
        ModelAnswer.Cell cell = new ModelAnswer.Cell(b, t);
        if (shown.containsKey(cell) || (cut && b >= lastBucket)) {
          continue;
        }
        boolean empty = c.low.cell(cell).isEmpty() && c.high.cell(cell).isEmpty();
        c.mismatch(
            empty ? "empty bucket left out" : "row missing",
            "no row for " + c.low.buckets().get(b)[0] + " " + t);
      }
    }
  }

  private void presenceWithHaving(Map<ModelAnswer.Cell, JsonNode> shown) {
    MeasureDef m = c.measures.get(c.q.having().measure());
    Set<ModelAnswer.Cell> withData = new HashSet<>(c.high.cells());
    withData.addAll(c.low.cells());
    for (ModelAnswer.Cell cell : withData) {
      Boolean pass = passes(m, cell);
      if (Boolean.TRUE.equals(pass)
          && !c.low.cell(cell).isEmpty()
          && !cut
          && !shown.containsKey(cell)
          && !cell.values().contains(ModelAnswer.OTHER)
          && known(cell)) {
        c.mismatch("row missing", "no row for " + cell + ", which passes having");
      }
      if (Boolean.FALSE.equals(pass) && shown.containsKey(cell) && known(cell)) {
        c.mismatch("row fails having", cell + ": " + shown.get(cell).path("values"));
      }
    }
    boolean totalsRow = c.q.splits().isEmpty() && c.granularity == Granularity.ALL;
    for (ModelAnswer.Cell cell : shown.keySet()) {
      // One aggregate of no rows is a row in SQL: it may pass having (users < 1) and show.
      if (c.high.cell(cell).isEmpty() && known(cell) && !totalsRow) {
        c.mismatch("row without data", cell + " shown with having (no filling)");
      }
    }
  }

  /** Whether a cell's split values are all among the values the answer shows. */
  private boolean known(ModelAnswer.Cell cell) {
    for (int i = 0; i < cell.values().size(); i++) {
      if (!c.top.get(i).contains(cell.values().get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the cell passes having by the value the query API's SQL gives it (a sum of nothing is 0
   * there, as shown; any other value of nothing is null, which never passes); null if unsure.
   */
  private Boolean passes(MeasureDef m, ModelAnswer.Cell cell) {
    Expect raw = AnswerContext.expect(m, c.low.cell(cell), c.high.cell(cell), true);
    if (raw instanceof Expect.Exact e && e.value() == null) {
      return false;
    }
    return c.q.having().test(raw.range());
  }

  private void checkValues(ModelAnswer.Cell cell, JsonNode row) {
    if (c.partial && cell.values().contains(ModelAnswer.OTHER)) {
      return; // which values "(other)" holds is not known
    }
    for (String name : c.q.measures()) {
      MeasureDef m = c.measures.get(name);
      JsonNode v = row.path("values").path(name);
      if (v.isTextual() && v.asText().equals("NaN")) {
        c.mismatch("\"NaN\" value", name + " at " + cell);
        continue;
      }
      String why =
          AnswerContext.expect(m, c.low.cell(cell), c.high.cell(cell), true)
              .mismatch(v, row.path("bounds").path(name));
      if (why != null) {
        c.mismatch("value: " + AnswerContext.kind(m), name + " at " + at(cell) + ": " + why);
      }
      if (c.earlierLow != null) {
        checkCompare(c, name + " at " + at(cell), row, previous(m, cell), "");
      }
    }
  }

  private String at(ModelAnswer.Cell cell) {
    return c.low.buckets().get(cell.bucket())[0] + " " + cell.values();
  }

  /** What the earlier period shows for the cell: its row at the shifted time, else empty. */
  private Expect previous(MeasureDef m, ModelAnswer.Cell cell) {
    int j =
        c.granularity == Granularity.ALL
            ? 0
            : c.earlierLow.bucketAt(c.low.buckets().get(cell.bucket())[0].minus(c.shift));
    ModelAnswer.Cell earlier = new ModelAnswer.Cell(j, cell.values());
    Expect e =
        j < 0
            ? AnswerContext.expect(m, List.of(), List.of(), true)
            : AnswerContext.expect(
                m, c.earlierLow.cell(earlier), c.earlierHigh.cell(earlier), true);
    return c.q.having() == null
        ? e
        : new Expect.AnyOf(List.of(e, AnswerContext.expect(m, List.of(), List.of(), true)));
  }

  /** {@code previous}, {@code delta} and {@code deltaRatio} of one measure in a row or totals. */
  static void checkCompare(
      AnswerContext c, String label, JsonNode row, Expect previous, String where) {
    String name = label.split(" ", 2)[0];
    MeasureDef m = c.measures.get(name);
    JsonNode p = row.path("previous");
    if (!p.has(name)) {
      c.mismatch(where + "previous missing", name + " in " + row);
      return;
    }
    String why = previous.mismatch(p.get(name), null);
    if (why != null) {
      c.mismatch(where + "previous: " + AnswerContext.kind(m), label + ": " + why);
    }
    JsonNode v = row.path("values").path(name);
    JsonNode d = row.path("delta").path(name);
    JsonNode r = row.path("deltaRatio").path(name);
    if (!v.isNumber() || !p.get(name).isNumber()) {
      if (!d.isMissingNode() || !r.isMissingNode()) {
        c.mismatch(where + "delta", name + ": a delta without two numbers in " + row);
      }
      return;
    }
    double delta = v.asDouble() - p.get(name).asDouble();
    double was = p.get(name).asDouble();
    boolean ratioOk = was == 0 ? r.isMissingNode() : close(r, delta / Math.abs(was));
    if (!close(d, delta) || !ratioOk) {
      c.mismatch(
          where + "delta",
          name + ": value " + v + ", previous " + p.get(name) + ", delta " + d + ", ratio " + r);
    }
  }

  private static boolean close(JsonNode n, double want) {
    return n.isNumber() && Math.abs(n.asDouble() - want) <= 1e-6 * Math.max(1, Math.abs(want));
  }

  private void checkOrder() {
    Question.Order o = c.q.orderBy();
    String measure =
        o == null || o.measure() != null ? TopValues.orderingMeasure(c.q, c.measures).name() : null;
    boolean descending = o == null || o.descendingOrDefault();
    for (int i = 1; i < rows.size(); i++) {
      JsonNode a = rows.get(i - 1);
      JsonNode b = rows.get(i);
      int time = a.path("time").asText().compareTo(b.path("time").asText());
      int order;
      if (measure != null) {
        JsonNode x = a.path("values").path(measure);
        JsonNode y = b.path("values").path(measure);
        order = x.isNumber() && y.isNumber() ? Double.compare(x.asDouble(), y.asDouble()) : 0;
      } else {
        JsonNode x = a.path("dimensions").path(o.dimension().column());
        JsonNode y = b.path("dimensions").path(o.dimension().column());
        order = x.isTextual() && y.isTextual() ? x.asText().compareTo(y.asText()) : 0;
      }
      if (time > 0 || (time == 0 && (descending ? order < 0 : order > 0))) {
        c.mismatch("order", "row " + (i - 1) + " before row " + i + ": " + a + " / " + b);
        return;
      }
    }
  }
}
