package dev.coracle.api.security;

/**
 * Why the front door turned a request away.
 *
 * @param status 403 for a request from the wrong place, 401 for one without the right key
 * @param code a stable machine-readable reason, e.g. {@code host_not_allowed}
 * @param message what the user should change, in one sentence or two
 */
record Refusal(int status, String code, String message) {

  static Refusal forbidden(String code, String message) {
    return new Refusal(403, code, message);
  }

  static Refusal unauthorized(String code, String message) {
    return new Refusal(401, code, message);
  }
}
