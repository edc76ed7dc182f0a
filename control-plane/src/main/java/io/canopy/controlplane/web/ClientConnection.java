package io.canopy.controlplane.web;

import io.canopy.controlplane.common.Demand;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The connection of the request a thread serves, as a {@link Demand}: gone once its client closed
 * it. Jetty learns that a client went away only when it reads from the connection, and it does not
 * read while a request is handled; so {@link #gone()} reads, without blocking, at most one byte:
 * the end of the stream (or a reset) means the client is gone. A byte that is there belongs to a
 * pipelined next request, which this connection can then no longer serve: it stops asking and the
 * answer closes the connection ({@code Connection: close}), so the client sends that request again
 * on a new one. A client that only half-closes its side while it still waits counts as gone (no
 * browser, curl or HTTP library does that).
 *
 * <p>Open it on the request's thread, pass it to the work, and close it before the answer is
 * written (try-with-resources in the resource method); a closed one never reads. Outside a Jetty
 * request (an in-memory test) nobody is ever gone. Thread-safe: the request that runs a query
 * shared with others asks for theirs.
 */
public final class ClientConnection implements Demand, AutoCloseable {
  private final EndPoint endPoint;
  private final HttpChannel channel;
  private boolean gone;
  private boolean readAhead;
  private boolean closed;

  private ClientConnection(HttpConnection connection) {
    this.endPoint = connection == null ? null : connection.getEndPoint();
    this.channel = connection == null ? null : connection.getHttpChannel();
  }

  /** The connection of the request this thread handles. */
  public static ClientConnection ofThisRequest() {
    return new ClientConnection(HttpConnection.getCurrentConnection());
  }

  @Override
  public synchronized boolean gone() {
    if (gone || closed || readAhead || endPoint == null) {
      return gone;
    }
    if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
      gone = true;
    } else if (!endPoint.isFillInterested()) {
      // Jetty is not reading (it would learn of the end itself): look for it.
      ByteBuffer one = BufferUtil.allocate(1);
      try {
        int read = endPoint.fill(one);
        gone = read < 0;
        readAhead = read > 0;
      } catch (IOException e) {
        gone = true;
      }
    }
    return gone;
  }

  /** Stops asking; if a byte of a next request was read, the answer closes the connection. */
  @Override
  public synchronized void close() {
    closed = true;
    if (readAhead && channel != null) {
      channel.getResponse().setHeader(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
  }
}
