package io.canopy.stack.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection, read and written by the thread that asks, for a benchmark's
 * client threads. {@code java.net.http.HttpClient} moves every exchange through one selector thread
 * shared by all its connections; under a hundred busy client threads that hop costs the machine the
 * benchmark measures more CPU than the requests themselves, and adds its own queueing to the
 * latencies. Answers with a {@code Content-Length} or chunked; a kept-alive connection the server
 * has closed meanwhile is opened again once. Not thread-safe: one per thread.
 */
final class HttpConnection implements Closeable {
  /** A status and the body as text. */
  record Response(int status, String body) {}

  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  HttpConnection(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** POSTs {@code body} to {@code path} with the given headers and waits for the whole answer. */
  Response post(String path, Map<String, String> headers, String body) throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(256);
    head.append("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(host).append(':').append(port).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
    boolean reused = socket != null;
    try {
      return exchange(start, payload);
    } catch (IOException e) {
      close();
      if (!reused) {
        throw e;
      }
      return exchange(start, payload); // the server closed the idle connection: once, anew
    }
  }

  private Response exchange(byte[] start, byte[] payload) throws IOException {
    if (socket == null) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(timeoutMillis);
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    }
    byte[] request = new byte[start.length + payload.length];
    System.arraycopy(start, 0, request, 0, start.length);
    System.arraycopy(payload, 0, request, start.length, payload.length);
    out.write(request);
    out.flush();
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.1 answer: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> closes = value.contains("close");
        default -> {}
      }
    }
    byte[] body = chunked ? chunks() : length >= 0 ? exactly((int) length) : untilClosed();
    if (closes || (!chunked && length < 0)) {
      close();
    }
    return new Response(status, new String(body, StandardCharsets.UTF_8));
  }

  private byte[] chunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    while (true) {
      String size = line();
      int extension = size.indexOf(';');
      int n = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers, none expected
        }
        return body.toByteArray();
      }
      body.write(exactly(n));
      line(); // the CRLF after the chunk
    }
  }

  private byte[] exactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("the connection closed " + (n - bytes.length) + " bytes early");
    }
    return bytes;
  }

  private byte[] untilClosed() throws IOException {
    return in.readAllBytes();
  }

  /** One header line without its CRLF. */
  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the connection closed mid-answer");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a connection we are done with: nothing to do
      }
      socket = null;
    }
  }
}
