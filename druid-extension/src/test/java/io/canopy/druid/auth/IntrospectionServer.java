package io.canopy.druid.auth;

import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the control plane's introspection endpoint, over real HTTP on 127.0.0.1: answers
 * per key hash, counts the questions, checks the internal secret.
 */
public final class IntrospectionServer implements AutoCloseable {
  static final String SECRET = "internal-secret-for-tests";

  final Map<String, String> answers = new ConcurrentHashMap<>();
  final AtomicInteger questions = new AtomicInteger();
  private final HttpServer server;

  public IntrospectionServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/internal/v1/keys/introspect",
        exchange -> {
          questions.incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          boolean internal =
              ("Bearer " + SECRET).equals(exchange.getRequestHeaders().getFirst("Authorization"));
          String answer =
              answers.entrySet().stream()
                  .filter(e -> body.contains(e.getKey()))
                  .map(Map.Entry::getValue)
                  .findFirst()
                  .orElse("{\"active\":false}");
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(internal ? 200 : 401, out.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The key is active for {@code tenant} with {@code scopes}. */
  public void grant(String key, String tenant, String scopes, String dedicated) {
    answers.put(
        KeyIntrospector.sha256(key),
        "{\"active\":true,\"tenant\":\""
            + tenant
            + "\",\"scopes\":["
            + scopes
            + "],\"dedicatedDatasources\":["
            + dedicated
            + "]}");
  }

  /** The key may query as {@code tenant}, with these query quotas. */
  public void grantQueries(
      String key, String tenant, int concurrency, int perMinute, int timeoutMs) {
    answers.put(
        KeyIntrospector.sha256(key),
        "{\"active\":true,\"tenant\":\""
            + tenant
            + "\",\"scopes\":[\"query\"],\"dedicatedDatasources\":[],\"queryQuotas\":"
            + "{\"concurrency\":"
            + concurrency
            + ",\"perMinute\":"
            + perMinute
            + ",\"timeoutMs\":"
            + timeoutMs
            + "}}");
  }

  /** Canopy's authenticator asking this server, with the operator's password {@code operator}. */
  public CanopyAuthenticator authenticator(String operator) {
    return new CanopyAuthenticator(
        "canopy",
        "canopy",
        null,
        operator.getBytes(StandardCharsets.UTF_8),
        SECRET.getBytes(StandardCharsets.UTF_8),
        new KeyIntrospector(
            url(),
            SECRET,
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            100,
            Ticker.systemTicker()));
  }

  public void revoke(String key) {
    answers.remove(KeyIntrospector.sha256(key));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
