package io.canopy.controlplane.health;

import com.codahale.metrics.health.HealthCheck;
import io.canopy.controlplane.druid.DruidException;
import io.canopy.controlplane.druid.IngestionProvisioner;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ingestion} check: healthy once the events topic, supervisor, load rules and compaction
 * config are in place, every supervisor ingests ({@link SupervisorVerdict}: not suspended, not
 * unhealthy in Druid's eyes, not behind for long) and no datasource's handoffs are failing. Its
 * details show each supervisor's state and lag ({@code supervisors}) and, per datasource, published
 * and real-time segments, the last handoff and the streaming tasks that failed in the last hour
 * ({@code datasources}); {@code bin/canopy status} prints them. Detail {@code provisioned} tells
 * the failures apart: a provisioned stack that does not ingest still serves, and its operator needs
 * to see why.
 */
public final class IngestionHealthCheck extends HealthCheck {
  private final IngestionProvisioner provisioner;
  private final SupervisorWatch supervisors;
  private final HandoffReader handoffs;
  private final Clock clock;

  public IngestionHealthCheck(
      IngestionProvisioner provisioner,
      SupervisorWatch supervisors,
      HandoffReader handoffs,
      Clock clock) {
    this.provisioner = provisioner;
    this.supervisors = supervisors;
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
    List<String> problems = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    ResultBuilder result = Result.builder().withDetail("provisioned", true);
    try {
      Map<String, String> states = new LinkedHashMap<>();
      for (SupervisorVerdict v : supervisors.observe()) {
        states.put(v.id(), v.description());
        if (!v.healthy()) {
          problems.add("supervisor " + v.id() + ": " + v.description());
        }
      }
      result.withDetail("supervisors", states);
    } catch (DruidException e) {
      unknown.add("supervisors unknown: the Overlord did not answer");
    }
    try {
      handoffs(result, problems);
    } catch (DruidException e) {
      // The druid check reports Druid itself; here the handoffs are only unknown.
      unknown.add("handoffs unknown: Druid's broker did not answer");
    }
    if (!problems.isEmpty()) {
      return result.unhealthy().withMessage(String.join("; ", problems)).build();
    }
    unknown.add(0, s.message());
    return result.healthy().withMessage(String.join("; ", unknown)).build();
  }

  private void handoffs(ResultBuilder result, List<String> problems) {
    List<HandoffStatus> statuses = handoffs.read();
    Instant now = clock.instant();
    Map<String, String> datasources = new LinkedHashMap<>();
    statuses.forEach(h -> datasources.put(h.datasource(), h.describe(now)));
    result.withDetail("datasources", datasources);
    List<String> failing =
        statuses.stream().filter(HandoffStatus::failing).map(HandoffStatus::datasource).toList();
    if (!failing.isEmpty()) {
      problems.add("handoffs are failing for " + failing);
    }
  }
}
