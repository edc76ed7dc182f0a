package io.canopy.druid.sketch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.druid.data.input.InputRow;
import org.apache.druid.data.input.MapBasedInputRow;
import org.apache.druid.java.util.common.DateTimes;

/**
 * The benchmarks' seeded events, shaped like Canopy's: a user id (200K users, uniform), a page
 * (5,000 pages, heavily skewed so there are heavy hitters), a log-normal duration in ms, and a
 * {@code slot} dimension that makes every two consecutive events share one minute-rolled-up row
 * (1,000 slots per minute). Generation is sequential and deterministic: the n-th event is the same
 * in every run and every fork.
 */
public final class BenchEvents {
  public static final String SLOT = "slot";
  public static final String USER = "user_id";
  public static final String PAGE = "page";
  public static final String DURATION = "duration_ms";
  /** Events that roll up into one row of the minute-granularity segment. */
  public static final int EVENTS_PER_ROW = 2;

  private static final int SLOTS = 1_000;
  private static final int USERS = 200_000;
  private static final int PAGES = 5_000;
  private static final long START = DateTimes.of("2026-11-01T00:00:00Z").getMillis();

  private BenchEvents() {}

  /**
   * Feeds the first {@code count} events to {@code sink}, in order, as rows whose dimensions are
   * {@code dimensions} (what a parser with that dimensions spec yields; the other fields are there
   * for the metrics).
   */
  public static void forEach(int count, List<String> dimensions, Consumer<InputRow> sink) {
    Random random = new Random(20261123L);
    for (int i = 0; i < count; i++) {
      sink.accept(event(i, dimensions, random));
    }
  }

  /** The first {@code count} events, held in memory. */
  public static List<InputRow> list(int count, List<String> dimensions) {
    List<InputRow> events = new ArrayList<>(count);
    forEach(count, dimensions, events::add);
    return events;
  }

  private static InputRow event(int i, List<String> dimensions, Random random) {
    int row = i / EVENTS_PER_ROW;
    long minute = START + (row / SLOTS) * 60_000L;
    double skew = random.nextDouble();
    Map<String, Object> fields =
        Map.of(
            SLOT, "slot-" + (row % SLOTS),
            USER, "user-" + random.nextInt(USERS),
            PAGE, "/page/" + (int) (PAGES * skew * skew * skew),
            DURATION, Math.round(Math.exp(5.0 + random.nextGaussian())));
    return new MapBasedInputRow(minute + random.nextInt(60_000), dimensions, fields);
  }
}
