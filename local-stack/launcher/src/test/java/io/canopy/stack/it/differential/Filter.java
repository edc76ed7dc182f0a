package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A query-model filter (docs/query-api.md#filters) the test asks with, and what it means: {@link
 * #test} is SQL's three-valued logic over a rolled-up row (docs/query-api.md#filters: null is
 * unknown, {@code not} is "not true", {@code range} reads the row's metric), {@link #json} the
 * model's JSON, {@link #sql} the same condition as the test's own Druid SQL. Immutable.
 */
sealed interface Filter {
  JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** TRUE, FALSE, or null for unknown. */
  Boolean test(RolledRow row);

  ObjectNode json();

  void sql(SqlWriter out);

  /** Whether it reads a metric of a rolled-up row (its answer depends on the rollup). */
  default boolean rowSensitive() {
    return false;
  }

  private static ObjectNode node(String type) {
    return NODES.objectNode().put("type", type);
  }

  record Equals(Dimension dimension, String value) implements Filter {
    public Boolean test(RolledRow r) {
      String v = r.get(dimension);
      return v == null ? null : v.equals(value);
    }

    public ObjectNode json() {
      return node("equals").put("dimension", dimension.column()).put("value", value);
    }

    public void sql(SqlWriter out) {
      out.column(dimension.column()).text(" = ").param(value);
    }
  }

  record In(Dimension dimension, List<String> values) implements Filter {
    public Boolean test(RolledRow r) {
      String v = r.get(dimension);
      return v == null ? null : values.contains(v);
    }

    public ObjectNode json() {
      ObjectNode n = node("in").put("dimension", dimension.column());
      ArrayNode list = n.putArray("values");
      values.forEach(list::add);
      return n;
    }

    public void sql(SqlWriter out) {
      out.column(dimension.column()).text(" IN (");
      for (int i = 0; i < values.size(); i++) {
        out.text(i == 0 ? "" : ", ").param(values.get(i));
      }
      out.text(")");
    }
  }

  record Not(Filter filter) implements Filter {
    public Boolean test(RolledRow r) {
      return !Boolean.TRUE.equals(filter.test(r));
    }

    public ObjectNode json() {
      ObjectNode n = node("not");
      n.set("filter", filter.json());
      return n;
    }

    public void sql(SqlWriter out) {
      out.text("((");
      filter.sql(out);
      out.text(") IS NOT TRUE)");
    }

    public boolean rowSensitive() {
      return filter.rowSensitive();
    }
  }

  /** {@code contains} and {@code prefix}: the value is literal text, wildcards included. */
  record Like(Dimension dimension, String value, boolean prefix) implements Filter {
    public Boolean test(RolledRow r) {
      String v = r.get(dimension);
      return v == null ? null : prefix ? v.startsWith(value) : v.contains(value);
    }

    public ObjectNode json() {
      return node(prefix ? "prefix" : "contains")
          .put("dimension", dimension.column())
          .put("value", value);
    }

    public void sql(SqlWriter out) {
      String escaped = value.replaceAll("([\\\\%_])", "\\\\$1");
      out.column(dimension.column())
          .text(" LIKE ")
          .param((prefix ? "" : "%") + escaped + "%")
          .text(" ESCAPE '\\'");
    }
  }

  /** Bounds on a metric column; null bounds are absent. */
  record Range(Metric metric, Double gt, Double gte, Double lt, Double lte) implements Filter {
    public Boolean test(RolledRow r) {
      Double v = metric.of(r);
      if (v == null) {
        return null;
      }
      return (gt == null || v > gt)
          && (gte == null || v >= gte)
          && (lt == null || v < lt)
          && (lte == null || v <= lte);
    }

    public ObjectNode json() {
      ObjectNode n = node("range").put("column", metric.column());
      String[] names = {"gt", "gte", "lt", "lte"};
      Double[] bounds = {gt, gte, lt, lte};
      for (int i = 0; i < names.length; i++) {
        if (bounds[i] != null) {
          n.put(names[i], bounds[i]);
        }
      }
      return n;
    }

    public void sql(SqlWriter out) {
      String[] ops = {" > ", " >= ", " < ", " <= "};
      Double[] bounds = {gt, gte, lt, lte};
      String and = "(";
      for (int i = 0; i < ops.length; i++) {
        if (bounds[i] != null) {
          out.text(and).column(metric.column()).text(ops[i]).param(bounds[i]);
          and = " AND ";
        }
      }
      out.text(")");
    }

    public boolean rowSensitive() {
      return true;
    }
  }

  /** {@code null} ({@code isNull}) or {@code notNull}. */
  record Null(Dimension dimension, boolean isNull) implements Filter {
    public Boolean test(RolledRow r) {
      return (r.get(dimension) == null) == isNull;
    }

    public ObjectNode json() {
      return node(isNull ? "null" : "notNull").put("dimension", dimension.column());
    }

    public void sql(SqlWriter out) {
      out.column(dimension.column()).text(isNull ? " IS NULL" : " IS NOT NULL");
    }
  }

  /** {@code and} ({@code all}) or {@code or}, in Kleene's three-valued logic. */
  record Junction(List<Filter> filters, boolean all) implements Filter {
    public Boolean test(RolledRow r) {
      boolean unknown = false;
      for (Filter f : filters) {
        Boolean t = f.test(r);
        if (t == null) {
          unknown = true;
        } else if (t != all) {
          return t;
        }
      }
      return unknown ? null : all;
    }

    public ObjectNode json() {
      ObjectNode n = node(all ? "and" : "or");
      ArrayNode list = n.putArray("filters");
      filters.forEach(f -> list.add(f.json()));
      return n;
    }

    public void sql(SqlWriter out) {
      out.text("(");
      for (int i = 0; i < filters.size(); i++) {
        out.text(i == 0 ? "" : all ? " AND " : " OR ");
        filters.get(i).sql(out);
      }
      out.text(")");
    }

    public boolean rowSensitive() {
      return filters.stream().anyMatch(Filter::rowSensitive);
    }
  }
}
