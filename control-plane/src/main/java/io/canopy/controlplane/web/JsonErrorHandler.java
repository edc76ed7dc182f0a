package io.canopy.controlplane.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own answers as Canopy's JSON: requests refused before Jersey sees them (a header block or
 * URI too large, malformed HTTP, a body too slow) and errors raised outside Jersey. Never HTML,
 * never the request's text, never a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What Canopy says for a status Jetty answers by itself. */
  static String message(int status) {
    return switch (status) {
      case 400 -> "the request is malformed: not valid HTTP, or an invalid URI";
      case 404 -> "no such resource";
      case 405 -> "this method is not allowed on this resource";
      case 408 -> "the request arrived too slowly and was cut off";
      case 413 -> "the request is too large";
      case 414 -> "the URI is longer than the server accepts";
      case 431 -> "the request's headers are larger than the server accepts";
      case 500 -> "internal error";
      case 503 -> "the server is unavailable; retry later";
      default -> "the request could not be handled (HTTP " + status + ")";
    };
  }

  private static byte[] body(int status) {
    try {
      return JSON.writeValueAsBytes(ErrorResponse.of(message(status)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    return ByteBuffer.wrap(body(status));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/json");
    response.getOutputStream().write(body(code));
  }
}
