package io.canopy.stack.chaos;

import io.canopy.stack.KafkaClients;
import io.canopy.stack.Secrets;
import io.canopy.stack.Stack;
import io.canopy.stack.StackException;
import io.canopy.stack.bench.BenchTenant;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import io.canopy.stack.process.Restoration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;

/**
 * {@code bin/canopy chaos}: while a {@link SteadyClient} posts batches, each fault in turn is
 * injected (kill -9 and restart of a component, supervisor suspension, more Kafka partitions, an
 * early handoff); after each, the stack is brought back, and the batches acknowledged so far are
 * compared one by one with what Druid stored: stored must equal acknowledged exactly.
 */
public final class FaultSuite {
  /** Every fault, in the order they run. */
  public static final List<String> ALL =
      List.of(
          "druid-indexer",
          "kafka",
          "control-plane",
          "druid-historical",
          "druid-coordinator",
          "druid-broker",
          "postgres",
          "zookeeper",
          "supervisor-suspend",
          "kafka-partitions",
          "handoff");

  /**
   * After one fault: batches acknowledged so far, those stored other than exactly once (lost or
   * duplicated), and the seconds from the fault until a batch made after it was queryable.
   */
  public record Result(
      String fault,
      int acknowledged,
      int lost,
      int duplicated,
      int unacknowledgedStored,
      double recoverySeconds) {
    public boolean exact() {
      return lost == 0 && duplicated == 0 && unacknowledgedStored == 0;
    }
  }

  private final Stack stack;
  private final PrintStream out;

  public FaultSuite(Stack stack, PrintStream out) {
    this.stack = stack;
    this.out = out;
  }

  public List<Result> run(List<String> faults, int batchesPerSecond) throws Exception {
    for (String f : faults) {
      if (!ALL.contains(f)) {
        throw new StackException("unknown fault " + f + "; faults: " + String.join(",", ALL));
      }
    }
    String key =
        BenchTenant.create(stack.ports(), new Secrets(stack.layout().secrets()).operatorToken());
    String run = "chaos-" + UUID.randomUUID().toString().substring(0, 6);
    List<Result> results = new java.util.ArrayList<>();
    try (SteadyClient client =
        new SteadyClient(
            new IngestClient(stack.ports().controlPlaneUrl(), key), run, batchesPerSecond, 8)) {
      Reconciler reconciler = new Reconciler(stack.ports().brokerUrl(), run);
      awaitVisible(client, reconciler, 0, Duration.ofMinutes(2));
      for (String fault : faults) {
        out.printf("fault %s ...%n", fault);
        long t0 = System.nanoTime();
        int firstAfter = client.fates().size() + batchesPerSecond;
        inject(fault);
        awaitVisible(client, reconciler, firstAfter, Duration.ofMinutes(10));
        double recovery = (System.nanoTime() - t0) / 1e9;
        Result r = reconciler.check(fault, client.fates(), recovery);
        out.printf("   %s%n", r);
        results.add(r);
      }
      client.drain(SteadyClient.GIVE_UP.plusMinutes(1));
      results.add(reconciler.check("(all, after draining)", client.fates(), 0));
      out.printf("client retries: %d%n", client.retries());
    }
    return results;
  }

  @SuppressWarnings("try") // the resource only undoes the change when the block ends
  private void inject(String fault) throws Exception {
    Supervisor events = Supervisor.events(stack.ports());
    switch (fault) {
      case "supervisor-suspend" -> {
        try (Restoration resume = events.suspendUntilClosed(System.err)) {
          Thread.sleep(10_000); // the fault lasts ten seconds
        }
      }
      case "kafka-partitions" -> addPartition();
      case "handoff" -> events.handoff(0);
      default -> {
        try (Restoration restart =
            Restoration.arm(
                "start " + fault + " again (bin/canopy up)",
                () -> {
                  stack.up();
                  events.awaitRunning(Duration.ofMinutes(5));
                },
                System.err)) {
          if (!stack.kill(fault)) {
            throw new StackException(fault + " was not running");
          }
        }
      }
    }
  }

  private void addPartition() throws Exception {
    try (Admin admin = Admin.create(KafkaClients.admin(stack.layout(), stack.ports()))) {
      String topic = "canopy-events";
      int now =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(now + 1))).all().get();
      out.printf("   %s: %d -> %d partitions%n", topic, now, now + 1);
    }
  }

  /** Waits until batch {@code n} is acknowledged and all of it is queryable. */
  private static void awaitVisible(
      SteadyClient client, Reconciler reconciler, int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String marker = client.marker(n);
    while (System.nanoTime() < deadline) {
      if (client.fates().get(marker) == SteadyClient.Fate.ACKNOWLEDGED
          && reconciler.stored(marker) == SteadyClient.BATCH) {
        return;
      }
      Thread.sleep(500);
    }
    throw new StackException("batch " + marker + " not queryable within " + timeout);
  }

  /** Compares fates with Druid's rows, batch by batch. */
  private static final class Reconciler {
    private final String broker;
    private final String run;

    Reconciler(String broker, String run) {
      this.broker = broker;
      this.run = run;
    }

    long stored(String marker) {
      try {
        return DruidSql.sumCount(broker, "campaign = ?", marker);
      } catch (RuntimeException e) {
        return -1; // the broker is away
      }
    }

    /**
     * Waits (up to two minutes) until every acknowledged batch is queryable, then counts: an
     * acknowledged batch stored other than exactly once is lost or duplicated; a batch never
     * acknowledged (given up) must not be stored at all. Batches still being resent are skipped.
     */
    Result check(String fault, Map<String, SteadyClient.Fate> fates, double recovery)
        throws InterruptedException {
      Map<String, Long> stored = Map.of();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline) {
        stored = storedByMarker();
        if (allAcknowledgedVisible(fates, stored)) {
          break;
        }
        Thread.sleep(1000);
      }
      int acknowledged = 0;
      int lost = 0;
      int duplicated = 0;
      int strays = 0;
      for (Map.Entry<String, SteadyClient.Fate> f : fates.entrySet()) {
        long n = stored.getOrDefault(f.getKey(), 0L);
        switch (f.getValue()) {
          case ACKNOWLEDGED -> {
            acknowledged++;
            lost += n < SteadyClient.BATCH ? 1 : 0;
            duplicated += n > SteadyClient.BATCH ? 1 : 0;
          }
          case GAVE_UP -> strays += n > 0 ? 1 : 0;
          case PENDING -> {}
        }
      }
      return new Result(fault, acknowledged, lost, duplicated, strays, recovery);
    }

    private static boolean allAcknowledgedVisible(
        Map<String, SteadyClient.Fate> fates, Map<String, Long> stored) {
      return fates.entrySet().stream()
          .filter(f -> f.getValue() == SteadyClient.Fate.ACKNOWLEDGED)
          .allMatch(f -> stored.getOrDefault(f.getKey(), 0L) >= SteadyClient.BATCH);
    }

    private Map<String, Long> storedByMarker() {
      Map<String, Long> stored = new HashMap<>();
      try {
        for (Map<String, Object> row :
            DruidSql.query(
                broker,
                "SELECT campaign, SUM(\"count\") AS n FROM events WHERE campaign LIKE ? GROUP BY 1",
                run + "-%")) {
          stored.put((String) row.get("campaign"), ((Number) row.get("n")).longValue());
        }
      } catch (RuntimeException e) {
        // the broker is away: nothing is visible yet
      }
      return stored;
    }
  }
}
