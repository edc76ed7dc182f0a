package io.canopy.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsoTimestamps} answers exactly as {@code OffsetDateTime.parse}, text by text. */
class IsoTimestampsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-23T12:00:00Z",
        "2026-11-23T12:00:00.5Z",
        "2026-11-23T12:00:00.123Z",
        "2026-11-23T12:00:00.123456789Z",
        "2026-11-23T12:00:00+01:00",
        "2026-11-23T12:00:00.250-05:30",
        "2026-11-23T12:00:00-00:00",
        "2024-02-29T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "2026-11-23T12:00Z",
        "2026-11-23T12:00:00.Z",
        "2026-11-23t12:00:00z",
        "2026-11-23T12:00:00+18:00",
        "2026-11-23T12:00:00+01:00:30",
        "+12026-11-23T12:00:00Z"
      })
  void acceptsWhatOffsetDateTimeAcceptsAsTheSameInstant(String text) {
    assertThat(IsoTimestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2026-11-23",
        "2026-11-23T12:00:00",
        "2026-11-23 12:00:00Z",
        "2026-02-29T12:00:00Z",
        "2026-04-31T12:00:00Z",
        "2026-13-01T12:00:00Z",
        "2026-11-23T24:00:00Z",
        "2026-11-23T12:60:00Z",
        "2026-11-23T12:00:60Z",
        "2026-11-23T12:00:00.1234567890Z",
        "2026-11-23T12:00:00+19:00",
        "2026-11-23T12:00:00+01:60",
        "2026-11-23T12:00:00+0100",
        "2026-11-23T12:00:00ZZ",
        "2026-11-23T12:00:00Z ",
        "2026-1a-23T12:00:00Z",
        "２026-11-23T12:00:00Z"
      })
  void refusesWhatOffsetDateTimeRefuses(String text) {
    assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> IsoTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  /** Random texts near the common shape, each mutated in one place: both parsers agree on all. */
  @Test
  void agreesWithOffsetDateTimeOnTenThousandNearMisses() {
    Random random = new Random(20261201);
    String alphabet = "0123456789-:TZ.+ x";
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Instant at = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
      char[] text = at.toString().toCharArray();
      if (random.nextBoolean()) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String s = new String(text);
      String expected = outcome(() -> OffsetDateTime.parse(s).toInstant());
      String actual = outcome(() -> IsoTimestamps.parse(s));
      if (!expected.equals(actual)) {
        disagreements.add(s + ": " + expected + " vs " + actual);
      }
    }
    assertThat(disagreements).isEmpty();
  }

  private static String outcome(java.util.function.Supplier<Instant> parse) {
    try {
      return parse.get().toString();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }
}
