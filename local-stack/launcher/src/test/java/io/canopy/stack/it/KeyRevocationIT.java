package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane owns the keys; Druid remembers its answers for a while. A revoked key and a
 * suspended tenant's key stop opening Druid within the positive TTL (30 s); a resumed tenant's key
 * opens it again within the negative TTL (5 s); a key without the {@code query} scope never does.
 */
@ExtendWith(LocalStackExtension.class)
class KeyRevocationIT {
  /** The positive TTL, plus the polling interval and the hops' own time. */
  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(30 + 5);

  /** The negative TTL, plus the same margin. */
  private static final Duration OPEN_AGAIN_WITHIN = Duration.ofSeconds(5 + 5);

  private static final String COUNT = "SELECT COUNT(*) AS n FROM events";

  private final AdminApi admin = AdminApi.operator();

  private String tenant(String prefix) {
    String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    admin.tenant(slug, null);
    return slug;
  }

  @Test
  void aRevokedKeyAndASuspendedTenantAreRefusedWithinTheTtlAndAResumedOneOpensAgain() {
    String revoking = tenant("revoke");
    String suspending = tenant("suspend");
    JsonNode revoked = admin.key(revoking, "query");
    DruidAs asRevoked = DruidAs.bearer(revoked.get("key").asText());
    DruidAs asSuspended =
        DruidAs.basic(suspending, admin.key(suspending, "query").get("key").asText());
    // answered, so every Druid service on the path now remembers both keys as good
    assertThat(asRevoked.sql(COUNT).status()).isEqualTo(200);
    assertThat(asSuspended.sql(COUNT).status()).isEqualTo(200);

    admin.call(
        "DELETE", "/v1/tenants/" + revoking + "/keys/" + revoked.get("id").asText(), null, 204);
    admin.call("POST", "/v1/tenants/" + suspending + "/suspend", null, 200);

    Await.until(
        REFUSED_WITHIN,
        () -> asRevoked.sql(COUNT).status() + " " + asSuspended.sql(COUNT).status(),
        statuses -> statuses.equals("401 401"),
        "the revoked key and the suspended tenant's key refused (statuses: revoked suspended)");

    admin.call("POST", "/v1/tenants/" + suspending + "/resume", null, 200);
    Await.until(
        OPEN_AGAIN_WITHIN,
        () -> asSuspended.sql(COUNT).status(),
        status -> status == 200,
        "the resumed tenant's key answered again");
    assertThat(asRevoked.sql(COUNT).status()).isEqualTo(401);
  }

  @Test
  void aKeyWithoutTheQueryScopeNeverOpensDruid() {
    String slug = tenant("ingest-only");
    DruidAs ingestOnly = DruidAs.bearer(admin.key(slug, "ingest").get("key").asText());

    DruidAs.Answer answer = ingestOnly.sql(COUNT);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().isArray()).isFalse();
  }
}
