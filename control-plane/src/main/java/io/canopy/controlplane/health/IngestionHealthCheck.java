package io.canopy.controlplane.health;

import com.codahale.metrics.health.HealthCheck;
import io.canopy.controlplane.druid.DruidException;
import io.canopy.controlplane.druid.IngestionProvisioner;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ingestion} check: healthy once the events topic, supervisor, load rules and compaction
 * config are in place and no datasource's handoffs are failing. Its details show, per datasource,
 * published and real-time segments, the last handoff and the streaming tasks that failed in the
 * last hour ({@code bin/canopy status} prints them). Detail {@code provisioned} tells the two
 * failures apart: a stack whose handoffs fail still serves, and its operator needs to see why.
 */
public final class IngestionHealthCheck extends HealthCheck {
  private final IngestionProvisioner provisioner;
  private final HandoffReader handoffs;
  private final Clock clock;

  public IngestionHealthCheck(
      IngestionProvisioner provisioner, HandoffReader handoffs, Clock clock) {
    this.provisioner = provisioner;
    this.handoffs = handoffs;
    this.clock = clock;
  }

  @Override
  protected Result check() {
    IngestionProvisioner.Status s = provisioner.status();
    if (!s.done()) {
      return Result.builder()
          .unhealthy()
          .withMessage("not provisioned: " + s.message())
          .withDetail("provisioned", false)
          .build();
    }
    List<HandoffStatus> statuses;
    try {
      statuses = handoffs.read();
    } catch (DruidException e) {
      // The druid check reports Druid itself; here the handoffs are only unknown.
      return Result.builder()
          .healthy()
          .withMessage(s.message() + "; handoffs unknown: Druid's broker did not answer")
          .withDetail("provisioned", true)
          .build();
    }
    Instant now = clock.instant();
    Map<String, String> datasources = new LinkedHashMap<>();
    statuses.forEach(h -> datasources.put(h.datasource(), h.describe(now)));
    List<String> failing =
        statuses.stream().filter(HandoffStatus::failing).map(HandoffStatus::datasource).toList();
    ResultBuilder result =
        Result.builder().withDetail("provisioned", true).withDetail("datasources", datasources);
    return failing.isEmpty()
        ? result.healthy().withMessage(s.message()).build()
        : result.unhealthy().withMessage("handoffs are failing for " + failing).build();
  }
}
