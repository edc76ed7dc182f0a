package io.canopy.controlplane;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.canopy.controlplane.audit.AuditLog;
import io.canopy.controlplane.audit.api.AuditFeature;
import io.canopy.controlplane.audit.api.AuditResource;
import io.canopy.controlplane.audit.db.AuditDao;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.CallerAuthenticator;
import io.canopy.controlplane.auth.OperatorToken;
import io.canopy.controlplane.auth.api.JsonUnauthorizedHandler;
import io.canopy.controlplane.auth.db.ApiKeyDao;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.canopy.controlplane.config.IngestConfig;
import io.canopy.controlplane.config.JobsConfig;
import io.canopy.controlplane.datasource.DatasourceDeletions;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.datasource.ThawService;
import io.canopy.controlplane.datasource.api.DatasourcesResource;
import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.datasource.db.ThawDao;
import io.canopy.controlplane.db.Migrations;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.druid.EnsureIngestionTask;
import io.canopy.controlplane.druid.IngestionProvisioner;
import io.canopy.controlplane.erasure.PooledErasure;
import io.canopy.controlplane.erasure.db.ErasureDao;
import io.canopy.controlplane.health.DruidHealthCheck;
import io.canopy.controlplane.health.HandoffReader;
import io.canopy.controlplane.health.IngestionHealthCheck;
import io.canopy.controlplane.health.KafkaHealthCheck;
import io.canopy.controlplane.ingest.CommitProbe;
import io.canopy.controlplane.ingest.EventBatchReader;
import io.canopy.controlplane.ingest.EventPublisher;
import io.canopy.controlplane.ingest.EventValidator;
import io.canopy.controlplane.ingest.IdempotencyStore;
import io.canopy.controlplane.ingest.IngestService;
import io.canopy.controlplane.ingest.api.BatchExceptionMapper;
import io.canopy.controlplane.ingest.api.EventsResource;
import io.canopy.controlplane.ingest.api.PublishExceptionMapper;
import io.canopy.controlplane.ingest.db.IdempotencyDao;
import io.canopy.controlplane.job.PeriodicJob;
import io.canopy.controlplane.kafka.KafkaTopics;
import io.canopy.controlplane.quota.IngestRateLimiter;
import io.canopy.controlplane.retention.RetentionEnforcer;
import io.canopy.controlplane.tenant.DefaultTenantBootstrap;
import io.canopy.controlplane.tenant.KeyService;
import io.canopy.controlplane.tenant.TenantAccess;
import io.canopy.controlplane.tenant.TenantService;
import io.canopy.controlplane.tenant.api.KeysResource;
import io.canopy.controlplane.tenant.api.TenantsResource;
import io.canopy.controlplane.tenant.db.KeyDao;
import io.canopy.controlplane.tenant.db.TenantDao;
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
import io.canopy.controlplane.web.UnavailableExceptionMapper;
import io.canopy.controlplane.web.UnexpectedExceptionMapper;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
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
    ServerDefaults.apply(config.getServerFactory(), env);
    ManagedDataSource dataSource = config.getDatabase().build(env.metrics(), "postgresql");
    Migrations.run(dataSource, config.isMigrateOnStart());
    Jdbi jdbi = new JdbiFactory().build(env, config.getDatabase(), dataSource, "postgresql");
    jdbi.installPlugin(new SqlObjectPlugin());
    TenantDao tenantDao = jdbi.onDemand(TenantDao.class);
    ApiKeyDao keyDao = jdbi.onDemand(ApiKeyDao.class);
    AuditDao auditDao = jdbi.onDemand(AuditDao.class);
    new DefaultTenantBootstrap(tenantDao, config.getBootstrap()).ensure();
    DatasourceDao datasourceDao = jdbi.onDemand(DatasourceDao.class);
    DruidClient druid = new DruidClient(config.getDruid());
    PooledErasure erasure =
        new PooledErasure(
            jdbi.onDemand(ErasureDao.class),
            druid,
            config.getDruid().eventsDatasource,
            Duration.ofHours(config.getIngest().maxPastHours),
            Duration.ofMinutes(config.getIngest().maxFutureMinutes),
            Clock.systemUTC());
    TenantService tenants =
        new TenantService(
            tenantDao, id -> !datasourceDao.listLive(id).isEmpty(), config.getIngest(), erasure);
    TenantAccess access = new TenantAccess(tenantDao);
    JobsConfig jobs = config.getJobs();
    env.lifecycle()
        .manage(
            new PeriodicJob(
                "pooled-erasure",
                Duration.ofSeconds(jobs.erasureEverySeconds),
                erasure::advanceAll));
    env.lifecycle()
        .manage(
            new PeriodicJob(
                "retention",
                Duration.ofSeconds(jobs.retentionEverySeconds),
                new RetentionEnforcer(
                        datasourceDao,
                        druid.tasks(),
                        config.getDruid().eventsDatasource,
                        Clock.systemUTC())
                    ::enforce));
    KafkaTopics topics = new KafkaTopics(config.getKafka());
    env.lifecycle().manage(topics);

    registerAuth(config, env, keyDao);
    registerExceptionMappers(config, env);
    env.jersey().register(new StrictRequests());
    AuditLog audit = new AuditLog(auditDao);
    env.jersey().register(new AuditFeature(audit));
    env.jersey().register(new EventsResource(ingestService(config, env, jdbi), tenants));
    env.jersey().register(new TenantsResource(tenants, access));
    env.jersey().register(new KeysResource(new KeyService(jdbi.onDemand(KeyDao.class)), access));
    env.jersey().register(new AuditResource(audit));
    ThawService thaws =
        new ThawService(datasourceDao, jdbi.onDemand(ThawDao.class), druid, Clock.systemUTC());
    // A thaw's load rule is gone at most 15 s after its expiry.
    env.lifecycle()
        .manage(new PeriodicJob("thaw-expiry", Duration.ofSeconds(15), thaws::expireDue));
    env.lifecycle()
        .manage(
            new PeriodicJob(
                "datasource-deletion",
                Duration.ofSeconds(jobs.datasourceDeletionEverySeconds),
                new DatasourceDeletions(datasourceDao, druid, topics)::advanceAll));
    env.jersey()
        .register(
            new DatasourcesResource(
                new DatasourceService(datasourceDao, druid, topics, config.getDruid()),
                thaws,
                access));
    env.jersey().register(new OpenApiResource());

    IngestionProvisioner provisioner =
        new IngestionProvisioner(druid, topics, config.getKafka(), config.getDruid());
    env.lifecycle().manage(provisioner);
    env.admin().addTask(new EnsureIngestionTask(provisioner));

    env.healthChecks().register("kafka", new KafkaHealthCheck(config.getKafka()));
    env.healthChecks().register("druid", new DruidHealthCheck(druid, config.getDruid()));
    env.healthChecks()
        .register(
            "ingestion",
            new IngestionHealthCheck(
                provisioner, new HandoffReader(druid, Clock.systemUTC()), Clock.systemUTC()));
  }

  private static IngestService ingestService(
      CanopyConfiguration config, Environment env, Jdbi jdbi) {
    EventPublisher publisher = new EventPublisher(config.getKafka());
    env.lifecycle().manage(publisher);
    IngestConfig limits = config.getIngest();
    // An attempt older than its delivery deadline plus the commit's retry window has died.
    Duration attemptLimit =
        Duration.ofMillis(config.getKafka().deliveryTimeoutMs)
            .plusMillis(config.getKafka().transactionTimeoutMs)
            .plusSeconds(15);
    IdempotencyStore idempotency =
        new IdempotencyStore(
            jdbi.onDemand(IdempotencyDao.class),
            new CommitProbe(config.getKafka()),
            attemptLimit,
            Clock.systemUTC());
    env.lifecycle()
        .manage(
            new PeriodicJob(
                "idempotency-expiry",
                Duration.ofSeconds(config.getJobs().idempotencyExpiryEverySeconds),
                idempotency::forgetExpired));
    return new IngestService(
        new EventBatchReader(env.getObjectMapper(), limits.maxEventsPerBatch, limits.maxBodyBytes),
        new EventValidator(
            Duration.ofHours(limits.maxPastHours), Duration.ofMinutes(limits.maxFutureMinutes)),
        new IngestRateLimiter(System::nanoTime),
        publisher,
        idempotency,
        env.getObjectMapper(),
        Clock.systemUTC());
  }

  /** Bearer tokens: the operator token or an API key, resolved to a {@link Caller}. */
  private static void registerAuth(CanopyConfiguration config, Environment env, ApiKeyDao keys) {
    env.jersey()
        .register(
            new AuthDynamicFeature(
                new OAuthCredentialAuthFilter.Builder<Caller>()
                    .setAuthenticator(
                        new CallerAuthenticator(
                            new OperatorToken(config.getAuth().operatorToken), keys))
                    .setPrefix("Bearer")
                    .setRealm("canopy")
                    .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                    .buildAuthFilter()));
    env.jersey().register(new AuthValueFactoryProvider.Binder<>(Caller.class));
  }

  /**
   * Ours replace Dropwizard's defaults, so that every error, including a JSON body Jackson cannot
   * read, answers with the same {@code ErrorResponse} body naming the field.
   */
  private static void registerExceptionMappers(CanopyConfiguration config, Environment env) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    env.jersey().register(new InvalidInputMapper());
    env.jersey().register(new NotFoundMapper());
    env.jersey().register(new NotPermittedMapper());
    env.jersey().register(new ConflictMapper());
    env.jersey().register(new OverQuotaMapper());
    env.jersey().register(new UnavailableExceptionMapper());
    env.jersey().register(new DatabaseExceptionMapper());
    env.jersey().register(new BadMessageExceptionMapper());
    env.jersey().register(new JsonBodyExceptionMapper());
    env.jersey().register(new BatchExceptionMapper());
    env.jersey().register(new PublishExceptionMapper());
    env.jersey().register(new UnexpectedExceptionMapper());
  }
}
