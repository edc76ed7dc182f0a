package io.canopy.stack.demo;

import io.canopy.stack.Stack;
import io.canopy.stack.StackException;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.process.ProcessSpec;
import io.canopy.stack.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/canopy up --demo}: a detached process that back-fills a few hours of history through
 * the ingest API, then keeps sending live traffic (about {@value #PEAK_PER_SECOND} events/s at the
 * daily peak) until {@code bin/canopy down} stops it.
 */
public final class DemoTraffic {
  static final int PEAK_PER_SECOND = 40;
  static final int BACKFILL_HOURS = 6;
  private static final int BATCH = 500;

  private DemoTraffic() {}

  /** Starts the generator as its own process, recorded in {@code run/demo.pid}. */
  public static void startDetached(Stack stack) {
    String java = ProcessHandle.current().info().command().orElse("java");
    Processes.start(
        new ProcessSpec(
            List.of(
                java,
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                DemoTraffic.class.getName(),
                stack.ports().controlPlaneUrl(),
                stack.layout().defaultApiKeyFile().toString()),
            stack.layout().data("demo"),
            Map.of(),
            stack.layout().log("demo")),
        stack.pidFile("demo"));
  }

  public static void main(String[] args) throws Exception {
    IngestClient client = new IngestClient(args[0], Files.readString(Path.of(args[1])).trim());
    EventGenerator generator = new EventGenerator(System.nanoTime(), 5_000);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long sent = 0;
    List<String> batch = new ArrayList<>();
    for (Instant minute = now.minus(Duration.ofHours(BACKFILL_HOURS));
        minute.isBefore(now);
        minute = minute.plus(Duration.ofMinutes(1))) {
      int count = (int) (PEAK_PER_SECOND * 60 * EventGenerator.dailyShape(minute) / 4);
      for (int i = 0; i < count; i++) {
        batch.add(generator.next(minute.plusMillis(i * 60_000L / count)));
        if (batch.size() == BATCH) {
          sent += send(client, batch);
        }
      }
    }
    sent += send(client, batch);
    System.out.printf(
        "%s back-filled %d events over %d hours%n", Instant.now(), sent, BACKFILL_HOURS);
    long lastReport = System.nanoTime();
    while (true) {
      long tick = System.nanoTime();
      int count = (int) Math.max(1, PEAK_PER_SECOND * EventGenerator.dailyShape(Instant.now()));
      for (int i = 0; i < count; i++) {
        batch.add(generator.next(Instant.now()));
      }
      sent += send(client, batch);
      if (System.nanoTime() - lastReport > Duration.ofSeconds(60).toNanos()) {
        System.out.printf("%s sent %d events so far%n", Instant.now(), sent);
        lastReport = System.nanoTime();
      }
      long sleepMs = 1000 - (System.nanoTime() - tick) / 1_000_000;
      if (sleepMs > 0) {
        Thread.sleep(sleepMs);
      }
    }
  }

  /** Sends and clears the batch, retrying with back-off while the API is unavailable. */
  private static int send(IngestClient client, List<String> batch) throws InterruptedException {
    if (batch.isEmpty()) {
      return 0;
    }
    for (int attempt = 1; ; attempt++) {
      try {
        IngestClient.Response r = client.post(batch);
        if (r.status() == 200) {
          int n = batch.size();
          batch.clear();
          return n;
        }
        if (r.status() / 100 == 4) {
          throw new StackException("The ingest API refused demo events: " + r.body());
        }
        System.out.printf("%s HTTP %d, retrying: %s%n", Instant.now(), r.status(), r.body());
      } catch (java.io.UncheckedIOException e) {
        System.out.printf(
            "%s ingest API unreachable, retrying (%s)%n", Instant.now(), e.getMessage());
      }
      Thread.sleep(Math.min(30_000, 500L * attempt));
    }
  }
}
