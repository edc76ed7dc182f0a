package io.canopy.stack.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.stack.client.IngestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the demo's sender does with each answer of the ingest API. */
class BatchSenderTest {
  private static final List<String> BATCH = List.of("{\"event\":\"click\"}", "{\"event\":\"x\"}");
  private static final String OK = "{\"accepted\":2,\"rejected\":[]}";

  private final Deque<Object> answers = new ArrayDeque<>();
  private final List<String> posted = new ArrayList<>();
  private final List<Duration> waits = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private boolean stopping;

  private BatchSender sender() {
    return new BatchSender(
        (events, key) -> {
          posted.add(key + " " + events);
          Object next = answers.removeFirst();
          if (next instanceof RuntimeException e) {
            throw e;
          }
          return (IngestClient.Response) next;
        },
        d -> {
          waits.add(d);
          return !stopping;
        },
        (what, wait) -> failures.add(what));
  }

  private void answer(int status, String body, long retryAfter) {
    answers.add(new IngestClient.Response(status, body, retryAfter, false));
  }

  @Test
  void overTheQuotaItWaitsWhatRetryAfterSaysAndResendsTheSameBatchWithTheSameKey()
      throws Exception {
    answer(429, "{\"error\":\"tenant 'default' is over its ingest quota\"}", 2);
    answer(503, "{\"error\":\"Kafka did not commit\",\"dependency\":\"kafka\"}", 5);
    answer(409, "{\"error\":\"in use\",\"field\":\"Idempotency-Key\"}", 2);
    answer(200, OK, 0);

    BatchSender.Stored stored = sender().send(BATCH, "k-1");

    assertThat(stored).isEqualTo(new BatchSender.Stored(2, false));
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));
    assertThat(posted).hasSize(4).containsOnly("k-1 " + BATCH);
    assertThat(failures)
        .containsExactly(
            "HTTP 429: tenant 'default' is over its ingest quota",
            "HTTP 503: Kafka did not commit",
            "HTTP 409: in use");
  }

  @Test
  void aResendAnsweredFromTheFirstAnswerIsStoredOnceAndSaysSo() throws Exception {
    answers.add(new UncheckedIOException(new IOException("connection reset")));
    answers.add(new IngestClient.Response(200, OK, 0, true));

    assertThat(sender().send(BATCH, "k-2")).isEqualTo(new BatchSender.Stored(2, true));
    assertThat(posted).containsExactly("k-2 " + BATCH, "k-2 " + BATCH);
    assertThat(failures).singleElement().asString().startsWith("the ingest API is unreachable");
  }

  @Test
  void failuresThatAreNotTheBatchsFaultBackOffUpTo30Seconds() throws Exception {
    for (int i = 0; i < 7; i++) {
      answer(i % 2 == 0 ? 403 : 500, "{\"error\":\"tenant 'default' is suspended\"}", 0);
    }
    answer(200, OK, 0);

    sender().send(BATCH, "k-3");

    assertThat(waits)
        .extracting(Duration::toSeconds)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
  }

  @Test
  void aBatchTheApiCallsWrongEndsTheGeneratorLoudly() {
    for (int status : new int[] {400, 404, 405, 413, 415, 422}) {
      answers.clear();
      answer(status, "{\"error\":\"a batch holds at most 1000 events\",\"field\":\"body\"}", 0);

      assertThatThrownBy(() -> sender().send(BATCH, "k-4"))
          .isInstanceOf(BatchSender.GaveUp.class)
          .hasMessage(
              "the ingest API refused a batch: HTTP "
                  + status
                  + ": a batch holds at most 1000 events");
    }
    assertThat(waits).isEmpty();
  }

  @Test
  void aRejectedEventIsTheGeneratorsFaultToo() {
    answer(200, "{\"accepted\":1,\"rejected\":[{\"index\":1,\"field\":\"event\"}]}", 0);

    assertThatThrownBy(() -> sender().send(BATCH, "k-5"))
        .isInstanceOf(BatchSender.GaveUp.class)
        .hasMessageStartingWith("the ingest API stored 1 of 2 demo events");
  }

  @Test
  void stoppingWhileWaitingGivesTheBatchUpWithoutResending() throws Exception {
    stopping = true;
    answer(429, "{\"error\":\"over quota\"}", 1);

    assertThat(sender().send(BATCH, "k-6")).isNull();
    assertThat(posted).hasSize(1);
  }
}
