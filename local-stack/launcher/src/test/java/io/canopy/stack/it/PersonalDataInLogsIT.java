package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.stack.Stack;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the real control plane writes to its log and its audit trail when personal data arrives
 * where it does not belong: in a URL's query string, in its path and as a rejected value. Neither
 * may keep it.
 */
@ExtendWith(LocalStackExtension.class)
class PersonalDataInLogsIT {
  @Test
  void neitherTheRequestLogNorTheAuditLogKeepsPersonalDataFromRequests() throws Exception {
    Stack stack = LocalStackExtension.stack();
    AdminApi admin =
        new AdminApi(stack.ports().controlPlaneUrl(), LocalStackExtension.operatorToken());
    String person = "jane.doe." + UUID.randomUUID().toString().substring(0, 8);
    String email = person + "%40example.com";

    admin.call("GET", "/v1/audit?tenant=" + email + "&limit=5", null, 200);
    admin.call("GET", "/v1/tenants?after=" + email, null, 200);
    admin.call("GET", "/v1/tenants/" + email, null, 404);
    admin.call(
        "POST", "/v1/tenants", "{\"slug\":\"" + person + "@example.com\",\"name\":\"x\"}", 400);
    String audit = admin.call("GET", "/v1/audit?limit=100", null, 200).toString();

    String log = Files.readString(stack.layout().log("control-plane"));
    assertThat(log)
        .contains("GET /v1/audit HTTP/1.1")
        .contains("GET /v1/tenants/~")
        .doesNotContain(person);
    assertThat(audit).contains("slug refused").doesNotContain(person);
  }
}
