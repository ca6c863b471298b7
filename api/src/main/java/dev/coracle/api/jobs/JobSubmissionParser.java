package dev.coracle.api.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coracle.api.openai.JsonBody;
import dev.coracle.api.openai.OpenAiException;
import dev.coracle.api.openai.chat.ParsedCompletion;
import dev.coracle.workflows.chat.RequestClass;
import java.util.Set;

/**
 * Validates a job request: an OpenAI chat-completion body, so clients reuse what they already
 * build, plus where the job works and how much planning it gets.
 */
final class JobSubmissionParser {

  static final String DEFAULT_MODEL = "coracle";

  /** Status questions are answered, never run as jobs. */
  private static final Set<RequestClass> JOB_CLASSES =
      Set.of(RequestClass.DEEP, RequestClass.RESEARCH, RequestClass.FAST);

  private JobSubmissionParser() {}

  /**
   * @param workspaceHeader {@code x-coracle-workspace}, used when the body names no workspace
   */
  static JobSubmission parse(String body, String workspaceHeader) {
    JsonNode root = JsonBody.readObject(body);
    JsonNode model = root.get("model");
    if (model == null || model.isNull()) {
      ((ObjectNode) root).put("model", DEFAULT_MODEL);
    }
    // Whether the workspace is allowed is for the WorkspacePolicy, when the job starts.
    String workspace = optionalText(root, "workspace", workspaceHeader);
    RequestClass requestClass = requestClass(optionalText(root, "class", null));
    Boolean approvePlan = optionalBoolean(root, "approve_plan");
    ((ObjectNode) root).remove("approve_plan");
    return new JobSubmission(
        ParsedCompletion.parse(root.toString()), workspace, requestClass, approvePlan);
  }

  private static Boolean optionalBoolean(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw OpenAiException.invalid(field, "'" + field + "' must be true or false");
    }
    return node.booleanValue();
  }

  private static String optionalText(JsonNode root, String field, String fallback) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return fallback == null || fallback.isBlank() ? null : fallback;
    }
    if (!node.isTextual()) {
      throw OpenAiException.invalid(field, "'" + field + "' must be a string");
    }
    return node.asText();
  }

  private static RequestClass requestClass(String text) {
    if (text == null) {
      return RequestClass.DEEP;
    }
    for (RequestClass candidate : JOB_CLASSES) {
      if (candidate.wireName().equals(text)) {
        return candidate;
      }
    }
    throw OpenAiException.invalidValue(
        "class", "'class' must be one of deep, research or fast (got '" + text + "')");
  }
}
