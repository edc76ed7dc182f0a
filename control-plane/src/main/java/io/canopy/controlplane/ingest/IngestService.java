package io.canopy.controlplane.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.auth.Caller;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/events} behind the HTTP layer: read the batch, validate each event, stamp tenant
 * and receipt time, publish the valid ones, and say what happened to each. Thread-safe.
 */
public final class IngestService {
  private final EventBatchReader reader;
  private final EventValidator validator;
  private final EventPublisher publisher;
  private final Clock clock;

  public IngestService(
      EventBatchReader reader, EventValidator validator, EventPublisher publisher, Clock clock) {
    this.reader = reader;
    this.validator = validator;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** What happened to a batch: how many events were acknowledged by Kafka, and the rejections. */
  public record Result(int accepted, List<Rejection> rejected) {}

  public Result ingest(Caller caller, InputStream body, String contentType, String encoding) {
    List<JsonNode> events = reader.read(body, contentType, encoding);
    Instant now = clock.instant();
    List<ValidEvent> valid = new ArrayList<>(events.size());
    List<Rejection> rejected = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      EventValidator.Outcome outcome =
          validator.validate(i, events.get(i), caller.tenantSlug(), now);
      if (outcome.accepted()) {
        valid.add(outcome.event());
      } else {
        rejected.add(outcome.rejection());
      }
    }
    if (!valid.isEmpty()) {
      publisher.publish(valid);
    }
    return new Result(valid.size(), rejected);
  }
}
