package io.canopy.controlplane.ingest;

/**
 * Why one event of a batch was not accepted.
 *
 * @param index position of the event in the batch (0-based; for NDJSON, its line among events)
 * @param field the offending field, or {@code "(event)"} when the event as a whole is wrong
 * @param reason what is wrong, in words a sender can act on
 */
public record Rejection(int index, String field, String reason) {}
