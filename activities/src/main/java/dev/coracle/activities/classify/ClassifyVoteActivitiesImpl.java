package dev.coracle.activities.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coracle.activities.heartbeat.SteadyHeartbeat;
import dev.coracle.activities.json.CoracleJson;
import dev.coracle.activities.metrics.CoracleMetrics;
import dev.coracle.activities.model.ConfiguredProvider;
import dev.coracle.activities.model.LocalSlotGate;
import dev.coracle.activities.model.ProviderCatalog;
import dev.coracle.activities.providers.ModelInvoker;
import dev.coracle.activities.providers.ProviderException;
import dev.coracle.activities.store.AuditLog;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.ClassifyVoteActivities;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.SamplingParams;
import dev.coracle.workflows.model.ModelAnswer;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * The local reasoning model's vote on an unsure classification. Structured output (a JSON schema
 * with the four classes as an enum) keeps the answer machine-readable; anything else fails the vote
 * and the in-process verdict stands.
 */
@Singleton
public class ClassifyVoteActivitiesImpl implements ClassifyVoteActivities {
  static final String INSTRUCTIONS =
      """
      You route requests for a coding assistant. Pick exactly one class for the user's request:
      - status: asks about the progress or state of coding jobs already running or finished
      - fast: a single-shot answer (a question, an explanation, a small snippet)
      - deep: multi-step coding, design or debugging work that needs a plan
      - research: needs outside or current information, sources or comparisons
      Answer with JSON only.""";

  static final String SCHEMA =
      """
      {"type":"json_schema","json_schema":{"name":"classification","strict":true,"schema":{
        "type":"object","additionalProperties":false,"required":["class","confidence"],
        "properties":{
          "class":{"type":"string","enum":["status","fast","deep","research"]},
          "confidence":{"type":"number","minimum":0,"maximum":1}}}}}""";

  /** The vote reads the request, not the conversation: keep the prompt small and fast. */
  private static final int MAX_PROMPT_CHARS = 2000;

  private static final ObjectMapper JSON = CoracleJson.mapper();

  private final ProviderCatalog catalog;
  private final ModelInvoker invoker;
  private final LocalSlotGate slot;
  private final AuditLog audit;
  private final CoracleMetrics metrics;

  public ClassifyVoteActivitiesImpl(
      ProviderCatalog catalog,
      ModelInvoker invoker,
      LocalSlotGate slot,
      AuditLog audit,
      CoracleMetrics metrics) {
    this.catalog = catalog;
    this.invoker = invoker;
    this.slot = slot;
    this.audit = audit;
    this.metrics = metrics;
  }

  @Override
  public Classification vote(ChatRequest request, Classification unsure) {
    String model =
        catalog.reasoningModel().orElseThrow(() -> unavailable("no local reasoning model"));
    ConfiguredProvider ollama =
        catalog
            .find(ProviderCatalog.LOCAL_OLLAMA)
            .orElseThrow(() -> unavailable("no local Ollama"));
    String text = request.lastUserText();
    List<ChatMessage> messages =
        List.of(
            new ChatMessage("system", INSTRUCTIONS),
            new ChatMessage("user", text.substring(0, Math.min(text.length(), MAX_PROMPT_CHARS))));
    SamplingParams params = new SamplingParams(60, 0.0, null, List.of(), 7, SCHEMA.strip());
    String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
    // The vote is a local-model call like any other: one model resident, and the RAM floor.
    // The beat lets Temporal tell a slow vote from a dead worker (see the vote's heartbeat
    // timeout).
    try (SteadyHeartbeat alive = SteadyHeartbeat.start()) {
      slot.prepare(ollama.endpoint().baseUrl(), model);
      ModelAnswer answer = invoker.invoke(ollama.endpoint(), model, messages, params, null);
      audit.record(
          workflowId,
          "vote",
          ollama.name(),
          model,
          "ok",
          answer.usage().promptTokens(),
          answer.usage().completionTokens(),
          answer.modelMillis(),
          null);
      metrics.modelCall(ollama.name(), model, "ok", answer);
      // The gate applies after the vote too: the model's word alone never starts a job.
      return JobGate.afterVote(parse(answer.content(), unsure), unsure, text);
    } catch (ProviderException e) {
      audit.record(
          workflowId, "vote", ollama.name(), model, e.type().name(), 0, 0, 0, e.getMessage());
      metrics.modelCall(ollama.name(), model, e.type().name(), null);
      throw unavailable(e.getMessage());
    }
  }

  static Classification parse(String content, Classification unsure) {
    try {
      JsonNode vote = JSON.readTree(content);
      RequestClass requestClass =
          RequestClass.fromWireName(vote.path("class").asText("").toLowerCase(Locale.ROOT));
      double confidence = Math.max(0, Math.min(1, vote.path("confidence").asDouble(0.5)));
      return new Classification(
          requestClass,
          confidence,
          "llm",
          "local model vote; "
              + unsure.tier()
              + " said "
              + unsure.requestClass().wireName()
              + " at "
              + String.format(Locale.ROOT, "%.2f", unsure.confidence()));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the local model's vote was not a class: " + content, "VOTE_UNREADABLE");
    }
  }

  private static ApplicationFailure unavailable(String why) {
    return ApplicationFailure.newNonRetryableFailure(
        "no classification vote: " + why, "VOTE_UNAVAILABLE");
  }
}
