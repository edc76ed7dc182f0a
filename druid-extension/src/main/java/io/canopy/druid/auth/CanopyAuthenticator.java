package io.canopy.druid.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.github.benmanes.caffeine.cache.Ticker;
import io.canopy.druid.quota.QueryTicket;
import io.canopy.druid.quota.RequestTags;
import io.canopy.druid.quota.TenantQueryGate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.metadata.PasswordProvider;
import org.apache.druid.server.security.AuthenticationResult;
import org.apache.druid.server.security.Authenticator;

/**
 * Canopy's authenticator ({@code druid.auth.authenticator.canopy.type=canopy}). It knows three
 * callers:
 *
 * <ul>
 *   <li>a tenant, by an API key with the {@code query} scope: {@code Authorization: Bearer <key>},
 *       or HTTP Basic and Avatica's JDBC {@code user}/{@code password} with the tenant's slug as
 *       user and the key as password. The control plane says what a key is ({@link
 *       KeyIntrospector});
 *   <li>the operator: {@code Bearer <operator password>}, or Basic {@code
 *       <operatorUser>:<password>};
 *   <li>Druid's own traffic, signed by {@link CanopyEscalator} with the internal secret.
 * </ul>
 *
 * A request with no credential goes on to Druid, which answers 401 with {@link
 * #getAuthChallengeHeader()}; a credential that is not one of these is refused at once with 401.
 * Every error answer on the paths it guards is JSON ({@link CanopyAuthenticationFilter}). Never
 * logs a credential. Thread-safe.
 */
@JsonTypeName("canopy")
// PasswordProvider: deprecated in Druid 33, still how Druid reads a secret from its configuration.
@SuppressWarnings("deprecation")
public class CanopyAuthenticator implements Authenticator {
  /** The user Druid's internal traffic presents (with the internal secret as password). */
  static final String INTERNAL_USER = "druid_system";

  /** The answer to a credential that is no caller's. */
  public static final String REFUSED =
      "Unknown, revoked or suspended credential, or one without the query scope.";

  /** The answer while a key can't be checked, with {@link #RETRY_AFTER_SECONDS}. */
  public static final String UNAVAILABLE =
      "The credential could not be checked: Canopy's control plane did not answer. Retry later.";

  public static final String RETRY_AFTER_SECONDS = "5";

  /**
   * How long past its timeout a tenant's query may run before it is interrupted: Druid's own
   * timeout answers first wherever Druid checks it; this catches the shapes where it does not.
   */
  static final Duration STOP_SLACK = Duration.ofSeconds(1);

  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  private final String name;
  private final String authorizerName;
  private final String operatorUser;
  private final byte[] operatorPassword;
  private final byte[] internalSecret;
  private final KeyIntrospector keys;

  /** Who runs which named query on this service: one for all of its filters. */
  private final QueryIdGate queries = new QueryIdGate();

  /** Each tenant's queries on this service, within its quotas: one for all of its filters. */
  private final TenantQueryGate quotas;

  @JsonCreator
  public CanopyAuthenticator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("authorizerName") @Nullable String authorizerName,
      @JsonProperty("controlPlaneUrl") @Nullable String controlPlaneUrl,
      @JsonProperty("internalSecret") @Nullable PasswordProvider internalSecret,
      @JsonProperty("operatorUser") @Nullable String operatorUser,
      @JsonProperty("operatorPassword") @Nullable PasswordProvider operatorPassword,
      @JsonProperty("positiveTtlSeconds") @Nullable Integer positiveTtlSeconds,
      @JsonProperty("negativeTtlSeconds") @Nullable Integer negativeTtlSeconds,
      @JsonProperty("cacheSize") @Nullable Integer cacheSize) {
    this(
        name,
        authorizerName,
        operatorUser,
        bytes(required(operatorPassword, "operatorPassword")),
        bytes(required(internalSecret, "internalSecret")),
        new KeyIntrospector(
            requiredText(controlPlaneUrl, "controlPlaneUrl"),
            required(internalSecret, "internalSecret").getPassword(),
            Duration.ofSeconds(bounded(positiveTtlSeconds, 30, 1, 30, "positiveTtlSeconds")),
            Duration.ofSeconds(bounded(negativeTtlSeconds, 5, 1, 5, "negativeTtlSeconds")),
            bounded(cacheSize, 10_000, 100, 1_000_000, "cacheSize"),
            Ticker.systemTicker()));
  }

  CanopyAuthenticator(
      @Nullable String name,
      @Nullable String authorizerName,
      @Nullable String operatorUser,
      byte[] operatorPassword,
      byte[] internalSecret,
      KeyIntrospector keys) {
    this.name = name == null ? "canopy" : name;
    this.authorizerName = authorizerName == null ? "canopy" : authorizerName;
    this.operatorUser = operatorUser == null ? "operator" : operatorUser;
    this.operatorPassword = operatorPassword;
    this.internalSecret = internalSecret;
    this.keys = keys;
    this.quotas =
        new TenantQueryGate(
            new RequestTags(internalSecret),
            QueryTicket.stopper(),
            STOP_SLACK,
            System::nanoTime,
            Ticker.systemTicker());
  }

  /** This service's gate of tenants' query quotas (the Avatica guard's too). */
  public TenantQueryGate quotas() {
    return quotas;
  }

  /**
   * What a request's {@code Authorization} came to: no credential of ours ({@code presented} false:
   * Druid or another authenticator decides), someone, or refused ({@code identity} null).
   */
  public record Outcome(boolean presented, @Nullable CanopyIdentity identity, boolean unavailable) {
    static final Outcome NONE = new Outcome(false, null, false);
    static final Outcome REFUSED = new Outcome(true, null, false);

    /** A key the control plane could not be asked about: neither someone nor refused. */
    static final Outcome UNAVAILABLE = new Outcome(true, null, true);

    static Outcome of(Optional<CanopyIdentity> who) {
      return who.map(identity -> new Outcome(true, identity, false)).orElse(REFUSED);
    }
  }

  /**
   * What {@code authorization} comes to; {@link Outcome#UNAVAILABLE} while keys can't be checked.
   */
  public Outcome authenticate(@Nullable String authorization) {
    try {
      return outcome(authorization);
    } catch (KeyIntrospector.Unavailable e) {
      return Outcome.UNAVAILABLE;
    }
  }

  private Outcome outcome(@Nullable String authorization) {
    if (authorization == null) {
      return Outcome.NONE;
    }
    if (authorization.startsWith(BEARER)) {
      String token = authorization.substring(BEARER.length()).trim();
      if (same(operatorPassword, token)) {
        return Outcome.of(Optional.of(CanopyIdentity.operator()));
      }
      return Outcome.of(tenant(null, token));
    }
    if (authorization.startsWith(BASIC)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Outcome.REFUSED;
      }
      int colon = decoded.indexOf(':');
      return colon < 0
          ? Outcome.REFUSED
          : Outcome.of(userAndPassword(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }
    return Outcome.NONE; // another scheme: for another authenticator
  }

  /**
   * Who a user and password are (Basic's, or Avatica's JDBC {@code user} and {@code password});
   * empty for no one.
   *
   * @throws KeyIntrospector.Unavailable when a key could not be checked
   */
  public Optional<CanopyIdentity> userAndPassword(String user, String password) {
    if (user.equals(operatorUser) && same(operatorPassword, password)) {
      return Optional.of(CanopyIdentity.operator());
    }
    if (user.equals(INTERNAL_USER) && same(internalSecret, password)) {
      return Optional.of(CanopyIdentity.internal());
    }
    return tenant(user, password);
  }

  /** A tenant's key; with a user given, it must be the key's tenant. */
  private Optional<CanopyIdentity> tenant(@Nullable String user, String key) {
    return keys.queryGrant(key)
        .filter(grant -> user == null || user.equals(grant.tenant()))
        .map(grant -> CanopyIdentity.tenant(grant.tenant(), grant.dedicated(), grant.quota()));
  }

  @Override
  public Filter getFilter() {
    return new CanopyAuthenticationFilter(this, name, authorizerName, queries, quotas);
  }

  @Override
  public String getAuthChallengeHeader() {
    return "Basic realm=\"canopy\"";
  }

  @Nullable
  @Override
  public AuthenticationResult authenticateJDBCContext(Map<String, Object> context) {
    if (!(context.get("user") instanceof String user)
        || !(context.get("password") instanceof String password)) {
      return null;
    }
    try {
      return userAndPassword(user, password)
          .map(identity -> identity.toResult(name, authorizerName))
          .orElse(null);
    } catch (KeyIntrospector.Unavailable e) {
      return null; // Avatica answers no credential; the client retries its connection
    }
  }

  @Nullable
  @Override
  public Class<? extends Filter> getFilterClass() {
    return null;
  }

  @Nullable
  @Override
  public Map<String, String> getInitParameters() {
    return null;
  }

  @Override
  public String getPath() {
    return "/*";
  }

  @Nullable
  @Override
  public EnumSet<DispatcherType> getDispatcherType() {
    return null;
  }

  private static boolean same(byte[] secret, String presented) {
    return secret.length > 0
        && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
  }

  static PasswordProvider required(@Nullable PasswordProvider secret, String property) {
    if (secret == null || secret.getPassword() == null || secret.getPassword().isEmpty()) {
      throw InvalidInput.exception("The Canopy authenticator needs [%s]", property);
    }
    return secret;
  }

  private static String requiredText(@Nullable String value, String property) {
    if (value == null || value.isBlank()) {
      throw InvalidInput.exception("The Canopy authenticator needs [%s]", property);
    }
    return value;
  }

  private static byte[] bytes(PasswordProvider secret) {
    return secret.getPassword().getBytes(StandardCharsets.UTF_8);
  }

  private static int bounded(
      @Nullable Integer value, int defaultValue, int min, int max, String property) {
    int v = value == null ? defaultValue : value;
    if (v < min || v > max) {
      throw InvalidInput.exception(
          "The Canopy authenticator's [%s] must be %d to %d, not %d", property, min, max, v);
    }
    return v;
  }
}
