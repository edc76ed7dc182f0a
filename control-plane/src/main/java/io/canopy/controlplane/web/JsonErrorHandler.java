package io.canopy.controlplane.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own answers as Canopy's JSON: requests refused before Jersey sees them (a header block or
 * URI too large, malformed HTTP, a body too slow, a method the server does not take such as {@code
 * TRACE} or a lower-case {@code post}) and errors raised outside Jersey. Whatever the method, never
 * HTML, never an empty body, never the request's text, never a stack trace; a 5xx carries an error
 * id that finds the logged cause.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

  /** What Canopy says for a status Jetty answers by itself. */
  static String message(int status) {
    return switch (status) {
      case 400 -> "the request is malformed: not valid HTTP, or an invalid URI";
      case 404 -> "no such resource";
      case 405 ->
          "this method is not allowed on this resource (methods are upper case: GET, POST, PUT,"
              + " PATCH, DELETE)";
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
    return body(ErrorResponse.of(message(status)));
  }

  private static byte[] body(ErrorResponse error) {
    try {
      return JSON.writeValueAsBytes(error);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Jetty writes an error page only for GET, POST and HEAD; Canopy answers JSON to every method.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
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
    if (code >= 500) {
      String id = UUID.randomUUID().toString();
      Throwable cause = errorCause(request);
      if (cause != null) {
        LOG.error("Unexpected error {}, answered {} by Jetty", id, code, cause);
      } else {
        LOG.warn(
            "Jetty answered {} to {} {}, error id {}",
            code,
            request.getMethod(),
            request.getRequestURI(),
            id);
      }
      response.getOutputStream().write(body(new ErrorResponse(message(code), null, id, null)));
    } else {
      response.getOutputStream().write(body(code));
    }
  }

  private static Throwable errorCause(HttpServletRequest request) {
    return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t
        ? t
        : null;
  }
}
