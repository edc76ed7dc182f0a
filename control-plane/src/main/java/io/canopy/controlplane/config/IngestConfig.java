package io.canopy.controlplane.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits of {@code POST /v1/events}; the defaults are the documented ones. */
public class IngestConfig {
  /** Most events in one request; more is answered 413. */
  @Min(1)
  @Max(100_000)
  public int maxEventsPerBatch = 1000;

  /** Largest request body, after gzip decoding; more is answered 413. */
  @Min(1024)
  public long maxBodyBytes = 5L * 1024 * 1024;

  /** How far in the past an event's timestamp may be (hours). */
  @Min(1)
  public int maxPastHours = 7 * 24;

  /** How far in the future an event's timestamp may be (minutes): clock skew allowance. */
  @Min(0)
  public int maxFutureMinutes = 10;
}
