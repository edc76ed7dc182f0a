package io.canopy.controlplane.druid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a supervisor in Druid to the spec this version of Canopy renders, touching it only when it
 * differs ({@link SupervisorFingerprint}).
 *
 * <p>A changed spec is posted with the running one's suspended state. Druid then keeps any task
 * made from the previous spec that its new supervisor finds running (their consumer properties are
 * not part of what it compares) until the task's hour ends, and a task whose old Kafka login Kafka
 * no longer takes reads nothing until then. So, after the post, this looks at the supervisor's
 * reading tasks until they all carry the new spec's fingerprint in their context, and hands off
 * those that don't. It looks again and again: the new supervisor finds its tasks only on its first
 * run, seconds later, and ignores a handoff before that.
 */
public final class CurrentSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(CurrentSupervisor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supervisors druid;
  private final ScheduledExecutorService followUps;
  private final Duration every;
  private final Duration giveUpAfter;

  /**
   * @param followUps runs the looks after a post
   * @param every the pause between two looks
   * @param giveUpAfter how long to look for tasks of a previous spec after a post
   */
  public CurrentSupervisor(
      Supervisors druid, ScheduledExecutorService followUps, Duration every, Duration giveUpAfter) {
    this.druid = druid;
    this.followUps = followUps;
    this.every = every;
    this.giveUpAfter = giveUpAfter;
  }

  /**
   * @param spec the rendered spec, not yet marked
   * @param keepSuspended post it suspended (its tenant suspended it), whatever Druid holds now;
   *     otherwise it is posted suspended only if Druid's current one is
   * @return whether the spec was posted
   */
  public boolean ensure(String id, String spec, boolean keepSuspended) {
    String wanted = SupervisorFingerprint.mark(spec);
    Optional<String> running = druid.supervisorSpec(id);
    Optional<String> fingerprint = SupervisorFingerprint.of(wanted);
    if (running.flatMap(SupervisorFingerprint::of).equals(fingerprint)) {
      LOG.info("Supervisor {} already runs the current spec; not re-posted", id);
      return false;
    }
    boolean suspended = keepSuspended || running.map(CurrentSupervisor::suspended).orElse(false);
    druid.postSupervisor(suspended ? withSuspended(wanted) : wanted);
    LOG.info("Posted the current supervisor spec for {}", id);
    if (running.isPresent() && !suspended) {
      long deadline = System.nanoTime() + giveUpAfter.toNanos();
      followUps.schedule(
          () -> followUp(id, fingerprint.orElseThrow(), deadline),
          every.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return true;
  }

  private void followUp(String id, String fingerprint, long deadline) {
    try {
      if (handOffPrevious(id, fingerprint)) {
        return;
      }
    } catch (RuntimeException e) {
      LOG.warn("Looking at the tasks of supervisor {} failed: {}", id, e.getMessage());
    }
    if (System.nanoTime() - deadline > 0) {
      LOG.warn(
          "Supervisor {} still runs tasks of a previous spec after {} s; they end with their"
              + " task duration",
          id,
          giveUpAfter.toSeconds());
      return;
    }
    followUps.schedule(
        () -> followUp(id, fingerprint, deadline), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One look at the supervisor's reading tasks: hands them off if any was made from another spec.
   *
   * @return true when done: every reading task carries {@code fingerprint}, or the supervisor is
   *     gone or suspended; false to look again (no reading task yet, or one of a previous spec)
   */
  boolean handOffPrevious(String id, String fingerprint) {
    Optional<JsonNode> status = druid.supervisorStatus(id);
    if (status.isEmpty() || status.get().path("suspended").asBoolean(false)) {
      return true;
    }
    List<String> reading = new ArrayList<>();
    status.get().path("activeTasks").forEach(task -> reading.add(task.path("id").asText()));
    if (reading.isEmpty()) {
      return false;
    }
    List<String> previous = new ArrayList<>();
    for (String task : reading) {
      String made =
          druid
              .taskPayload(task)
              .map(payload -> payload.path("context").path(SupervisorFingerprint.CONTEXT_KEY))
              .map(JsonNode::asText)
              .orElse("");
      if (!made.equals(fingerprint)) {
        previous.add(task);
      }
    }
    if (previous.isEmpty()) {
      return true;
    }
    druid.handoffEarly(id);
    LOG.info("Handed off the tasks of {} made from a previous spec: {}", id, previous);
    return false;
  }

  private static boolean suspended(String spec) {
    try {
      return JSON.readTree(spec).path("suspended").asBoolean(false);
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The marked spec, suspended (outside what the fingerprint covers). */
  private static String withSuspended(String markedSpec) {
    try {
      JsonNode spec = JSON.readTree(markedSpec);
      ((ObjectNode) spec).put("suspended", true);
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
