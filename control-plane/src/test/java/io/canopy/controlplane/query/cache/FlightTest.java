package io.canopy.controlplane.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A shared query is wanted while anyone who asked for it waits. */
class FlightTest {
  private final AtomicBoolean aGone = new AtomicBoolean();
  private final AtomicBoolean bGone = new AtomicBoolean();
  private final Flight<String> flight = new Flight<>();

  @Test
  void isGoneOnlyWhenEveryoneWhoWaitsIsGone() {
    assertThat(flight.gone()).as("nobody asked yet").isFalse();
    flight.await(aGone::get);
    flight.await(bGone::get);
    assertThat(flight.gone()).isFalse();

    aGone.set(true);
    assertThat(flight.gone()).as("b still waits").isFalse();
    bGone.set(true);
    assertThat(flight.gone()).isTrue();
  }

  @Test
  void forgetsWhoWaitedOnceItLands() {
    flight.await(() -> true);
    flight.land("rows");

    assertThat(flight.gone()).isFalse();
    flight.await(() -> true); // too late: it has landed
    assertThat(flight.gone()).isFalse();
    assertThat(flight.join()).isEqualTo("rows");
  }
}
