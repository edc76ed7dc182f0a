package io.canopy.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoSlotsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant PEAK = Instant.parse("2026-12-07T15:00:00Z");
  private static final Instant NIGHT = Instant.parse("2026-12-07T03:00:00Z");

  @Test
  void aSlotsEventsDependOnItsStartAlone() {
    DemoSlots.Slot slot = DemoSlots.containing(PEAK.plusSeconds(3));
    List<String> events = slot.events();

    assertThat(new DemoSlots.Slot(PEAK).events()).isEqualTo(events);
    assertThat(slot.idempotencyKey(events))
        .isEqualTo(new DemoSlots.Slot(PEAK).idempotencyKey(new DemoSlots.Slot(PEAK).events()))
        .startsWith("canopy-demo-" + PEAK.getEpochSecond() + "-");
    assertThat(slot.next().events()).isNotEqualTo(events);
    assertThat(slot.next().idempotencyKey(slot.next().events()))
        .isNotEqualTo(slot.idempotencyKey(events));
  }

  @Test
  void anotherBatchForTheSameSlotGetsAnotherKey() {
    DemoSlots.Slot slot = new DemoSlots.Slot(PEAK);
    List<String> events = slot.events();

    assertThat(slot.idempotencyKey(events.subList(1, events.size())))
        .isNotEqualTo(slot.idempotencyKey(events));
  }

  @Test
  void slotsAreTenSecondsAlignedToTheEpoch() {
    assertThat(DemoSlots.containing(Instant.parse("2026-12-07T15:00:19.999Z")))
        .isEqualTo(new DemoSlots.Slot(Instant.parse("2026-12-07T15:00:10Z")));
    DemoSlots.Slot last = new DemoSlots.Slot(Instant.parse("2026-12-07T15:59:50Z"));
    assertThat(last.hour()).isEqualTo(Instant.parse("2026-12-07T15:00:00Z"));
    assertThat(last.next().hour()).isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
  }

  @Test
  void countsFollowTheDailyCurveFromFiveEventsASecondToOne() {
    assertThat(DemoSlots.count(PEAK)).isEqualTo(50);
    assertThat(DemoSlots.count(NIGHT)).isEqualTo(10);
    assertThat(new DemoSlots.Slot(PEAK).events()).hasSize(50);
  }

  @Test
  void everyEventIsStampedInsideItsSlot() throws Exception {
    DemoSlots.Slot slot = new DemoSlots.Slot(NIGHT);
    for (String event : slot.events()) {
      Instant at = Instant.parse(JSON.readTree(event).get("timestamp").asText());
      assertThat(at).isBetween(slot.start(), slot.end().minusMillis(1));
    }
  }
}
