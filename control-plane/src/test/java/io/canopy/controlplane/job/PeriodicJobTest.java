package io.canopy.controlplane.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicJobTest {
  @Test
  void keepsItsScheduleAfterARunThrowsAnExceptionOrAnError() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch thirdRun = new CountDownLatch(1);
    PeriodicJob job =
        new PeriodicJob(
            "test-job",
            Duration.ofMillis(10),
            () -> {
              switch (runs.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("PostgreSQL away");
                case 2 -> throw new StackOverflowError();
                default -> thirdRun.countDown();
              }
            });
    job.start();
    try {
      assertThat(thirdRun.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      job.stop();
    }
    assertThat(runs.get()).isGreaterThanOrEqualTo(3);
  }
}
