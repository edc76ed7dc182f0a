package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.Stack;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.demo.EventGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command of README.md and docs/*.md, pasted as a reader pastes it, against the integration
 * tests' stack: each {@code ```bash} block of a document in order, in one bash per document ({@link
 * DocShell}), so what one block sets ({@code QKEY}) is there for the next block of the same
 * document and for no other. Each document's shell starts with {@code eval "$(bin/canopy env)"}, as
 * README's first steps leave a reader; nothing else of another document's examples is there for it
 * (a fresh shell, {@code -u}).
 *
 * <p>A block must end within {@link #BLOCK_WITHIN} with the shell still running ({@code -euo
 * pipefail}: no command failed), print nothing but JSON answers and HTTP headers ({@link
 * PrintedAnswers}: {@code uuidgen: command not found} fails it), answer no error it does not show,
 * and answer every answer it shows in a {@code # {…}}, {@code # […]} or {@code # 404} comment
 * ({@link ShownAnswer}: {@code …} stands for what varies).
 *
 * <p>A block that stops, restarts or loads the stack, or runs for minutes (up, down, benchmarks,
 * chaos, the soak, a log followed, a Maven build) is not run, and says so where its reader sees it:
 * the line right above its fence is {@code <!-- not run by ReadmeCommandsIT: why -->} ({@link
 * DocBlock}). {@code DocBlockTest} fails the build on such a block without the marker, on a marker
 * without a reason and on a marker that marks nothing.
 *
 * <p>Documents run README.md last and docs/ in reverse order of their names: no reader takes that
 * order, so a document that leans on another's examples (a tenant or a key made there) fails here
 * instead of passing by luck. Before the first, a slice of the demo's traffic is sent and awaited
 * ({@link #sendDemoTraffic()}): what {@code up --demo} gives a reader before they paste anything.
 */
@ExtendWith(LocalStackExtension.class)
class ReadmeCommandsIT {
  static final Duration BLOCK_WITHIN = Duration.ofMinutes(3);
  private static final Duration EVENTS_WITHIN = Duration.ofMinutes(2);
  private static final int DEMO_EVENTS = 2_000;
  private static final long DEMO_SEED = 32;
  private static final int DEMO_USERS = 5_000; // as many as the demo's

  @TestFactory
  Stream<DynamicNode> everyBlockRunsAsPastedAndAnswersWhatItShows() throws Exception {
    sendDemoTraffic();
    List<DynamicNode> documents = new ArrayList<>();
    for (Path doc : documentsInTestOrder()) {
      String name = home().relativize(doc).toString();
      List<DocBlock> runs = DocBlock.read(doc, name).stream().filter(DocBlock::runs).toList();
      if (!runs.isEmpty()) {
        documents.add(DynamicContainer.dynamicContainer(name, blocks(runs)));
      }
    }
    assertThat(documents).as("documents with commands that run").hasSizeGreaterThan(5);
    return documents.stream();
  }

  /** README.md last, docs/ before it in reverse order of their names. */
  static List<Path> documentsInTestOrder() throws Exception {
    List<Path> docs;
    try (Stream<Path> files = Files.list(home().resolve("docs"))) {
      docs =
          new ArrayList<>(
              files
                  .filter(f -> f.getFileName().toString().endsWith(".md"))
                  .sorted(Comparator.reverseOrder())
                  .toList());
    }
    docs.add(home().resolve("README.md"));
    return docs;
  }

  static Path home() {
    return Path.of(System.getProperty("canopy.home", "../..")).toAbsolutePath().normalize();
  }

  /** One test per block, in order, sharing one shell opened by the first and closed by the last. */
  private static Stream<DynamicTest> blocks(List<DocBlock> runs) {
    DocShell[] shell = new DocShell[1];
    return IntStream.range(0, runs.size())
        .mapToObj(
            i ->
                DynamicTest.dynamicTest(
                    "line " + runs.get(i).line() + ": " + runs.get(i).section(),
                    () -> {
                      try {
                        if (i == 0) {
                          shell[0] = openShell();
                        }
                        runAsPasted(shell[0], runs.get(i));
                      } finally {
                        if (i == runs.size() - 1 && shell[0] != null) {
                          shell[0].close();
                        }
                      }
                    }));
  }

  private static DocShell openShell() throws Exception {
    Stack stack = LocalStackExtension.stack();
    DocShell shell = new DocShell(stack.layout().home(), stack.layout().root());
    DocShell.Result env = shell.run("eval \"$(bin/canopy env)\"", BLOCK_WITHIN);
    assertThat(env.ended()).as("eval \"$(bin/canopy env)\" printed:%n%s", env.printed()).isFalse();
    return shell;
  }

  private static void runAsPasted(DocShell shell, DocBlock block) throws Exception {
    assertThat(shell != null && shell.running())
        .as("%s: an earlier block of its document ended its shell", block)
        .isTrue();
    assertThat(block.longOrStopping())
        .as("%s would stop the stack or run for minutes: mark it (DocBlock)", block)
        .isEmpty();
    DocShell.Result result = shell.run(block.script(), BLOCK_WITHIN);
    String printed = result.printed();
    assertThat(result.timedOut())
        .as("%s ran longer than %s; it printed:%n%s", block, BLOCK_WITHIN, printed)
        .isFalse();
    assertThat(result.ended())
        .as("%s ended the shell with exit %d; it printed:%n%s", block, result.exit(), printed)
        .isFalse();

    PrintedAnswers answers = PrintedAnswers.read(printed);
    assertThat(answers.other())
        .as("%s printed what is no answer; it printed:%n%s", block, printed)
        .isEmpty();
    List<ShownAnswer> shown = block.shown();
    for (JsonNode answer : answers.answers()) {
      if (answer.isObject() && answer.has("error")) {
        assertThat(shown.stream().filter(ShownAnswer::isError).anyMatch(s -> s.matches(answer)))
            .as(
                "%s answered an error it does not show: %s%nit printed:%n%s",
                block, answer, printed)
            .isTrue();
      }
    }
    for (ShownAnswer s : shown) {
      assertThat(answers.answers().stream().anyMatch(s::matches))
          .as("%s shows %s; it printed:%n%s", block, s, printed)
          .isTrue();
    }
    for (ShownResponse s : block.shownResponses()) {
      assertThat(answers.responses().stream().anyMatch(s::matches))
          .as("%s shows an answer's %s; it printed:%n%s", block, s, printed)
          .isTrue();
    }
  }

  /**
   * What {@code up --demo} gives a reader before they paste anything, in small: {@link
   * #DEMO_EVENTS} of the demo generator's events over the last ten minutes, sent as the default
   * tenant (in batches, each with its key, again after a refusal such as a 429) and awaited in
   * Druid. The documents' examples then have pages, countries, durations and users to show.
   */
  private static void sendDemoTraffic() {
    Instant now = Instant.now();
    Instant from = now.minus(Duration.ofMinutes(10));
    EventGenerator generator = new EventGenerator(DEMO_SEED, DEMO_USERS);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < DEMO_EVENTS; i++) {
      events.add(
          generator.next(
              from.plusMillis(i * Duration.between(from, now).toMillis() / DEMO_EVENTS)));
    }
    Stack stack = LocalStackExtension.stack();
    IngestClient ingest =
        new IngestClient(stack.ports().controlPlaneUrl(), LocalStackExtension.apiKey());
    for (int i = 0; i < DEMO_EVENTS; i += 500) {
      List<String> batch = events.subList(i, i + 500);
      String key = "readme-commands-" + now.toEpochMilli() + "-" + i;
      Await.until(
          EVENTS_WITHIN,
          () -> ingest.post(batch, key).status(),
          status -> status == 200,
          "the demo events accepted");
    }
    AdminApi druid = AdminApi.druid(stack.ports().routerUrl());
    String count =
        "{\"query\": \"SELECT SUM(\\\"count\\\") AS n FROM events WHERE tenant = 'default'"
            + " AND __time >= MILLIS_TO_TIMESTAMP("
            + from.truncatedTo(ChronoUnit.MINUTES).toEpochMilli() // rows are per minute
            + ")\"}";
    Await.until(
        EVENTS_WITHIN,
        () -> {
          try {
            return druid.call("POST", "/druid/v2/sql", count, 200).path(0).path("n").asLong();
          } catch (AssertionError notYet) {
            return 0L; // 400 while Druid knows no segment of events
          }
        },
        n -> n >= DEMO_EVENTS,
        "the demo events in Druid");
  }
}
