package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that trickles its request headers, a byte every half second, is cut off with a JSON 408
 * once 10 s have gone by, on every port a tenant reaches: the control plane's, the router's and the
 * broker's. Without the cut-off such clients hold connections open indefinitely.
 */
@ExtendWith(LocalStackExtension.class)
class SlowClientsIT {
  @Test
  void headersTrickledPastTenSecondsGetA408OnEveryPortATenantReaches() {
    var ports = LocalStackExtension.stack().ports();
    Map<String, String> urls =
        Map.of(
            "control plane", ports.controlPlaneUrl(),
            "router", ports.routerUrl(),
            "broker", ports.brokerUrl());
    Map<String, CompletableFuture<String>> answers =
        Map.of(
            "control plane", trickle(urls.get("control plane"), "/v1/query"),
            "router", trickle(urls.get("router"), "/druid/v2/sql"),
            "broker", trickle(urls.get("broker"), "/druid/v2/sql"));
    for (String service : List.of("control plane", "router", "broker")) {
      String answer = answers.get(service).join();
      assertThat(answer).as(service).startsWith("HTTP/1.1 408 ");
      assertThat(answer)
          .as(service)
          .contains("application/json")
          .contains("The request's headers did not arrive within 10 s.");
    }
  }

  /** Sends a request's headers a byte every 500 ms; what the server answers, to its end. */
  private static CompletableFuture<String> trickle(String baseUrl, String path) {
    return CompletableFuture.supplyAsync(
        () -> {
          URI uri = URI.create(baseUrl);
          byte[] head =
              ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(60))
                  .getBytes(StandardCharsets.US_ASCII);
          try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
              for (byte b : head) {
                out.write(b);
                out.flush();
                Thread.sleep(500); // the slow client's pace, not a wait for the server
              }
            } catch (IOException cutOff) {
              // the server ended the connection: read what it said
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
