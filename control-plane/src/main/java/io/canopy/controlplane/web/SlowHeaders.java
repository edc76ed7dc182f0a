package io.canopy.controlplane.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.Callback;

/**
 * Cuts off a client whose request headers take longer than {@code limit} to arrive: its connection
 * gets a JSON 408 and is closed. Jetty times out only a connection on which nothing arrives, so a
 * client that trickles its headers a byte at a time would hold the connection (and, with enough of
 * them, the server) indefinitely. A connector's {@link Connection.Listener}: every open HTTP/1
 * connection is looked at once a second. Canopy's Druid extension has its own (Druid runs Jetty
 * 9.4, the control plane 11, and the two are built and deployed apart). Thread-safe.
 */
final class SlowHeaders implements Connection.Listener {
  /** The control plane's error form ({@link ErrorResponse}). */
  static final String BODY = "{\"error\":\"The request's headers did not arrive within %d s.\"}";

  private static final Duration EVERY = Duration.ofSeconds(1);

  /**
   * What was seen of a connection's next request: which request it is, the bytes the connection had
   * read by then, whether its first byte has come (not yet: the connection idles) and when.
   */
  private record Seen(long request, long bytesIn, boolean begun, long sinceNanos) {}

  private final long limitNanos;
  private final byte[] answer;
  private final LongSupplier nanoTime;
  private final Map<HttpConnection, Seen> open = new ConcurrentHashMap<>();
  private final Map<HttpConnection, Boolean> all = new ConcurrentHashMap<>();
  private ScheduledFuture<?> sweeps;

  SlowHeaders(Duration limit, LongSupplier nanoTime) {
    this.limitNanos = limit.toNanos();
    this.nanoTime = nanoTime;
    String body = String.format(BODY, limit.toSeconds());
    byte[] json = body.getBytes(StandardCharsets.UTF_8);
    this.answer =
        ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json;charset=utf-8\r\n"
                + "Content-Length: "
                + json.length
                + "\r\nConnection: close\r\n\r\n"
                + body)
            .getBytes(StandardCharsets.UTF_8);
  }

  /** Looks at the open connections once a second on {@code scheduler} until {@link #stop}. */
  synchronized void start(ScheduledExecutorService scheduler) {
    if (sweeps == null) {
      sweeps =
          scheduler.scheduleWithFixedDelay(
              this::sweep, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  synchronized void stop() {
    if (sweeps != null) {
      sweeps.cancel(false);
      sweeps = null;
    }
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      all.put(http, Boolean.TRUE);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    all.remove(connection);
    open.remove(connection);
  }

  /**
   * One look at every connection: a request's headers past the limit end the connection. A request
   * starts with its first byte, blank lines before its request line included (Jetty's parser skips
   * them without leaving its start state, so a client could otherwise send one just before each
   * idle timeout). A failure on one connection never stops the looks at the others.
   */
  void sweep() {
    long now = nanoTime.getAsLong();
    for (HttpConnection connection : all.keySet()) {
      try {
        look(connection, now);
      } catch (RuntimeException e) {
        open.remove(connection); // looked at again next time
      }
    }
  }

  private void look(HttpConnection connection, long now) {
    HttpParser parser = connection.getParser();
    if (!parser.inHeaderState()) {
      open.remove(connection); // the headers are in
      return;
    }
    long request = connection.getMessagesIn();
    long bytes = connection.getBytesIn();
    Seen seen = open.get(connection);
    if (seen == null || seen.request() != request) {
      // A new request: begun unless the connection idles between requests.
      open.put(connection, new Seen(request, bytes, !parser.isStart(), now));
    } else if (!seen.begun()) {
      if (!parser.isStart() || bytes > seen.bytesIn()) {
        open.put(connection, new Seen(request, bytes, true, now));
      }
    } else if (now - seen.sinceNanos() > limitNanos) {
      timeOut(connection);
    }
  }

  private void timeOut(HttpConnection connection) {
    all.remove(connection);
    open.remove(connection);
    EndPoint endPoint = connection.getEndPoint();
    endPoint.write(
        new Callback() {
          @Override
          public void succeeded() {
            endPoint.close();
          }

          @Override
          public void failed(Throwable x) {
            endPoint.close();
          }
        },
        ByteBuffer.wrap(answer));
  }
}
