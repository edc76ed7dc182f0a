package io.canopy.controlplane.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.query.model.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What folds to always, to never, and what stays a filter. */
class FilterFoldingTest {
  private static Filter eq(String d, String v) {
    return new Filter.Equals(d, v);
  }

  private static Filter not(Filter f) {
    return new Filter.Not(f);
  }

  private static Filter and(Filter... f) {
    return new Filter.And(List.of(f));
  }

  private static Filter or(Filter... f) {
    return new Filter.Or(List.of(f));
  }

  private static Filter range(String c, Double gt, Double gte, Double lt, Double lte) {
    return new Filter.Range(c, gt, gte, lt, lte);
  }

  private static boolean never(Filter f) {
    return FilterFolding.fold(f).never();
  }

  private static boolean always(Filter f) {
    return FilterFolding.fold(f).always();
  }

  @Test
  void theIssuesFilterIsAlways() {
    // not(country = JP and country = GB and device = mobile): the and never holds.
    Filter inner = and(eq("country", "JP"), eq("country", "GB"), eq("device", "mobile"));
    assertThat(never(inner)).isTrue();
    assertThat(always(not(inner))).isTrue();
  }

  @Test
  void contradictionsOfOneColumnNeverHold() {
    assertThat(never(and(eq("c", "a"), eq("c", "b")))).isTrue();
    assertThat(never(and(eq("c", "a"), not(eq("c", "a"))))).isTrue();
    assertThat(
            never(
                and(
                    new Filter.In("c", List.of("a", "b")),
                    not(new Filter.In("c", List.of("b", "a"))))))
        .isTrue();
    assertThat(never(and(new Filter.In("c", List.of("a", "b")), new Filter.In("c", List.of("x")))))
        .isTrue();
    assertThat(never(and(new Filter.IsNull("c"), eq("c", "a")))).isTrue();
    assertThat(never(and(new Filter.IsNull("c"), new Filter.NotNull("c")))).isTrue();
    assertThat(never(and(new Filter.Prefix("p", "/a"), new Filter.Prefix("p", "/b")))).isTrue();
    assertThat(never(and(new Filter.Prefix("p", "/ab"), not(new Filter.Prefix("p", "/a")))))
        .isTrue();
    assertThat(never(and(eq("p", "/home"), new Filter.Contains("p", "x")))).isTrue();
    assertThat(never(and(range("r", 5.0, null, null, null), range("r", null, null, 3.0, null))))
        .isTrue();
    assertThat(never(and(range("r", null, 5.0, null, null), range("r", null, null, 5.0, null))))
        .isTrue();
    assertThat(never(and(range("r", null, 1.0, null, 2.0), not(range("r", null, 0.0, null, 3.0)))))
        .isTrue();
  }

  @Test
  void whatCanHoldIsKept() {
    assertThat(FilterFolding.fold(and(eq("c", "a"), eq("d", "b"))).constant()).isFalse();
    assertThat(FilterFolding.fold(and(eq("c", "a"), not(eq("c", "b")))).constant()).isFalse();
    assertThat(FilterFolding.fold(and(not(eq("c", "a")), new Filter.IsNull("c"))).constant())
        .isFalse();
    assertThat(
            FilterFolding.fold(and(new Filter.Prefix("p", "/a"), new Filter.Prefix("p", "/ab")))
                .constant())
        .isFalse();
    assertThat(FilterFolding.fold(and(range("r", null, 5.0, null, 5.0), eq("c", "a"))).constant())
        .isFalse();
    // x < 5 or x >= 5 does not hold where x has no value: not always.
    assertThat(
            FilterFolding.fold(
                    or(range("r", null, null, 5.0, null), range("r", null, 5.0, null, null)))
                .constant())
        .isFalse();
  }

  @Test
  void tautologiesAlwaysHold() {
    assertThat(always(or(eq("c", "a"), not(eq("c", "a"))))).isTrue();
    assertThat(always(or(new Filter.IsNull("c"), new Filter.NotNull("c")))).isTrue();
    assertThat(
            always(
                or(not(new Filter.In("c", List.of("a"))), new Filter.In("c", List.of("a", "b")))))
        .isTrue();
    assertThat(always(not(not(not(and(eq("c", "a"), eq("c", "b"))))))).isTrue();
  }

  @Test
  void constantsFoldThroughAndOrNot() {
    Filter never = and(eq("c", "a"), eq("c", "b"));
    assertThat(never(and(never, eq("d", "x")))).isTrue();
    assertThat(FilterFolding.fold(or(never, eq("d", "x"))).filter()).isEqualTo(eq("d", "x"));
    assertThat(FilterFolding.fold(and(not(never), eq("d", "x"))).filter()).isEqualTo(eq("d", "x"));
    assertThat(always(or(not(never), eq("d", "x")))).isTrue();
    assertThat(FilterFolding.fold(not(not(eq("d", "x")))).filter()).isEqualTo(eq("d", "x"));
  }

  @Test
  void rangesCoveringEveryNumberBecomeHasAValue() {
    Filter f =
        or(range("r", null, null, 5.0, null), range("r", null, 5.0, null, null), eq("c", "a"));
    Filter folded = FilterFolding.fold(f).filter();
    assertThat(folded).isEqualTo(or(range("r", null, -Double.MAX_VALUE, null, null), eq("c", "a")));
    // with a gap at 5 they don't
    Filter gap = or(range("r", null, null, 5.0, null), range("r", 5.0, null, null, null));
    assertThat(FilterFolding.fold(gap).filter()).isEqualTo(gap);
  }
}
