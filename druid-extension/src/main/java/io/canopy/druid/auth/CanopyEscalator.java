package io.canopy.druid.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.apache.druid.java.util.http.client.CredentialedHttpClient;
import org.apache.druid.java.util.http.client.HttpClient;
import org.apache.druid.java.util.http.client.auth.BasicCredentials;
import org.apache.druid.metadata.PasswordProvider;
import org.apache.druid.server.security.AuthenticationResult;
import org.apache.druid.server.security.Escalator;

/**
 * Signs Druid's own service-to-service requests (broker to historicals, tasks to the overlord) with
 * HTTP Basic {@code druid_system:<internal secret>}, which {@link CanopyAuthenticator} knows as
 * internal traffic ({@code druid.escalator.type=canopy}). Never a tenant credential.
 */
@JsonTypeName("canopy")
// PasswordProvider: deprecated in Druid 33, still how Druid reads a secret from its configuration.
@SuppressWarnings("deprecation")
public class CanopyEscalator implements Escalator {
  private final String authorizerName;
  private final PasswordProvider internalSecret;

  @JsonCreator
  public CanopyEscalator(
      @JsonProperty("authorizerName") String authorizerName,
      @JsonProperty("internalSecret") PasswordProvider internalSecret) {
    this.authorizerName = authorizerName == null ? "canopy" : authorizerName;
    this.internalSecret = CanopyAuthenticator.required(internalSecret, "internalSecret");
  }

  @Override
  public HttpClient createEscalatedClient(HttpClient client) {
    return new CredentialedHttpClient(
        new BasicCredentials(CanopyAuthenticator.INTERNAL_USER, internalSecret.getPassword()),
        client);
  }

  @Override
  public AuthenticationResult createEscalatedAuthenticationResult() {
    return CanopyIdentity.internal().toResult("canopy", authorizerName);
  }
}
