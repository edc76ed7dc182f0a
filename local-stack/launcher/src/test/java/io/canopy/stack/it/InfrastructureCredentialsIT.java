package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.stack.Secrets;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack's infrastructure takes no anonymous client: Druid's Derby metadata store refuses a
 * connection without the stack's user and password (and with a wrong password), and answers the
 * right ones; ZooKeeper lists nothing to a client that does not log in with SASL, and Druid's
 * znodes to one that logs in as Druid's services do. (The control plane's admin port: {@code
 * DruidProvisioningIT}.)
 */
@ExtendWith(LocalStackExtension.class)
class InfrastructureCredentialsIT {
  /** Derby's SQL state for "Connection authentication failure". */
  private static final String AUTHENTICATION_FAILED = "08004";

  private static String metadataUrl() {
    return "jdbc:derby://127.0.0.1:"
        + LocalStackExtension.stack().ports().derby()
        + "/"
        + LocalStackExtension.stack()
            .layout()
            .data("druid")
            .resolve("metadata")
            .resolve("metadata.db");
  }

  private static Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
      p.setProperty("password", password);
    }
    return DriverManager.getConnection(metadataUrl(), p);
  }

  /**
   * ZooKeeper's own command-line client, from Druid's jars, asked to list the root: with the JAAS
   * file Druid's services use, or without one. What it printed; a client the server keeps refusing
   * retries, so it is stopped after 20 s.
   */
  private static String zookeeperLs(boolean asDruid) throws Exception {
    var layout = LocalStackExtension.stack().layout();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    if (asDruid) {
      command.add(
          "-Djava.security.auth.login.config="
              + layout.conf("druid").resolve("zookeeper-jaas.conf"));
    }
    command.addAll(
        List.of(
            "-cp",
            // Druid's jars hold ZooKeeper's client, not the command-line parser it needs.
            layout.druidLib()
                + "/*:"
                + java.nio.file.Path.of(
                    org.apache.commons.cli.ParseException.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI()),
            "org.apache.zookeeper.ZooKeeperMain",
            "-server",
            "127.0.0.1:" + LocalStackExtension.stack().ports().zookeeper(),
            "ls",
            "/"));
    java.nio.file.Path out = java.nio.file.Files.createTempFile("zk-ls", ".txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      return java.nio.file.Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      java.nio.file.Files.deleteIfExists(out);
    }
  }

  @Test
  void zookeeperListsNothingToAnAnonymousClientAndDruidsZnodesToDruid() throws Exception {
    String anonymous = zookeeperLs(false);
    String asDruid = zookeeperLs(true);
    assertThat(asDruid).contains("SaslAuthenticated").contains("[druid, zookeeper]");
    assertThat(anonymous)
        .contains("Session closed because client failed to authenticate")
        .doesNotContain("[druid");
  }

  /** The SQL state of a refused connection; null if it was not refused. */
  private static String refusal(String user, String password) {
    try {
      connect(user, password).close();
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  @Test
  void derbyRefusesAnAnonymousClientAndAWrongPasswordAndTakesTheStacksUser() throws Exception {
    assertThat(refusal(null, null)).as("an anonymous connection").isEqualTo(AUTHENTICATION_FAILED);
    assertThat(refusal("app", "not-the-password"))
        .as("a wrong password")
        .isEqualTo(AUTHENTICATION_FAILED);

    String password = new Secrets(LocalStackExtension.stack().layout().secrets()).derbyPassword();
    try (Connection c = connect("app", password);
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM druid_supervisors")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getLong(1))
          .as("the supervisors Druid keeps, in the schema they always had")
          .isPositive();
    }
  }
}
