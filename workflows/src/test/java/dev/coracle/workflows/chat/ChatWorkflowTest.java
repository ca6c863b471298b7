package dev.coracle.workflows.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.chat.FakeModels.Attempt;
import dev.coracle.workflows.model.ModelTarget;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatWorkflowTest {

  static final ModelTarget OLLAMA_OK = new ModelTarget("ollama", "qwen2.5:7b", true, 30);
  static final ModelTarget GROQ_OK = new ModelTarget("groq", "llama-3.3-70b", false, 30);
  static final ModelTarget GROQ_RATE_LIMITED =
      new ModelTarget("groq", FakeModels.RATE_LIMITED, false, 30);
  static final ModelTarget GROQ_UNAVAILABLE =
      new ModelTarget("groq", FakeModels.UNAVAILABLE, false, 30);
  static final ModelTarget OLLAMA_UNAVAILABLE =
      new ModelTarget("ollama", FakeModels.UNAVAILABLE, true, 30);
  static final ModelTarget GROQ_BROKEN_STREAM =
      new ModelTarget("groq", FakeModels.BROKEN_STREAM, false, 30);

  @RegisterExtension static final TestWorkflowExtension temporal = ChatWorkers.unstarted();

  final List<Attempt> attempts = new CopyOnWriteArrayList<>();

  static ChatRequest ask(String model, String text) {
    return new ChatRequest(
        model, List.of(new ChatMessage("user", text)), SamplingParams.defaults(), null);
  }

  static RoutePlan plan(ModelTarget... candidates) {
    return new RoutePlan(List.of(candidates), null);
  }

  /** Registers the fakes on the workflow's queue and on both model queues, then starts. */
  FakeLightActivities start(
      TestWorkflowEnvironment env, Worker worker, RequestClass verdict, RoutePlan plan) {
    return start(
        env,
        worker,
        new Classification(verdict, 0.9, "rules", "fake verdict"),
        plan,
        new FakeVoter(RequestClass.FAST, false));
  }

  FakeLightActivities start(
      TestWorkflowEnvironment env,
      Worker worker,
      Classification verdict,
      RoutePlan plan,
      FakeVoter voter) {
    FakeModels inProcess = new FakeModels(TaskQueues.MAIN, attempts);
    FakeLightActivities light = new FakeLightActivities(verdict, plan).callingIn(inProcess);
    worker.registerActivitiesImplementations(light);
    // A plain cloud call runs in the workflow's own worker: inside the one activity that routes,
    // calls and hands over, or as a local activity of its own.
    worker.registerActivitiesImplementations(inProcess);
    env.newWorker(TaskQueues.LLM)
        .registerActivitiesImplementations(new FakeModels(TaskQueues.LLM, attempts), voter);
    env.newWorker(TaskQueues.CLOUD)
        .registerActivitiesImplementations(new FakeModels(TaskQueues.CLOUD, attempts));
    env.start();
    return light;
  }

  static ChatRequest askWithTools(String text) {
    AgentTools tools =
        new AgentTools(
            List.of(new ToolDefinition("read_file", "Reads a file", "{\"type\":\"object\"}", null)),
            null,
            null);
    return new ChatRequest(
        "coracle",
        List.of(new ChatMessage("user", text)),
        SamplingParams.defaults(),
        null,
        tools,
        false);
  }

  static ApplicationFailure failureOf(Runnable chat) {
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, chat::run);
    assertThat(failed).as("the workflow should fail").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failed.getCause();
  }

  @Test
  void status_question_is_answered_by_the_status_activity_without_any_model(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    FakeLightActivities light = start(env, worker, RequestClass.STATUS, plan(OLLAMA_OK));

    ChatResult result = workflow.chat(ask("coracle", "how is my job going?"));

    assertThat(result.content()).isEqualTo(FakeLightActivities.STATUS_ANSWER);
    assertThat(result.provider()).isEqualTo("coracle");
    assertThat(result.model()).isEqualTo("status");
    assertThat(result.classification().requestClass()).isEqualTo(RequestClass.STATUS);
    assertThat(light.statusQuestions).hasSize(1);
    assertThat(light.routed).isEmpty();
    assertThat(attempts).isEmpty();
  }

  @Test
  void deep_profile_forces_class_deep_without_calling_the_classifier(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    FakeLightActivities light = start(env, worker, RequestClass.FAST, plan(GROQ_OK));

    ChatResult result = workflow.chat(ask("coracle-deep", "hi"));

    assertThat(light.classified).isEmpty();
    assertThat(result.classification().requestClass()).isEqualTo(RequestClass.DEEP);
    assertThat(result.classification().tier()).isEqualTo("forced");
    assertThat(light.routed)
        .extracting(Classification::requestClass)
        .containsExactly(RequestClass.DEEP);
  }

  @Test
  void plain_coracle_model_asks_the_classifier_and_routes_its_verdict(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    FakeLightActivities light = start(env, worker, RequestClass.RESEARCH, plan(GROQ_OK));

    ChatResult result = workflow.chat(ask("coracle", "compare Temporal vs Cadence"));

    assertThat(light.classified).hasSize(1);
    assertThat(result.classification().requestClass()).isEqualTo(RequestClass.RESEARCH);
    assertThat(light.routed)
        .extracting(Classification::requestClass)
        .containsExactly(RequestClass.RESEARCH);
  }

  @Test
  void local_target_runs_on_the_llm_queue(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, RequestClass.FAST, plan(OLLAMA_OK));

    ChatResult result = workflow.chat(ask("coracle", "what is a monad?"));

    assertThat(attempts).containsExactly(new Attempt(TaskQueues.LLM, "ollama/qwen2.5:7b", 1));
    assertThat(result.provider()).isEqualTo("ollama");
    assertThat(result.model()).isEqualTo("qwen2.5:7b");
    assertThat(result.content()).isEqualTo("answer from ollama/qwen2.5:7b");
    assertThat(result.usage()).isEqualTo(new Usage(7, 3));
    assertThat(result.modelMillis()).isEqualTo(42);
    assertThat(result.fallbacks()).isEmpty();
  }

  @Test
  void plain_cloud_call_runs_in_the_workflows_own_task(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_OK));

    ChatResult result = workflow.chat(ask("coracle", "implement a REST endpoint"));

    assertThat(attempts).containsExactly(new Attempt(TaskQueues.MAIN, "groq/llama-3.3-70b", 1));
    assertThat(result.provider()).isEqualTo("groq");
  }

  @Test
  void streamed_cloud_call_runs_on_the_cloud_queue(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_OK));
    ChatRequest streamed =
        new ChatRequest(
            "coracle",
            List.of(new ChatMessage("user", "implement a REST endpoint")),
            SamplingParams.defaults(),
            "chat-streamed");

    ChatResult result = workflow.chat(streamed);

    assertThat(attempts).containsExactly(new Attempt(TaskQueues.CLOUD, "groq/llama-3.3-70b", 1));
    assertThat(result.provider()).isEqualTo("groq");
  }

  @Test
  void falls_back_to_next_candidate_after_one_attempt_when_rate_limited(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_RATE_LIMITED, OLLAMA_OK));

    ChatResult result = workflow.chat(ask("coracle", "refactor the auth module"));

    assertThat(attempts)
        .containsExactly(
            new Attempt(TaskQueues.MAIN, "groq/rate-limited", 1),
            new Attempt(TaskQueues.LLM, "ollama/qwen2.5:7b", 1));
    assertThat(result.provider()).isEqualTo("ollama");
    assertThat(result.fallbacks())
        .containsExactly("groq/rate-limited: HTTP 429: too many requests");
  }

  @Test
  void falls_back_to_next_candidate_after_retrying_an_unavailable_upstream(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_UNAVAILABLE, OLLAMA_OK));
    int maxAttempts =
        ActivityOptionsCatalog.modelCall(GROQ_UNAVAILABLE).getRetryOptions().getMaximumAttempts();

    ChatResult result = workflow.chat(ask("coracle", "refactor the auth module"));

    assertThat(maxAttempts).isGreaterThan(1);
    assertThat(attempts)
        .filteredOn(attempt -> attempt.model().equals("groq/unavailable"))
        .extracting(Attempt::attempt)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, maxAttempts).boxed().toList());
    assertThat(attempts.get(attempts.size() - 1))
        .isEqualTo(new Attempt(TaskQueues.LLM, "ollama/qwen2.5:7b", 1));
    assertThat(result.provider()).isEqualTo("ollama");
    assertThat(result.fallbacks())
        .containsExactly("groq/unavailable: HTTP 503: upstream unavailable");
  }

  @Test
  void empty_route_plan_fails_with_no_provider_and_the_routers_reason(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    String reason = "no provider can serve this request: ollama: not reachable at 127.0.0.1:11434";
    start(env, worker, RequestClass.FAST, new RoutePlan(List.of(), reason));

    ApplicationFailure failure = failureOf(() -> workflow.chat(ask("coracle", "hi")));

    assertThat(failure.getType()).isEqualTo(ChatErrorType.NO_PROVIDER.name());
    assertThat(failure.getOriginalMessage()).isEqualTo(reason);
    assertThat(attempts).isEmpty();
  }

  @Test
  void broken_stream_stops_the_chat_without_trying_the_next_candidate(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_BROKEN_STREAM, OLLAMA_OK));

    ApplicationFailure failure = failureOf(() -> workflow.chat(ask("coracle", "debug the tests")));

    assertThat(failure.getType()).isEqualTo(ChatErrorType.STREAM_BROKEN.name());
    assertThat(failure.getOriginalMessage()).isEqualTo("stream broke after 2 tokens");
    assertThat(attempts).containsExactly(new Attempt(TaskQueues.MAIN, "groq/broken-stream", 1));
  }

  @Test
  void every_candidate_failing_gives_no_provider_listing_each_failure(
      TestWorkflowEnvironment env, Worker worker, ChatWorkflow workflow) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_RATE_LIMITED, OLLAMA_UNAVAILABLE));

    ApplicationFailure failure = failureOf(() -> workflow.chat(ask("coracle", "refactor it")));

    assertThat(failure.getType()).isEqualTo(ChatErrorType.NO_PROVIDER.name());
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "no provider could answer: groq/rate-limited: HTTP 429: too many requests;"
                + " ollama/unavailable: HTTP 503: upstream unavailable");
  }

  @Test
  void repeated_question_is_answered_from_the_cache_without_a_model(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.FAST, plan(OLLAMA_OK));

    ChatResult first = newWorkflow(env, worker).chat(ask("coracle", "what is a monad?"));
    ChatResult second = newWorkflow(env, worker).chat(ask("coracle", "what is a monad?"));

    assertThat(first.cacheHit()).isFalse();
    assertThat(second.cacheHit()).isTrue();
    assertThat(second.content()).isEqualTo(first.content());
    assertThat(second.provider()).as("who originally answered").isEqualTo("ollama");
    assertThat(second.modelMillis()).isZero();
    assertThat(attempts).hasSize(1);
    assertThat(light.cacheLookups).hasSize(2);
  }

  @Test
  void agent_mode_never_uses_the_cache_and_passes_tools_to_the_model(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.FAST, plan(OLLAMA_OK));

    newWorkflow(env, worker).chat(askWithTools("read README.md"));
    newWorkflow(env, worker).chat(askWithTools("read README.md"));

    assertThat(light.cacheLookups).isEmpty();
    assertThat(light.cached).isEmpty();
    assertThat(attempts).hasSize(2);
  }

  @Test
  void status_class_in_agent_mode_is_answered_by_a_model(
      TestWorkflowEnvironment env, Worker worker) {
    FakeLightActivities light = start(env, worker, RequestClass.STATUS, plan(OLLAMA_OK));

    ChatResult result = newWorkflow(env, worker).chat(askWithTools("what's the status of my job?"));

    assertThat(light.statusQuestions).isEmpty();
    assertThat(result.classification().requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(result.provider()).isEqualTo("ollama");
  }

  @Test
  void unsure_classifier_asks_the_local_model_to_vote_on_the_llm_slot(
      TestWorkflowEnvironment env, Worker worker) {
    FakeVoter voter = new FakeVoter(RequestClass.DEEP, false);
    FakeLightActivities light =
        start(
            env,
            worker,
            new Classification(RequestClass.FAST, 0.3, "embedding", "unsure", true),
            plan(GROQ_OK),
            voter);

    ChatResult result = newWorkflow(env, worker).chat(ask("coracle", "make it better"));

    assertThat(voter.queues).containsExactly(TaskQueues.LLM);
    assertThat(result.classification().requestClass()).isEqualTo(RequestClass.DEEP);
    assertThat(result.classification().tier()).isEqualTo("llm");
    assertThat(light.routed)
        .extracting(Classification::requestClass)
        .containsExactly(RequestClass.DEEP);
  }

  @Test
  void failed_vote_keeps_the_in_process_verdict(TestWorkflowEnvironment env, Worker worker) {
    FakeVoter voter = new FakeVoter(RequestClass.DEEP, true);
    start(
        env,
        worker,
        new Classification(RequestClass.FAST, 0.3, "embedding", "unsure", true),
        plan(GROQ_OK),
        voter);

    ChatResult result = newWorkflow(env, worker).chat(ask("coracle", "make it better"));

    assertThat(voter.queues).hasSize(1);
    assertThat(result.classification().requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(result.classification().tier()).isEqualTo("embedding");
  }

  private static ChatWorkflow newWorkflow(TestWorkflowEnvironment env, Worker worker) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            ChatWorkflow.class,
            io.temporal.client.WorkflowOptions.newBuilder()
                .setTaskQueue(worker.getTaskQueue())
                .build());
  }

  static ChatRequest askForJob(String model, String text, AgentTools tools) {
    return new ChatRequest(
        model,
        List.of(new ChatMessage("user", text)),
        SamplingParams.defaults(),
        null,
        tools,
        false,
        "/work/repo",
        dev.coracle.workflows.job.JobLimits.defaults());
  }

  @Test
  void deep_chat_that_may_start_jobs_starts_one_and_answers_with_its_id(
      TestWorkflowEnvironment env, Worker worker) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_OK));

    ChatResult result =
        newWorkflow(env, worker).chat(askForJob("coracle", "refactor the auth module", null));

    assertThat(result.jobId()).startsWith("job-");
    assertThat(attempts).as("no model answers the chat itself").isEmpty();
    var job = env.getWorkflowClient().newUntypedWorkflowStub(result.jobId()).describe();
    assertThat(job.getWorkflowType()).isEqualTo("JobWorkflow");
  }

  @Test
  void agent_mode_and_direct_models_never_start_jobs(TestWorkflowEnvironment env, Worker worker) {
    start(env, worker, RequestClass.DEEP, plan(GROQ_OK));
    AgentTools tools =
        new AgentTools(
            List.of(new ToolDefinition("read_file", "Reads a file", "{\"type\":\"object\"}", null)),
            null,
            null);

    ChatResult agent =
        newWorkflow(env, worker).chat(askForJob("coracle", "refactor the auth module", tools));
    ChatResult fast = newWorkflow(env, worker).chat(askForJob("coracle-fast", "hi there", null));

    assertThat(agent.jobId()).isNull();
    assertThat(fast.jobId()).isNull();
    assertThat(attempts).hasSize(2);
  }
}
