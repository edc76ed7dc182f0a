package io.canopy.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmark's HTTP/1.1 client against the JDK's HTTP server and a scripted socket server. */
class HttpConnectionTest {
  private static final Map<String, String> HEADERS =
      Map.of("Authorization", "Bearer k", "Content-Type", "application/json");

  private HttpServer server;
  private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private int serve(int status, boolean chunked) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/query",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] asked = exchange.getRequestBody().readAllBytes();
          byte[] answer =
              (new String(asked, StandardCharsets.UTF_8) + "!")
                  .repeat(chunked ? 20_000 : 1)
                  .getBytes(StandardCharsets.UTF_8);
          respond(exchange, status, chunked ? 0 : answer.length, answer);
        });
    server.start();
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, long length, byte[] answer)
      throws IOException {
    exchange.sendResponseHeaders(status, length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(answer);
    }
  }

  @Test
  void readsContentLengthAnswersOverOneKeptAliveConnection() throws IOException {
    int port = serve(200, false);
    try (HttpConnection c = new HttpConnection("127.0.0.1", port, 10_000)) {
      assertThat(c.post("/v1/query", HEADERS, "{\"a\":1}"))
          .isEqualTo(new HttpConnection.Response(200, "{\"a\":1}!"));
      assertThat(c.post("/v1/query", HEADERS, "{\"b\":2}"))
          .isEqualTo(new HttpConnection.Response(200, "{\"b\":2}!"));
    }
    assertThat(clientPorts).hasSize(2);
    assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
    assertThat(authorizations).containsOnly("Bearer k");
  }

  @Test
  void readsAChunkedAnswerWhole() throws IOException {
    int port = serve(200, true);
    try (HttpConnection c = new HttpConnection("127.0.0.1", port, 10_000)) {
      HttpConnection.Response r = c.post("/v1/query", HEADERS, "xyz");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).hasSize(80_000).isEqualTo("xyz!".repeat(20_000));
      assertThat(c.post("/v1/query", HEADERS, "q").body()).isEqualTo("q!".repeat(20_000));
    }
    assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
  }

  @Test
  void passesOnAnErrorStatusWithItsBody() throws IOException {
    int port = serve(429, false);
    try (HttpConnection c = new HttpConnection("127.0.0.1", port, 10_000)) {
      assertThat(c.post("/v1/query", HEADERS, "{}"))
          .isEqualTo(new HttpConnection.Response(429, "{}!"));
    }
  }

  /** A server that answers one request per connection and then closes it without saying so. */
  @Test
  void opensAgainWhenTheServerClosedTheKeptAliveConnection() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Future<Integer> accepted =
          pool.submit(
              () -> {
                for (int n = 1; n <= 2; n++) {
                  try (Socket s = listener.accept()) {
                    answerOnce(s, "answer " + n);
                  }
                }
                return 2;
              });
      try (HttpConnection c = new HttpConnection("127.0.0.1", listener.getLocalPort(), 10_000)) {
        assertThat(c.post("/v1/query", HEADERS, "one").body()).isEqualTo("answer 1");
        assertThat(c.post("/v1/query", HEADERS, "two").body()).isEqualTo("answer 2");
      }
      assertThat(accepted.get()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void answerOnce(Socket s, String answer) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    int length = 0;
    for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.skip(length);
    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(
        ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }
}
