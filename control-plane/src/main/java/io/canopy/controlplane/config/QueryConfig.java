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

  /** The result cache's bound, in bytes (about two a character of the cached JSON). */
  @Min(0)
  public long cacheMaxBytes = 64L * 1024 * 1024;

  /** How long an answer over live data (the real-time tail) is reused, ± 10 %. */
  @Min(1)
  @Max(3_600)
  public int liveTtlSeconds = 60;
}
