package io.canopy.controlplane.ingest;

/**
 * An event that passed validation, already in its stored form.
 *
 * @param key the Kafka record key ({@code user_id} as UTF-8), or null when the event has none
 * @param payload the normalized event as UTF-8 JSON, with {@code tenant} and {@code received_at}
 */
public record ValidEvent(byte[] key, byte[] payload) {}
