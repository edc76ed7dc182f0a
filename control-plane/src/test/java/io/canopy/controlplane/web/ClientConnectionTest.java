package io.canopy.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.Eventually;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real Jetty and a raw socket: a client that waits is there, one that closed its
 * connection is gone, and a closed ClientConnection no longer asks.
 */
class ClientConnectionTest {
  private Server server;
  private int port;
  private final BlockingQueue<ClientConnection> handling = new LinkedBlockingQueue<>();
  private final CountDownLatch answer = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new AbstractHandler() {
          @Override
          public void handle(
              String target, Request base, HttpServletRequest req, HttpServletResponse res)
              throws java.io.IOException {
            handling.add(ClientConnection.ofThisRequest());
            try {
              answer.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            base.setHandled(true);
            res.setStatus(200);
            res.getWriter().write("done");
          }
        });
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    answer.countDown();
    server.stop();
  }

  private ClientConnection request(Socket socket) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write("GET /q HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    ClientConnection c = handling.poll(10, TimeUnit.SECONDS);
    assertThat(c).as("the request reached the handler").isNotNull();
    return c;
  }

  @Test
  void aClientThatClosesItsConnectionIsGone() throws Exception {
    ClientConnection c;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      c = request(socket);
      assertThat(c.gone()).as("the client still waits").isFalse();
      assertThat(c.gone()).isFalse();
    }
    Eventually.until("the closed connection is seen", Duration.ofSeconds(10), c::gone);
    assertThat(c.gone()).as("gone stays gone").isTrue();
  }

  @Test
  void aClosedOneNoLongerAsksAndTheWaitingClientGetsItsAnswer() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      ClientConnection c = request(socket);
      c.close();
      assertThat(c.gone()).isFalse();
      answer.countDown();
      String response =
          new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(response).isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  void outsideAJettyRequestNobodyIsGone() {
    try (ClientConnection c = ClientConnection.ofThisRequest()) {
      assertThat(c.gone()).isFalse();
    }
  }
}
