package io.canopy.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jetty's own answers on a real Jetty: an exception that escapes every mapper is a JSON 500 with an
 * error id and nothing of the exception; an error for a method Jetty writes no page for is JSON
 * too.
 */
class JsonErrorHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Server server;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(Boom.class, "/boom");
    context.addServlet(Plain.class, "/plain");
    context.setErrorHandler(new JsonErrorHandler());
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  /** Fails the way a broken exception mapper did: an exception Jersey hands to Jetty. */
  public static final class Boom extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      throw new IllegalStateException("secret detail of io.canopy.Internal");
    }
  }

  /** Knows no method at all. */
  public static final class Plain extends HttpServlet {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void anEscapedExceptionIsA500WithAnErrorIdAndNothingOfTheException() throws Exception {
    String answer = send("GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(answer)
        .startsWith("HTTP/1.1 500")
        .containsIgnoringCase("Content-Type: application/json");
    JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(body.path("error").asText()).isEqualTo("internal error");
    assertThat(body.path("errorId").asText()).hasSize(36);
    assertThat(answer).doesNotContain("secret", "IllegalState", "io.canopy", "<html");
  }

  @Test
  void anErrorForAMethodJettyWritesNoPageForIsJson() throws Exception {
    // HttpServlet answers a method it does not know with sendError(501).
    String answer = send("PROPFIND /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(answer)
        .startsWith("HTTP/1.1 501")
        .containsIgnoringCase("Content-Type: application/json");
    JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(body.path("error").asText()).contains("HTTP 501");
  }

  private String send(String request) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
