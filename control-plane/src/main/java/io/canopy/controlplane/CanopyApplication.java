package io.canopy.controlplane;

import io.canopy.controlplane.api.EventsResource;
import io.canopy.controlplane.api.error.BatchExceptionMapper;
import io.canopy.controlplane.api.error.PublishExceptionMapper;
import io.canopy.controlplane.api.error.UnexpectedExceptionMapper;
import io.canopy.controlplane.auth.ApiKeyAuthenticator;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.JsonUnauthorizedHandler;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.canopy.controlplane.config.IngestConfig;
import io.canopy.controlplane.db.ApiKeyDao;
import io.canopy.controlplane.db.Migrations;
import io.canopy.controlplane.db.TenantDao;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.druid.EnsureIngestionTask;
import io.canopy.controlplane.druid.IngestionProvisioner;
import io.canopy.controlplane.health.DruidHealthCheck;
import io.canopy.controlplane.health.KafkaHealthCheck;
import io.canopy.controlplane.health.ProvisioningHealthCheck;
import io.canopy.controlplane.ingest.EventBatchReader;
import io.canopy.controlplane.ingest.EventPublisher;
import io.canopy.controlplane.ingest.EventValidator;
import io.canopy.controlplane.ingest.EventsTopic;
import io.canopy.controlplane.ingest.IngestService;
import io.canopy.controlplane.service.DefaultTenantBootstrap;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The Canopy control plane: {@code java -jar canopy-control-plane.jar server config.yml}. Wiring is
 * done by hand here; each piece's contract is on its own class.
 */
public class CanopyApplication extends Application<CanopyConfiguration> {

  public static void main(String[] args) throws Exception {
    new CanopyApplication().run(args);
  }

  @Override
  public String getName() {
    return "canopy-control-plane";
  }

  @Override
  public void initialize(Bootstrap<CanopyConfiguration> bootstrap) {
    // ${VAR} in the config file reads the environment; an unset variable is an error.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
  }

  @Override
  public void run(CanopyConfiguration config, Environment env) {
    ManagedDataSource dataSource = config.getDatabase().build(env.metrics(), "postgresql");
    Migrations.run(dataSource, config.isMigrateOnStart());
    Jdbi jdbi = new JdbiFactory().build(env, config.getDatabase(), dataSource, "postgresql");
    jdbi.installPlugin(new SqlObjectPlugin());
    TenantDao tenants = jdbi.onDemand(TenantDao.class);
    new DefaultTenantBootstrap(tenants, config.getBootstrap()).ensure();

    EventPublisher publisher = new EventPublisher(config.getKafka());
    env.lifecycle().manage(publisher);
    IngestConfig limits = config.getIngest();
    IngestService ingest =
        new IngestService(
            new EventBatchReader(
                env.getObjectMapper(), limits.maxEventsPerBatch, limits.maxBodyBytes),
            new EventValidator(
                Duration.ofHours(limits.maxPastHours), Duration.ofMinutes(limits.maxFutureMinutes)),
            publisher,
            Clock.systemUTC());

    DruidClient druid = new DruidClient(config.getDruid());
    IngestionProvisioner provisioner =
        new IngestionProvisioner(
            druid, new EventsTopic(config.getKafka()), config.getKafka(), config.getDruid());
    env.lifecycle().manage(provisioner);
    env.admin().addTask(new EnsureIngestionTask(provisioner));

    env.jersey()
        .register(
            new AuthDynamicFeature(
                new OAuthCredentialAuthFilter.Builder<Caller>()
                    .setAuthenticator(new ApiKeyAuthenticator(jdbi.onDemand(ApiKeyDao.class)))
                    .setPrefix("Bearer")
                    .setRealm("canopy")
                    .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                    .buildAuthFilter()));
    env.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
    env.jersey().register(new BatchExceptionMapper());
    env.jersey().register(new PublishExceptionMapper());
    env.jersey().register(new UnexpectedExceptionMapper());
    env.jersey().register(new EventsResource(ingest, limits.maxBodyBytes));

    env.healthChecks().register("kafka", new KafkaHealthCheck(config.getKafka()));
    env.healthChecks().register("druid", new DruidHealthCheck(druid, config.getDruid()));
    env.healthChecks().register("ingestion", new ProvisioningHealthCheck(provisioner));
  }
}
