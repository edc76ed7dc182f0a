package io.canopy.controlplane.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /v1/openapi.yaml}: the OpenAPI description of this API, kept next to the code in
 * {@code src/main/resources/openapi.yaml} and checked against the running service by a test. Needs
 * no credentials.
 */
@Path("/v1/openapi.yaml")
public final class OpenApiResource {
  /** Where the document lives on the classpath. */
  public static final String RESOURCE = "/openapi.yaml";

  private final String document;

  public OpenApiResource() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Produces("application/yaml")
  public String get() {
    return document;
  }
}
