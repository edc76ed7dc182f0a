package io.canopy.stack.bench;

import io.canopy.stack.StackPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Suspends or resumes the events supervisor through the Overlord API. */
final class Supervisor {
  private Supervisor() {}

  static void toggle(StackPorts ports, String action) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            ports.coordinatorUrl()
                                + "/druid/indexer/v1/supervisor/events/"
                                + action))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          action + " of the events supervisor: HTTP " + r.statusCode() + " " + r.body());
    }
  }
}
