package io.canopy.controlplane.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.query.cache.SegmentTimeline.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handoff line and fingerprints: what changes them and what does not. */
class SegmentTimelineTest {
  private static final Instant H0 = Instant.parse("2026-12-01T00:00:00Z");

  private static Segment hour(int h, String version, int partition, boolean realtime) {
    return new Segment(
        H0.plusSeconds(3600L * h), H0.plusSeconds(3600L * (h + 1)), version, partition, realtime);
  }

  private static List<Segment> day() {
    List<Segment> segments = new ArrayList<>();
    for (int h = 0; h < 20; h++) {
      segments.add(hour(h, "v1", 0, false));
    }
    segments.add(hour(20, "v1", 0, true));
    segments.add(hour(21, "v1", 0, true));
    return segments;
  }

  private static final Instant FROM = H0;
  private static final Instant TO = H0.plusSeconds(3600L * 20);

  @Test
  void theHandoffLineIsWhereRealTimeDataBegins() {
    assertThat(new SegmentTimeline(day()).handoffLine()).isEqualTo(H0.plusSeconds(3600L * 20));
    List<Segment> late = day();
    late.add(hour(3, "v1", 1, true)); // a late event for 03:00
    assertThat(new SegmentTimeline(late).handoffLine()).isEqualTo(H0.plusSeconds(3600L * 3));
    assertThat(new SegmentTimeline(List.of(hour(1, "v1", 0, false))).handoffLine()).isNull();
  }

  @Test
  void theFingerprintChangesWithCompactionLateDataAndRetentionOnly() {
    String before = new SegmentTimeline(day()).fingerprint(FROM, TO);

    List<Segment> compacted = day();
    compacted.set(5, hour(5, "v2", 0, false));
    List<Segment> appended = day();
    appended.add(hour(7, "v1", 1, false));
    List<Segment> dropped = day();
    dropped.remove(0);
    List<Segment> outside = day();
    outside.add(hour(22, "v1", 0, false));
    List<Segment> reordered = new ArrayList<>(day());
    java.util.Collections.reverse(reordered);
    List<Segment> live = day();
    live.add(hour(21, "v1", 1, true));

    assertThat(new SegmentTimeline(compacted).fingerprint(FROM, TO)).isNotEqualTo(before);
    assertThat(new SegmentTimeline(appended).fingerprint(FROM, TO)).isNotEqualTo(before);
    assertThat(new SegmentTimeline(dropped).fingerprint(FROM, TO)).isNotEqualTo(before);
    assertThat(new SegmentTimeline(outside).fingerprint(FROM, TO)).isEqualTo(before);
    assertThat(new SegmentTimeline(reordered).fingerprint(FROM, TO)).isEqualTo(before);
    assertThat(new SegmentTimeline(live).fingerprint(FROM, TO)).isEqualTo(before);
  }
}
