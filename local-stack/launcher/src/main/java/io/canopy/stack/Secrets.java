package io.canopy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Generated credentials of the local stack, kept in {@code secrets/} with mode 0600 so they survive
 * {@code down}/{@code up} and are never printed by the launcher (only {@code env} prints the API
 * key and the operator token, on request).
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  public Secrets(Path dir) {
    this.dir = dir;
  }

  /** The PostgreSQL superuser password of the stack, created on first use. */
  public String postgresPassword() {
    return getOrCreate("postgres-password");
  }

  /** The file the PostgreSQL password lives in (initdb reads it). */
  public Path postgresPasswordFile() {
    postgresPassword();
    return dir.resolve("postgres-password");
  }

  /** The control plane's operator token (the admin API's credential), created on first use. */
  public String operatorToken() {
    return getOrCreate("operator-token");
  }

  /** What Druid's internal traffic signs with, and asks the control plane about keys with. */
  public String internalSecret() {
    return getOrCreate("internal-secret");
  }

  /** The password Druid's services give ZooKeeper (SASL digest, user {@code druid}). */
  public String zookeeperPassword() {
    return getOrCreate("zookeeper-password");
  }

  /**
   * The SCRAM-SHA-512 password of a Kafka user ({@code admin}, {@code control-plane} or {@code
   * druid}), created on first use.
   */
  public String kafkaPassword(String user) {
    return getOrCreate("kafka-" + user + "-password");
  }

  /** The password of Druid's Derby metadata store (user {@code app}), created on first use. */
  public String derbyPassword() {
    return getOrCreate("derby-password");
  }

  /**
   * The secret of a key in Druid's PII key ring, created on first use. Losing it makes the
   * pseudonyms already stored unlinkable to new data.
   */
  public String piiKey(String keyId) {
    return getOrCreate("pii-key-" + keyId);
  }

  private synchronized String getOrCreate(String name) {
    Path file = dir.resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(dir);
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      String value = HexFormat.of().formatHex(bytes);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, value);
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
