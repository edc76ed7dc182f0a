package io.canopy.controlplane.datasource.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.datasource.Datasource;
import io.canopy.controlplane.datasource.DatasourceDetails;
import io.canopy.controlplane.datasource.DatasourceLive;
import io.canopy.controlplane.datasource.DatasourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dedicated datasource. {@code live} is filled in on a single datasource's read: what Druid says
 * of it now (null on lists and when Druid cannot be asked).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasourceResponse(
    String name,
    String druidDatasource,
    String topic,
    String preset,
    List<String> dimensions,
    DatasourceStatus status,
    Instant createdAt,
    Live live) {

  /**
   * What Druid reports: the supervisor's state and lag (events in Kafka not yet ingested), rows and
   * events stored, the newest event's time (freshness), and bytes loaded per historical tier.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Live(
      String supervisorState,
      Long lag,
      long rows,
      long events,
      String newestEvent,
      Map<String, Long> bytesPerTier) {
    static Live of(DatasourceLive l) {
      return new Live(
          l.supervisorState(), l.lag(), l.rows(), l.events(), l.newestEvent(), l.bytesPerTier());
    }
  }

  static DatasourceResponse of(DatasourceDetails details) {
    Datasource d = details.datasource();
    return new DatasourceResponse(
        d.name(),
        d.druidName(),
        d.topic(),
        d.preset(),
        d.dimensions(),
        d.status(),
        d.createdAt(),
        details.live().map(Live::of).orElse(null));
  }
}
