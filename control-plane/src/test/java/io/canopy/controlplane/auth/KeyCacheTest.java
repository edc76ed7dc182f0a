package io.canopy.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.auth.db.ApiKeyRow;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeyCacheTest {
  private final KeyCache cache = new KeyCache();
  private final AtomicInteger loads = new AtomicInteger();

  private static ApiKeyRow row(String prefix) {
    return new ApiKeyRow(
        UUID.randomUUID(),
        prefix,
        UUID.randomUUID(),
        "acme",
        TenantStatus.ACTIVE,
        Quotas.UNSET,
        new byte[32],
        Set.of("query"),
        null,
        null);
  }

  private Function<String, Optional<ApiKeyRow>> database(Optional<ApiKeyRow> answer) {
    return prefix -> {
      loads.incrementAndGet();
      return answer;
    };
  }

  @Test
  void whileNobodyListensEveryLookupReadsTheDatabase() {
    var db = database(Optional.of(row("p1")));
    cache.find("p1", db);
    cache.find("p1", db);
    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void whileListeningAKeyIsReadOnceUntilAccessChanges() {
    cache.listening(true);
    ApiKeyRow stored = row("p1");
    var db = database(Optional.of(stored));

    assertThat(cache.find("p1", db)).containsSame(stored);
    assertThat(cache.find("p1", db)).containsSame(stored);
    assertThat(loads).hasValue(1);

    cache.invalidateAll();
    assertThat(cache.find("p1", database(Optional.empty()))).isEmpty();
    assertThat(loads).hasValue(2);
  }

  @Test
  void anUnknownKeyIsNeverStored() {
    cache.listening(true);
    var db = database(Optional.empty());
    cache.find("nope", db);
    cache.find("nope", db);
    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void aLookupThatRacedWithARevocationIsNeverServed() {
    cache.listening(true);
    ApiKeyRow beforeRevocation = row("p1");
    // The row was read, then the revocation's notice arrived before the row was stored.
    Function<String, Optional<ApiKeyRow>> racing =
        prefix -> {
          loads.incrementAndGet();
          cache.invalidateAll();
          return Optional.of(beforeRevocation);
        };
    assertThat(cache.find("p1", racing)).containsSame(beforeRevocation);

    assertThat(cache.find("p1", database(Optional.empty())))
        .as("the next request reads the database again")
        .isEmpty();
    assertThat(loads).hasValue(2);
  }

  @Test
  void losingTheListenerForgetsEverythingAndStopsServingFromMemory() {
    cache.listening(true);
    var db = database(Optional.of(row("p1")));
    cache.find("p1", db);

    cache.listening(false);
    cache.find("p1", db);
    cache.find("p1", db);
    assertThat(loads).hasValue(3);

    cache.listening(true);
    cache.find("p1", db);
    cache.find("p1", db);
    assertThat(loads).as("listening again: cached from the first read on").hasValue(4);
  }
}
