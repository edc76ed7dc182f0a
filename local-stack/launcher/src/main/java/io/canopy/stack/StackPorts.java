package io.canopy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The stack's ports: the defaults below plus one offset, so a second stack (the integration tests')
 * can run beside a developer's without any port in common. The offset in use is saved under {@code
 * run/} so that {@code status}, {@code env} and {@code down} find the stack {@code up} started.
 */
public record StackPorts(int offset) {
  public int zookeeper() {
    return 2181 + offset;
  }

  public int kafka() {
    return 9092 + offset;
  }

  public int kafkaController() {
    return 9093 + offset;
  }

  public int postgres() {
    return 15432 + offset;
  }

  public int derby() {
    return 1527 + offset;
  }

  public int coordinator() {
    return 8081 + offset;
  }

  public int broker() {
    return 8082 + offset;
  }

  public int historicalHot() {
    return 8083 + offset;
  }

  public int historical() {
    return 8084 + offset;
  }

  public int indexer() {
    return 8091 + offset;
  }

  public int router() {
    return 8888 + offset;
  }

  public int controlPlane() {
    return 8080 + offset;
  }

  public int controlPlaneAdmin() {
    return 8079 + offset;
  }

  public String kafkaBootstrap() {
    return "127.0.0.1:" + kafka();
  }

  /** The control plane's Dropwizard health checks, on its admin port. */
  public String controlPlaneHealthUrl() {
    return "http://127.0.0.1:" + controlPlaneAdmin() + "/healthcheck";
  }

  public String controlPlaneUrl() {
    return "http://127.0.0.1:" + controlPlane();
  }

  public String brokerUrl() {
    return "http://127.0.0.1:" + broker();
  }

  public String routerUrl() {
    return "http://127.0.0.1:" + router();
  }

  public String coordinatorUrl() {
    return "http://127.0.0.1:" + coordinator();
  }

  public String avaticaUrl() {
    return "jdbc:avatica:remote:url=" + routerUrl() + "/druid/v2/sql/avatica/;authentication=BASIC";
  }

  public void save(Path run) {
    Properties p = new Properties();
    p.setProperty("offset", Integer.toString(offset));
    try {
      Files.createDirectories(run);
      try (var out = Files.newBufferedWriter(run.resolve("ports.properties"))) {
        p.store(out, "ports of the running stack");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ports saved by the last {@code up}, or the defaults. */
  public static StackPorts load(Path run) {
    Path file = run.resolve("ports.properties");
    if (!Files.exists(file)) {
      return new StackPorts(0);
    }
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StackPorts(Integer.parseInt(p.getProperty("offset", "0")));
  }
}
