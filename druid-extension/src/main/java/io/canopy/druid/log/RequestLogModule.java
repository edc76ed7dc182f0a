package io.canopy.druid.log;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.inject.Binder;
import java.util.List;
import org.apache.druid.initialization.DruidModule;

/** Registers the redacting request logger ({@link RedactingRequestLoggerProvider}). */
public class RequestLogModule implements DruidModule {
  @Override
  public List<? extends Module> getJacksonModules() {
    return List.of(
        new SimpleModule("CanopyRequestLogModule")
            .registerSubtypes(
                new NamedType(
                    RedactingRequestLoggerProvider.class,
                    RedactingRequestLoggerProvider.TYPE_NAME)));
  }

  @Override
  public void configure(Binder binder) {}
}
