package io.canopy.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
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
  void aClockThatMovedSinceTheProcessStartedDoesNotMakeItAStranger() throws Exception {
    long me = ProcessHandle.current().pid();
    KernelStart kernel = KernelStart.of(me).orElseThrow(); // these tests run on Linux
    Instant anHourOff =
        ProcessHandle.current().info().startInstant().orElseThrow().plusSeconds(3600);
    Path file = dir.resolve("paused.pid");
    Files.writeString(file, me + " " + anHourOff.toEpochMilli() + " " + kernel.token());

    assertThat(PidFile.read(file).orElseThrow().liveProcess()).isPresent();
  }

  @Test
  void aReusedPidStartedAtOtherTicksIsNotOurProcessEvenAtTheSameInstant() throws Exception {
    long me = ProcessHandle.current().pid();
    KernelStart kernel = KernelStart.of(me).orElseThrow();
    Instant sameInstant = ProcessHandle.current().info().startInstant().orElseThrow();
    Path file = dir.resolve("reused.pid");
    Files.writeString(
        file,
        me
            + " "
            + sameInstant.toEpochMilli()
            + " "
            + new KernelStart(kernel.bootId(), kernel.ticks() + 1).token());

    assertThat(PidFile.read(file).orElseThrow().liveProcess()).isEmpty();
  }

  @Test
  void theKernelStartIsReadFromProcWhateverTheCommandName() throws Exception {
    Path oddName = Files.copy(Path.of("/bin/sleep"), dir.resolve("a) b (c"));
    oddName.toFile().setExecutable(true);
    Process sleeper = new ProcessBuilder(oddName.toString(), "60").start();
    try {
      Optional<KernelStart> odd = KernelStart.of(sleeper.pid());
      Optional<KernelStart> mine = KernelStart.of(ProcessHandle.current().pid());

      assertThat(odd).isPresent();
      assertThat(odd.orElseThrow().ticks()).isGreaterThan(mine.orElseThrow().ticks());
      assertThat(odd.orElseThrow().bootId()).isEqualTo(mine.orElseThrow().bootId());
      assertThat(KernelStart.parse(odd.orElseThrow().token())).isEqualTo(odd);
    } finally {
      sleeper.destroy();
    }
    assertThat(KernelStart.parse("garbled")).isEmpty();
    assertThat(KernelStart.of(Long.MAX_VALUE)).isEmpty();
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
