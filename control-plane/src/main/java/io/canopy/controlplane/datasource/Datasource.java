package io.canopy.controlplane.datasource;

import io.canopy.controlplane.common.ConflictException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's dedicated datasource as stored: its name in Canopy, its Druid datasource and Kafka
 * topic (derived from tenant and name), retention preset, extra dimensions and lifecycle state.
 */
public record Datasource(
    UUID id,
    UUID tenantId,
    String name,
    String druidName,
    String topic,
    String preset,
    List<String> dimensions,
    DatasourceStatus status,
    Instant createdAt,
    Instant updatedAt) {

  /** Refuses a change to a datasource that is being deleted: a conflict until it is gone. */
  public Datasource requireNotDeleting() {
    if (status == DatasourceStatus.DELETING) {
      throw new ConflictException(null, "datasource '" + name + "' is being deleted");
    }
    return this;
  }
}
