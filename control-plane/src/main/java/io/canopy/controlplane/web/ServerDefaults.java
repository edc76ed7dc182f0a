package io.canopy.controlplane.web;

import io.canopy.controlplane.web.log.LoggedPath;
import io.canopy.controlplane.web.log.LoggedPathConverter;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import io.dropwizard.request.logging.RequestLogFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.server.Connector;

/**
 * What Canopy changes in Dropwizard's server defaults, unless the configuration says otherwise:
 *
 * <ul>
 *   <li>a body that trickles in below {@value #MIN_BYTES_PER_SECOND} bytes/s, or stalls for {@value
 *       #IDLE_SECONDS} s, is cut off with 408, so slow clients cannot tie up the server; so are
 *       request headers that take longer than {@value #HEADER_SECONDS} s to arrive ({@link
 *       SlowHeaders}), on every connector;
 *   <li>the request log writes method, path and protocol, never the query string or the {@code
 *       Referer} (both carry personal data in URLs), and a path segment that is not plainly a route
 *       or an identifier only as a digest ({@link LoggedPathConverter});
 *   <li>Jetty's own error pages are JSON ({@link JsonErrorHandler}).
 * </ul>
 */
public final class ServerDefaults {
  /**
   * Low enough that a small body read late on a loaded server is no "slow" body: Jetty measures
   * from the first byte to each read, so a 150-byte query read 0.15 s after it arrived failed the 1
   * KiB/s first chosen (seen at 200 concurrent queries on 2 cores). A stalled body is cut by the
   * idle timeout.
   */
  static final int MIN_BYTES_PER_SECOND = 128;

  static final int IDLE_SECONDS = 10;

  static final int HEADER_SECONDS = 10;

  /** Like Dropwizard's combined format, without the query string and the referrer. */
  static final String REQUEST_LOG_FORMAT =
      "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,UTC}] \"%m %U %H\" %s %b \"%i{User-Agent}\" %D";

  private static final Duration DROPWIZARD_IDLE_TIMEOUT = Duration.seconds(30);

  private ServerDefaults() {}

  /** Changes the factory before the server is built; call from {@code Application.run}. */
  public static void apply(ServerFactory server, Environment env, String internalSecret) {
    if (server instanceof DefaultServerFactory factory) {
      for (ConnectorFactory connector : factory.getApplicationConnectors()) {
        if (connector instanceof HttpConnectorFactory http) {
          if (http.getMinRequestDataPerSecond().toBytes() == 0) {
            http.setMinRequestDataPerSecond(DataSize.bytes(MIN_BYTES_PER_SECOND));
          }
          if (http.getIdleTimeout().equals(DROPWIZARD_IDLE_TIMEOUT)) {
            http.setIdleTimeout(Duration.seconds(IDLE_SECONDS));
          }
        }
      }
      LoggedPathConverter.install(new LoggedPath(internalSecret));
      requestLog(factory.getRequestLogFactory());
    }
    JsonErrorHandler errors = new JsonErrorHandler();
    env.getApplicationContext().setErrorHandler(errors);
    env.lifecycle().addServerLifecycleListener(jetty -> jetty.setErrorHandler(errors));
    slowHeaders(env);
  }

  /** Every connector's connections, application and admin, watched for slow headers. */
  private static void slowHeaders(Environment env) {
    SlowHeaders slow =
        new SlowHeaders(java.time.Duration.ofSeconds(HEADER_SECONDS), System::nanoTime);
    ScheduledExecutorService scheduler =
        env.lifecycle().scheduledExecutorService("canopy-slow-clients", true).threads(1).build();
    env.lifecycle()
        .addServerLifecycleListener(
            jetty -> {
              for (Connector connector : jetty.getConnectors()) {
                connector.addBean(slow);
              }
              slow.start(scheduler);
            });
  }

  private static void requestLog(RequestLogFactory<?> log) {
    if (log instanceof LogbackAccessRequestLogFactory logback) {
      for (AppenderFactory<?> appender : logback.getAppenders()) {
        if (appender instanceof io.dropwizard.logging.common.AbstractAppenderFactory<?> a
            && a.getLogFormat() == null) {
          a.setLogFormat(REQUEST_LOG_FORMAT);
        }
      }
    }
  }
}
