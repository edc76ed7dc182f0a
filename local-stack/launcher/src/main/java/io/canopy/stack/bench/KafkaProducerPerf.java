package io.canopy.stack.bench;

import io.canopy.stack.KafkaClients;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Kafka's own {@code ProducerPerformance} tool (from kafka-tools, the broker's version) against the
 * same broker, with the producer settings the ingest API uses, into a topic of its own with the
 * same partition count: the ceiling the ingest API is compared with.
 */
final class KafkaProducerPerf {
  static final String TOPIC = "canopy-bench-producer-perf";
  private static final Pattern SUMMARY =
      Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

  static double recordsPerSecond(
      StackLayout layout, StackPorts ports, long records, int recordBytes) throws Exception {
    createTopic(layout, ports, TOPIC);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "-cp",
                layout.kafkaLib().resolve("*").toString(),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                TOPIC,
                "--num-records",
                Long.toString(records),
                "--record-size",
                Integer.toString(recordBytes),
                "--throughput",
                "-1",
                // The admin's login, from its file: no password in the command line.
                "--producer.config",
                KafkaClients.adminConfigFile(layout).toString(),
                "--producer-props",
                "acks=all",
                "enable.idempotence=true",
                "linger.ms=5",
                "batch.size=262144",
                "compression.type=lz4")
            .redirectErrorStream(true)
            .start();
    String last = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (SUMMARY.matcher(line).find()) {
          last = line;
        }
      }
    }
    if (p.waitFor() != 0 || last == null) {
      throw new IllegalStateException("ProducerPerformance failed (exit " + p.exitValue() + ")");
    }
    Matcher m = SUMMARY.matcher(last);
    m.find();
    return Double.parseDouble(m.group(2));
  }

  /** Creates a two-partition topic (like {@code canopy-events}) unless it exists. */
  static void createTopic(StackLayout layout, StackPorts ports, String topic) throws Exception {
    try (Admin admin = Admin.create(KafkaClients.admin(layout, ports))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      }
    }
  }

  private KafkaProducerPerf() {}
}
