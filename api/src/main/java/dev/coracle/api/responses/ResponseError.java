package dev.coracle.api.responses;

/** Why a response failed, as {@code response.failed} carries it. */
public record ResponseError(String code, String message) {}
