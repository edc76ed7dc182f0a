package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link ReadmeCommandsIT} reads a document's blocks, and the rules every document of the
 * repository keeps, checked on every build (no stack needed): a block that stops, restarts or loads
 * the stack or runs for minutes carries the marker, with its reason; every answer a block shows is
 * one the test can check.
 */
class DocBlockTest {
  @TempDir Path dir;

  private List<DocBlock> read(String markdown) throws Exception {
    Path file = dir.resolve("doc.md");
    Files.writeString(file, markdown);
    return DocBlock.read(file, "doc.md");
  }

  @Test
  void readsBashBlocksInOrderWithTheirSectionLineAndMarker() throws Exception {
    List<DocBlock> blocks =
        read(
            """
            # Title
            ```bash
            echo one
            ```
            ## Load

            <!-- not run by ReadmeCommandsIT: a benchmark of ten minutes -->
            ```bash
            bin/canopy bench
            ```
            ```json
            {"not": "bash"}
            ```
            ### A list
            - item:

              ```bash
              curl -s "$CANOPY_URL"
                --next
              ```
            """);
    assertThat(blocks).hasSize(3);
    assertThat(blocks.get(0)).isEqualTo(new DocBlock("doc.md", 2, "Title", "echo one\n", null));
    assertThat(blocks.get(1).notRunBecause()).isEqualTo("a benchmark of ten minutes");
    assertThat(blocks.get(1).runs()).isFalse();
    assertThat(blocks.get(1).section()).isEqualTo("Load");
    assertThat(blocks.get(2).script()).isEqualTo("curl -s \"$CANOPY_URL\"\n  --next\n");
    assertThat(blocks.get(2).section()).isEqualTo("A list");
  }

  @Test
  void aMarkerNeedsItsReasonAndABashBlockRightBelowIt() {
    assertThatThrownBy(() -> read("<!-- not run by ReadmeCommandsIT: -->\n```bash\nx\n```\n"))
        .hasMessageContaining("without its reason");
    assertThatThrownBy(
            () -> read("<!-- not run by ReadmeCommandsIT: slow -->\n\n```bash\nx\n```\n"))
        .hasMessageContaining("no ```bash block follows");
    assertThatThrownBy(() -> read("<!-- not run by ReadmeCommandsIT: slow -->\n```\nx\n```\n"))
        .hasMessageContaining("no ```bash block follows");
    assertThatThrownBy(() -> read("```bash\nx\n")).hasMessageContaining("never closes");
  }

  @Test
  void proseThatNamesTheMarkerIsNoMarker() throws Exception {
    assertThat(read("A line `<!-- not run by ReadmeCommandsIT: why -->` marks a block.\ntext\n"))
        .isEmpty();
  }

  @Test
  void findsWhatOnlyAMarkedBlockMayRun() throws Exception {
    for (String command :
        List.of(
            "bin/canopy up --demo",
            "bin/canopy down",
            "bin/canopy bench --only query",
            "bin/canopy chaos",
            "bin/canopy logs druid-broker -f",
            "bench/soak.sh 5000 30 5",
            "mvn -B verify",
            "cd x && mvn -q test",
            "kill 4242",
            "jcmd 42 JFR.start")) {
      assertThat(read("```bash\n" + command + "\n```\n").get(0).longOrStopping())
          .as(command)
          .isPresent();
    }
    for (String command :
        List.of(
            "bin/canopy status",
            "bin/canopy logs druid-broker",
            "bin/canopy env",
            "curl -s x -d '{\"type\": \"kill\", \"dataSource\": \"mvn jcmd\"}'")) {
      assertThat(read("```bash\n" + command + "\n```\n").get(0).longOrStopping())
          .as(command)
          .isEmpty();
    }
  }

  @Test
  void everyDocumentMarksWhatMustNotRunAndShowsAnswersTheTestCanCheck() throws Exception {
    List<String> unmarked = new ArrayList<>();
    int runs = 0;
    for (Path doc : ReadmeCommandsIT.documentsInTestOrder()) {
      String name = ReadmeCommandsIT.home().relativize(doc).toString();
      for (DocBlock block : DocBlock.read(doc, name)) {
        if (block.runs()) {
          runs++;
          block.longOrStopping().ifPresent(c -> unmarked.add(block + ": " + c));
        }
        assertThat(block.shown()).as("the answers %s shows", block).isNotNull();
      }
    }
    assertThat(unmarked)
        .as("blocks that stop, restart or load the stack or run for minutes, unmarked")
        .isEmpty();
    assertThat(runs).as("blocks that run").isGreaterThan(30);
  }
}
