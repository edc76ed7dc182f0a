package io.canopy.controlplane.quota;

import io.canopy.controlplane.ingest.IngestService;

/**
 * A deliberate cycle, in test sources only: {@code ingest} uses {@code quota}, and this makes
 * {@code quota} use {@code ingest}. {@code ArchitectureRulesFailTest} shows the rule catches it.
 */
final class CycleFixture {
  IngestService service;
}
