package io.canopy.controlplane.druid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CurrentSupervisorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC =
      "{\"type\":\"kafka\",\"spec\":{\"ioConfig\":{\"topic\":\"canopy-events\"}}}";

  /** Druid's supervisors as far as the class sees them: the running spec and what was asked. */
  private static final class Druid implements Supervisors {
    private Optional<String> running;
    private final List<String> posted = new ArrayList<>();
    private final List<String> handedOff = new ArrayList<>();

    Druid(String running) {
      this.running = Optional.ofNullable(running);
    }

    @Override
    public Optional<String> supervisorSpec(String id) {
      return running;
    }

    @Override
    public void postSupervisor(String specJson) {
      posted.add(specJson);
      running = Optional.of(specJson);
    }

    @Override
    public void handoffEarly(String id) {
      handedOff.add(id);
    }
  }

  @Test
  void aNewSupervisorIsPostedMarkedAndNothingIsHandedOff() {
    Druid druid = new Druid(null);

    assertThat(CurrentSupervisor.ensure(druid, "events", SPEC)).isTrue();

    assertThat(druid.posted).containsExactly(SupervisorFingerprint.mark(SPEC));
    assertThat(druid.handedOff).isEmpty();
  }

  @Test
  void theCurrentSpecIsLeftAloneSinceDruidRestartsASupervisorOnEveryPost() {
    Druid druid = new Druid(SupervisorFingerprint.mark(SPEC));

    assertThat(CurrentSupervisor.ensure(druid, "events", SPEC)).isFalse();

    assertThat(druid.posted).isEmpty();
    assertThat(druid.handedOff).isEmpty();
  }

  @Test
  void aChangedSpecIsPostedAndTheTasksOfThePreviousOneHandedOff() {
    Druid druid = new Druid(SupervisorFingerprint.mark(SPEC.replace("canopy-events", "old")));

    assertThat(CurrentSupervisor.ensure(druid, "events", SPEC)).isTrue();

    assertThat(druid.posted).containsExactly(SupervisorFingerprint.mark(SPEC));
    assertThat(druid.handedOff).containsExactly("events");
  }

  @Test
  void aSuspendedSupervisorGetsTheChangedSpecAndStaysSuspendedWithNothingHandedOff()
      throws Exception {
    String previous = SupervisorFingerprint.mark(SPEC.replace("canopy-events", "old"));
    Druid druid = new Druid(previous.substring(0, previous.length() - 1) + ",\"suspended\":true}");

    assertThat(CurrentSupervisor.ensure(druid, "acme_web", SPEC)).isTrue();

    assertThat(druid.posted).hasSize(1);
    assertThat(JSON.readTree(druid.posted.get(0)).path("suspended").asBoolean()).isTrue();
    assertThat(SupervisorFingerprint.of(druid.posted.get(0)))
        .isEqualTo(SupervisorFingerprint.of(SupervisorFingerprint.mark(SPEC)));
    assertThat(druid.handedOff).isEmpty();
  }
}
