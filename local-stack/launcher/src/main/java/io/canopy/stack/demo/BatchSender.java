package io.canopy.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Sends one batch until the ingest API has it, as a client should (docs/ingest-api.md): the same
 * batch with the same {@code Idempotency-Key} after a {@code 429}, {@code 503} or {@code 409} once
 * the {@code Retry-After} it names has passed, and after any other failure that is not the batch's
 * fault (the API unreachable, a 5xx, a key refused or a tenant suspended: someone may fix them)
 * with a back-off up to 30 s. A batch the API calls wrong (400, 404, 405, 413, 415, 422, or any
 * event rejected) is the generator's own fault and ends it: {@link GaveUp}. Every failure is told
 * to the {@link Listener} before the wait. Not thread-safe.
 */
final class BatchSender {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Posts a batch; throws {@link UncheckedIOException} when the API cannot be reached. */
  @FunctionalInterface
  interface Transport {
    IngestClient.Response post(List<String> events, String idempotencyKey);
  }

  /** Waits; answers false if the generator is stopping meanwhile. */
  @FunctionalInterface
  interface Pause {
    boolean sleep(Duration d) throws InterruptedException;
  }

  /** Told each failed attempt and how long the sender waits before the next. */
  @FunctionalInterface
  interface Listener {
    void failed(String what, Duration wait);
  }

  /** The API refused the batch for a reason resending cannot change. */
  static final class GaveUp extends Exception {
    private static final long serialVersionUID = 1L;

    GaveUp(String message) {
      super(message);
    }
  }

  /**
   * The API's answer to a batch it took: events stored, and whether it was stored by an earlier
   * request with the same key (then nothing was stored now).
   */
  record Stored(int events, boolean replayed) {}

  private final Transport transport;
  private final Pause pause;
  private final Listener listener;

  BatchSender(Transport transport, Pause pause, Listener listener) {
    this.transport = transport;
    this.pause = pause;
    this.listener = listener;
  }

  /**
   * @return what was stored, or null if the generator stopped before the API took the batch
   * @throws GaveUp when the batch itself is wrong
   */
  Stored send(List<String> events, String key) throws GaveUp, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      IngestClient.Response r;
      try {
        r = transport.post(events, key);
      } catch (UncheckedIOException e) {
        r = null;
        if (!waitAfter(
            "the ingest API is unreachable (" + e.getMessage() + ")", backoff(attempt))) {
          return null;
        }
        continue;
      }
      if (r.status() == 200) {
        return stored(r, events.size());
      }
      if (!retry(r, attempt)) {
        return null;
      }
    }
  }

  /** Waits as the answer asks; false if stopping meanwhile. */
  private boolean retry(IngestClient.Response r, int attempt) throws GaveUp, InterruptedException {
    String what = "HTTP " + r.status() + ": " + error(r.body());
    return switch (r.status()) {
      case 429, 503, 409 -> waitAfter(what, Duration.ofSeconds(Math.max(1, r.retryAfterSeconds())));
      case 400, 404, 405, 413, 415, 422 ->
          throw new GaveUp("the ingest API refused a batch: " + what);
      default -> waitAfter(what, backoff(attempt));
    };
  }

  private boolean waitAfter(String what, Duration wait) throws InterruptedException {
    listener.failed(what, wait);
    return pause.sleep(wait);
  }

  private static Duration backoff(int attempt) {
    Duration d = Duration.ofSeconds(1L << Math.min(attempt - 1, 5));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private static Stored stored(IngestClient.Response r, int sent) throws GaveUp {
    JsonNode body = parse(r.body());
    int accepted = body.path("accepted").asInt(-1);
    if (accepted != sent || !body.path("rejected").isEmpty()) {
      throw new GaveUp(
          "the ingest API stored " + accepted + " of " + sent + " demo events: " + r.body());
    }
    return new Stored(accepted, r.replayed());
  }

  private static String error(String body) {
    JsonNode error = parse(body).path("error");
    return error.isTextual() ? error.asText() : body;
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null ? "" : body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
