package io.canopy.controlplane.web;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.StrictUtf8;
import io.canopy.controlplane.common.Text;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The {@link Text} rules for what does not come through Jackson: every query parameter and path
 * segment (400 naming the parameter), and strict UTF-8 and at most {@value #MAX_DEPTH} levels of
 * nesting for every JSON body the API binds to an object (400 naming {@code body}). {@code POST
 * /v1/events} reads its own body and checks it after gzip decoding ({@link
 * io.canopy.controlplane.ingest.EventBatchReader}).
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public final class StrictRequests implements ContainerRequestFilter, ReaderInterceptor {
  /** Largest body of an admin request; event batches have their own limits. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /**
   * How deep a JSON body may nest. A filter nested some 900 levels (34 KB) overflowed the request
   * thread's stack while Jackson read it (a 500); the deepest legitimate body, a filter 10 levels
   * deep, nests about 25.
   */
  static final int MAX_DEPTH = 100;

  @Override
  public void filter(ContainerRequestContext request) {
    for (Map.Entry<String, List<String>> p : request.getUriInfo().getQueryParameters().entrySet()) {
      check(p.getKey(), p.getKey());
      for (String value : p.getValue()) {
        check(p.getKey(), value);
      }
    }
    for (PathSegment segment : request.getUriInfo().getPathSegments()) {
      check("path", segment.getPath());
    }
  }

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (InputStream.class.isAssignableFrom(context.getType())) {
      return context.proceed(); // the events endpoint decodes and checks its body itself
    }
    byte[] body;
    try (InputStream in = new StrictUtf8(context.getInputStream())) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (StrictUtf8.InvalidUtf8Exception e) {
      throw new InvalidInputException("body", "is not valid UTF-8 (byte " + e.offset() + ")");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw InvalidInputException.tooLarge(
          "body", "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    if (JsonDepth.of(body) > MAX_DEPTH) {
      throw new InvalidInputException("body", "nests deeper than " + MAX_DEPTH + " levels");
    }
    context.setInputStream(new ByteArrayInputStream(body));
    return context.proceed();
  }

  private static void check(String name, String value) {
    String problem = Text.problem(value);
    if (problem != null) {
      throw new InvalidInputException(name, problem);
    }
  }
}
