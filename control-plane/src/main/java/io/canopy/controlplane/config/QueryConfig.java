package io.canopy.controlplane.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The query API. Plain bean for YAML binding. */
public class QueryConfig {
  /**
   * How late events usually arrive, in seconds: a bucket ending less than this long ago is marked
   * incomplete in answers. Later events are still accepted (up to {@code ingest.maxPastHours}).
   */
  @Min(0)
  @Max(86_400)
  public int lateArrivalSeconds = 300;
}
