package io.canopy.controlplane.druid;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/ensure-ingestion} on the admin port: provisions the events pipeline again now
 * (e.g. after Druid's metadata was reset) and prints the outcome.
 */
public final class EnsureIngestionTask extends Task {
  private final IngestionProvisioner provisioner;

  public EnsureIngestionTask(IngestionProvisioner provisioner) {
    super("ensure-ingestion");
    this.provisioner = provisioner;
  }

  @Override
  public void execute(Map<String, List<String>> parameters, PrintWriter output) {
    provisioner.ensure();
    output.println(provisioner.status().message());
  }
}
