package io.canopy.stack.bench;

import io.canopy.stack.StackException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code POST /v1/query} as one tenant key, timed by the benchmark. {@code fresh} sends {@code
 * Cache-Control: no-cache}: the control plane answers from Druid, not from its cache. Thread-safe:
 * each thread asks over a keep-alive connection of its own ({@link HttpConnection}).
 */
final class QueryClient implements AutoCloseable {
  /** A cold answer may take minutes; the benchmark measures it rather than cutting it off. */
  private static final int TIMEOUT_MILLIS = 5 * 60_000;

  private final URI uri;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Queue<HttpConnection> opened = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<HttpConnection> connection;

  QueryClient(String controlPlaneUrl, String key) {
    this.uri = URI.create(controlPlaneUrl + "/v1/query");
    headers.put("Authorization", "Bearer " + key);
    headers.put("Content-Type", "application/json");
    this.connection =
        ThreadLocal.withInitial(
            () -> {
              HttpConnection c = new HttpConnection(uri.getHost(), uri.getPort(), TIMEOUT_MILLIS);
              opened.add(c);
              return c;
            });
  }

  /** Milliseconds from sending to the answer's last byte; the answer must be a 200. */
  double millis(String model, boolean fresh) throws IOException {
    long start = System.nanoTime();
    answer(model, fresh);
    return (System.nanoTime() - start) / 1e6;
  }

  /** The answer's body; anything but a 200 fails the benchmark, naming the status and body. */
  String answer(String model, boolean fresh) throws IOException {
    Map<String, String> asked = headers;
    if (fresh) {
      asked = new LinkedHashMap<>(headers);
      asked.put("Cache-Control", "no-cache");
    }
    HttpConnection.Response r = connection.get().post(uri.getPath(), asked, model);
    if (r.status() != 200) {
      throw new StackException("POST /v1/query answered " + r.status() + ": " + r.body());
    }
    return r.body();
  }

  @Override
  public void close() {
    opened.forEach(HttpConnection::close);
  }
}
