package io.canopy.controlplane.druid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The calls on Druid's supervisors and tasks that {@link CurrentSupervisor} makes. */
public interface Supervisors {
  /** The spec Druid runs supervisor {@code id} from, if it exists. */
  Optional<String> supervisorSpec(String id);

  /** Creates or replaces a supervisor. */
  void postSupervisor(String specJson);

  /** A supervisor's status payload ({@code activeTasks}, …), if it exists. */
  Optional<JsonNode> supervisorStatus(String id);

  /** A task's payload (its {@code context}, …), if Druid knows the task. */
  Optional<JsonNode> taskPayload(String taskId);

  /** Asks a supervisor's running task groups to publish now. */
  void handoffEarly(String id);
}
