package io.canopy.druid.auth;

import static io.canopy.druid.auth.KeyIntrospectorTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.apache.druid.server.security.AuthenticationResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CanopyAuthenticatorTest {
  private static final String OPERATOR = "operator-password-for-tests";
  private final IntrospectionServer server = new IntrospectionServer();
  private final CanopyAuthenticator authenticator = server.authenticator(OPERATOR);

  CanopyAuthenticatorTest() throws Exception {
    server.grant(KEY_A, "a", "\"query\"", "\"a_web\"");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Who a presented credential is; empty when refused. */
  private Optional<CanopyIdentity> who(String authorization) {
    CanopyAuthenticator.Outcome outcome = authenticator.authenticate(authorization);
    assertThat(outcome.presented()).as("a credential of ours").isTrue();
    return Optional.ofNullable(outcome.identity());
  }

  @Test
  void aTenantKeyWorksAsBearerAndAsBasicWithItsSlug() {
    CanopyIdentity expected = CanopyIdentity.tenant("a", java.util.List.of("a_web"));

    assertThat(who("Bearer " + KEY_A)).contains(expected);
    assertThat(who(basic("a", KEY_A))).contains(expected);
    assertThat(who(basic("b", KEY_A))).as("another tenant's slug").isEmpty();
  }

  @Test
  void theOperatorAndDruidsOwnTrafficAreKnown() {
    assertThat(who("Bearer " + OPERATOR)).contains(CanopyIdentity.operator());
    assertThat(who(basic("operator", OPERATOR))).contains(CanopyIdentity.operator());
    assertThat(who(basic("druid_system", IntrospectionServer.SECRET)))
        .contains(CanopyIdentity.internal());
    assertThat(who(basic("druid_system", OPERATOR))).isEmpty();
    assertThat(who("Bearer " + IntrospectionServer.SECRET)).as("the secret is no bearer").isEmpty();
  }

  @Test
  void noCredentialGoesOnAndAnUnknownOneIsRefused() {
    assertThat(authenticator.authenticate(null)).isEqualTo(CanopyAuthenticator.Outcome.NONE);
    assertThat(authenticator.authenticate("Negotiate abc"))
        .isEqualTo(CanopyAuthenticator.Outcome.NONE);
    for (String bad :
        new String[] {"Bearer nope", "Basic !!!", basic("a", "nope"), "Basic " + b64("nocolon")}) {
      assertThat(who(bad)).as(bad).isEmpty();
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void jdbcConnectionPropertiesAuthenticateLikeBasic() {
    AuthenticationResult tenant =
        authenticator.authenticateJDBCContext(Map.of("user", "a", "password", KEY_A));
    AuthenticationResult operator =
        authenticator.authenticateJDBCContext(Map.of("user", "operator", "password", OPERATOR));

    assertThat(tenant.getIdentity()).isEqualTo("tenant:a");
    assertThat(CanopyIdentity.of(tenant).dedicatedDatasources()).containsExactly("a_web");
    assertThat(operator.getIdentity()).isEqualTo("operator");
    assertThat(authenticator.authenticateJDBCContext(Map.of("user", "a", "password", "x")))
        .isNull();
    assertThat(authenticator.authenticateJDBCContext(Map.of())).isNull();
  }

  @Test
  void theIdentityNamesTheTenantNeverTheKey() {
    AuthenticationResult result =
        authenticator.authenticateJDBCContext(Map.of("user", "a", "password", KEY_A));

    assertThat(result.toString()).doesNotContain(KEY_A).doesNotContain(KEY_A.substring(17));
  }
}
