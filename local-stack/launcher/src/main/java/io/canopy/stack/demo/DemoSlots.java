package io.canopy.stack.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo's traffic as a pure function of time. Time is cut into {@link #SLOT} slots; the events
 * of a slot (how many, and each one) depend on nothing but its start, so the back-fill and the live
 * traffic make the very same batch for a slot, and so does a generator started again later. Each
 * slot is one batch with an {@code Idempotency-Key} derived from its start and content: a resend,
 * after a lost answer or by a restarted generator, is answered from the first answer and stored
 * once (within the API's 24 hours of keys).
 */
final class DemoSlots {
  static final Duration SLOT = Duration.ofSeconds(10);

  /** Events per second at the daily peak (mid-afternoon UTC); a fifth of it at night. */
  static final double PEAK_PER_SECOND = 5;

  private static final int USERS = 5_000;
  private static final String KEY_PREFIX = "canopy-demo-";

  private DemoSlots() {}

  /** One slot's batch. */
  record Slot(Instant start) {
    Instant end() {
      return start.plus(SLOT);
    }

    Instant hour() {
      return start.truncatedTo(ChronoUnit.HOURS);
    }

    Slot next() {
      return new Slot(end());
    }

    /** Its events, each a JSON object, stamped evenly across the slot. */
    List<String> events() {
      int n = count(start);
      EventGenerator generator = new EventGenerator(start.getEpochSecond() * 7_919L + 17, USERS);
      List<String> events = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        events.add(generator.next(start.plusMillis(i * SLOT.toMillis() / n)));
      }
      return events;
    }

    /** The batch's key: the slot and a digest of its events, so changed events never clash. */
    String idempotencyKey(List<String> events) {
      return KEY_PREFIX + start.getEpochSecond() + "-" + digest(events);
    }
  }

  /** The slot holding {@code t}. */
  static Slot containing(Instant t) {
    long seconds = SLOT.toSeconds();
    return new Slot(Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds));
  }

  /** Events in the slot starting at {@code start}: the daily curve, at least one. */
  static int count(Instant start) {
    return (int)
        Math.max(
            1, Math.round(PEAK_PER_SECOND * SLOT.toSeconds() * EventGenerator.dailyShape(start)));
  }

  private static String digest(List<String> events) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      events.forEach(e -> sha.update(e.getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
