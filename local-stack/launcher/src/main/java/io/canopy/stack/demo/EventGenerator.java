package io.canopy.stack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Synthetic product events: page views, clicks and purchases with revenue, across countries,
 * devices, campaigns, pages and referrers, with a daily traffic shape. Deterministic for a seed.
 * Not thread-safe: one generator per thread.
 */
public final class EventGenerator {
  private static final String[] COUNTRIES = {
    "US", "US", "US", "DE", "GB", "FR", "IN", "BR", "JP", "CA"
  };
  private static final String[] DEVICES = {
    "desktop", "desktop", "mobile", "mobile", "mobile", "tablet"
  };
  private static final String[] CAMPAIGNS = {
    "", "", "spring-sale", "newsletter", "brand-search", "retargeting"
  };
  private static final String[] PAGES = {
    "/",
    "/",
    "/pricing",
    "/docs",
    "/docs/getting-started",
    "/blog",
    "/signup",
    "/product/canopy",
    "/checkout"
  };
  private static final String[] REFERRERS = {
    "",
    "https://www.google.com/",
    "https://news.ycombinator.com/",
    "https://twitter.com/",
    "https://github.com/"
  };
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Random random;
  private final int users;

  public EventGenerator(long seed, int users) {
    this.random = new Random(seed);
    this.users = users;
  }

  /** Relative traffic at a time of day: low at night (UTC), peak mid-afternoon; 0.2 to 1.0. */
  public static double dailyShape(Instant at) {
    int minuteOfDay =
        at.atZone(ZoneOffset.UTC).getHour() * 60 + at.atZone(ZoneOffset.UTC).getMinute();
    double phase = (minuteOfDay - 15 * 60) / (24.0 * 60) * 2 * Math.PI;
    return 0.6 + 0.4 * Math.cos(phase);
  }

  /** One event as a JSON object string, stamped {@code at}. */
  public String next(Instant at) {
    return toJson(event(at));
  }

  /** One event with {@code properties} padded so the JSON is about {@code bytes} long. */
  public String next(Instant at, int bytes) {
    ObjectNode e = event(at);
    int missing = bytes - toJson(e).length() - 40;
    if (missing > 0) {
      e.putObject("properties")
          .put("note", "x".repeat(missing))
          .put("ab_test", "variant-" + random.nextInt(4));
    }
    return toJson(e);
  }

  private ObjectNode event(Instant at) {
    ObjectNode e = JSON.createObjectNode();
    double roll = random.nextDouble();
    String type = roll < 0.70 ? "page_view" : roll < 0.95 ? "click" : "purchase";
    e.put("event", type);
    e.put("timestamp", at.toString());
    e.put("user_id", "user-" + random.nextInt(users));
    e.put("country", pick(COUNTRIES));
    e.put("device", pick(DEVICES));
    String campaign = pick(CAMPAIGNS);
    if (!campaign.isEmpty()) {
      e.put("campaign", campaign);
    }
    e.put(
        "page",
        type.equals("purchase")
            ? "/checkout"
            : random.nextInt(4) == 0 ? "/product/" + (10_000 + random.nextInt(50)) : pick(PAGES));
    e.put(
        "ip",
        (1 + random.nextInt(223))
            + "."
            + random.nextInt(256)
            + "."
            + random.nextInt(256)
            + "."
            + (1 + random.nextInt(254)));
    String referrer = pick(REFERRERS);
    if (!referrer.isEmpty()) {
      e.put("referrer", referrer);
    }
    if (type.equals("purchase")) {
      e.put("revenue", Math.round((5 + random.nextDouble() * 195) * 100) / 100.0);
    }
    e.put("duration_ms", (long) Math.exp(5 + random.nextGaussian() * 0.8));
    return e;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String toJson(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
