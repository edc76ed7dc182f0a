package io.canopy.controlplane.query.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The segments Druid serves for one datasource, as its broker sees them ({@code sys.segments},
 * available ones): where the real-time data begins (the handoff line), and a fingerprint of the
 * handed-off segments over any interval, which changes whenever one of them does (a new version
 * from compaction or erasure, a new partition from late data, a segment dropped by retention).
 * Immutable but for a memo of fingerprints; thread-safe.
 */
public final class SegmentTimeline {
  /** One segment: its interval, version and partition, and whether a real-time task serves it. */
  public record Segment(
      Instant start, Instant end, String version, int partition, boolean realtime) {}

  private final List<Segment> segments;
  private final Instant handoffLine;
  private final Map<List<Instant>, String> fingerprints = new ConcurrentHashMap<>();

  public SegmentTimeline(List<Segment> segments) {
    this.segments =
        segments.stream()
            .sorted(
                Comparator.comparing(Segment::start)
                    .thenComparing(Segment::end)
                    .thenComparing(Segment::version)
                    .thenComparingInt(Segment::partition))
            .toList();
    this.handoffLine =
        segments.stream()
            .filter(Segment::realtime)
            .map(Segment::start)
            .min(Comparator.naturalOrder())
            .orElse(null);
  }

  /** Where real-time data begins; null when no real-time task serves any of the datasource. */
  public Instant handoffLine() {
    return handoffLine;
  }

  /**
   * A digest of the handed-off segments overlapping {@code [start, end)}; computed once per
   * interval (a timeline lives seconds, and a dashboard asks the same intervals again and again).
   */
  public String fingerprint(Instant start, Instant end) {
    List<Instant> key = List.of(start, end);
    // A plain read first: computeIfAbsent locks the key's bin unless the key heads it, and every
    // request of a dashboard asks for the same few intervals.
    String known = fingerprints.get(key);
    return known != null ? known : fingerprints.computeIfAbsent(key, k -> digest(start, end));
  }

  private String digest(Instant start, Instant end) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Segment s : segments) {
      if (!s.realtime() && s.start().isBefore(end) && s.end().isAfter(start)) {
        digest.update(
            (s.start() + "/" + s.end() + "/" + s.version() + "/" + s.partition() + ";")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
  }
}
