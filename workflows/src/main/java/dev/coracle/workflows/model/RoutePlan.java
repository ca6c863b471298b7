package dev.coracle.workflows.model;

import java.util.List;

/**
 * The models to try for one request, best first.
 *
 * @param unavailable when {@code candidates} is empty, why no provider can serve
 */
public record RoutePlan(List<ModelTarget> candidates, String unavailable) {}
