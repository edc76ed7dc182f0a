package io.canopy.druid.auth;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import java.util.List;
import org.apache.druid.initialization.DruidModule;

/**
 * Registers Canopy's authenticator, authorizer and escalator under the type name {@code canopy}.
 * Loading the extension changes nothing by itself: a Druid process uses them only once its {@code
 * druid.auth.authenticatorChain}, {@code druid.auth.authorizers} and {@code druid.escalator.type}
 * name them.
 */
public class CanopyAuthModule implements DruidModule {
  @Override
  public List<? extends Module> getJacksonModules() {
    return List.of(
        new SimpleModule("CanopyAuthModule")
            .registerSubtypes(
                new NamedType(CanopyAuthenticator.class, "canopy"),
                new NamedType(CanopyAuthorizer.class, "canopy"),
                new NamedType(CanopyEscalator.class, "canopy")));
  }

  @Override
  public void configure(Binder binder) {}
}
