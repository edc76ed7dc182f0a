package io.canopy.controlplane.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErasurePlannerTest {
  private static final Instant LOADED_SINCE = Instant.parse("2026-08-25T12:00:00Z");

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static Segment published(String start, String end) {
    return new Segment(new Span(at(start), at(end)), false, true);
  }

  private static Span day(String date) {
    return Span.dayOf(at(date + "T00:00:00Z"));
  }

  @Test
  void daysWithTheTenantsRowsAreRewrittenConsecutiveOnesByOneTask() {
    List<Segment> segments =
        List.of(
            published("2026-11-18T00:00:00Z", "2026-11-19T00:00:00Z"),
            published("2026-11-19T05:00:00Z", "2026-11-19T06:00:00Z"),
            published("2026-11-21T19:00:00Z", "2026-11-21T20:00:00Z"));
    List<Instant> hours =
        List.of(at("2026-11-18T03:00:00Z"), at("2026-11-19T05:00:00Z"), at("2026-11-21T19:00:00Z"));

    ErasureStep step = ErasurePlanner.plan(segments, hours, true, LOADED_SINCE);

    assertThat(step)
        .isEqualTo(
            new ErasureStep.Compact(
                List.of(
                    new Span(at("2026-11-18T00:00:00Z"), at("2026-11-20T00:00:00Z")),
                    day("2026-11-21")),
                true,
                false));
  }

  @Test
  void aDayAStreamingTaskStillWritesWaitsForTheHandoff() {
    List<Segment> segments =
        List.of(
            published("2026-11-20T01:00:00Z", "2026-11-20T02:00:00Z"),
            new Segment(
                new Span(at("2026-11-21T19:00:00Z"), at("2026-11-21T20:00:00Z")), true, true));
    List<Instant> hours = List.of(at("2026-11-20T01:00:00Z"), at("2026-11-21T19:00:00Z"));

    ErasureStep step = ErasurePlanner.plan(segments, hours, true, LOADED_SINCE);

    assertThat(step).isEqualTo(new ErasureStep.Compact(List.of(day("2026-11-20")), true, true));
  }

  @Test
  void onlyRowsInStreamingTasksMeansHandoffAndNothingToRewriteYet() {
    List<Segment> segments =
        List.of(
            new Segment(
                new Span(at("2026-11-21T19:00:00Z"), at("2026-11-21T20:00:00Z")), true, true));

    ErasureStep step =
        ErasurePlanner.plan(segments, List.of(at("2026-11-21T19:00:00Z")), true, LOADED_SINCE);

    assertThat(step).isEqualTo(new ErasureStep.Compact(List.of(), true, true));
  }

  @Test
  void aPublishedSegmentNotYetServedInsideTheLoadedWindowMeansWait() {
    List<Segment> segments =
        List.of(
            new Segment(
                new Span(at("2026-11-21T19:00:00Z"), at("2026-11-21T20:00:00Z")), false, false));

    ErasureStep step = ErasurePlanner.plan(segments, List.of(), true, LOADED_SINCE);

    assertThat(step).isInstanceOf(ErasureStep.Wait.class);
  }

  @Test
  void coldDaysAreRewrittenOnceWhateverTheyHoldBecauseSqlCannotSeeThem() {
    Segment cold =
        new Segment(new Span(at("2026-08-01T00:00:00Z"), at("2026-08-02T00:00:00Z")), false, false);
    Segment coldHour =
        new Segment(new Span(at("2026-08-03T10:00:00Z"), at("2026-08-03T11:00:00Z")), false, false);

    ErasureStep first =
        ErasurePlanner.plan(List.of(cold, coldHour), List.of(), false, LOADED_SINCE);
    ErasureStep after = ErasurePlanner.plan(List.of(cold, coldHour), List.of(), true, LOADED_SINCE);

    assertThat(first)
        .isEqualTo(
            new ErasureStep.Compact(List.of(day("2026-08-01"), day("2026-08-03")), true, false));
    assertThat(after).isEqualTo(new ErasureStep.Done());
  }

  @Test
  void noRowsLeftAndNothingColdIsDone() {
    List<Segment> segments = List.of(published("2026-11-21T19:00:00Z", "2026-11-21T20:00:00Z"));

    assertThat(ErasurePlanner.plan(segments, List.of(), false, LOADED_SINCE))
        .isEqualTo(new ErasureStep.Done());
  }
}
