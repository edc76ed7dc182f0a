package io.canopy.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.canopy.controlplane.web.OpenApiResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml against the code and the running service: it documents exactly the operations of the
 * resource classes, each documented operation exists on the running service (asks for credentials
 * instead of 404/405), and the service serves the document itself.
 */
class OpenApiTest extends ApiTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode document() throws Exception {
    try (InputStream in = OpenApiTest.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
      return YAML.readTree(in);
    }
  }

  private static Set<String> documented() throws Exception {
    Set<String> operations = new TreeSet<>();
    JsonNode paths = document().get("paths");
    for (Map.Entry<String, JsonNode> path : paths.properties()) {
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (!method.equals("parameters")) {
                  operations.add(method.toUpperCase() + " " + path.getKey());
                }
              });
    }
    return operations;
  }

  /** Every operation of every resource Jersey has registered in the running application. */
  private static Set<String> registered() {
    ResourceConfig config = APP.getEnvironment().jersey().getResourceConfig();
    Set<Class<?>> types = new HashSet<>(config.getClasses());
    config.getInstances().forEach(instance -> types.add(instance.getClass()));
    Set<String> operations = new TreeSet<>();
    types.forEach(type -> operations.addAll(operations(type)));
    return operations;
  }

  private static Set<String> operations(Class<?> resource) {
    Set<String> operations = new TreeSet<>();
    Path root = resource.getAnnotation(Path.class);
    if (root == null) {
      return operations;
    }
    for (Method method : resource.getMethods()) {
      for (Annotation annotation : method.getAnnotations()) {
        HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
        if (http != null) {
          Path sub = method.getAnnotation(Path.class);
          operations.add(
              http.value() + " " + root.value() + (sub == null ? "" : "/" + sub.value()));
        }
      }
    }
    return operations;
  }

  @Test
  void theDocumentDescribesExactlyTheRegisteredOperations() throws Exception {
    assertThat(documented()).isEqualTo(registered()).contains("POST /v1/tenants/{tenant}/suspend");
  }

  @Test
  void everyDocumentedOperationExistsAndAsksForCredentialsUnlessDocumentedPublic()
      throws Exception {
    JsonNode paths = document().get("paths");
    for (String operation : documented()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String template = operation.substring(method.length() + 1);
      boolean open = paths.get(template).get(method.toLowerCase()).has("security");
      String path =
          template
              .replace("{tenant}", "acme")
              .replace("{key}", "00000000-0000-0000-0000-000000000000")
              .replace("{name}", "web");
      String body = List.of("POST", "PATCH", "PUT").contains(method) ? "{}" : null;

      int status = api().call(method, path, null, body).status();

      assertThat(status).as(operation).isEqualTo(open ? 200 : 401);
    }
  }

  @Test
  void theServiceServesTheDocument() throws Exception {
    String served =
        APP.client()
            .target("http://127.0.0.1:" + APP.getLocalPort() + "/v1/openapi.yaml")
            .request()
            .get(String.class);

    assertThat(YAML.readTree(served)).isEqualTo(document());
  }
}
