package io.canopy.controlplane.ingest.api;

import io.canopy.controlplane.ingest.Rejection;
import java.util.List;

/** Body of a {@code POST /v1/events} answer: events acknowledged by Kafka, and rejections. */
public record IngestResponse(int accepted, List<Rejection> rejected) {}
