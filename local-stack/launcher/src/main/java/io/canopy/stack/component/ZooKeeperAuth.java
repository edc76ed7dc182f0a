package io.canopy.stack.component;

import io.canopy.stack.Secrets;
import io.canopy.stack.StackLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * ZooKeeper takes only clients that authenticate with SASL (digest): the server knows one user,
 * {@value #USER}, with the stack's password, and Druid's services log in as it. Each side reads its
 * JAAS file (mode 0600: it holds the password), written at each start.
 */
final class ZooKeeperAuth {
  static final String USER = "druid";

  /** The services are prepared on parallel threads, and share the client's file. */
  private static final Object WRITING = new Object();

  private final StackLayout layout;
  private final Secrets secrets;

  ZooKeeperAuth(StackLayout layout, Secrets secrets) {
    this.layout = layout;
    this.secrets = secrets;
  }

  /** What zoo.cfg adds: SASL as the one scheme a session may use. */
  static List<String> serverConfig() {
    return List.of(
        "authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
        "enforce.auth.enabled=true",
        "enforce.auth.schemes=sasl");
  }

  /** The ZooKeeper server's JVM flags, its JAAS file written. */
  List<String> serverFlags() {
    Path jaas = layout.conf("zookeeper").resolve("jaas.conf");
    Infrastructure.writePrivate(
        jaas,
        String.join(
            "\n",
            "Server {",
            "  org.apache.zookeeper.server.auth.DigestLoginModule required",
            "  user_" + USER + "=\"" + secrets.zookeeperPassword() + "\";",
            "};",
            ""));
    return List.of("-Djava.security.auth.login.config=" + jaas);
  }

  /** A Druid service's JVM flags, its JAAS file written. */
  List<String> clientFlags() {
    Path jaas = layout.conf("druid").resolve("zookeeper-jaas.conf");
    synchronized (WRITING) {
      Infrastructure.writePrivate(jaas, clientJaas(secrets.zookeeperPassword()));
    }
    return List.of("-Djava.security.auth.login.config=" + jaas);
  }

  /** A client's JAAS file: Druid's services', or a test's. */
  static String clientJaas(String password) {
    return String.join(
        "\n",
        "Client {",
        "  org.apache.zookeeper.server.auth.DigestLoginModule required",
        "  username=\"" + USER + "\"",
        "  password=\"" + password + "\";",
        "};",
        "");
  }
}
