package io.canopy.druid.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

/**
 * The response of a request that passed Canopy's authenticator, made to answer every error as JSON
 * ({@link JsonErrors}):
 *
 * <ul>
 *   <li>{@code sendError} (Jetty's 404 and 405, Druid's filters) writes Druid's error JSON instead
 *       of Jetty's HTML page, whatever the method;
 *   <li>a body whose first byte is written under an error status (400 or more) is held back and
 *       cleaned when it ends: at the stream's close or when the request leaves the filter. The
 *       status decides at the first byte, not when the stream was asked for: Druid's SQL resource
 *       takes the stream before it knows the query fails;
 *   <li>an error status with no body at all gets one ({@link #finish}).
 * </ul>
 *
 * Success bodies, and every body of an asynchronous request (the router's proxy, which streams the
 * broker's answer, already cleaned by the broker's own filter), pass straight through. One per
 * request; not thread-safe beyond what the servlet container guarantees for a request.
 */
final class JsonErrorResponse extends HttpServletResponseWrapper {
  private final HttpServletRequest request;

  /** The stream the servlet writes to; created on first use. */
  private Body body;

  private PrintWriter writer;

  /** This wrapper wrote the answer; whatever is written after it is dropped. */
  private boolean answered;

  JsonErrorResponse(HttpServletRequest request, HttpServletResponse response) {
    super(response);
    this.request = request;
  }

  /** Answers {@code status} with a JSON body of {@code message}, written for the caller. */
  void answer(int status, String message) throws IOException {
    write(status, JsonErrors.body(status, message));
  }

  /** Whether nothing of the answer has gone yet, so an error can still be answered whole. */
  boolean canAnswer() {
    return !isCommitted()
        && !answered
        && (body == null || !body.passing)
        && !request.isAsyncStarted();
  }

  @Override
  public void sendError(int status) throws IOException {
    sendError(status, null);
  }

  @Override
  public void sendError(int status, String ignored) throws IOException {
    if (isCommitted() || answered) {
      super.sendError(status);
      return;
    }
    // Jetty's own message may carry an exception's text; Canopy's says what the status means.
    write(status, JsonErrors.forStatus(status));
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (writer != null) {
      throw new IllegalStateException("getWriter() was called");
    }
    return body();
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      if (body != null) {
        throw new IllegalStateException("getOutputStream() was called");
      }
      writer = new PrintWriter(new OutputStreamWriter(body(), StandardCharsets.UTF_8));
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (body == null || body.passing) {
      super.flushBuffer();
    }
  }

  private Body body() {
    if (body == null) {
      body = new Body();
    }
    return body;
  }

  /**
   * When the request leaves the filter: sends a held error body, cleaned; gives a bare error status
   * its JSON body. A request that went async meanwhile gets what was held as it was, and the rest
   * of its body straight through.
   */
  void finish() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    if (body != null && body.held != null) {
      if (request.isAsyncStarted()) {
        body.release();
      } else {
        body.rewrite();
      }
    } else if ((body == null || !body.started())
        && !answered
        && getStatus() >= 400
        && !isCommitted()
        && !request.isAsyncStarted()) {
      write(getStatus(), JsonErrors.forStatus(getStatus()));
    }
  }

  private void write(int status, byte[] json) throws IOException {
    answered = true;
    resetBuffer();
    setStatus(status);
    setContentType("application/json");
    setCharacterEncoding("UTF-8");
    setContentLength(json.length);
    ServletOutputStream out = super.getOutputStream();
    out.write(json);
    out.flush();
  }

  /**
   * The body as the servlet writes it: at the first byte, held back (an error status, a request
   * that is not async) or passed straight through.
   */
  private final class Body extends ServletOutputStream {
    /** The error body being held back; null when none is. */
    private ByteArrayOutputStream held;

    /** Bytes go to the client as written. */
    private boolean passing;

    boolean started() {
      return held != null || passing;
    }

    /** Decides at the first byte; after {@link #rewrite} the body is ended and bytes dropped. */
    private boolean holding() throws IOException {
      if (held == null && !passing && !answered) {
        if (getStatus() >= 400 && !request.isAsyncStarted()) {
          held = new ByteArrayOutputStream();
        } else {
          passing = true;
        }
      }
      return held != null;
    }

    @Override
    public void write(int b) throws IOException {
      if (holding()) {
        held.write(b);
      } else if (passing) {
        JsonErrorResponse.super.getOutputStream().write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (holding()) {
        held.write(b, off, len);
      } else if (passing) {
        JsonErrorResponse.super.getOutputStream().write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (passing) {
        JsonErrorResponse.super.getOutputStream().flush();
      }
    }

    @Override
    public void close() throws IOException {
      if (held != null && !request.isAsyncStarted()) {
        rewrite();
      } else if (passing) {
        JsonErrorResponse.super.getOutputStream().close();
      }
    }

    @Override
    public boolean isReady() {
      try {
        return held != null || answered || JsonErrorResponse.super.getOutputStream().isReady();
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      try {
        // Only an async request sets one, and its body always passes through.
        JsonErrorResponse.super.getOutputStream().setWriteListener(listener);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private void rewrite() throws IOException {
      byte[] written = held.toByteArray();
      held = null;
      JsonErrors.Answer cleaned = JsonErrors.rewrite(getStatus(), getContentType(), written);
      if (cleaned == null) {
        passing = true;
        setContentLength(written.length);
        JsonErrorResponse.super.getOutputStream().write(written);
        return;
      }
      JsonErrorResponse.this.write(cleaned.status(), cleaned.body());
    }

    private void release() throws IOException {
      byte[] written = held.toByteArray();
      held = null;
      passing = true;
      JsonErrorResponse.super.getOutputStream().write(written);
    }
  }
}
