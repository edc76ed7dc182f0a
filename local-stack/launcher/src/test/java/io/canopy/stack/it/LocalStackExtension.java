package io.canopy.stack.it;

import io.canopy.stack.Secrets;
import io.canopy.stack.Stack;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.druid.Supervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real local stack, started once per test run (fresh data, ports offset by 10000 so it never
 * meets a developer's {@code bin/canopy up}; {@code -Dcanopy.it.portOffset} picks another offset,
 * so two checkouts can run their integration tests side by side) and stopped when the run ends.
 */
public final class LocalStackExtension implements BeforeAllCallback {
  static final int PORT_OFFSET = Integer.getInteger("canopy.it.portOffset", 10_000);

  private static Stack stack;

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(LocalStackExtension.class.getName(), k -> start(), Running.class);
  }

  /** The running stack; valid inside a test of a class extended with this extension. */
  public static Stack stack() {
    return stack;
  }

  public static String apiKey() {
    try {
      return Files.readString(stack.layout().defaultApiKeyFile()).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The stack's operator token: the admin API's credential. */
  public static String operatorToken() {
    return new Secrets(stack.layout().secrets()).operatorToken();
  }

  private static Running start() {
    Path home = Path.of(System.getProperty("canopy.home", "../..")).toAbsolutePath().normalize();
    StackLayout layout = StackLayout.of(home, home.resolve("local-stack/launcher/target/it-stack"));
    stack = new Stack(layout, new StackPorts(PORT_OFFSET), System.out);
    stack.down(); // leftovers of an aborted run
    stack.clean();
    double seconds = stack.up();
    seconds += Supervisor.events(stack.ports()).awaitRunning(Duration.ofMinutes(3));
    System.out.printf("Local stack for the integration tests healthy in %.1f s%n", seconds);
    return new Running();
  }

  /** Stops the stack when JUnit closes the root store at the end of the run. */
  static final class Running implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      stack.down();
    }
  }
}
