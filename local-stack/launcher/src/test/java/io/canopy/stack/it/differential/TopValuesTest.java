package io.canopy.stack.it.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which values restrict a comparison's totals, when the rows do not show them all. */
class TopValuesTest {
  private static final Instant MINUTE = Instant.parse("2026-12-07T04:40:00Z");

  @Test
  void aTopValueNoRowShowsStillRestrictsTheTotals() {
    // country has 3 values, all top values (limit 10); null's only row has a referrer outside
    // referrer's top 1, so no row shows null, yet null-country rows of the compared range count.
    List<RolledRow> rows =
        List.of(row("GB", "direct"), row("JP", "direct"), row(null, "bing"), row("GB", "bing"));
    Question q =
        question(
            new Question.Split(Dimension.COUNTRY, null, false),
            new Question.Split(Dimension.REFERRER, 1, false));
    List<Set<String>> shown = List.of(Set.of("GB", "JP"), Set.of("direct"));

    List<Set<String>> kept = TopValues.restrictingTotals(q, shown, rows, rows, false);

    assertThat(kept).isNotNull();
    assertThat(kept.get(0)).containsExactlyInAnyOrder("GB", "JP", null);
    assertThat(kept.get(1)).containsExactly("direct");
  }

  @Test
  void moreValuesThanTheLimitAndFewerShownAreNotKnown() {
    List<RolledRow> rows =
        List.of(row("GB", "direct"), row("JP", "bing"), row("IN", "bing"), row("US", "ddg"));
    Question q =
        question(
            new Question.Split(Dimension.COUNTRY, 2, false),
            new Question.Split(Dimension.REFERRER, 1, false));
    List<Set<String>> shown = List.of(Set.of("GB"), Set.of("direct"));

    assertThat(TopValues.restrictingTotals(q, shown, rows, rows, false)).isNull();
  }

  @Test
  void scopedASplitsValuesAreThoseTheEarlierSplitsKeep() {
    // country's top 2 are shown; IN is cut, and with it ddg, which only IN's rows have.
    List<RolledRow> rows =
        List.of(row("GB", "direct"), row("JP", "direct"), row("GB", "bing"), row("IN", "ddg"));
    Question q =
        question(
            new Question.Split(Dimension.COUNTRY, 2, false),
            new Question.Split(Dimension.REFERRER, null, false));
    List<Set<String>> shown = List.of(Set.of("GB", "JP"), Set.of("direct"));

    assertThat(TopValues.restrictingTotals(q, shown, rows, rows, true).get(1))
        .containsExactlyInAnyOrder("direct", "bing");
    assertThat(TopValues.restrictingTotals(q, shown, rows, rows, false).get(1))
        .containsExactlyInAnyOrder("direct", "bing", "ddg");
  }

  @Test
  void valuesThatArrivedWhileAskedAreNotKnown() {
    List<RolledRow> before = List.of(row("GB", "direct"));
    List<RolledRow> after = List.of(row("GB", "direct"), row("JP", "bing"));
    Question q =
        question(
            new Question.Split(Dimension.COUNTRY, null, false),
            new Question.Split(Dimension.REFERRER, 1, false));

    assertThat(
            TopValues.restrictingTotals(
                q, List.of(Set.of("GB"), Set.of("direct")), before, after, false))
        .isNull();
  }

  private static Question question(Question.Split... splits) {
    return new Question(
        1,
        null,
        AnswerPath.QUERY,
        List.of("events"),
        List.of(splits),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private static RolledRow row(String country, String referrer) {
    Map<Dimension, String> d = new HashMap<>();
    d.put(Dimension.COUNTRY, country);
    d.put(Dimension.REFERRER, referrer);
    return new RolledRow(new RolledRow.Key(MINUTE, d), null);
  }
}
