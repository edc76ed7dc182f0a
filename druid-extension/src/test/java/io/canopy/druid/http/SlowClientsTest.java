package io.canopy.druid.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.druid.auth.LoopbackJetty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients against a real Jetty (Druid 33's, 9.4) set up as the installer sets up Druid's:
 * headers trickled past the limit get a JSON 408 and the connection ends, before any servlet runs;
 * a body trickled below the minimum rate gets Jetty's 408; a client at normal speed is served.
 */
class SlowClientsTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicBoolean served = new AtomicBoolean();
  private final SlowHeaders slowHeaders = new SlowHeaders(Duration.ofSeconds(1), System::nanoTime);
  private Server jetty;

  @BeforeEach
  void start() throws Exception {
    jetty = LoopbackJetty.create();
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void service(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                served.set(true);
                byte[] body = req.getInputStream().readAllBytes();
                resp.setContentType("application/json");
                resp.getOutputStream().write(("{\"read\":" + body.length + "}").getBytes());
              }
            }),
        "/*");
    jetty.setHandler(context);
    for (Connector connector : jetty.getConnectors()) {
      connector.addBean(slowHeaders);
      connector
          .getConnectionFactory(HttpConnectionFactory.class)
          .getHttpConfiguration()
          .setMinRequestDataRate(100);
    }
    jetty.start();
    slowHeaders.start(scheduler);
  }

  @AfterEach
  void stop() throws Exception {
    slowHeaders.stop();
    scheduler.shutdownNow();
    jetty.stop();
  }

  /** Sends {@code fast} at once, then {@code slow} a byte every 200 ms; the whole answer. */
  private String exchange(String fast, String slow) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", LoopbackJetty.port(jetty))) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(fast.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try {
        for (byte b : slow.getBytes(StandardCharsets.US_ASCII)) {
          Thread.sleep(200); // the slow client's pace, not a wait for the server
          out.write(b);
          out.flush();
        }
      } catch (IOException closed) {
        // the server ended the connection: read what it said
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer); // to the end: the server closes
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void headersTrickledPastTheLimitGetA408AndTheConnectionEnds() throws IOException {
    String answer =
        exchange("", "GET /druid/v2/sql HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(60));

    assertThat(answer)
        .startsWith("HTTP/1.1 408 ")
        .contains("Connection: close")
        .contains("\"errorMessage\":\"The request's headers did not arrive within 1 s.\"");
    assertThat(served).isFalse();
  }

  /** Blank lines before the request line count: Jetty's parser skips them in its start state. */
  @Test
  void blankLinesTrickledBeforeARequestGetA408() throws IOException {
    String answer = exchange("", "\r\n".repeat(40));

    assertThat(answer).startsWith("HTTP/1.1 408 ");
  }

  /** A kept-alive connection that idles between requests is no slow client. */
  @Test
  void aConnectionIdlingBetweenRequestsIsServedAfterTheLimit() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", LoopbackJetty.port(jetty))) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String request = "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readAnswer(in)).startsWith("HTTP/1.1 200 ");
      Thread.sleep(3_000); // the client's pause between requests, past the 1 s limit
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readAnswer(in)).startsWith("HTTP/1.1 200 ");
    }
  }

  /** One answer of a kept-alive connection: its head, then as many bytes as it says. */
  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString();
      }
      head.append((char) b);
    }
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
    int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  @Test
  void aBodyTrickledBelowTheMinimumRateGetsA408() throws IOException {
    String body = "{\"query\":\"SELECT 1\"}" + " ".repeat(40);
    String answer =
        exchange(
            "POST /druid/v2/sql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n",
            body);

    assertThat(answer).startsWith("HTTP/1.1 408 ");
  }

  @Test
  void aClientAtNormalSpeedIsServed() throws IOException {
    String answer =
        exchange(
            "POST /druid/v2/sql HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n"
                + "\r\n{}",
            "");

    assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith("{\"read\":2}");
  }

  @Test
  void theInstallersSettingsAreReadAndBadOnesRefused() {
    Properties p = new Properties();
    assertThat(SlowClientsInstaller.headerTimeout(p)).isEqualTo(Duration.ofSeconds(10));
    assertThat(SlowClientsInstaller.minBodyRate(p)).isEqualTo(128);
    p.setProperty(SlowClientsInstaller.HEADER_TIMEOUT, "PT0S");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlowClientsInstaller.headerTimeout(p))
        .hasMessageContaining(SlowClientsInstaller.HEADER_TIMEOUT);
    p.setProperty(SlowClientsInstaller.MIN_BODY_RATE, "-1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlowClientsInstaller.minBodyRate(p))
        .hasMessageContaining(SlowClientsInstaller.MIN_BODY_RATE);
  }
}
