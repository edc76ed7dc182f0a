package io.canopy.stack.component;

import io.canopy.stack.Secrets;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.health.HealthChecks;
import io.canopy.stack.postgres.PostgresBinaries;
import io.canopy.stack.postgres.PostgresCommands;
import io.canopy.stack.process.ProcessSpec;
import io.canopy.stack.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ZooKeeper (Druid's discovery; SASL digest only, {@link ZooKeeperAuth}), Kafka in KRaft mode, and
 * the control plane's PostgreSQL.
 */
final class Infrastructure {
  static final String CONTROL_PLANE_DATABASE = "canopy";

  private final StackLayout layout;
  private final StackPorts ports;
  private final Secrets secrets;

  Infrastructure(StackLayout layout, StackPorts ports, Secrets secrets) {
    this.layout = layout;
    this.ports = ports;
    this.secrets = secrets;
  }

  Component zookeeper() {
    String name = "zookeeper";
    return new Component(
        name,
        List.of(ports.zookeeper()),
        List.of(),
        () -> {
          Path conf = layout.conf(name).resolve("zoo.cfg");
          write(
              conf,
              String.join(
                  "\n",
                  "tickTime=2000",
                  "dataDir=" + layout.data(name),
                  "clientPort=" + ports.zookeeper(),
                  "clientPortAddress=127.0.0.1",
                  "maxClientCnxns=0",
                  "admin.enableServer=false",
                  "4lw.commands.whitelist=ruok",
                  String.join("\n", ZooKeeperAuth.serverConfig()),
                  ""));
          List<String> jvm = new java.util.ArrayList<>(List.of("-Xms64m", "-Xmx128m"));
          jvm.add("-XX:+UseSerialGC");
          jvm.addAll(new ZooKeeperAuth(layout, secrets).serverFlags());
          return new ProcessSpec(
              Java.command(
                  jvm,
                  Java.jars(layout.druidLib()),
                  "org.apache.zookeeper.server.ZooKeeperServerMain",
                  List.of(conf.toString())),
              layout.data(name),
              Map.of(),
              layout.log(name));
        },
        HealthChecks.zookeeper(ports.zookeeper()));
  }

  Component kafka() {
    String name = "kafka";
    return new Component(
        name,
        List.of(ports.kafka(), ports.kafkaController()),
        List.of(),
        () -> {
          Path conf = layout.conf(name).resolve("server.properties");
          Path logDir = layout.data(name).resolve("log");
          KafkaAuth auth = new KafkaAuth(layout, ports, secrets);
          boolean formatted = Files.exists(logDir.resolve("meta.properties"));
          if (!formatted) {
            // A new store gets the admin's SCRAM credential when formatted.
            auth.markBootstrapped();
          }
          writePrivate(conf, kafkaProperties(logDir, auth));
          List<String> jvm = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC");
          String classpath = Java.jars(layout.kafkaLib());
          if (!formatted) {
            List<String> format = new java.util.ArrayList<>();
            format.addAll(
                List.of("format", "-t", UUID.randomUUID().toString(), "-c", conf.toString()));
            format.add("--standalone");
            format.addAll(auth.formatArguments());
            // An argument file (0600): the admin's password never shows in a process list.
            Path arguments = layout.conf(name).resolve("format.args");
            writePrivate(arguments, String.join("\n", format) + "\n");
            try {
              Processes.runToCompletion(
                  new ProcessSpec(
                      Java.command(
                          jvm, classpath, "kafka.tools.StorageTool", List.of("@" + arguments)),
                      layout.data(name),
                      Map.of(),
                      layout.log(name)),
                  Duration.ofMinutes(2));
            } finally {
              deleteQuietly(arguments);
            }
          }
          return new ProcessSpec(
              Java.command(jvm, classpath, "kafka.Kafka", List.of(conf.toString())),
              layout.data(name),
              Map.of(),
              layout.log(name));
        },
        HealthChecks.kafka(() -> new KafkaAuth(layout, ports, secrets).adminClient()),
        () -> new KafkaAuth(layout, ports, secrets).provision());
  }

  private String kafkaProperties(Path logDir, KafkaAuth auth) {
    return String.join(
        "\n",
        "node.id=1",
        "process.roles=broker,controller",
        "listeners=CLIENT://127.0.0.1:"
            + ports.kafka()
            + ",CONTROLLER://127.0.0.1:"
            + ports.kafkaController(),
        "advertised.listeners=CLIENT://127.0.0.1:" + ports.kafka(),
        "controller.listener.names=CONTROLLER",
        String.join("\n", auth.serverProperties()),
        "controller.quorum.bootstrap.servers=127.0.0.1:" + ports.kafkaController(),
        "log.dirs=" + logDir,
        "num.partitions=2",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        // Topics are created by the control plane: a typo in a client must not create one.
        "auto.create.topics.enable=false",
        "log.retention.hours=168",
        "");
  }

  Component postgres() {
    String name = "postgres";
    String adminUrl = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/postgres";
    return new Component(
        name,
        List.of(ports.postgres()),
        List.of(),
        () -> {
          PostgresBinaries binaries = PostgresBinaries.installUnder(layout.opt());
          Path data = layout.data(name).resolve("pgdata");
          if (!PostgresCommands.isInitialized(data)) {
            Processes.runToCompletion(
                new ProcessSpec(
                    PostgresCommands.initdb(
                        binaries, data, "canopy", secrets.postgresPasswordFile()),
                    layout.data(name),
                    Map.of(),
                    layout.log(name)),
                Duration.ofMinutes(2));
          }
          return new ProcessSpec(
              PostgresCommands.server(binaries, data, ports.postgres()),
              layout.data(name),
              Map.of(),
              layout.log(name));
        },
        HealthChecks.postgres(adminUrl, "canopy", secrets::postgresPassword),
        () -> createDatabase(adminUrl));
  }

  private void createDatabase(String adminUrl) {
    try (Connection c =
            DriverManager.getConnection(adminUrl, "canopy", secrets.postgresPassword());
        var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, CONTROL_PLANE_DATABASE);
      if (!exists.executeQuery().next()) {
        c.createStatement().execute("CREATE DATABASE " + CONTROL_PLANE_DATABASE);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot create database " + CONTROL_PLANE_DATABASE, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #write}, readable by its owner only (mode 0600): the content holds a secret. */
  static void writePrivate(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
