package io.canopy.controlplane;

import io.canopy.controlplane.audit.AuditLog;
import io.canopy.controlplane.audit.api.AuditFeature;
import io.canopy.controlplane.audit.api.AuditResource;
import io.canopy.controlplane.audit.db.AuditDao;
import io.canopy.controlplane.auth.AccessChangeListener;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.CallerAuthenticator;
import io.canopy.controlplane.auth.KeyIntrospection;
import io.canopy.controlplane.auth.OperatorToken;
import io.canopy.controlplane.auth.api.IntrospectionResource;
import io.canopy.controlplane.auth.api.JsonUnauthorizedHandler;
import io.canopy.controlplane.auth.db.ApiKeyDao;
import io.canopy.controlplane.common.Quotas;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.UnaryOperator;

/** Who calls, and the audit log of what they did: the two features every request passes. */
final class AuthWiring {
  private AuthWiring() {}

  /**
   * @param completeQuotas a tenant's stored quotas to its complete ones, as key introspection tells
   *     Druid
   */
  static void wire(Wiring w, UnaryOperator<Quotas> completeQuotas) {
    ApiKeyDao keys = w.dao(ApiKeyDao.class);
    w.env().lifecycle().manage(new AccessChangeListener(() -> listenerConnection(w), w.keyCache()));
    w.env().metrics().gauge("canopy.auth.keys.cached", () -> w.keyCache()::size);
    w.env()
        .metrics()
        .gauge("canopy.auth.keys.listening", () -> () -> w.keyCache().isListening() ? 1 : 0);
    // Bearer tokens: the operator token or an API key, resolved to a Caller.
    w.register(
        new AuthDynamicFeature(
            new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(
                    new CallerAuthenticator(
                        new OperatorToken(w.config().getAuth().operatorToken), keys, w.keyCache()))
                .setPrefix("Bearer")
                .setRealm("canopy")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .buildAuthFilter()));
    w.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
    w.register(
        new IntrospectionResource(
            new KeyIntrospection(w.config().getAuth().internalSecret, keys, completeQuotas)));

    AuditLog audit = new AuditLog(w.dao(AuditDao.class));
    w.register(new AuditFeature(audit));
    w.register(new AuditResource(audit));
  }

  /** The listener's own connection: the pool's settings, and a read that cannot hang forever. */
  private static Connection listenerConnection(Wiring w) throws SQLException {
    DataSourceFactory db = w.config().getDatabase();
    Properties props = new Properties();
    props.putAll(db.getProperties());
    props.setProperty("user", db.getUser());
    if (db.getPassword() != null) {
      props.setProperty("password", db.getPassword());
    }
    props.setProperty("socketTimeout", "30");
    props.setProperty("ApplicationName", "canopy-access-listener");
    return DriverManager.getConnection(db.getUrl(), props);
  }
}
