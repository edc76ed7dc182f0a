package io.canopy.druid.http;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.annotation.Nullable;
import org.apache.druid.discovery.NodeRole;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.guice.ManageLifecycle;
import org.apache.druid.guice.annotations.Self;
import org.apache.druid.java.util.common.lifecycle.LifecycleStart;
import org.apache.druid.java.util.common.lifecycle.LifecycleStop;
import org.apache.druid.java.util.common.logger.Logger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.joda.time.Period;

/**
 * Cuts off slow clients on the ports tenants reach, a broker's and a router's, before Jetty starts:
 * request headers that take longer than {@code druid.canopy.http.headerTimeout} (default {@code
 * PT10S}) get a 408 ({@link SlowHeaders}), and a request body that arrives slower than {@code
 * druid.canopy.http.minRequestBytesPerSecond} (default 128, averaged from its first byte: low, so
 * that a small body read late on a loaded service is no slow body) gets Jetty's own 408. Other
 * services are left alone (their web server is not always the injector's one instance: asking an
 * indexer for it makes a second one).
 */
@ManageLifecycle
public class SlowClientsInstaller {
  private static final Logger LOG = new Logger(SlowClientsInstaller.class);
  static final String HEADER_TIMEOUT = "druid.canopy.http.headerTimeout";
  static final String MIN_BODY_RATE = "druid.canopy.http.minRequestBytesPerSecond";

  @Nullable private final Server server;
  private final Duration headerTimeout;
  private final long minBodyRate;
  private ScheduledExecutorService scheduler;
  private SlowHeaders slowHeaders;

  /** Finds the web server while the lifecycle is being built (Jetty starts at its last stage). */
  @Inject
  public SlowClientsInstaller(Injector injector, Properties properties) {
    Key<Set<NodeRole>> roles = Key.get(new TypeLiteral<Set<NodeRole>>() {}, Self.class);
    boolean tenantsReach =
        injector.getExistingBinding(roles) != null
            && injector.getExistingBinding(Key.get(Server.class)) != null
            && injector.getInstance(roles).stream()
                .anyMatch(r -> r == NodeRole.BROKER || r == NodeRole.ROUTER);
    this.server = tenantsReach ? injector.getInstance(Server.class) : null;
    this.headerTimeout = headerTimeout(properties);
    this.minBodyRate = minBodyRate(properties);
  }

  @LifecycleStart
  public void start() {
    if (server == null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "canopy-slow-clients");
              t.setDaemon(true);
              return t;
            });
    slowHeaders = new SlowHeaders(headerTimeout, System::nanoTime);
    for (Connector connector : server.getConnectors()) {
      connector.addBean(slowHeaders);
      HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
      if (http != null) {
        http.getHttpConfiguration().setMinRequestDataRate(minBodyRate);
      }
    }
    slowHeaders.start(scheduler);
    LOG.info(
        "Slow clients cut off with 408: headers within %d s, bodies at %d bytes/s at least",
        headerTimeout.toSeconds(), minBodyRate);
  }

  @LifecycleStop
  public void stop() {
    if (slowHeaders != null) {
      slowHeaders.stop();
      scheduler.shutdownNow();
    }
  }

  static Duration headerTimeout(Properties properties) {
    String value = properties.getProperty(HEADER_TIMEOUT, "PT10S");
    try {
      Duration d = Duration.ofMillis(Period.parse(value).toStandardDuration().getMillis());
      if (!d.isNegative() && d.toSeconds() >= 1) {
        return d;
      }
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // refused below
    }
    throw InvalidInput.exception(
        "[%s] must be an ISO-8601 period of at least a second, such as PT10S", HEADER_TIMEOUT);
  }

  static long minBodyRate(Properties properties) {
    String value = properties.getProperty(MIN_BODY_RATE, "128");
    try {
      long rate = Long.parseLong(value.trim());
      if (rate >= 0) {
        return rate;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw InvalidInput.exception(
        "[%s] must be a whole number of bytes a second (0: no minimum)", MIN_BODY_RATE);
  }
}
