package io.canopy.controlplane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.canopy.controlplane.auth.KeyCache;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.canopy.controlplane.datasource.Datasource;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.datasource.DatasourceStatus;
import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.db.Migrations;
import io.canopy.controlplane.druid.CurrentSupervisor;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.kafka.KafkaTopics;
import io.canopy.controlplane.query.api.Queriers;
import io.canopy.controlplane.web.AbandonedMapper;
import io.canopy.controlplane.web.AdminPortGuard;
import io.canopy.controlplane.web.BadMessageExceptionMapper;
import io.canopy.controlplane.web.ConflictMapper;
import io.canopy.controlplane.web.DatabaseExceptionMapper;
import io.canopy.controlplane.web.InvalidInputMapper;
import io.canopy.controlplane.web.JsonBodyExceptionMapper;
import io.canopy.controlplane.web.NotFoundMapper;
import io.canopy.controlplane.web.NotPermittedMapper;
import io.canopy.controlplane.web.OpenApiResource;
import io.canopy.controlplane.web.OverQuotaMapper;
import io.canopy.controlplane.web.ServerDefaults;
import io.canopy.controlplane.web.StrictRequests;
import io.canopy.controlplane.web.StrictText;
import io.canopy.controlplane.web.TimedOutMapper;
import io.canopy.controlplane.web.UnavailableExceptionMapper;
import io.canopy.controlplane.web.UnexpectedExceptionMapper;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import java.time.Duration;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The Canopy control plane: {@code java -jar canopy-control-plane.jar server config.yml}. The
 * composition root: it opens the database and the Druid and Kafka clients, then calls each
 * feature's wiring ({@code AuthWiring}, {@code TenantWiring}, {@code DatasourceWiring}, {@code
 * IngestWiring}), which builds its services, jobs and resources by hand.
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
    // Times in API answers are ISO-8601 strings ("2026-11-23T12:00:00Z"), not epoch numbers; an
    // unknown field in a request body is an error naming it, never silently dropped.
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // A quota of 1.5 is an error naming the field, never silently 1; no NUL or lone surrogate
    // reaches PostgreSQL from a request body.
    bootstrap.getObjectMapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    bootstrap.getObjectMapper().registerModule(StrictText.module());
  }

  @Override
  public void run(CanopyConfiguration config, Environment env) {
    ServerDefaults.apply(config.getServerFactory(), env, config.getAuth().internalSecret);
    env.admin()
        .addFilter("operator-only", new AdminPortGuard(config.getAuth().operatorToken))
        .addMappingForUrlPatterns(
            java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/*");
    ManagedDataSource dataSource = config.getDatabase().build(env.metrics(), "postgresql");
    Migrations.run(dataSource, config.isMigrateOnStart());
    Jdbi jdbi = new JdbiFactory().build(env, config.getDatabase(), dataSource, "postgresql");
    jdbi.installPlugin(new SqlObjectPlugin());
    // No statement uses <defined> attributes, so none needs the template engine, which otherwise
    // parses every statement again on every call (a measured share of each API request's CPU).
    jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
    KafkaTopics topics = new KafkaTopics(config.getKafka());
    env.lifecycle().manage(topics);
    DruidClient druid = new DruidClient(config.getDruid(), config.getAuth().internalSecret);
    CurrentSupervisor supervisors =
        new CurrentSupervisor(
            druid,
            env.lifecycle().scheduledExecutorService("canopy-supervisor-handoff", true).build(),
            Duration.ofSeconds(5),
            Duration.ofMinutes(5));
    Wiring w = new Wiring(config, env, jdbi, druid, supervisors, topics, new KeyCache());

    registerWebEdge(config, env);
    DatasourceDao datasources = w.accessDao(DatasourceDao.class);
    TenantWiring.Tenants tenants =
        TenantWiring.wire(w, tenantId -> !datasources.listLive(tenantId).isEmpty());
    AuthWiring.wire(w, tenants.service()::quotas);
    DatasourceService datasourceService = DatasourceWiring.wire(w, datasources, tenants.access());
    IngestWiring.wire(
        w,
        tenants.service(),
        () ->
            datasources.listAllLive().stream()
                .filter(d -> d.status() == DatasourceStatus.SUSPENDED)
                .map(Datasource::druidName)
                .collect(Collectors.toSet()),
        datasourceService::ensureIngestion);
    QueryWiring.wire(
        w, tenants.access(), datasourceService, new Queriers(tenants.service()::quotas));
  }

  /**
   * The HTTP edge every resource shares: strict request bodies, the OpenAPI document, and the
   * exception mappers. Ours replace Dropwizard's defaults, so that every error, including a JSON
   * body Jackson cannot read, answers with the same {@code ErrorResponse} body naming the field.
   */
  private static void registerWebEdge(CanopyConfiguration config, Environment env) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    env.jersey().register(new StrictRequests());
    env.jersey().register(new OpenApiResource());
    env.jersey().register(new InvalidInputMapper());
    env.jersey().register(new NotFoundMapper());
    env.jersey().register(new NotPermittedMapper());
    env.jersey().register(new ConflictMapper());
    env.jersey().register(new TimedOutMapper());
    env.jersey().register(new AbandonedMapper());
    env.jersey().register(new OverQuotaMapper());
    env.jersey().register(new UnavailableExceptionMapper());
    env.jersey().register(new DatabaseExceptionMapper());
    env.jersey().register(new BadMessageExceptionMapper());
    env.jersey().register(new JsonBodyExceptionMapper());
    env.jersey().register(new UnexpectedExceptionMapper());
  }
}
