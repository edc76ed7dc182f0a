package io.canopy.controlplane.web;

import java.util.List;

/**
 * One page of a listing. {@code next} is the cursor for the following page (pass it as {@code
 * after}); null on the last page.
 */
public record PageResponse<T>(List<T> items, String next) {}
