package io.canopy.stack.component;

import io.canopy.stack.health.HealthCheck;
import io.canopy.stack.process.ProcessSpec;
import java.util.List;
import java.util.function.Supplier;

/**
 * One process of the local stack.
 *
 * @param name the name users see ({@code druid-broker}); also names its log and pid file
 * @param ports the TCP ports it listens on, checked to be free before anything starts
 * @param dependsOn components that must be healthy before this one starts
 * @param prepare writes configuration and initializes storage, then says how to run the process
 * @param health tells when the started process is ready
 * @param afterHealthy one-time work once healthy (e.g. create a database); may be a no-op
 */
public record Component(
    String name,
    List<Integer> ports,
    List<String> dependsOn,
    Supplier<ProcessSpec> prepare,
    HealthCheck health,
    Runnable afterHealthy) {

  public Component(
      String name,
      List<Integer> ports,
      List<String> dependsOn,
      Supplier<ProcessSpec> prepare,
      HealthCheck health) {
    this(name, ports, dependsOn, prepare, health, () -> {});
  }
}
