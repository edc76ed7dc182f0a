package io.canopy.controlplane.datasource.api;

/**
 * Body of {@code POST …/datasources/{name}/thaw}: the interval to load back ({@code
 * 2026-10-01/2026-10-08}, dates or ISO instants, at most 31 days, in the past) and for how long
 * (ISO-8601 duration, {@code PT1M} to {@code P7D}; {@code PT24H} when left out).
 */
public record ThawRequest(String interval, String duration) {}
