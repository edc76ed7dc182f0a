package io.canopy.druid;

import com.fasterxml.jackson.databind.Module;
import com.google.inject.Binder;
import java.util.List;
import org.apache.druid.initialization.DruidModule;

/**
 * Canopy's Druid extension, loaded by every Druid process through {@code
 * META-INF/services/org.apache.druid.initialization.DruidModule}.
 *
 * <p>Install it the way any Druid extension is installed: copy the {@code canopy/} directory built
 * by this module ({@code target/extension/canopy}) into Druid's extensions directory and add {@code
 * "canopy"} to {@code druid.extensions.loadList}. {@code GET /status} on a Druid service then lists
 * this class among its modules.
 *
 * <p>The sketch aggregators and PII masking functions register here as they are built (issues #3
 * and #4); until then the module deliberately registers nothing, so no half-built function is ever
 * visible to a query or an ingestion spec.
 */
public class CanopyDruidModule implements DruidModule {

  @Override
  public List<? extends Module> getJacksonModules() {
    return List.of();
  }

  @Override
  public void configure(Binder binder) {
    // Nothing to bind yet; see the class comment.
  }
}
