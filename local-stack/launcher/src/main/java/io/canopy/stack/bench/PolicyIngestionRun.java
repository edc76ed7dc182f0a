package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.specs.EventsSpecs;
import io.canopy.stack.KafkaClients;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.demo.EventGenerator;
import io.canopy.stack.druid.Supervisor;
import io.canopy.stack.process.Restoration;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Druid's ingestion rate of the events supervisor with its PII policy next to the same spec reading
 * plain JSON: the same events are written once to a topic of their own, then each variant reads all
 * of them with a fresh supervisor and datasource. The rate is taken from the tasks' live row counts
 * between 10% and 90% of the events, so task start-up and hand-off are not in it. Variants
 * alternate (plain, policy, plain, policy, ...) so drift on the machine hits both.
 */
final class PolicyIngestionRun {
  static final String TOPIC = "canopy-bench-pii-policy";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PolicyIngestionRun() {}

  static void run(StackLayout layout, StackPorts ports, int events, int rounds, PrintStream out)
      throws Exception {
    out.printf("4. Druid ingestion with and without the PII policy, %d events each...%n", events);
    KafkaProducerPerf.createTopic(layout, ports, TOPIC);
    long runId = System.currentTimeMillis() / 1000;
    produce(layout, ports, events, runId);
    double[] totals = new double[2];
    for (int round = 0; round <= rounds; round++) { // round 0 warms up the indexer's JIT
      for (int policy = 0; policy <= 1; policy++) {
        String variant = policy == 1 ? "policy" : "plain";
        String datasource = "bench_" + variant + "_" + runId + "_" + round;
        double rate = ingest(ports, datasource, policy == 1, events);
        if (round > 0) {
          totals[policy] += rate;
        }
        out.printf("   %-6s %8.0f events/s%s%n", variant, rate, round == 0 ? " (warm-up)" : "");
      }
    }
    out.printf(
        "%nWith policy / plain JSON = %.2f (mean of %d rounds)%n", totals[1] / totals[0], rounds);
  }

  private static void produce(StackLayout layout, StackPorts ports, int events, long runId) {
    Properties p = KafkaClients.admin(layout, ports);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    EventGenerator generator = new EventGenerator(runId, 50_000);
    Instant now = Instant.now();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (int i = 0; i < events; i++) {
        String event = generator.next(now.minusMillis(i % 600_000));
        String stamped = "{\"tenant\":\"bench-" + runId + "\"," + event.substring(1);
        producer.send(new ProducerRecord<>(TOPIC, stamped.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  @SuppressWarnings("try") // the resource only undoes the change when the block ends
  private static double ingest(StackPorts ports, String datasource, boolean policy, int events)
      throws Exception {
    ObjectNode spec =
        (ObjectNode)
            JSON.readTree(
                EventsSpecs.render(datasource, TOPIC, ports.kafkaBootstrap(), "events-v1")
                    .supervisor());
    if (!policy) {
      ((ObjectNode) spec.path("spec").path("ioConfig"))
          .putObject("inputFormat")
          .put("type", "json");
    }
    Supervisor supervisor = new Supervisor(ports, datasource);
    try (Restoration terminate =
        supervisor.createUntilClosed(JSON.writeValueAsString(spec), System.err)) {
      long from = Math.round(events * 0.1);
      long to = Math.round(events * 0.9);
      long startNanos = awaitRows(supervisor, from);
      long endNanos = awaitRows(supervisor, to);
      return (to - from) / ((endNanos - startNanos) / 1e9);
    }
  }

  /** Polls the tasks' row counts until they reach {@code rows}; returns when (nanoTime). */
  private static long awaitRows(Supervisor supervisor, long rows) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      long processed;
      try {
        processed = supervisor.processedRows();
      } catch (java.io.IOException e) {
        processed = 0; // no task reporting yet
      }
      if (processed >= rows) {
        return System.nanoTime();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("ingestion did not reach " + rows + " rows in 10 minutes");
  }
}
