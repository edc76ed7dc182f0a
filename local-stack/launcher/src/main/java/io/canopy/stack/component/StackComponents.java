package io.canopy.stack.component;

import io.canopy.stack.Secrets;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import java.util.ArrayList;
import java.util.List;

/** Every component of the local stack, in an order where each follows what it depends on. */
public final class StackComponents {
  private StackComponents() {}

  public static List<Component> all(StackLayout layout, StackPorts ports, Secrets secrets) {
    Infrastructure infra = new Infrastructure(layout, ports, secrets);
    List<Component> all = new ArrayList<>();
    all.add(infra.zookeeper());
    all.add(infra.kafka());
    all.add(infra.postgres());
    all.addAll(new DruidServices(layout, ports, secrets).all());
    all.add(ControlPlane.component(layout, ports, secrets));
    return all;
  }

  /** Names of processes {@code down} stops that are not components (started on request). */
  public static List<String> extras() {
    return List.of("demo");
  }
}
