package io.canopy.controlplane.ingest;

import io.canopy.controlplane.config.KafkaConfig;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Publishes each batch of validated events in one Kafka transaction, so a batch is stored whole or
 * not at all: Druid reads {@code read_committed}, and a transaction that is not committed is never
 * ingested. A pool of transactional producers ({@code kafka.producers}) lets batches commit in
 * parallel instead of queueing behind one producer.
 *
 * <p>The answer comes within {@code kafka.deliveryTimeoutMs}: waiting for a free producer,
 * initializing it, waiting for metadata and waiting for the acknowledgements each get a share of
 * it. On any failure before the commit is asked for, the batch fails with {@link PublishException}
 * and its producer is replaced; the replacement's {@code initTransactions} aborts whatever the old
 * one left open. A commit whose answer does not come back in time is retried (Kafka allows it)
 * until Kafka says committed or aborted, for at most {@code transaction.timeout.ms} more, so a 503
 * still means "nothing stored". Thread-safe.
 */
public final class EventPublisher implements Managed {
  /** Called once every record of a batch is acknowledged and before the commit is asked for. */
  @FunctionalInterface
  public interface BeforeCommit {
    /**
     * @param first where the batch's first record lies; committed or aborted with the rest
     */
    void acknowledged(RecordPosition first);
  }

  /** A record's place in Kafka. */
  public record RecordPosition(String topic, int partition, long offset) {}

  private final TransactionalProducers producers;
  private final BlockingQueue<TransactionalProducers.Lane> idle;
  private final String topic;
  private final Duration borrowWait;
  private final Duration ackWait;
  private final Duration commitRetryWindow;

  public EventPublisher(KafkaConfig config) {
    this(config, new TransactionalProducers(config));
  }

  EventPublisher(KafkaConfig config, TransactionalProducers producers) {
    this.producers = producers;
    this.topic = config.eventsTopic;
    this.borrowWait = producers.stepTimeout();
    this.ackWait = producers.stepTimeout().multipliedBy(2);
    this.commitRetryWindow = producers.transactionTimeout();
    this.idle = new ArrayBlockingQueue<>(config.producers);
    for (int i = 0; i < config.producers; i++) {
      idle.add(producers.lane(i));
    }
  }

  /**
   * Publishes every record in one transaction; returns once it is committed.
   *
   * @param topic a dedicated datasource's topic, or null for the pooled one
   * @param beforeCommit told where the batch lies before the commit; if it throws, the transaction
   *     is aborted and the exception propagates
   * @throws PublishException the transaction was not committed: nothing of the batch is stored
   */
  public void publish(String topic, List<ValidEvent> events, BeforeCommit beforeCommit) {
    String target = topic == null ? this.topic : topic;
    TransactionalProducers.Lane lane = borrow();
    boolean clean = false;
    try {
      lane.begin();
      List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
      for (ValidEvent event : events) {
        // Keyed by user so one user's events stay in order on one partition.
        Future<RecordMetadata> ack =
            lane.producer().send(new ProducerRecord<>(target, event.key(), event.payload()));
        if (ack.isDone()) {
          // Failed at once (no metadata within max.block.ms): every further send would wait as
          // long again, so the batch fails now.
          ack.get();
        }
        acks.add(ack);
      }
      // Not flush(): while Kafka's transaction coordinator cannot be found, a transactional
      // producer never expires its batches, and flush() would wait for ever.
      long deadline = System.nanoTime() + ackWait.toNanos();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      RecordMetadata first = acks.get(0).get();
      beforeCommit.acknowledged(
          new RecordPosition(first.topic(), first.partition(), first.offset()));
      commit(lane);
      clean = true;
    } catch (ExecutionException e) {
      throw new PublishException("Kafka did not acknowledge the events", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new PublishException("Kafka did not acknowledge the events in time", null);
    } catch (KafkaException e) {
      throw new PublishException("Kafka is not reachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while publishing", e);
    } finally {
      // A producer that failed in any way is replaced: the replacement fences it and aborts its
      // open transaction, and no half-finished state is ever reused by the next batch.
      idle.add(clean ? lane : producers.replace(lane));
    }
  }

  /**
   * Commits; when the commit's answer times out the outcome is unknown, so it is asked again until
   * Kafka answers (Kafka aborts a transaction left open past its timeout, so the answer comes).
   */
  private void commit(TransactionalProducers.Lane lane) {
    long deadline = System.nanoTime() + commitRetryWindow.toNanos();
    while (true) {
      try {
        lane.producer().commitTransaction();
        return;
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new PublishException("Kafka did not answer the commit", e).outcomeUnknown();
        }
      }
    }
  }

  private TransactionalProducers.Lane borrow() {
    try {
      TransactionalProducers.Lane lane = idle.poll(borrowWait.toMillis(), TimeUnit.MILLISECONDS);
      if (lane == null) {
        throw new PublishException(
            "every Kafka producer is busy (" + producers.size() + "); the server is overloaded",
            null);
      }
      return lane;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while waiting for a Kafka producer", e);
    }
  }

  @Override
  public void stop() {
    List<TransactionalProducers.Lane> lanes = new ArrayList<>();
    idle.drainTo(lanes);
    lanes.forEach(TransactionalProducers.Lane::close);
    producers.close();
  }
}
