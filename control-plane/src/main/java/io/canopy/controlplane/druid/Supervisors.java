package io.canopy.controlplane.druid;

import java.util.Optional;

/** The three calls on Druid's supervisors that {@link CurrentSupervisor} makes. */
public interface Supervisors {
  /** The spec Druid runs supervisor {@code id} from, if it exists. */
  Optional<String> supervisorSpec(String id);

  /** Creates or replaces a supervisor. */
  void postSupervisor(String specJson);

  /** Asks a supervisor's running task groups to publish now. */
  void handoffEarly(String id);
}
