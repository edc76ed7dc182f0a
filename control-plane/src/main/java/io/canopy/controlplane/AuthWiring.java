package io.canopy.controlplane;

import io.canopy.controlplane.audit.AuditLog;
import io.canopy.controlplane.audit.api.AuditFeature;
import io.canopy.controlplane.audit.api.AuditResource;
import io.canopy.controlplane.audit.db.AuditDao;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.CallerAuthenticator;
import io.canopy.controlplane.auth.KeyIntrospection;
import io.canopy.controlplane.auth.OperatorToken;
import io.canopy.controlplane.auth.api.IntrospectionResource;
import io.canopy.controlplane.auth.api.JsonUnauthorizedHandler;
import io.canopy.controlplane.auth.db.ApiKeyDao;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;

/** Who calls, and the audit log of what they did: the two features every request passes. */
final class AuthWiring {
  private AuthWiring() {}

  static void wire(Wiring w) {
    ApiKeyDao keys = w.dao(ApiKeyDao.class);
    // Bearer tokens: the operator token or an API key, resolved to a Caller.
    w.register(
        new AuthDynamicFeature(
            new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(
                    new CallerAuthenticator(
                        new OperatorToken(w.config().getAuth().operatorToken), keys))
                .setPrefix("Bearer")
                .setRealm("canopy")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .buildAuthFilter()));
    w.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
    w.register(
        new IntrospectionResource(new KeyIntrospection(w.config().getAuth().internalSecret, keys)));

    AuditLog audit = new AuditLog(w.dao(AuditDao.class));
    w.register(new AuditFeature(audit));
    w.register(new AuditResource(audit));
  }
}
