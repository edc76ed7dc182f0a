package io.canopy.druid.auth.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.druid.auth.avatica.AvaticaSessions.Verdict;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AvaticaSessionsTest {
  private final AtomicLong now = new AtomicLong();
  private final AvaticaSessions sessions = new AvaticaSessions(2, Duration.ofMinutes(6), now::get);

  @Test
  void onlyTheOpenerMayUseAConnectionAndAnUnknownOneGetsTheSameAnswer() {
    assertThat(sessions.open("c1", "tenant:b")).isEqualTo(Verdict.ALLOWED);

    assertThat(sessions.use("c1", "tenant:b")).isEqualTo(Verdict.ALLOWED);
    assertThat(sessions.use("c1", "tenant:a")).isEqualTo(Verdict.NOT_YOURS);
    assertThat(sessions.use("c1", "operator")).isEqualTo(Verdict.NOT_YOURS);
    assertThat(sessions.use("never-opened", "tenant:a")).isEqualTo(Verdict.NOT_YOURS);
  }

  @Test
  void anOpenIdCannotBeOpenedAgainByAnyone() {
    sessions.open("c1", "tenant:b");

    assertThat(sessions.open("c1", "tenant:a")).isEqualTo(Verdict.IN_USE);
    assertThat(sessions.open("c1", "tenant:b")).isEqualTo(Verdict.IN_USE);
    assertThat(sessions.use("c1", "tenant:a")).isEqualTo(Verdict.NOT_YOURS);
  }

  @Test
  void anIdentityHoldsAtMostItsLimitAndAClosedConnectionFreesItsPlace() {
    assertThat(sessions.open("a1", "tenant:a")).isEqualTo(Verdict.ALLOWED);
    assertThat(sessions.open("a2", "tenant:a")).isEqualTo(Verdict.ALLOWED);
    assertThat(sessions.open("a3", "tenant:a")).isEqualTo(Verdict.OVER_LIMIT);
    assertThat(sessions.open("b1", "tenant:b")).isEqualTo(Verdict.ALLOWED);

    sessions.forget("a1", "tenant:b"); // not b's to forget
    assertThat(sessions.held("tenant:a")).isEqualTo(2);
    sessions.forget("a1", "tenant:a");

    assertThat(sessions.open("a3", "tenant:a")).isEqualTo(Verdict.ALLOWED);
    assertThat(sessions.use("a1", "tenant:a")).isEqualTo(Verdict.NOT_YOURS);
  }

  @Test
  void aConnectionUnusedForTheIdleTimeIsForgottenAndUseKeepsItAlive() {
    sessions.open("a1", "tenant:a");
    sessions.open("a2", "tenant:a");

    now.addAndGet(Duration.ofMinutes(5).toNanos());
    assertThat(sessions.use("a2", "tenant:a")).isEqualTo(Verdict.ALLOWED);
    now.addAndGet(Duration.ofMinutes(1).toNanos());

    assertThat(sessions.use("a1", "tenant:a")).isEqualTo(Verdict.NOT_YOURS);
    assertThat(sessions.use("a2", "tenant:a")).isEqualTo(Verdict.ALLOWED);
    assertThat(sessions.held("tenant:a")).isEqualTo(1);
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new AvaticaSessions(0, Duration.ofMinutes(1), now::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
