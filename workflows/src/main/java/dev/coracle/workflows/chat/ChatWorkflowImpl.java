package dev.coracle.workflows.chat;

import dev.coracle.workflows.ActivityOptionsCatalog;
import dev.coracle.workflows.HostQueues;
import dev.coracle.workflows.TaskQueues;
import dev.coracle.workflows.job.JobRequest;
import dev.coracle.workflows.job.JobWorkflow;
import dev.coracle.workflows.model.RoutePlan;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * Classify, then answer: status questions from the store (never a model), repeated questions from
 * the semantic cache, everything else by the routed models in order.
 */
public class ChatWorkflowImpl implements ChatWorkflow {
  private static final Logger log = Workflow.getLogger(ChatWorkflowImpl.class);

  /**
   * Version 1 added the semantic cache, agent mode and the local model's classification vote.
   * Histories from before it replay on the original path.
   */
  static final String CACHE_AGENT_VOTE = "cache-agent-vote";

  /** Version 1 of this change lets a deep or research chat start a coding job. */
  static final String CHAT_STARTS_JOBS = "chat-starts-jobs";

  /**
   * Version 1 of this change runs the tools of the MCP servers a request attached. Checked only for
   * such requests, so every other chat's history gets no marker.
   */
  static final String CHAT_MCP_TOOLS = "chat-mcp-tools";

  /**
   * Version 1 of this change takes what the answer does not need off the request path. The answer
   * is handed to the waiting HTTP response as soon as it exists, before the cache store; a request
   * for an explicit {@code provider/model} is not classified (it never answers from status and
   * never starts a job, so the verdict decided nothing); a {@code no-cache} request skips the
   * lookup instead of asking the cache to refuse it. Version 2 also calls a cloud model for a plain
   * (not streamed) answer as a local activity, so such a chat is one workflow task. Checked once,
   * first, so one marker covers all.
   */
  static final String SPEED_REQUEST_PATH = "speed-request-path";

  /**
   * Version 1 of this change hands a model's answer over and stores it in the cache in one local
   * activity ({@code AnswerHandOverThenStore}) instead of two. Checked only once a cacheable chat
   * on the lean path has its model's answer, so every other chat's history gets no marker, and
   * histories from before it replay on the two activities.
   */
  static final String LEAN_AFTER_ANSWER = "lean-after-answer";

  /**
   * Version 1 of this change looks a cacheable chat up and, on a hit, hands the earlier answer over
   * in one local activity ({@code AnswerLookUpThenHandOver}) instead of two. Checked only on the
   * lean path before a lookup, so status answers, jobs, agent mode and no-cache chats get no
   * marker, and histories from before it replay on the two activities.
   */
  static final String HIT_ONE_ACTIVITY = "hit-one-activity";

  /**
   * Version 1 of this change routes a plain (not streamed) chat, calls its cloud models in order
   * and hands the answer over, then stores it when the chat is cacheable, in one local activity
   * ({@code AnswerRouteCallHandOver}) instead of three (route, model call, hand-over with the
   * store). Checked only once a chat on the in-process path needs a model and is not streamed, so
   * status answers, cache hits, jobs, MCP chats and streams get no marker, and histories from
   * before it replay on the three activities. When the activity calls nothing (a local model needs
   * the LLM slot), the chat goes on as before with the plan it routed. The activity is attempted
   * once and never throws once a model was asked; if it fails anyway (its time bound, an error of
   * the worker), the chat fails with it rather than ask an upstream a second time.
   */
  static final String ONE_HOP = "onehop-route-call-hand-over";

  private final ClassifyActivities classifier =
      Workflow.newLocalActivityStub(ClassifyActivities.class, ActivityOptionsCatalog.light());
  private final RouteActivities router =
      Workflow.newLocalActivityStub(RouteActivities.class, ActivityOptionsCatalog.light());
  private final StatusActivities status =
      Workflow.newLocalActivityStub(StatusActivities.class, ActivityOptionsCatalog.light());
  private final CacheActivities cache =
      Workflow.newLocalActivityStub(CacheActivities.class, ActivityOptionsCatalog.light());
  private final ClassifyVoteActivities voter =
      Workflow.newActivityStub(ClassifyVoteActivities.class, ActivityOptionsCatalog.classifyVote());
  private final AnswerActivities answers =
      Workflow.newLocalActivityStub(AnswerActivities.class, ActivityOptionsCatalog.handOver());

  /**
   * The hand-over together with the cache store, or with the cache lookup: the cache's time bounds
   * and retries, since a second hand-over of the same answer finds nobody waiting and does nothing.
   */
  private final AnswerActivities afterAnswer =
      Workflow.newLocalActivityStub(AnswerActivities.class, ActivityOptionsCatalog.light());

  /** The route, the model calls and the hand-over in one: attempted once (see its options). */
  private final AnswerActivities oneHop =
      Workflow.newLocalActivityStub(
          AnswerActivities.class, ActivityOptionsCatalog.routeCallHandOver());

  /** True from {@link #SPEED_REQUEST_PATH} version 1 on. */
  private boolean leanRequestPath;

  /** True from {@link #SPEED_REQUEST_PATH} version 2 on. */
  private boolean modelInProcess;

  @Override
  public ChatResult chat(ChatRequest request) {
    boolean v1 = Workflow.getVersion(CACHE_AGENT_VOTE, Workflow.DEFAULT_VERSION, 1) >= 1;
    int speed = Workflow.getVersion(SPEED_REQUEST_PATH, Workflow.DEFAULT_VERSION, 2);
    leanRequestPath = speed >= 1;
    modelInProcess = speed >= 2;
    Classification classification = classify(request, v1);
    boolean mcp =
        request.hasMcpServers()
            && Workflow.getVersion(CHAT_MCP_TOOLS, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean direct = ModelProfiles.isDirect(request.model());
    if (classification.requestClass() == RequestClass.STATUS && !direct) {
      if (!(v1 && (request.agentMode() || mcp))) {
        return handedOver(answerStatus(request, classification));
      }
      // A coding agent's loop needs a model's answer, not a status report.
      classification =
          classification.as(RequestClass.FAST, "agent mode: " + classification.reason());
    }
    if (mcp) {
      return handedOver(answerWithMcp(request, classification));
    }
    if (startsJob(request, classification, direct)) {
      return handedOver(startJob(request, classification));
    }
    boolean cacheable = v1 && !request.agentMode();
    if (cacheable && !(leanRequestPath && request.bypassCache())) {
      if (leanRequestPath
          && Workflow.getVersion(HIT_ONE_ACTIVITY, Workflow.DEFAULT_VERSION, 1) >= 1) {
        CacheLookup lookup = lookedUpThenHandedOver(request, classification);
        if (lookup.hit()) {
          return CacheLookup.served(lookup.result(), classification);
        }
      } else {
        CacheLookup lookup = cache.lookup(request);
        if (lookup.hit()) {
          return handedOver(CacheLookup.served(lookup.result(), classification));
        }
      }
    }
    RoutePlan routed = null;
    if (modelInProcess
        && request.streamKey() == null
        && Workflow.getVersion(ONE_HOP, Workflow.DEFAULT_VERSION, 1) >= 1) {
      RoutedAnswer hop =
          oneHop.routeCallThenHandOver(
              Workflow.getInfo().getWorkflowId(), request, classification, cacheable);
      if (hop.answered() != null) {
        return hop.answered();
      }
      if (hop.failure() != null) {
        throw ApplicationFailure.newNonRetryableFailure(hop.failure(), hop.failureType());
      }
      routed = hop.plan();
    }
    RoutePlan plan = onThisHost(routed != null ? usable(routed) : route(request, classification));
    ChatResult answered = ModelFallback.answer(request, classification, plan, modelInProcess);
    if (cacheable
        && leanRequestPath
        && Workflow.getVersion(LEAN_AFTER_ANSWER, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return handedOverThenStored(request, answered);
    }
    ChatResult result = handedOver(answered);
    if (cacheable) {
      cache.store(request, result);
    }
    return result;
  }

  /**
   * Hands {@code result} over and stores it in the cache, in one local activity. If it fails, the
   * response gets the same answer a moment later, from the workflow's result, and the cache misses
   * one entry: it only saves time.
   */
  private ChatResult handedOverThenStored(ChatRequest request, ChatResult result) {
    try {
      afterAnswer.handOverThenStore(Workflow.getInfo().getWorkflowId(), request, result);
    } catch (ActivityFailure missed) {
      log.warn("Could not hand the answer over and store it: {}", missed.getMessage());
    }
    return result;
  }

  /**
   * Looks the request up and, on a hit, hands the earlier answer over, in one local activity. If it
   * fails, the chat goes on as after a miss: the cache only saves time.
   */
  private CacheLookup lookedUpThenHandedOver(ChatRequest request, Classification classification) {
    try {
      return afterAnswer.lookUpThenHandOver(
          Workflow.getInfo().getWorkflowId(), request, classification);
    } catch (ActivityFailure missed) {
      log.warn("Could not look the request up in the cache: {}", missed.getMessage());
      return CacheLookup.miss("cache unavailable: " + missed.getMessage());
    }
  }

  /**
   * Hands {@code result} to the response waiting in this process, then lets the workflow go on with
   * what the answer does not need. If the hand-over fails, the response gets the same answer a
   * moment later, from the workflow's result.
   */
  private ChatResult handedOver(ChatResult result) {
    if (leanRequestPath) {
      try {
        answers.handOver(Workflow.getInfo().getWorkflowId(), result);
      } catch (ActivityFailure missed) {
        log.warn("Could not hand the answer over early: {}", missed.getMessage());
      }
    }
    return result;
  }

  private RoutePlan route(ChatRequest request, Classification classification) {
    return usable(router.route(request, classification));
  }

  /** {@code plan}, or the chat's failure when it has no candidate. */
  private static RoutePlan usable(RoutePlan plan) {
    if (plan.candidates().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          plan.unavailable(), ChatErrorType.NO_PROVIDER.name());
    }
    return plan;
  }

  /**
   * Like agent mode, never cached and never a job: the answer depends on what the servers say now,
   * and the client asked for this loop, not for a job's.
   */
  private ChatResult answerWithMcp(ChatRequest request, Classification classification) {
    McpToolLoop loop = new McpToolLoop();
    ChatRequest withTools = loop.attach(request);
    return loop.answer(withTools, classification, onThisHost(route(withTools, classification)));
  }

  /**
   * A deep or research request from a chat client (not a coding agent, which runs its own loop) is
   * a coding job when the API allows it. The version check comes last, so chats that never could
   * start a job leave no marker and older histories replay unchanged.
   */
  private static boolean startsJob(
      ChatRequest request, Classification classification, boolean direct) {
    RequestClass requestClass = classification.requestClass();
    boolean jobClass = requestClass == RequestClass.DEEP || requestClass == RequestClass.RESEARCH;
    return jobClass
        && request.jobLimits() != null
        && !request.agentMode()
        && !direct
        && Workflow.getVersion(CHAT_STARTS_JOBS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Starts the job as a child that outlives this chat, waits only until it has started, and answers
   * with its id; the API then streams the job's progress or waits for its summary.
   */
  private ChatResult startJob(ChatRequest request, Classification classification) {
    String chatId = Workflow.getInfo().getWorkflowId();
    String jobId = "job-" + (chatId.startsWith("chat-") ? chatId.substring(5) : chatId);
    JobWorkflow job =
        Workflow.newChildWorkflowStub(
            JobWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(jobId)
                .setTaskQueue(TaskQueues.MAIN)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    JobRequest jobRequest =
        new JobRequest(
            jobId,
            request,
            request.workspace(),
            classification.requestClass(),
            request.jobLimits(),
            null);
    Async.function(job::run, jobRequest);
    Workflow.getWorkflowExecution(job).get();
    return new ChatResult(
        classification, "coracle", "job", "", "stop", Usage.NONE, 0, List.of(), null, false, jobId);
  }

  private Classification classify(ChatRequest request, boolean v1) {
    var forced = ModelProfiles.forcedClass(request.model());
    if (forced.isPresent()) {
      return Classification.forced(forced.get(), "model profile " + request.model());
    }
    if (leanRequestPath && ModelProfiles.isDirect(request.model())) {
      return Classification.forced(
          RequestClass.FAST, "explicit model " + request.model() + ", not classified");
    }
    Classification verdict = classifier.classify(request);
    if (v1 && verdict.needsVote()) {
      try {
        return voterOnThisHost().vote(request, verdict);
      } catch (ActivityFailure unavailable) {
        // The in-process verdict stands; the vote only refines it.
        return verdict;
      }
    }
    return verdict;
  }

  private ChatResult answerStatus(ChatRequest request, Classification classification) {
    String answer = status.answerStatus(request);
    return new ChatResult(
        classification, "coracle", "status", answer, "stop", Usage.NONE, 0, List.of());
  }

  // Roles and machines: a chat's local model runs on the LLM slot of the host whose worker took the
  // chat, which is also the host whose router chose that model.

  /**
   * Version 1 of this change puts a chat's local-model calls and its classification vote on the LLM
   * slot of the host whose worker runs it, {@code coracle-llm@<host-id>}. Checked only when a chat
   * needs the slot, so cloud-only chats get no marker.
   */
  static final String ROLES_CHAT_HOST = "roles-chat-host";

  /** This worker's {@code worker.host-id}; null in tests and replays that name no host. */
  private final String workerHostId;

  /** The host this chat's slot calls go to, once a call needed it. */
  private HostQueues here;

  public ChatWorkflowImpl() {
    this(null);
  }

  /** A chat run by the worker of {@code workerHostId}. */
  public ChatWorkflowImpl(String workerHostId) {
    this.workerHostId = workerHostId;
  }

  private HostQueues here() {
    if (here == null) {
      here = HostQueues.ofThisWorker(workerHostId, ROLES_CHAT_HOST);
    }
    return here;
  }

  private RoutePlan onThisHost(RoutePlan plan) {
    return HostQueues.needsSlot(plan) ? here().pin(plan) : plan;
  }

  private ClassifyVoteActivities voterOnThisHost() {
    HostQueues host = here();
    return host.pinned()
        ? Workflow.newActivityStub(
            ClassifyVoteActivities.class, host.onSlot(ActivityOptionsCatalog.classifyVote()))
        : voter;
  }
}
