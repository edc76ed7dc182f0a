package io.canopy.controlplane.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The control plane's configuration file. Secrets come from the environment through {@code ${VAR}}
 * substitution (e.g. {@code password: ${CANOPY_DB_PASSWORD}}), never from the file itself.
 */
public class CanopyConfiguration extends Configuration {
  @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();
  @Valid @NotNull private KafkaConfig kafka = new KafkaConfig();
  @Valid @NotNull private DruidConfig druid = new DruidConfig();
  @Valid @NotNull private IngestConfig ingest = new IngestConfig();
  @Valid @NotNull private BootstrapConfig bootstrap = new BootstrapConfig();
  @Valid @NotNull private AuthConfig auth = new AuthConfig();
  @Valid @NotNull private JobsConfig jobs = new JobsConfig();
  @Valid @NotNull private QueryConfig query = new QueryConfig();
  private boolean migrateOnStart = true;

  @JsonProperty
  public DataSourceFactory getDatabase() {
    return database;
  }

  @JsonProperty
  public void setDatabase(DataSourceFactory database) {
    this.database = database;
  }

  @JsonProperty
  public KafkaConfig getKafka() {
    return kafka;
  }

  @JsonProperty
  public void setKafka(KafkaConfig kafka) {
    this.kafka = kafka;
  }

  @JsonProperty
  public DruidConfig getDruid() {
    return druid;
  }

  @JsonProperty
  public void setDruid(DruidConfig druid) {
    this.druid = druid;
  }

  @JsonProperty
  public IngestConfig getIngest() {
    return ingest;
  }

  @JsonProperty
  public void setIngest(IngestConfig ingest) {
    this.ingest = ingest;
  }

  @JsonProperty
  public BootstrapConfig getBootstrap() {
    return bootstrap;
  }

  @JsonProperty
  public void setBootstrap(BootstrapConfig bootstrap) {
    this.bootstrap = bootstrap;
  }

  @JsonProperty
  public AuthConfig getAuth() {
    return auth;
  }

  @JsonProperty
  public void setAuth(AuthConfig auth) {
    this.auth = auth;
  }

  @JsonProperty
  public QueryConfig getQuery() {
    return query;
  }

  public void setQuery(QueryConfig query) {
    this.query = query;
  }

  public JobsConfig getJobs() {
    return jobs;
  }

  @JsonProperty
  public void setJobs(JobsConfig jobs) {
    this.jobs = jobs;
  }

  /** Apply pending schema migrations at start (default); if false, refuse to start with any. */
  @JsonProperty
  public boolean isMigrateOnStart() {
    return migrateOnStart;
  }

  @JsonProperty
  public void setMigrateOnStart(boolean migrateOnStart) {
    this.migrateOnStart = migrateOnStart;
  }
}
