package io.canopy.controlplane.web.log;

import ch.qos.logback.access.common.PatternLayout;
import ch.qos.logback.access.common.pattern.AccessConverter;
import ch.qos.logback.access.common.spi.IAccessEvent;

/**
 * The request log's {@code %U} / {@code %requestURI}, and {@code %r} / {@code %requestURL} (the
 * request line), with the path as {@link LoggedPath} keeps it and never a query string. {@link
 * #install()} puts them in place of logback-access's own, so no request log format can print a raw
 * path.
 */
public final class LoggedPathConverter extends AccessConverter {
  private final LoggedPath path;

  LoggedPathConverter(LoggedPath path) {
    this.path = path;
  }

  @Override
  public String convert(IAccessEvent event) {
    return path.of(event.getRequestURI());
  }

  /** The request line, {@code GET /v1/tenants/~1a2b3c4d5e6f HTTP/1.1}, without a query string. */
  public static final class RequestLine extends AccessConverter {
    private final LoggedPath path;

    RequestLine(LoggedPath path) {
      this.path = path;
    }

    @Override
    public String convert(IAccessEvent event) {
      return event.getMethod() + " " + path.of(event.getRequestURI()) + " " + event.getProtocol();
    }
  }

  /** Replaces the path and request-line conversion words of every access log layout made after. */
  public static void install(LoggedPath path) {
    PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put(
        "U", () -> new LoggedPathConverter(path));
    PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put(
        "requestURI", () -> new LoggedPathConverter(path));
    PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put("r", () -> new RequestLine(path));
    PatternLayout.ACCESS_DEFAULT_CONVERTER_SUPPLIER_MAP.put(
        "requestURL", () -> new RequestLine(path));
  }
}
