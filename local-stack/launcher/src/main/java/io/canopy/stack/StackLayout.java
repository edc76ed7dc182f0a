package io.canopy.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the stack's inputs (build output of the other modules) and its state live.
 *
 * <p>Everything the stack writes is under one data directory ({@code .canopy/} at the project root
 * by default): {@code data/} (PostgreSQL, Kafka, ZooKeeper, Druid segments and metadata), {@code
 * logs/} (one file per component), {@code run/} (pid files and the ports in use), {@code conf/}
 * (generated configuration), {@code secrets/} (passwords and the default API key, mode 0600) and
 * {@code opt/} (unpacked PostgreSQL binaries, kept by {@code --clean}).
 */
public record StackLayout(Path home, Path root) {

  /** The layout for a project checkout at {@code home} with state under {@code root}. */
  public static StackLayout of(Path home, Path root) {
    return new StackLayout(home.toAbsolutePath().normalize(), root.toAbsolutePath().normalize());
  }

  public Path data(String component) {
    return root.resolve("data").resolve(component);
  }

  public Path log(String component) {
    return root.resolve("logs").resolve(component + ".log");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path run() {
    return root.resolve("run");
  }

  public Path conf(String component) {
    return root.resolve("conf").resolve(component);
  }

  public Path secrets() {
    return root.resolve("secrets");
  }

  public Path opt() {
    return root.resolve("opt");
  }

  /** The default tenant's ingest API key, written once by the control plane at first start. */
  public Path defaultApiKeyFile() {
    return secrets().resolve("default-api-key");
  }

  public Path druidLib() {
    return home.resolve("local-stack/druid-runtime/target/lib");
  }

  public Path kafkaLib() {
    return home.resolve("local-stack/kafka-runtime/target/lib");
  }

  /** Directory holding {@code canopy/}: Druid's {@code druid.extensions.directory}. */
  public Path druidExtensions() {
    return home.resolve("druid-extension/target/extension");
  }

  public Path controlPlaneJar() {
    return home.resolve("control-plane/target/canopy-control-plane.jar");
  }

  public Path launcherClasspath() {
    return home.resolve("local-stack/launcher/target");
  }

  /** The build outputs the stack runs from; a missing one means the project must be built. */
  public java.util.List<Path> requiredBuildOutputs() {
    return java.util.List.of(
        druidLib(), kafkaLib(), druidExtensions().resolve("canopy"), controlPlaneJar());
  }

  /** Fails with the missing paths if the project has not been built. */
  public void requireBuilt() {
    var missing = requiredBuildOutputs().stream().filter(p -> !Files.exists(p)).toList();
    if (!missing.isEmpty()) {
      throw new StackException(
          "The project is not built (missing " + missing + "). Run: mvn -B -DskipTests package");
    }
  }
}
