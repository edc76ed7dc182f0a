package io.canopy.controlplane.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.config.IngestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotasTest {
  private static final IngestConfig SERVER = new IngestConfig();

  private static Quotas defaults() {
    return Quotas.defaults(SERVER);
  }

  @Test
  void theDefaultsAreValidAndFollowTheServersLimits() {
    Quotas q = defaults().validate(SERVER);

    assertThat(q.maxBatchEvents()).isEqualTo(SERVER.maxEventsPerBatch);
    assertThat(q.maxBodyBytes()).isEqualTo(SERVER.maxBodyBytes);
    assertThat(q.ingestEventsPerSecond()).isEqualTo(1_000);
    assertThat(q.queryTimeoutMs()).isEqualTo(30_000);
  }

  @Test
  void aPatchChangesOnlyWhatItSets() {
    Quotas patch = new Quotas(50, null, null, null, null, null, null, 7);

    Quotas q = defaults().with(patch);

    assertThat(q.ingestEventsPerSecond()).isEqualTo(50);
    assertThat(q.queryPriority()).isEqualTo(7);
    assertThat(q.ingestBurstEvents()).isEqualTo(defaults().ingestBurstEvents());
    assertThat(q.queriesPerMinute()).isEqualTo(defaults().queriesPerMinute());
    assertThat(defaults().with(null)).isEqualTo(defaults());
    assertThat(Quotas.UNSET.with(patch)).isEqualTo(patch);
  }

  @ParameterizedTest
  @CsvSource({
    "ingestEventsPerSecond, 0",
    "ingestEventsPerSecond, 1000001",
    "queryConcurrency, 101",
    "queryTimeoutMs, 999",
    "queriesPerMinute, 0",
    "queryPriority, -101",
    "queryPriority, 101"
  })
  void aValueOutOfRangeIsRefusedNamingItsField(String field, int value) {
    Quotas patch =
        switch (field) {
          case "ingestEventsPerSecond" ->
              new Quotas(value, null, null, null, null, null, null, null);
          case "queryConcurrency" -> new Quotas(null, null, null, null, value, null, null, null);
          case "queryTimeoutMs" -> new Quotas(null, null, null, null, null, value, null, null);
          case "queriesPerMinute" -> new Quotas(null, null, null, null, null, null, value, null);
          default -> new Quotas(null, null, null, null, null, null, null, value);
        };

    assertThatThrownBy(() -> defaults().with(patch).validate(SERVER))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("quotas." + field);
              assertThat(e.getMessage()).contains("not " + value);
            });
  }

  @Test
  void aBatchLargerThanTheServerAllowsIsRefused() {
    Quotas patch =
        new Quotas(null, null, SERVER.maxEventsPerBatch + 1, null, null, null, null, null);

    assertThatThrownBy(() -> defaults().with(patch).validate(SERVER))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("quotas.maxBatchEvents"));
  }

  @Test
  void aBurstSmallerThanABatchIsRefusedSinceAFullBatchWouldNeverFit() {
    Quotas patch = new Quotas(null, 10, 11, null, null, null, null, null);

    assertThatThrownBy(() -> defaults().with(patch).validate(SERVER))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.field()).isEqualTo("quotas.ingestBurstEvents");
              assertThat(e.getMessage()).contains("never fits");
            });
  }
}
