package io.canopy.stack.health;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** The probes the stack's components are checked with. */
public final class HealthChecks {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HealthChecks() {}

  /** HTTP GET answers 200 (and, if {@code expectedBody} is not null, that body). */
  public static HealthCheck http(String url, String expectedBody) {
    return () -> {
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200
            && (expectedBody == null || r.body().trim().equals(expectedBody));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the launcher is giving up: let its loop see it
        return false;
      } catch (Exception e) {
        return false;
      }
    };
  }

  /** ZooKeeper's four-letter {@code ruok} answered with {@code imok}. */
  public static HealthCheck zookeeper(int port) {
    return () -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        s.setSoTimeout(2000);
        OutputStream out = s.getOutputStream();
        out.write("ruok".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII).equals("imok");
      } catch (Exception e) {
        return false;
      }
    };
  }

  /**
   * The Kafka cluster answers a metadata request with at least one broker.
   *
   * @param client the bootstrap servers and login, read at each probe
   */
  public static HealthCheck kafka(Supplier<Properties> client) {
    return () -> {
      Properties p = client.get();
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
      p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
      try (Admin admin = Admin.create(p)) {
        return !admin
            .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
            .nodes()
            .get(4, TimeUnit.SECONDS)
            .isEmpty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        return false;
      }
    };
  }

  /**
   * A JDBC connection can be opened (password read at each probe: it is created by initdb's step)
   * and answers {@code SELECT 1}.
   */
  public static HealthCheck postgres(String jdbcUrl, String user, Supplier<String> password) {
    return () -> {
      Properties p = new Properties();
      p.setProperty("user", user);
      p.setProperty("password", password.get());
      p.setProperty("connectTimeout", "2");
      try (Connection c = DriverManager.getConnection(jdbcUrl, p)) {
        return c.createStatement().execute("SELECT 1");
      } catch (Exception e) {
        return false;
      }
    };
  }
}
