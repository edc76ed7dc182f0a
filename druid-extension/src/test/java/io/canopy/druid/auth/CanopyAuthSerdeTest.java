package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.druid.jackson.DefaultObjectMapper;
import org.apache.druid.server.security.Authenticator;
import org.apache.druid.server.security.Authorizer;
import org.apache.druid.server.security.Escalator;
import org.junit.jupiter.api.Test;

/** The three are found by type {@code canopy} as Druid's configuration names them. */
class CanopyAuthSerdeTest {
  private static ObjectMapper mapper() {
    ObjectMapper mapper = new DefaultObjectMapper();
    new CanopyAuthModule().getJacksonModules().forEach(mapper::registerModule);
    return mapper;
  }

  @Test
  void druidConfigurationBuildsEachOfThem() throws Exception {
    ObjectMapper mapper = mapper();

    Authenticator authenticator =
        mapper.readValue(
            "{\"type\":\"canopy\",\"controlPlaneUrl\":\"http://127.0.0.1:1\","
                + "\"internalSecret\":\"s\",\"operatorPassword\":\"p\"}",
            Authenticator.class);
    Authorizer authorizer =
        mapper.readValue(
            "{\"type\":\"canopy\",\"pooledDatasources\":[\"events\"]}", Authorizer.class);
    Escalator escalator =
        mapper.readValue("{\"type\":\"canopy\",\"internalSecret\":\"s\"}", Escalator.class);

    assertThat(authenticator).isInstanceOf(CanopyAuthenticator.class);
    assertThat(authenticator.getAuthChallengeHeader()).startsWith("Basic");
    assertThat(authorizer).isInstanceOf(CanopyAuthorizer.class);
    assertThat(escalator.createEscalatedAuthenticationResult().getIdentity())
        .isEqualTo("druid_system");
  }

  @Test
  void aMissingSecretOrUrlOrAnOutOfRangeTtlIsRefusedNamingIt() {
    ObjectMapper mapper = mapper();

    assertThatThrownBy(
            () ->
                mapper.readValue(
                    "{\"type\":\"canopy\",\"controlPlaneUrl\":\"http://127.0.0.1:1\","
                        + "\"operatorPassword\":\"p\"}",
                    Authenticator.class))
        .hasMessageContaining("internalSecret");
    assertThatThrownBy(
            () ->
                mapper.readValue(
                    "{\"type\":\"canopy\",\"internalSecret\":\"s\",\"operatorPassword\":\"p\"}",
                    Authenticator.class))
        .hasMessageContaining("controlPlaneUrl");
    assertThatThrownBy(
            () ->
                mapper.readValue(
                    "{\"type\":\"canopy\",\"controlPlaneUrl\":\"http://127.0.0.1:1\","
                        + "\"internalSecret\":\"s\",\"operatorPassword\":\"p\","
                        + "\"positiveTtlSeconds\":300}",
                    Authenticator.class))
        .hasMessageContaining("positiveTtlSeconds");
  }
}
