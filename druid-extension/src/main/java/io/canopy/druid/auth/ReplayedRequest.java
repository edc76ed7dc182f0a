package io.canopy.druid.auth;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body was read to check it, handed on with that body to read again, blocking or
 * (the router's proxy) through a read listener.
 */
public final class ReplayedRequest extends HttpServletRequestWrapper {
  private final byte[] body;
  private final Charset charset;

  public ReplayedRequest(HttpServletRequest request, byte[] body) {
    super(request);
    this.body = body;
    this.charset = charset(request);
  }

  /** The request's declared character set; UTF-8 when it declares none Java knows. */
  public static Charset charset(HttpServletRequest request) {
    String name = request.getCharacterEncoding();
    try {
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  @Override
  public int getContentLength() {
    return body.length;
  }

  @Override
  public long getContentLengthLong() {
    return body.length;
  }

  @Override
  public ServletInputStream getInputStream() {
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      /** The whole body is here: the listener reads it at once and hears it is all read. */
      @Override
      public void setReadListener(ReadListener listener) {
        try {
          if (in.available() > 0) {
            listener.onDataAvailable();
          }
          listener.onAllDataRead();
        } catch (java.io.IOException | RuntimeException e) {
          listener.onError(e);
        }
      }
    };
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }
}
