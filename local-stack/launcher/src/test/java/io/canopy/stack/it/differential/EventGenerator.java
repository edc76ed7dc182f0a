package io.canopy.stack.it.differential;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The run's events, from a seed: every dimension with nulls, few users and pages (so the sketches
 * are exact or nearly so), revenue in quarters (so sums are exact in binary), refunds with negative
 * revenue (settled tenants only, so the data that changes only grows), duplicates inside a batch.
 * Each batch covers minutes no other batch of the tenant has, or carries a campaign of its own, so
 * a rolled-up row is always one batch's. Values avoid what the PII detectors would rewrite.
 */
final class EventGenerator {
  /** The most events in one settled batch (a minute is never split between two). */
  static final int BATCH = 400;

  private static final String[] TYPES = {
    "page_view",
    "page_view",
    "page_view",
    "page_view",
    "page_view",
    "page_view",
    "click",
    "click",
    "click",
    "purchase",
    "signup",
    "search"
  };
  private static final String[] COUNTRIES = {
    "US", "US", "US", "DE", "DE", "FR", "GB", "IN", "JP", "BR"
  };
  private static final String[] DEVICES = {"mobile", "mobile", "desktop", "desktop", "tablet"};
  private static final String[] CAMPAIGNS = {"spring", "brand", "retarget"};
  private static final String[] PAGES = {
    "/home",
    "/home",
    "/pricing",
    "/docs/intro",
    "/docs/api",
    "/blog/launch",
    "/checkout",
    "/signup",
    "/p/7",
    "/p/42",
    "/search?q=shoes",
    "/a_b%c"
  };
  private static final String[] REFERRERS = {
    "https://www.google.com/", "https://news.example.org/item", "direct"
  };
  private static final long[] DURATIONS = {0, 20, 50, 120, 250, 400, 800, 1500, 3000, 12000};
  private static final double[] PRICES = {9.5, 19.25, 49.0, 99.75, 120.0};

  private final long seed;

  EventGenerator(long seed) {
    this.seed = seed;
  }

  /**
   * A settled tenant's events from 6 days before {@code t0} to 8 minutes after it (the ingest API
   * takes 7 days back and 10 minutes ahead), sparse in the past and dense in the last hours, in
   * batches of whole minutes.
   */
  List<Batch> settled(Tenant tenant, Instant t0) {
    Random random = new Random(seed * 1_000_003L + tenant.variant());
    Instant now = t0.truncatedTo(ChronoUnit.MINUTES);
    TreeMap<Instant, Integer> minutes = new TreeMap<>();
    for (int i = 0; i < 500; i++) {
      minutes.put(now.minus(Duration.ofMinutes(180 + random.nextInt(6 * 24 * 60 - 240))), 0);
    }
    for (int i = 0; i < 150; i++) {
      minutes.put(now.minus(Duration.ofMinutes(1 + random.nextInt(180))), 0);
    }
    for (int i = 1; i <= 8; i += 2) {
      minutes.put(now.plus(Duration.ofMinutes(i)), 0);
    }
    List<Batch> batches = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    for (Instant minute : minutes.keySet()) {
      if (events.size() >= BATCH) {
        batches.add(new Batch(tenant.slug(), events));
        events = new ArrayList<>();
      }
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        Event e = event(random, tenant, minute.plusSeconds(random.nextInt(60)), null, true);
        events.add(e);
        if (random.nextInt(25) == 0) {
          events.add(e); // the same event twice counts twice
        }
      }
    }
    batches.add(new Batch(tenant.slug(), events));
    return batches;
  }

  /**
   * A batch of {@code n} events around {@code now} (two minutes back to five ahead), with a
   * campaign of its own ({@code live-<number>}), for a tenant whose data keeps arriving.
   */
  Batch live(Tenant tenant, Random random, Instant now, int number, int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = now.plusSeconds(-120 + random.nextInt(random.nextInt(10) == 0 ? 420 : 120));
      events.add(event(random, tenant, at, "live-" + number, false));
    }
    return new Batch(tenant.slug(), events);
  }

  /**
   * A batch of late events: {@code n} events in hours between {@code from} and {@code to} (hours
   * already handed off), with a campaign of its own ({@code late-<number>}).
   */
  Batch late(Tenant tenant, Instant from, Instant to, int number, int n) {
    Random random = new Random(seed * 7_919L + number);
    long span = Duration.between(from, to).toSeconds();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = from.plusSeconds((long) (random.nextDouble() * span));
      events.add(event(random, tenant, at, "late-" + number, false));
    }
    return new Batch(tenant.slug(), events);
  }

  /** Values of {@code d} as Druid stores them for {@code tenant}, for filters to ask about. */
  static List<String> storedValues(Dimension d, Tenant tenant) {
    int v = tenant.variant();
    return switch (d) {
      case EVENT -> List.of("page_view", "click", "purchase", "signup", "search", "refund");
      case COUNTRY -> distinct(COUNTRIES);
      case DEVICE -> distinct(DEVICES);
      case CAMPAIGN ->
          java.util.Arrays.stream(CAMPAIGNS).map(c -> tenant.slug() + "-" + c).toList();
      case PAGE -> distinct(PAGES);
      case REFERRER -> distinct(REFERRERS);
      case IP -> List.of("10." + v + ".0.0", "10." + v + ".2.0", "2001:db8:a" + v + "::");
    };
  }

  private static List<String> distinct(String[] values) {
    return java.util.Arrays.stream(values).distinct().toList();
  }

  private static Event event(
      Random random, Tenant tenant, Instant at, String campaign, boolean refunds) {
    Map<Dimension, String> dims = new EnumMap<>(Dimension.class);
    String type = refunds && random.nextInt(40) == 0 ? "refund" : pick(random, TYPES);
    dims.put(Dimension.EVENT, type);
    maybe(random, dims, Dimension.COUNTRY, 10, pick(random, COUNTRIES));
    maybe(random, dims, Dimension.DEVICE, 8, pick(random, DEVICES));
    String ownCampaign = campaign != null ? campaign : pick(random, CAMPAIGNS);
    maybe(
        random,
        dims,
        Dimension.CAMPAIGN,
        campaign != null ? 0 : 40,
        tenant.slug() + "-" + ownCampaign);
    maybe(random, dims, Dimension.PAGE, 8, pick(random, PAGES));
    maybe(random, dims, Dimension.REFERRER, 35, pick(random, REFERRERS));
    maybe(random, dims, Dimension.IP, 15, ip(random, tenant.variant()));
    String user =
        random.nextInt(10) == 0 ? null : "u" + tenant.variant() + "-" + random.nextInt(40);
    Long duration = random.nextInt(4) == 0 ? null : DURATIONS[random.nextInt(DURATIONS.length)];
    return new Event(at, dims, user, duration, revenue(random, type));
  }

  private static Double revenue(Random random, String type) {
    return switch (type) {
      case "purchase" -> random.nextInt(7) == 0 ? null : PRICES[random.nextInt(PRICES.length)];
      case "refund" -> -PRICES[random.nextInt(3)];
      default -> random.nextInt(30) == 0 ? 0.25 * (1 + random.nextInt(8)) : null;
    };
  }

  /** IPv4 (stored as its /24), IPv6 (stored as its /48), or not an address (stored as null). */
  private static String ip(Random random, int variant) {
    return switch (random.nextInt(6)) {
      case 0 ->
          "2001:db8:a" + variant + ":" + (1 + random.nextInt(3)) + "::" + (1 + random.nextInt(99));
      case 1 -> "unknown";
      default -> "10." + variant + "." + random.nextInt(4) + "." + (1 + random.nextInt(250));
    };
  }

  private static void maybe(
      Random random, Map<Dimension, String> dims, Dimension d, int nullPercent, String value) {
    if (random.nextInt(100) >= nullPercent) {
      dims.put(d, value);
    }
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
