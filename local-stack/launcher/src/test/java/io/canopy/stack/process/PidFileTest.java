package io.canopy.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
  @TempDir Path dir;

  @Test
  void aWrittenPidFileFindsItsLiveProcess() {
    PidFile written = PidFile.write(dir.resolve("me.pid"), ProcessHandle.current());

    PidFile read = PidFile.read(written.path()).orElseThrow();

    assertThat(read.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(read.liveProcess()).isPresent();
  }

  @Test
  void aReusedPidWithAnotherStartTimeIsNotOurProcess() throws Exception {
    Path file = dir.resolve("old.pid");
    Files.writeString(
        file,
        ProcessHandle.current().pid() + " " + Instant.parse("2001-01-01T00:00:00Z").toEpochMilli());

    assertThat(PidFile.read(file).orElseThrow().liveProcess()).isEmpty();
  }

  @Test
  void missingOrGarbledFilesNameNoProcess() throws Exception {
    Files.writeString(dir.resolve("garbled.pid"), "not a pid");

    assertThat(PidFile.read(dir.resolve("absent.pid"))).isEmpty();
    assertThat(PidFile.read(dir.resolve("garbled.pid"))).isEmpty();
  }

  @Test
  void stoppingRemovesTheFileAndTheProcess() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    PidFile pid = PidFile.write(dir.resolve("sleeper.pid"), sleeper.toHandle());

    assertThat(Processes.stop(pid, java.time.Duration.ofSeconds(10))).isTrue();

    assertThat(sleeper.isAlive()).isFalse();
    assertThat(pid.path()).doesNotExist();
  }
}
