package io.canopy.druid.auth.avatica;

import com.fasterxml.jackson.databind.Module;
import com.google.inject.Binder;
import java.util.List;
import org.apache.druid.guice.LifecycleModule;
import org.apache.druid.initialization.DruidModule;

/**
 * Binds Avatica connections to their opener on a broker that authenticates with Canopy's
 * authenticator ({@link AvaticaGuardInstaller}); with another authenticator it does nothing.
 */
public class AvaticaSessionModule implements DruidModule {
  @Override
  public List<? extends Module> getJacksonModules() {
    return List.of();
  }

  @Override
  public void configure(Binder binder) {
    LifecycleModule.register(binder, AvaticaGuardInstaller.class);
  }
}
