package io.canopy.controlplane.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.specs.EventsSpecs;
import org.junit.jupiter.api.Test;

class SupervisorFingerprintTest {
  private static final String SPEC =
      EventsSpecs.render("events", "canopy-events", "127.0.0.1:9092", "events-v1").supervisor();

  @Test
  void markedSpecCarriesAFingerprintThatIsStableAcrossMarking() {
    String marked = SupervisorFingerprint.mark(SPEC);
    assertThat(SupervisorFingerprint.of(marked)).get().asString().hasSize(32);
    assertThat(SupervisorFingerprint.mark(marked)).isEqualTo(marked);
  }

  @Test
  void anyChangeOfTheSpecChangesTheFingerprint() {
    String other =
        EventsSpecs.render("events", "canopy-events", "127.0.0.1:9093", "events-v1").supervisor();
    assertThat(SupervisorFingerprint.of(SupervisorFingerprint.mark(other)))
        .isNotEqualTo(SupervisorFingerprint.of(SupervisorFingerprint.mark(SPEC)));
  }

  @Test
  void survivesDruidNormalizingTheRestOfTheSpec() {
    String marked = SupervisorFingerprint.mark(SPEC);
    String asDruidReturnsIt =
        marked.replace("\"type\":\"kafka\"", "\"type\":\"kafka\",\"suspended\":false");
    assertThat(SupervisorFingerprint.of(asDruidReturnsIt))
        .isEqualTo(SupervisorFingerprint.of(marked));
  }

  @Test
  void keepsAnExistingContext() {
    String marked = SupervisorFingerprint.mark("{\"type\":\"kafka\",\"context\":{\"a\":1}}");
    assertThat(marked).contains("\"a\":1").contains(SupervisorFingerprint.CONTEXT_KEY);
  }

  @Test
  void unmarkedOrForeignSpecsHaveNoFingerprint() {
    assertThat(SupervisorFingerprint.of(SPEC)).isEmpty();
    assertThat(SupervisorFingerprint.of("{\"context\":{\"canopySpecFingerprint\":7}}")).isEmpty();
    assertThatThrownBy(() -> SupervisorFingerprint.of("[1]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> SupervisorFingerprint.of("{"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON supervisor spec");
  }
}
