package io.canopy.druid.http;

import com.fasterxml.jackson.databind.Module;
import com.google.inject.Binder;
import java.util.List;
import org.apache.druid.guice.LifecycleModule;
import org.apache.druid.initialization.DruidModule;

/** Cuts off slow clients on a Druid service's web server ({@link SlowClientsInstaller}). */
public class SlowClientsModule implements DruidModule {
  @Override
  public List<? extends Module> getJacksonModules() {
    return List.of();
  }

  @Override
  public void configure(Binder binder) {
    LifecycleModule.register(binder, SlowClientsInstaller.class);
  }
}
