package io.canopy.controlplane.ingest;

import io.canopy.controlplane.config.KafkaConfig;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes and replaces the transactional producers of {@link EventPublisher}. Producer {@code i} has
 * the transactional id {@code <kafka.transactionalIdPrefix>-<i>}: stable across restarts, so a
 * restarted control plane fences its previous self and aborts what it left open. Each control-plane
 * instance needs its own prefix.
 *
 * <p>The delivery deadline {@code D} is split: {@code max.block.ms} and {@code request.timeout.ms}
 * are {@code D/5} (waiting for a producer, for metadata, for {@code initTransactions}), and {@code
 * delivery.timeout.ms} is {@code 2D/5}, so the steps before the commit fit in {@code D}.
 */
final class TransactionalProducers {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalProducers.class);

  private final KafkaConfig config;
  private final Duration step;
  // Replacements say initTransactions here, off the request thread, so the transaction the old
  // producer left open is aborted at once and Druid's read_committed consumer is not held back.
  private final ExecutorService initializer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "kafka-transactions-init");
            t.setDaemon(true);
            return t;
          });

  TransactionalProducers(KafkaConfig config) {
    this.config = config;
    this.step = Duration.ofMillis(config.deliveryTimeoutMs / 5);
  }

  int size() {
    return config.producers;
  }

  /** How long one step (borrowing, metadata, initialization) may block. */
  Duration stepTimeout() {
    return step;
  }

  /** How long Kafka keeps an abandoned transaction open before aborting it. */
  Duration transactionTimeout() {
    return Duration.ofMillis(config.transactionTimeoutMs);
  }

  /** A lane with a new producer, initialized in the background (or by its first batch). */
  Lane lane(int index) {
    Lane lane = new Lane(index, producer(index));
    initializer.execute(
        () -> {
          try {
            lane.initialize();
          } catch (RuntimeException e) {
            // Kafka is away; the next batch on this lane initializes it again.
            LOG.warn("Kafka producer {} not initialized yet: {}", index, e.toString());
          }
        });
    return lane;
  }

  /** Closes a lane's producer without waiting and gives the slot a fresh one. */
  Lane replace(Lane failed) {
    failed.close();
    return lane(failed.index);
  }

  void close() {
    initializer.shutdownNow();
  }

  private Producer<byte[], byte[]> producer(int index) {
    Properties p = config.clientProperties();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalIdPrefix + "-" + index);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, config.transactionTimeoutMs);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // A batch is sent whole and then committed: nothing gains from waiting for more records.
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(16L << 20));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(step.toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(step.toMillis()));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(2 * step.toMillis() + 5));
    // Many producers retrying an absent broker every second fill the log; every 5 s is enough.
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  /**
   * One pooled producer. Used by one request at a time (it is borrowed), and by the initializer
   * thread before its first use; {@link #initialize} is synchronized for that overlap.
   */
  static final class Lane {
    private final int index;
    private final Producer<byte[], byte[]> producer;
    private boolean initialized;

    Lane(int index, Producer<byte[], byte[]> producer) {
      this.index = index;
      this.producer = producer;
    }

    Producer<byte[], byte[]> producer() {
      return producer;
    }

    synchronized void initialize() {
      if (!initialized) {
        producer.initTransactions();
        initialized = true;
      }
    }

    void begin() {
      initialize();
      producer.beginTransaction();
    }

    void close() {
      producer.close(Duration.ZERO);
    }
  }
}
