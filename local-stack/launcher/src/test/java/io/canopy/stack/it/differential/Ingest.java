package io.canopy.stack.it.differential;

import io.canopy.stack.client.IngestClient;
import java.time.Instant;

/**
 * Sends batches through {@code POST /v1/events} and tells the model: sent (before the request),
 * then acknowledged (200) or refused (nothing stored). Thread-safe.
 */
final class Ingest {
  private final String controlPlaneUrl;
  private final Truth truth;

  Ingest(String controlPlaneUrl, Truth truth) {
    this.controlPlaneUrl = controlPlaneUrl;
    this.truth = truth;
  }

  /** Sends {@code batch} as {@code tenant}; fails unless it is stored. */
  void send(Tenant tenant, Batch batch, String idempotencyKey) {
    truth.sending(batch, Instant.now());
    IngestClient.Response r =
        new IngestClient(controlPlaneUrl, tenant.key()).post(batch.json(), idempotencyKey);
    if (r.status() != 200) {
      truth.refused(batch);
      throw new AssertionError(
          "the ingest API refused a batch of "
              + tenant.slug()
              + ": HTTP "
              + r.status()
              + " "
              + r.body());
    }
    truth.acknowledged(batch, Instant.now());
  }

  /**
   * Sends {@code batch} again with the same key: the API must answer with the first answer and
   * store nothing (the model counts it once).
   */
  void resend(Tenant tenant, Batch batch, String idempotencyKey) {
    IngestClient.Response r =
        new IngestClient(controlPlaneUrl, tenant.key()).post(batch.json(), idempotencyKey);
    if (r.status() != 200 || !r.replayed()) {
      throw new AssertionError(
          "a resent batch was not replayed: HTTP " + r.status() + " " + r.body());
    }
  }
}
