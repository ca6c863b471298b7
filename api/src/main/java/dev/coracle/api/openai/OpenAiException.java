package dev.coracle.api.openai;

/**
 * An error to send in OpenAI's shape: {@code {"error":{"message","type","param","code"}}}. Thrown
 * anywhere in request handling; {@link OpenAiExceptionHandler} writes it.
 */
public class OpenAiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;
  private final String code;

  public OpenAiException(int status, String type, String param, String code, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** 400 for a request that can never succeed as sent. */
  public static OpenAiException invalid(String param, String message) {
    return new OpenAiException(400, "invalid_request_error", param, null, message);
  }

  public static OpenAiException invalidValue(String param, String message) {
    return new OpenAiException(400, "invalid_request_error", param, "invalid_value", message);
  }

  public static OpenAiException unknownModel(String model) {
    return new OpenAiException(
        404,
        "invalid_request_error",
        "model",
        "model_not_found",
        "The model '"
            + model
            + "' does not exist here; GET /v1/models lists the models coracle"
            + " serves");
  }

  public static OpenAiException unavailable(String message) {
    return new OpenAiException(503, "service_unavailable", null, "no_provider", message);
  }

  public int status() {
    return status;
  }

  /**
   * True for an answer that says "not now" rather than "never": a 503 {@code no_provider} or a 429.
   * It carries a {@code Retry-After} header.
   */
  public boolean worthRetryingLater() {
    return status == 429 || status == 503 && "no_provider".equals(code);
  }

  public OpenAiError toError() {
    return new OpenAiError(getMessage(), type, param, code);
  }
}
