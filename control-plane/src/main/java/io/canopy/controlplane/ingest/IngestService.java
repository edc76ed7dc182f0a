package io.canopy.controlplane.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.quota.IngestRateLimiter;
import io.canopy.controlplane.tenant.Quotas;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/events} behind the HTTP layer: read the batch within the tenant's limits, admit
 * it under the tenant's rate quota (whole or not at all), validate each event, stamp tenant and
 * receipt time, publish the valid ones, and say what happened to each. Thread-safe.
 */
public final class IngestService {
  private final EventBatchReader reader;
  private final EventValidator validator;
  private final IngestRateLimiter limiter;
  private final EventPublisher publisher;
  private final Clock clock;

  public IngestService(
      EventBatchReader reader,
      EventValidator validator,
      IngestRateLimiter limiter,
      EventPublisher publisher,
      Clock clock) {
    this.reader = reader;
    this.validator = validator;
    this.limiter = limiter;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** What happened to a batch: how many events were acknowledged by Kafka, and the rejections. */
  public record Result(int accepted, List<Rejection> rejected) {}

  /**
   * @param quotas the tenant's complete quotas
   * @throws io.canopy.controlplane.api.error.ApiException 429 when over the rate quota
   */
  public Result ingest(
      Caller.TenantKey key, Quotas quotas, InputStream body, String contentType, String encoding) {
    List<JsonNode> events =
        reader.read(body, contentType, encoding, quotas.maxBatchEvents(), quotas.maxBodyBytes());
    limiter.admit(key.tenantId(), key.tenantSlug(), quotas, events.size());
    Instant now = clock.instant();
    List<ValidEvent> valid = new ArrayList<>(events.size());
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      EventValidator.Outcome outcome = validator.validate(i, events.get(i), key.tenantSlug(), now);
      if (outcome.accepted()) {
        valid.add(outcome.event());
      } else {
        rejected.add(outcome.rejection());
      }
    }
    if (!valid.isEmpty()) {
      publisher.publish(key.topic(), valid);
    }
    return new Result(valid.size(), rejected);
  }
}
