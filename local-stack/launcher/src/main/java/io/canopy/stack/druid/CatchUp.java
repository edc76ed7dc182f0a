package io.canopy.stack.druid;

import io.canopy.stack.StackException;
import io.canopy.stack.StackPorts;
import io.canopy.stack.client.IngestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Waits until Druid has read everything sent to the pooled topic so far. Caught up means a marker
 * batch sent now, spread over every partition by its 30 users, is wholly queryable: Druid reads
 * each partition in order, so everything before it has been read. (The supervisor's lag cannot
 * tell: Druid counts commit markers and aborted records at a partition's end as lag it can never
 * read.) After it, a count is final: a test asserts it exactly, and a duplicate would show.
 */
public final class CatchUp {
  private static final int MARKER_EVENTS = 30;

  private CatchUp() {}

  /**
   * Sends the marker as {@code client}'s tenant (its own campaign, so it adds to no other count)
   * and waits for it; {@code waiting} runs once if Druid is not there yet at the first look.
   */
  public static void await(IngestClient client, StackPorts ports, Duration within, Runnable waiting)
      throws InterruptedException {
    String campaign = "caught-up-" + UUID.randomUUID();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < MARKER_EVENTS; i++) {
      events.add(
          "{\"event\":\"probe\",\"timestamp\":\""
              + Instant.now()
              + "\",\"campaign\":\""
              + campaign
              + "\",\"user_id\":\"u"
              + i
              + "\"}");
    }
    IngestClient.Response r = client.post(events);
    if (r.status() != 200) {
      throw new StackException(
          "the catch-up marker was refused: HTTP " + r.status() + " " + r.body());
    }
    long deadline = System.nanoTime() + within.toNanos();
    boolean said = false;
    while (DruidSql.sumCount(ports.brokerUrl(), "campaign = ?", campaign) < MARKER_EVENTS) {
      if (System.nanoTime() > deadline) {
        throw new StackException("Druid did not catch up within " + within.toSeconds() + " s");
      }
      if (!said) {
        waiting.run();
        said = true;
      }
      Thread.sleep(500);
    }
  }
}
