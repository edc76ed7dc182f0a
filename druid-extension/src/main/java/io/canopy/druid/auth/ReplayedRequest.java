package io.canopy.druid.auth;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body was read to check it, handed on with that body to read again, blocking or
 * (the router's proxy) through a read listener.
 */
public final class ReplayedRequest extends HttpServletRequestWrapper {
  private static final String CONTENT_LENGTH = "Content-Length";

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

  /** A body changed on its way (a tenant's timeout put in) keeps its length right in the header. */
  @Override
  public String getHeader(String name) {
    return CONTENT_LENGTH.equalsIgnoreCase(name)
        ? Integer.toString(body.length)
        : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return CONTENT_LENGTH.equalsIgnoreCase(name)
        ? Collections.enumeration(List.of(Integer.toString(body.length)))
        : super.getHeaders(name);
  }

  @Override
  public int getIntHeader(String name) {
    return CONTENT_LENGTH.equalsIgnoreCase(name) ? body.length : super.getIntHeader(name);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), charset));
  }
}
