package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.Stack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's commands, pasted as a user would: every {@code bash} block that calls {@code curl}
 * runs in bash after {@code eval "$(bin/canopy env)"}, against the integration tests' stack. Each
 * must exit 0 and answer no error, and every {@code # <json>} comment under a command is what it
 * printed. The blocks without {@code curl} (up, down, chaos, status) start or stop the stack itself
 * and are covered by {@code CanopyCliIT} and the fault suite.
 */
@ExtendWith(LocalStackExtension.class)
class ReadmeCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BASH_BLOCK = Pattern.compile("(?ms)^```bash\\n(.*?)^```");
  private static final Pattern HEADING = Pattern.compile("(?m)^## (.+)$");
  private static final Duration WITHIN = Duration.ofMinutes(2);

  record Block(String section, String script) {
    @Override
    public String toString() {
      return section;
    }
  }

  static Stream<Block> curlBlocks() throws Exception {
    String readme = Files.readString(home().resolve("README.md"), StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    Matcher m = BASH_BLOCK.matcher(readme);
    while (m.find()) {
      if (m.group(1).contains("curl ")) {
        blocks.add(new Block(section(readme, m.start()), m.group(1)));
      }
    }
    return blocks.stream();
  }

  private static String section(String readme, int at) {
    Matcher h = HEADING.matcher(readme.substring(0, at));
    String section = "(top)";
    while (h.find()) {
      section = h.group(1);
    }
    return section;
  }

  private static Path home() {
    return Path.of(System.getProperty("canopy.home", "../..")).toAbsolutePath().normalize();
  }

  @Test
  void theReadmeHasTheCommandsThisTestRuns() throws Exception {
    assertThat(curlBlocks().map(Block::section))
        .contains(
            "Send events and query them", "Tenants, keys and quotas", "Personal data", "Sketches");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("curlBlocks")
  void runsAsPastedAndAnswersWhatItShows(Block block) throws Exception {
    awaitEventsQueryable();

    Stack stack = LocalStackExtension.stack();
    Path output = Files.createTempFile("readme-it", ".out");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
                  "bash", "-euo", "pipefail", "-c", "eval \"$(bin/canopy env)\"\n" + block.script())
              .directory(stack.layout().home().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      pb.environment().put("CANOPY_DATA_DIR", stack.layout().root().toString());
      Process p = pb.start();
      boolean finished = p.waitFor(60, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly().waitFor();
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(finished).as("the block ended within 60 s; it printed:%n%s", out).isTrue();
      assertThat(p.exitValue()).as("exit status; it printed:%n%s", out).isZero();

      List<JsonNode> answers = answers(out);
      assertThat(answers).as(out).isNotEmpty();
      for (JsonNode answer : answers) {
        assertThat(answer.has("error")).as("an error answer:%n%s", answer).isFalse();
      }
      for (JsonNode shown : shownAnswers(block.script())) {
        assertThat(answers)
            .as("README shows %s; the commands printed:%n%s", shown, out)
            .contains(shown);
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** What the commands printed: one JSON document per curl, back to back. */
  private static List<JsonNode> answers(String out) throws Exception {
    List<JsonNode> answers = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(out)) {
      while (parser.nextToken() != null) {
        answers.add(JSON.readTree(parser)); // a root array stays one answer
      }
    }
    return answers;
  }

  /** The {@code # {...}} and {@code # [...]} comments: answers the README says come back. */
  private static List<JsonNode> shownAnswers(String script) throws Exception {
    List<JsonNode> shown = new ArrayList<>();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.startsWith("# {") || t.startsWith("# [")) {
        shown.add(JSON.readTree(t.substring(2)));
      }
    }
    return shown;
  }

  /**
   * {@code up --demo} back-fills hours of events before a user pastes anything; this stack may not
   * have served one yet, so the README's queries wait until {@code events} exists.
   */
  private static void awaitEventsQueryable() throws Exception {
    String router = LocalStackExtension.stack().ports().routerUrl();
    AdminApi ingest =
        new AdminApi(
            LocalStackExtension.stack().ports().controlPlaneUrl(), LocalStackExtension.apiKey());
    ingest.call(
        "POST", "/v1/events", "[" + Events.event("page_view", Instant.now(), "readme") + "]", 200);
    AdminApi druid = AdminApi.druid(router);
    Await.until(
        WITHIN,
        () -> {
          try {
            return druid
                .call(
                    "POST",
                    "/druid/v2/sql",
                    "{\"query\": \"SELECT COUNT(*) AS n FROM events\"}",
                    200)
                .path(0)
                .path("n")
                .asLong();
          } catch (AssertionError notYet) {
            return 0L; // 400 while Druid knows no segment of events
          }
        },
        n -> n > 0,
        "the events datasource queryable");
  }
}
