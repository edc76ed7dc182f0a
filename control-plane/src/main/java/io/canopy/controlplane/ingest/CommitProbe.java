package io.canopy.controlplane.ingest;

import io.canopy.controlplane.config.KafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Asks Kafka what became of a transaction nobody saw finish, by reading its first record the way
 * Druid does ({@code read_committed}): visible means committed, skipped means aborted, and a
 * last-stable offset not yet past it means the transaction is still open. Rarely used (only for a
 * resent batch whose first attempt died mid-commit), so each call opens its own consumer.
 * Thread-safe.
 */
public class CommitProbe {
  /** What Kafka says of the transaction. */
  public enum Outcome {
    COMMITTED,
    ABORTED,
    UNDECIDED
  }

  private static final Duration WAIT = Duration.ofSeconds(3);

  private final KafkaConfig config;

  public CommitProbe(KafkaConfig config) {
    this.config = config;
  }

  public Outcome outcome(EventPublisher.RecordPosition first) {
    Properties p = config.clientProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    TopicPartition tp = new TopicPartition(first.topic(), first.partition());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.assign(List.of(tp));
      // Under read_committed the end offset is the last stable offset: open transactions hold it.
      Map<TopicPartition, Long> stable = consumer.endOffsets(List.of(tp), WAIT);
      if (stable.getOrDefault(tp, 0L) <= first.offset()) {
        return Outcome.UNDECIDED;
      }
      consumer.seek(tp, first.offset());
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          long seen = records.records(tp).get(0).offset();
          return seen == first.offset() ? Outcome.COMMITTED : Outcome.ABORTED;
        }
        if (consumer.position(tp) > first.offset()) {
          return Outcome.ABORTED; // skipped: aborted records and markers only
        }
      }
      return Outcome.UNDECIDED;
    } catch (KafkaException e) {
      throw new PublishException("Kafka could not be asked about an earlier attempt", e);
    }
  }
}
