package io.canopy.stack.it.differential;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One tenant of the run: its slug and key, whether its data is all sent before the questions start
 * ({@code settled}, checked exactly) or keeps arriving ({@code live}), and its custom measures,
 * whose definitions may change once during the run ({@link #catalogs}). Thread-safe.
 */
final class Tenant {
  private final int variant;
  private final String slug;
  private final boolean live;
  private volatile String key;
  private volatile Map<String, MeasureDef> measures;
  private volatile Map<String, MeasureDef> before;
  private volatile Instant changeSent;
  private volatile Instant changeAcked;

  Tenant(int variant, String slug, boolean live) {
    this.variant = variant;
    this.slug = slug;
    this.live = live;
    this.measures = Measures.catalog(variant, Measures.bigOrdersThreshold(variant));
  }

  int variant() {
    return variant;
  }

  String slug() {
    return slug;
  }

  /** Whether its events keep arriving while questions are asked. */
  boolean live() {
    return live;
  }

  String key() {
    return key;
  }

  void key(String apiKey) {
    this.key = apiKey;
  }

  /** Its measures by name, as defined now. */
  Map<String, MeasureDef> measures() {
    return measures;
  }

  /** Its custom measures are being replaced by {@code next} (call before the PUTs). */
  void changing(Map<String, MeasureDef> next, Instant now) {
    before = measures;
    changeSent = now;
    measures = next;
  }

  /** The replacement was acknowledged. */
  void changed(Instant now) {
    changeAcked = now;
  }

  /**
   * The definitions an answer asked at {@code asked} and received at {@code answered} may use: the
   * old ones if it was answered before the change was sent, the new ones if asked after it was
   * acknowledged, either in between.
   */
  List<Map<String, MeasureDef>> catalogs(Instant asked, Instant answered) {
    Map<String, MeasureDef> now = measures;
    Instant sent = changeSent;
    Instant acked = changeAcked;
    if (sent == null || answered.isBefore(sent)) {
      return List.of(before == null ? now : before);
    }
    if (acked != null && asked.isAfter(acked)) {
      return List.of(now);
    }
    return List.of(before, now);
  }
}
