package io.canopy.stack.component;

import io.canopy.specs.EventsSpecs;
import io.canopy.stack.KafkaClients;
import io.canopy.stack.Secrets;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.health.HealthChecks;
import io.canopy.stack.process.ProcessSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Druid 33 as six processes: coordinator (also the overlord), broker, router, indexer (tasks run as
 * threads, no peon JVMs), and two historicals, one in tier {@code hot} and one in the default tier.
 * Metadata lives in Derby (the coordinator runs its network server), deep storage on local disk.
 * Canopy's extension is loaded from an extensions directory with {@code
 * druid.extensions.loadList=["canopy"]}, exactly as a stock Druid install would load it; the Kafka
 * indexing service and datasketches are on the classpath and found by ServiceLoader.
 */
final class DruidServices {
  /**
   * Java 17 needs these for Druid's direct-memory and reflection tricks (from Druid's
   * bin/run-java).
   */
  private static final List<String> JAVA17_FLAGS =
      List.of(
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /**
   * The PII key ring of the local stack: one key, its secret passed to every Druid process in an
   * environment variable (never written into Druid's config files).
   */
  static final String PII_KEY_ID = "events-v1";

  private static final String PII_KEY_VARIABLE = "CANOPY_PII_KEY_EVENTS_V1";

  /** Canopy's security in Druid reads its two secrets from these variables, never a file. */
  private static final String INTERNAL_SECRET_VARIABLE = "CANOPY_INTERNAL_SECRET";

  private static final String OPERATOR_TOKEN_VARIABLE = "CANOPY_OPERATOR_TOKEN";
  private static final String DERBY_PASSWORD_VARIABLE = "CANOPY_DERBY_PASSWORD";

  /**
   * Derby's user for Druid's metadata: {@code APP} is the schema Derby gives a connection without a
   * user, where a stack made before the store had credentials keeps its tables.
   */
  static final String DERBY_USER = "app";

  /**
   * {@code CANOPY_DRUID_SECURITY=off} runs Druid open, for a developer who wants that locally:
   * anyone reaching 127.0.0.1 then reads every tenant's rows. On by default.
   */
  static boolean securityOn() {
    return !"off".equalsIgnoreCase(System.getenv("CANOPY_DRUID_SECURITY"));
  }

  private final StackLayout layout;
  private final StackPorts ports;
  private final Secrets secrets;
  private boolean commonWritten;

  DruidServices(StackLayout layout, StackPorts ports, Secrets secrets) {
    this.layout = layout;
    this.ports = ports;
    this.secrets = secrets;
  }

  /**
   * What one Druid process may hold: heap, direct memory, and the processing buffers Druid carves
   * out of that direct memory ({@code (threads + mergeBuffers + 1) × bufferMiB}; Druid refuses to
   * start when they do not fit). docs/local-stack.md shows this table and how it scales.
   */
  record Budget(int heapMiB, int directMiB, int bufferMiB, int threads, int mergeBuffers) {
    Budget {
      int processing = (threads + mergeBuffers + 1) * bufferMiB;
      if (processing > directMiB) {
        throw new IllegalArgumentException(
            "processing buffers (" + processing + " MiB) exceed direct memory " + directMiB);
      }
    }
  }

  static final Budget COORDINATOR = new Budget(384, 128, 0, 0, 0);
  static final Budget BROKER = new Budget(512, 384, 64, 1, 2);
  static final Budget ROUTER = new Budget(192, 64, 0, 0, 0);

  /**
   * The indexer merges every intermediate persist of an hour into one segment at handoff. Its
   * direct memory is the processing buffers plus room for that merge: with Canopy's sketch columns
   * Druid estimates ~47 KB per row, so an hour at volume is hundreds of persists. 256 MiB in total
   * ran out at ~1 M rows (every handoff failed); the intermediate persists are now uncompressed and
   * merged at most {@code maxColumnsToMerge} columns at a time (ingestion-specs/events), which
   * bounds what a merge holds.
   */
  static final Budget INDEXER = new Budget(1536, 768, 32, 1, 2);

  static final Budget HISTORICAL = new Budget(512, 384, 50, 1, 2);

  List<Component> all() {
    String zk = "zookeeper";
    return List.of(
        service(
            "druid-coordinator",
            "coordinator",
            ports.coordinator(),
            COORDINATOR,
            coordinator(),
            zk),
        service("druid-broker", "broker", ports.broker(), BROKER, broker(layout), zk),
        service("druid-router", "router", ports.router(), ROUTER, router(), zk),
        service("druid-indexer", "indexer", ports.indexer(), INDEXER, indexer(), zk),
        service(
            "druid-historical-hot",
            "historical",
            ports.historicalHot(),
            HISTORICAL,
            historical("hot", "druid-historical-hot"),
            zk),
        service(
            "druid-historical",
            "historical",
            ports.historical(),
            HISTORICAL,
            historical("_default_tier", "druid-historical"),
            zk));
  }

  private Component service(
      String name,
      String type,
      int port,
      Budget budget,
      Map<String, String> properties,
      String dependsOn) {
    List<Integer> listens =
        name.equals("druid-coordinator") ? List.of(port, ports.derby()) : List.of(port);
    return new Component(
        name,
        listens,
        List.of(dependsOn),
        () -> {
          Path common = writeCommonConfig();
          Path own = layout.conf("druid").resolve(name);
          Map<String, String> props = new LinkedHashMap<>(properties);
          props.putAll(processing(budget));
          props.put("druid.plaintextPort", Integer.toString(port));
          Infrastructure.write(own.resolve("runtime.properties"), format(props));
          List<String> jvm = new ArrayList<>();
          String heap = budget.heapMiB() + "m";
          jvm.addAll(List.of("-server", "-Xms" + heap, "-Xmx" + heap));
          jvm.add("-XX:MaxDirectMemorySize=" + budget.directMiB() + "m");
          jvm.add("-XX:+ExitOnOutOfMemoryError");
          jvm.addAll(List.of("-Duser.timezone=UTC", "-Dfile.encoding=UTF-8"));
          jvm.add("-Djava.io.tmpdir=" + tmp(name));
          jvm.add("-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager");
          jvm.add("-Dderby.stream.error.file=" + layout.logs().resolve("derby.log"));
          if (name.equals("druid-coordinator")) {
            // The coordinator runs Derby's network server: it takes only the user written here.
            Path home = layout.data("druid").resolve(name);
            writeDerbyProperties(home);
            jvm.add("-Dderby.system.home=" + home);
          }
          jvm.addAll(new ZooKeeperAuth(layout, secrets).clientFlags());
          jvm.addAll(JAVA17_FLAGS);
          String classpath = common + ":" + own + ":" + Java.jars(layout.druidLib());
          return new ProcessSpec(
              Java.command(jvm, classpath, "org.apache.druid.cli.Main", List.of("server", type)),
              layout.data("druid").resolve(name),
              environment(name),
              layout.log(name));
        },
        HealthChecks.http("http://127.0.0.1:" + port + "/status/health", "true"));
  }

  /**
   * A service's secrets, passed in its environment. Only the overlord (in the coordinator) and the
   * indexer read Kafka: they alone get Druid's Kafka login.
   */
  private Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(PII_KEY_VARIABLE, secrets.piiKey(PII_KEY_ID));
    env.put(INTERNAL_SECRET_VARIABLE, secrets.internalSecret());
    env.put(OPERATOR_TOKEN_VARIABLE, secrets.operatorToken());
    env.put(DERBY_PASSWORD_VARIABLE, secrets.derbyPassword());
    if (service.equals("druid-coordinator") || service.equals("druid-indexer")) {
      env.put(
          EventsSpecs.KAFKA_LOGIN_VARIABLE,
          KafkaClients.scramLogin(KafkaClients.DRUID, secrets.kafkaPassword(KafkaClients.DRUID)));
    }
    return env;
  }

  /**
   * Writes {@code _common/} once per launch. Synchronized: the six services are prepared on
   * parallel threads and share this directory.
   */
  private synchronized Path writeCommonConfig() {
    Path common = layout.conf("druid").resolve("_common");
    if (!commonWritten) {
      Infrastructure.write(common.resolve("common.runtime.properties"), format(commonProperties()));
      copyResource("druid/log4j2.xml", common.resolve("log4j2.xml"));
      commonWritten = true;
    }
    return common;
  }

  private Path tmp(String name) {
    Path tmp = layout.data("druid").resolve("tmp").resolve(name);
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tmp;
  }

  /**
   * Canopy's authenticator, authorizer and escalator (docs/security.md): a tenant's key reads only
   * its rows, the operator everything, Druid's own traffic signs with the internal secret.
   */
  private void security(Map<String, String> p) {
    p.put("druid.auth.authenticatorChain", "[\"canopy\"]");
    p.put("druid.auth.authenticator.canopy.type", "canopy");
    p.put("druid.auth.authenticator.canopy.authorizerName", "canopy");
    p.put("druid.auth.authenticator.canopy.controlPlaneUrl", ports.controlPlaneUrl());
    p.put("druid.auth.authenticator.canopy.internalSecret", secret(INTERNAL_SECRET_VARIABLE));
    p.put("druid.auth.authenticator.canopy.operatorPassword", secret(OPERATOR_TOKEN_VARIABLE));
    p.put("druid.auth.authorizers", "[\"canopy\"]");
    p.put("druid.auth.authorizer.canopy.type", "canopy");
    p.put("druid.escalator.type", "canopy");
    p.put("druid.escalator.authorizerName", "canopy");
    p.put("druid.escalator.internalSecret", secret(INTERNAL_SECRET_VARIABLE));
    p.put("druid.sql.planner.authorizeSystemTablesDirectly", "true");
  }

  /**
   * Derby's settings for the coordinator's network server: a connection needs user {@value
   * #DERBY_USER} and the stack's password. Mode 0600: it holds the password.
   */
  private void writeDerbyProperties(Path home) {
    String properties =
        String.join(
            "\n",
            "derby.connection.requireAuthentication=true",
            "derby.authentication.provider=BUILTIN",
            "derby.user." + DERBY_USER + "=" + secrets.derbyPassword(),
            "");
    Infrastructure.writePrivate(home.resolve("derby.properties"), properties);
  }

  private static String secret(String variable) {
    return "{\"type\":\"environment\",\"variable\":\"" + variable + "\"}";
  }

  private Map<String, String> commonProperties() {
    Path druidData = layout.data("druid");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.extensions.directory", layout.druidExtensions().toString());
    p.put("druid.extensions.loadList", "[\"canopy\"]");
    p.put(
        "druid.canopy.pii.keys",
        "{\""
            + PII_KEY_ID
            + "\":{\"type\":\"environment\",\"variable\":\""
            + PII_KEY_VARIABLE
            + "\"}}");
    if (securityOn()) {
      security(p);
    }
    p.put("druid.host", "127.0.0.1");
    p.put("druid.bindOnHost", "true");
    p.put("druid.zk.service.host", "127.0.0.1:" + ports.zookeeper());
    p.put("druid.zk.paths.base", "/druid");
    p.put("druid.metadata.storage.type", "derby");
    p.put(
        "druid.metadata.storage.connector.connectURI",
        "jdbc:derby://127.0.0.1:"
            + ports.derby()
            + "/"
            + druidData.resolve("metadata").resolve("metadata.db")
            + ";create=true");
    p.put("druid.metadata.storage.connector.user", DERBY_USER);
    p.put("druid.metadata.storage.connector.password", secret(DERBY_PASSWORD_VARIABLE));
    p.put("druid.metadata.storage.connector.host", "127.0.0.1");
    p.put("druid.metadata.storage.connector.port", Integer.toString(ports.derby()));
    p.put("druid.storage.type", "local");
    p.put("druid.storage.storageDirectory", druidData.resolve("deep-storage").toString());
    p.put("druid.indexer.logs.type", "file");
    p.put("druid.indexer.logs.directory", druidData.resolve("indexing-logs").toString());
    p.put("druid.selectors.indexing.serviceName", "druid/overlord");
    p.put("druid.selectors.coordinator.serviceName", "druid/coordinator");
    p.put("druid.emitter", "noop");
    p.put("druid.startup.logging.logProperties", "false");
    p.put("druid.sql.enable", "true");
    p.put("druid.lookup.enableLookupSyncOnStartup", "false");
    p.put("druid.server.http.numThreads", "24");
    p.put("druid.global.http.numConnections", "10");
    return p;
  }

  private static Map<String, String> coordinator() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.service", "druid/coordinator");
    p.put("druid.coordinator.startDelay", "PT5S");
    p.put("druid.coordinator.period", "PT5S");
    p.put("druid.manager.segments.pollDuration", "PT5S");
    p.put("druid.coordinator.asOverlord.enabled", "true");
    p.put("druid.coordinator.asOverlord.overlordService", "druid/overlord");
    p.put("druid.indexer.runner.type", "httpRemote");
    p.put("druid.indexer.storage.type", "metadata");
    p.put("druid.indexer.queue.startDelay", "PT5S");
    return p;
  }

  /**
   * The broker logs every query it runs, SQL and native, one line each, to {@code
   * logs/druid-requests/} (Druid's file request logger): what ran, as whom, how long it took; every
   * value a query compared with as its digest (docs/security.md).
   */
  static Map<String, String> broker(StackLayout layout) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.service", "druid/broker");
    // Through Canopy's redacting logger: filter values and SQL literals only as digests.
    p.put("druid.request.logging.type", "canopyRedacting");
    p.put("druid.request.logging.delegate.type", "file");
    p.put("druid.request.logging.delegate.dir", requestLogs(layout).toString());
    p.put("druid.request.logging.digestKey", secret(INTERNAL_SECRET_VARIABLE));
    p.put("druid.broker.http.numConnections", "10");
    p.put("druid.sql.avatica.enable", "true");
    return p;
  }

  /** Where the broker's request log goes: one file a day. */
  static Path requestLogs(StackLayout layout) {
    return layout.logs().resolve("druid-requests");
  }

  private static Map<String, String> router() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.service", "druid/router");
    p.put("druid.router.defaultBrokerServiceName", "druid/broker");
    p.put("druid.router.coordinatorServiceName", "druid/coordinator");
    p.put("druid.router.managementProxy.enabled", "true");
    p.put("druid.router.http.numConnections", "10");
    return p;
  }

  private Map<String, String> indexer() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.service", "druid/indexer");
    p.put("druid.worker.capacity", "4");
    // Ingestion's share of the heap, split evenly between the task slots (Druid sets each task's
    // maxBytesInMemory from it); one merge at a time, so two handoffs never add up their memory.
    p.put("druid.worker.globalIngestionHeapLimitBytes", Long.toString(512L << 20));
    p.put("druid.worker.numConcurrentMerges", "1");
    // Its own task directory: a task file left in a shared one was re-run by another worker.
    p.put(
        "druid.indexer.task.baseTaskDir", layout.data("druid").resolve("indexer-tasks").toString());
    p.put("druid.indexer.task.restoreTasksOnRestart", "true");
    p.put("druid.server.maxSize", "0");
    return p;
  }

  private Map<String, String> historical(String tier, String name) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("druid.service", "druid/historical");
    p.put("druid.server.tier", tier);
    p.put(
        "druid.segmentCache.locations",
        "[{\"path\":\""
            + layout.data("druid").resolve("segment-cache").resolve(name)
            + "\",\"maxSize\":\"20GiB\"}]");
    return p;
  }

  private static Map<String, String> processing(Budget budget) {
    Map<String, String> p = new LinkedHashMap<>();
    if (budget.bufferMiB() > 0) {
      p.put("druid.processing.buffer.sizeBytes", budget.bufferMiB() + "MiB");
      p.put("druid.processing.numMergeBuffers", Integer.toString(budget.mergeBuffers()));
      p.put("druid.processing.numThreads", Integer.toString(budget.threads()));
    }
    return p;
  }

  private static String format(Map<String, String> props) {
    return props.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static void copyResource(String resource, Path target) {
    try (InputStream in = DruidServices.class.getResourceAsStream("/io/canopy/stack/" + resource)) {
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
