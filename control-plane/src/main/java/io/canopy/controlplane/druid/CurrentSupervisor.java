package io.canopy.controlplane.druid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a supervisor in Druid to the spec this version of Canopy renders, touching it only when it
 * differs ({@link SupervisorFingerprint}).
 *
 * <p>A changed spec is posted with the running one's suspended state, and a running supervisor's
 * tasks are then handed off: Druid keeps the tasks made from the previous spec (their consumer
 * properties are not part of what it compares) until their hour ends, and a task whose old Kafka
 * login Kafka no longer takes would read nothing until then.
 */
public final class CurrentSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(CurrentSupervisor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private CurrentSupervisor() {}

  /**
   * @param spec the rendered spec, not yet marked
   * @return whether the spec was posted
   */
  public static boolean ensure(Supervisors druid, String id, String spec) {
    String wanted = SupervisorFingerprint.mark(spec);
    Optional<String> running = druid.supervisorSpec(id);
    if (running.flatMap(SupervisorFingerprint::of).equals(SupervisorFingerprint.of(wanted))) {
      LOG.info("Supervisor {} already runs the current spec; not re-posted", id);
      return false;
    }
    boolean suspended = running.map(CurrentSupervisor::suspended).orElse(false);
    druid.postSupervisor(suspended ? withSuspended(wanted) : wanted);
    LOG.info("Posted the current supervisor spec for {}", id);
    if (running.isPresent() && !suspended) {
      druid.handoffEarly(id);
      LOG.info("Handed off the tasks of {} made from its previous spec", id);
    }
    return true;
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
