package io.canopy.druid.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpOutput;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Sits in Jetty's output of one request, in front of what was there (Druid's gzip, the channel),
 * and makes its error bodies clean JSON ({@link JsonErrors}): a body whose first bytes go out under
 * an error status (400 or more) is held back until its last byte and sent cleaned; an error status
 * that ends with no body gets one. Success bodies and every body of an asynchronous request (the
 * router's proxy, which streams the broker's answer, already cleaned by the broker) pass straight
 * through.
 *
 * <p>An output interceptor rather than a response wrapper: Druid 33 casts the response to Jetty's
 * own class in places (the router's proxy, to drop duplicate headers; the query resources, to set
 * trailers), which a wrapper breaks. One per request, called by Jetty as it writes: not thread-safe
 * beyond that.
 */
public final class JsonErrorOutput implements HttpOutput.Interceptor {
  private final Request request;
  private final Response response;
  private final HttpOutput.Interceptor next;

  /** The error body being held back; null when none is. */
  private ByteArrayOutputStream held;

  /** Bytes go to the client as written. */
  private boolean passing;

  /**
   * Whether the request went async, as known when it left the filter; null before. Once Jetty
   * completes a request, {@code isAsyncStarted()} is true even for one that never was.
   */
  private volatile Boolean async;

  /** The caller is a tenant: see {@link JsonErrors#rewrite(int, String, byte[], boolean)}. */
  private final boolean tenant;

  /** Why the query was stopped for its time, once it was; its error is then that. */
  private Supplier<String> stoppedForTime = () -> null;

  /** Runs once, before the answer's last bytes go out ({@link #beforeLastBytes}). */
  private Runnable beforeLast;

  private JsonErrorOutput(Request request, HttpOutput.Interceptor next, boolean tenant) {
    this.request = request;
    this.response = request.getResponse();
    this.next = next;
    this.tenant = tenant;
  }

  /** Puts one in front of the request's output; {@code tenant}: the caller is a tenant. */
  public static JsonErrorOutput install(Request request, boolean tenant) {
    HttpOutput output = request.getResponse().getHttpOutput();
    JsonErrorOutput interceptor = new JsonErrorOutput(request, output.getInterceptor(), tenant);
    output.setInterceptor(interceptor);
    return interceptor;
  }

  private boolean async() {
    return async != null ? async : request.isAsyncStarted();
  }

  /**
   * An error answer written once {@code stopped} gives a message is a 504 with that message: Druid
   * answers an interrupted query as an unknown failure, where the caller should read that it ran
   * out of time.
   */
  public void timeOutWhen(Supplier<String> stopped) {
    this.stoppedForTime = stopped;
  }

  /**
   * Runs {@code hook} once, just before the answer's last bytes are handed on: a query's place in
   * its tenant's quota is free before its caller can read the end of its answer and send the next.
   */
  public void beforeLastBytes(Runnable hook) {
    this.beforeLast = hook;
  }

  private void lastBytes() {
    Runnable hook = beforeLast;
    beforeLast = null;
    if (hook != null) {
      hook.run();
    }
  }

  /**
   * When the request leaves the filter: an error status set with no body (Jersey's 404 and 405)
   * gets Canopy's. Not after {@code sendError}: Jetty's error page ({@link JsonErrorPages})
   * follows.
   */
  public void finish() throws IOException {
    async = request.isAsyncStarted();
    HttpOutput output = response.getHttpOutput();
    if (!async
        && response.getStatus() >= 400
        && !response.isCommitted()
        && output.getWritten() == 0
        && !output.isClosed()
        && !request.getHttpChannelState().isSendError()) {
      lastBytes();
      byte[] body = JsonErrors.forStatus(response.getStatus());
      response.setContentType("application/json;charset=utf-8");
      response.setContentLengthLong(body.length);
      output.write(body);
      output.close();
    }
  }

  @Override
  public void write(ByteBuffer content, boolean last, Callback callback) {
    if (last) {
      lastBytes();
    }
    if (passing || async()) {
      passing = true;
      next.write(content, last, callback);
      return;
    }
    if (held == null && !BufferUtil.hasContent(content) && !last) {
      next.write(content, false, callback); // a flush before any byte: Druid's own commit
      return;
    }
    if (held == null && response.getStatus() < 400) {
      passing = true;
      next.write(content, last, callback);
      return;
    }
    if (held == null) {
      held = new ByteArrayOutputStream();
    }
    byte[] bytes = BufferUtil.toArray(content);
    held.write(bytes, 0, bytes.length);
    if (!last) {
      callback.succeeded();
      return;
    }
    JsonErrors.Answer answer = answer(held.toByteArray());
    held = null;
    passing = true;
    response.setStatus(answer.status());
    response.setContentType("application/json;charset=utf-8");
    // Unknown length: Jetty counts the bytes the servlet wrote, and a response whose length says
    // otherwise ends its connection. Jetty sets the length from this one last buffer.
    response.setContentLength(-1);
    next.write(ByteBuffer.wrap(answer.body()), true, callback);
  }

  /** The cleaned body; for a body that is no error of Druid's form (Avatica's), the same. */
  private JsonErrors.Answer answer(byte[] written) {
    String stopped = stoppedForTime.get();
    if (stopped != null) {
      return new JsonErrors.Answer(504, JsonErrors.body(504, stopped));
    }
    if (written.length == 0) {
      return new JsonErrors.Answer(
          response.getStatus(), JsonErrors.forStatus(response.getStatus()));
    }
    JsonErrors.Answer cleaned =
        JsonErrors.rewrite(response.getStatus(), response.getContentType(), written, tenant);
    return cleaned != null ? cleaned : new JsonErrors.Answer(response.getStatus(), written);
  }

  @Override
  public void resetBuffer() {
    held = null;
    next.resetBuffer();
  }

  @Override
  public HttpOutput.Interceptor getNextInterceptor() {
    return next;
  }

  @Override
  public boolean isOptimizedForDirectBuffers() {
    return next.isOptimizedForDirectBuffers();
  }
}
