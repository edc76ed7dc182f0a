package io.canopy.druid.auth.avatica;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import io.canopy.druid.auth.CanopyAuthenticator;
import java.time.Duration;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.guice.ManageLifecycle;
import org.apache.druid.java.util.common.lifecycle.LifecycleStart;
import org.apache.druid.java.util.common.logger.Logger;
import org.apache.druid.server.security.AuthenticatorMapper;
import org.apache.druid.sql.avatica.AvaticaMonitor;
import org.apache.druid.sql.avatica.DruidAvaticaJsonHandler;
import org.eclipse.jetty.server.Server;
import org.joda.time.Period;

/**
 * Puts an {@link AvaticaGuard} in front of the Jetty handlers of a Druid service that answers
 * Avatica (a broker) and authenticates with Canopy's authenticator, before Jetty starts (Druid
 * starts it at its lifecycle's last stage; this runs at the normal one). Elsewhere it does nothing.
 *
 * <p>Configuration: {@code druid.canopy.avatica.maxConnectionsPerIdentity} (default 4). A
 * connection is forgotten once unused for Druid's {@code druid.sql.avatica.connectionIdleTimeout}
 * (default {@code PT5M}) plus a minute.
 */
@ManageLifecycle
public class AvaticaGuardInstaller {
  private static final Logger LOG = new Logger(AvaticaGuardInstaller.class);
  static final String MAX_PER_IDENTITY = "druid.canopy.avatica.maxConnectionsPerIdentity";
  static final String IDLE_TIMEOUT = "druid.sql.avatica.connectionIdleTimeout";
  static final int DEFAULT_MAX_PER_IDENTITY = 4;
  static final Duration MARGIN = Duration.ofMinutes(1);

  private final Properties properties;
  @Nullable private final Server server;
  @Nullable private final CanopyAuthenticator authenticator;

  /**
   * Finds the web server and Canopy's authenticator while the lifecycle is being built: the
   * server's provider registers Jetty's own start, which may not happen once the lifecycle runs.
   */
  @Inject
  public AvaticaGuardInstaller(Injector injector, Properties properties) {
    this.properties = properties;
    // AvaticaModule binds its monitor where Druid serves Avatica (a broker): only there.
    boolean serves =
        injector.getExistingBinding(Key.get(AvaticaMonitor.class)) != null
            && injector.getExistingBinding(Key.get(Server.class)) != null
            && injector.getExistingBinding(Key.get(AuthenticatorMapper.class)) != null;
    this.authenticator =
        serves
            ? injector
                .getInstance(AuthenticatorMapper.class)
                .getAuthenticatorMap()
                .values()
                .stream()
                .filter(CanopyAuthenticator.class::isInstance)
                .map(CanopyAuthenticator.class::cast)
                .findFirst()
                .orElse(null)
            : null;
    this.server = authenticator == null ? null : injector.getInstance(Server.class);
  }

  @LifecycleStart
  public void start() {
    if (server == null
        || server.getChildHandlersByClass(DruidAvaticaJsonHandler.class).length == 0) {
      return; // not a broker, a Druid command without a web server, or another authenticator
    }
    Duration idle = idleTimeout(properties).plus(MARGIN);
    int max = maxPerIdentity(properties);
    server.insertHandler(
        new AvaticaGuard(
            authenticator, new AvaticaSessions(max, idle, System::nanoTime), idle.toSeconds()));
    LOG.info(
        "Avatica connections bound to their opener: at most %d per caller, forgotten after %d s"
            + " unused",
        max, idle.toSeconds());
  }

  static Duration idleTimeout(Properties properties) {
    String value = properties.getProperty(IDLE_TIMEOUT, "PT5M");
    try {
      return Duration.ofMillis(Period.parse(value).toStandardDuration().getMillis());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      throw InvalidInput.exception("[%s] must be an ISO-8601 period such as PT5M", IDLE_TIMEOUT);
    }
  }

  static int maxPerIdentity(Properties properties) {
    String value = properties.getProperty(MAX_PER_IDENTITY);
    if (value == null) {
      return DEFAULT_MAX_PER_IDENTITY;
    }
    try {
      int max = Integer.parseInt(value.trim());
      if (max >= 1) {
        return max;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw InvalidInput.exception("[%s] must be a whole number of at least 1", MAX_PER_IDENTITY);
  }
}
