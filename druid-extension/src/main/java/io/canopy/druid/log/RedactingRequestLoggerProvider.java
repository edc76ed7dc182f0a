package io.canopy.druid.log;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import javax.validation.constraints.NotNull;
import org.apache.druid.guice.annotations.Json;
import org.apache.druid.metadata.PasswordProvider;
import org.apache.druid.server.log.RequestLogger;
import org.apache.druid.server.log.RequestLoggerProvider;

/**
 * {@code druid.request.logging.type=canopyRedacting}: another request logger ({@code
 * druid.request.logging.delegate.type=file}, …) that never sees a filter value, a SQL literal or an
 * inline row, only its digest under {@code druid.request.logging.digestKey} (a password provider;
 * Canopy's stacks give it the internal secret, so the control plane's digests match).
 */
// PasswordProvider: deprecated in Druid 33, still how Druid reads a secret from its configuration.
@SuppressWarnings("deprecation")
public class RedactingRequestLoggerProvider implements RequestLoggerProvider {
  public static final String TYPE_NAME = "canopyRedacting";

  @JsonProperty @NotNull private RequestLoggerProvider delegate;

  @JsonProperty @NotNull private PasswordProvider digestKey;

  @JacksonInject @Json private ObjectMapper jsonMapper;

  @Override
  public RequestLogger get() {
    String key = digestKey == null ? null : digestKey.getPassword();
    if (delegate == null || key == null || key.isEmpty()) {
      throw new IllegalStateException(
          "druid.request.logging.type=canopyRedacting needs druid.request.logging.delegate and"
              + " druid.request.logging.digestKey");
    }
    return new RedactingRequestLogger(
        delegate.get(), jsonMapper, new LogDigest(key.getBytes(StandardCharsets.UTF_8)));
  }
}
