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
 *   <li>an error body Druid or Jetty writes (status 400 or more when the body starts) is held back
 *       and cleaned when it ends: at the stream's close or when the request leaves the filter;
 *   <li>an error status with no body at all gets one ({@link #finish}).
 * </ul>
 *
 * Success bodies, and every body of an asynchronous request (the router's proxy, which streams the
 * broker's answer, already cleaned by the broker's own filter), pass straight through. One per
 * request; not thread-safe beyond what the servlet container guarantees for a request.
 */
final class JsonErrorResponse extends HttpServletResponseWrapper {
  private final HttpServletRequest request;

  /** The error body being held back; null when none is. */
  private ByteArrayOutputStream held;

  private ServletOutputStream heldStream;
  private PrintWriter heldWriter;

  /** A body went (or goes) to the client as written. */
  private boolean passedThrough;

  /** This wrapper wrote the answer; nothing more is written. */
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
    return !isCommitted() && !answered && !passedThrough && !request.isAsyncStarted();
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
    if (heldWriter != null) {
      throw new IllegalStateException("getWriter() was called");
    }
    if (answered) {
      return new HeldStream(); // holds nothing: the answer is written
    }
    if (heldStream == null && !holds()) {
      return super.getOutputStream();
    }
    if (heldStream == null) {
      heldStream = new HeldStream();
    }
    return heldStream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (heldStream != null) {
      throw new IllegalStateException("getOutputStream() was called");
    }
    if (answered) {
      return new PrintWriter(new HeldStream()); // holds nothing: the answer is written
    }
    if (heldWriter == null && !holds()) {
      return super.getWriter();
    }
    if (heldWriter == null) {
      held = new ByteArrayOutputStream();
      heldWriter = new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8));
    }
    return heldWriter;
  }

  /** Whether a body starting now is held back: an error body of a request that is not async. */
  private boolean holds() {
    if (held != null) {
      return true;
    }
    if (passedThrough || answered || getStatus() < 400 || request.isAsyncStarted()) {
      passedThrough = true;
      return false;
    }
    held = new ByteArrayOutputStream();
    return true;
  }

  /**
   * When the request leaves the filter: sends a held error body, cleaned; gives a bare error status
   * its JSON body. A request that went async meanwhile gets what was held as it was, and the rest
   * of its body straight through.
   */
  void finish() throws IOException {
    if (held != null) {
      if (request.isAsyncStarted()) {
        release();
      } else {
        rewrite();
      }
    } else if (!passedThrough && !answered && getStatus() >= 400 && !isCommitted()) {
      if (!request.isAsyncStarted()) {
        write(getStatus(), JsonErrors.forStatus(getStatus()));
      }
    }
  }

  private void rewrite() throws IOException {
    if (heldWriter != null) {
      heldWriter.flush();
    }
    byte[] written = held.toByteArray();
    held = null;
    JsonErrors.Answer cleaned = JsonErrors.rewrite(getStatus(), getContentType(), written);
    if (cleaned == null) {
      passedThrough = true;
      super.setContentLength(written.length);
      super.getOutputStream().write(written);
      super.flushBuffer();
      return;
    }
    write(cleaned.status(), cleaned.body());
  }

  private void release() throws IOException {
    if (heldWriter != null) {
      heldWriter.flush();
    }
    byte[] written = held.toByteArray();
    held = null;
    passedThrough = true;
    super.getOutputStream().write(written);
  }

  private void write(int status, byte[] body) throws IOException {
    answered = true;
    resetBuffer();
    setStatus(status);
    setContentType("application/json");
    setCharacterEncoding("UTF-8");
    setContentLength(body.length);
    ServletOutputStream out = super.getOutputStream();
    out.write(body);
    out.flush();
  }

  /**
   * Holds an error body until it ends; once the body is sent, passes what follows straight through
   * (an async request) or drops it (the answer is already written).
   */
  private final class HeldStream extends ServletOutputStream {
    @Override
    public void write(int b) throws IOException {
      if (held != null) {
        held.write(b);
      } else if (passedThrough && !answered) {
        JsonErrorResponse.super.getOutputStream().write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (held != null) {
        held.write(b, off, len);
      } else if (passedThrough && !answered) {
        JsonErrorResponse.super.getOutputStream().write(b, off, len);
      }
    }

    @Override
    public void close() throws IOException {
      if (held != null && !request.isAsyncStarted()) {
        rewrite();
      }
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new IllegalStateException("an error body is written in one go, not asynchronously");
    }
  }
}
