package io.canopy.controlplane.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.config.IngestConfig;

/**
 * A tenant's quotas. Every field may be null: left out of a request (it keeps its current value),
 * or not set for a tenant (it follows the default; see {@link #defaults}). Ingest quotas are
 * enforced by {@code POST /v1/events}; query quotas are stored and exposed now, for the query API,
 * and timeout and priority go into Druid's query context.
 *
 * @param ingestEventsPerSecond sustained events per second (token-bucket refill rate)
 * @param ingestBurstEvents events that may arrive at once (bucket size); at least {@code
 *     maxBatchEvents}, or a full batch could never be accepted
 * @param maxBatchEvents events per request, at most the server's {@code ingest.maxEventsPerBatch}
 * @param maxBodyBytes request body bytes after decoding, at most the server's {@code
 *     ingest.maxBodyBytes}
 * @param queryConcurrency queries running at once
 * @param queryTimeoutMs Druid query timeout
 * @param queriesPerMinute queries started per minute
 * @param queryPriority Druid query priority (higher runs first)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quotas(
    Integer ingestEventsPerSecond,
    Integer ingestBurstEvents,
    Integer maxBatchEvents,
    Long maxBodyBytes,
    Integer queryConcurrency,
    Integer queryTimeoutMs,
    Integer queriesPerMinute,
    Integer queryPriority) {

  /** No quota set: every one follows the defaults. */
  public static final Quotas UNSET = new Quotas(null, null, null, null, null, null, null, null);

  /** A new tenant's quotas: documented defaults, batch limits equal to the server's. */
  public static Quotas defaults(IngestConfig server) {
    return new Quotas(
        1_000, 2_000, server.maxEventsPerBatch, server.maxBodyBytes, 4, 30_000, 120, 0);
  }

  /** These quotas with every field {@code patch} sets replaced. */
  public Quotas with(Quotas patch) {
    if (patch == null) {
      return this;
    }
    return new Quotas(
        pick(patch.ingestEventsPerSecond, ingestEventsPerSecond),
        pick(patch.ingestBurstEvents, ingestBurstEvents),
        pick(patch.maxBatchEvents, maxBatchEvents),
        pick(patch.maxBodyBytes, maxBodyBytes),
        pick(patch.queryConcurrency, queryConcurrency),
        pick(patch.queryTimeoutMs, queryTimeoutMs),
        pick(patch.queriesPerMinute, queriesPerMinute),
        pick(patch.queryPriority, queryPriority));
  }

  /**
   * Checks complete quotas against their ranges and the server's limits.
   *
   * @throws InvalidInputException naming the first field ({@code quotas.<name>}) out of range
   */
  public Quotas validate(IngestConfig server) {
    check("ingestEventsPerSecond", ingestEventsPerSecond, 1, 1_000_000);
    check("ingestBurstEvents", ingestBurstEvents, 1, 10_000_000);
    check("maxBatchEvents", maxBatchEvents, 1, server.maxEventsPerBatch);
    check("maxBodyBytes", maxBodyBytes, 1024, server.maxBodyBytes);
    check("queryConcurrency", queryConcurrency, 1, 100);
    check("queryTimeoutMs", queryTimeoutMs, 1_000, 300_000);
    check("queriesPerMinute", queriesPerMinute, 1, 10_000_000);
    check("queryPriority", queryPriority, -100, 100);
    if (ingestBurstEvents < maxBatchEvents) {
      throw new InvalidInputException(
          "quotas.ingestBurstEvents",
          "must be at least maxBatchEvents (" + maxBatchEvents + "), or a full batch never fits");
    }
    return this;
  }

  private static <T> T pick(T patched, T current) {
    return patched != null ? patched : current;
  }

  private static void check(String name, Number value, long min, long max) {
    if (value == null || value.longValue() < min || value.longValue() > max) {
      throw new InvalidInputException(
          "quotas." + name, "must be between " + min + " and " + max + ", not " + value);
    }
  }
}
