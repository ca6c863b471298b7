package dev.coracle.api.chat;

import dev.coracle.activities.job.JobQueries;
import dev.coracle.api.jobs.JobSignals;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatResult;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import dev.coracle.workflows.chat.Usage;
import dev.coracle.workflows.job.JobEvent;
import dev.coracle.workflows.job.JobStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers a plan from the chat that showed it. A conversation is what the client sends back: the
 * jobs it started are the job ids in its earlier assistant messages (every job a chat starts is
 * announced there, "Started coding job job-..."), so the latest of those that waits for approval is
 * the one a short "go ahead" or "no, ..." answers. No model reads the message: {@link
 * ChatApprovalRules} decides.
 */
@Singleton
public class ChatApprovals {
  private static final Pattern JOB_ID = Pattern.compile("\\bjob-[0-9A-Za-z-]{6,60}\\b");

  /** How long the answer waits for the job to record the decision before it follows the job. */
  private static final Duration RECORDED_WAIT = Duration.ofSeconds(10);

  private final JobQueries queries;
  private final JobSignals signals;

  public ChatApprovals(JobQueries queries, JobSignals signals) {
    this.queries = queries;
    this.signals = signals;
  }

  /**
   * True when the last user message approves or rejects the plan of a job this conversation started
   * and that waits for approval; else the chat is an ordinary one.
   */
  public boolean answersPlan(List<ChatMessage> messages) {
    return pending(messages).isPresent();
  }

  /**
   * Sends the decision {@link #answersPlan} found and waits until the job has recorded it.
   *
   * @return the chat's result, naming the job
   * @throws IllegalStateException when the messages answer no plan
   */
  public ChatResult decide(List<ChatMessage> messages) {
    Pending decision =
        pending(messages)
            .orElseThrow(() -> new IllegalStateException("the chat answers no waiting plan"));
    String jobId = decision.jobId();
    ChatApprovalRules.Verdict verdict = decision.verdict();
    long before = queries.find(jobId).map(job -> job.lastEventSeq()).orElse(0L);
    if (verdict.approve()) {
      signals.approve(jobId, null);
    } else {
      signals.reject(jobId, verdict.reason());
    }
    awaitRecorded(jobId, before);
    return result(jobId, verdict.approve());
  }

  private record Pending(String jobId, ChatApprovalRules.Verdict verdict) {}

  /**
   * The decision the last user message makes on a waiting plan of this conversation. The rules run
   * first, so an ordinary chat costs a regular expression and no store read.
   */
  private Optional<Pending> pending(List<ChatMessage> messages) {
    if (messages == null || messages.size() < 2) {
      return Optional.empty();
    }
    ChatMessage last = messages.get(messages.size() - 1);
    if (!"user".equals(last.role())) {
      return Optional.empty();
    }
    Optional<ChatApprovalRules.Verdict> verdict = ChatApprovalRules.judge(last.content());
    if (verdict.isEmpty()) {
      return Optional.empty();
    }
    return latestWaitingJob(messages.subList(0, messages.size() - 1))
        .map(jobId -> new Pending(jobId, verdict.get()));
  }

  /** The newest job id in the assistant's messages whose job waits for approval now. */
  private Optional<String> latestWaitingJob(List<ChatMessage> earlier) {
    for (int i = earlier.size() - 1; i >= 0; i--) {
      ChatMessage message = earlier.get(i);
      if (!"assistant".equals(message.role()) || message.content() == null) {
        continue;
      }
      List<String> ids = new ArrayList<>();
      Matcher matcher = JOB_ID.matcher(message.content());
      while (matcher.find()) {
        ids.add(matcher.group());
      }
      for (int j = ids.size() - 1; j >= 0; j--) {
        String id = ids.get(j);
        if (queries.status(id).filter(s -> s == JobStatus.WAITING_APPROVAL).isPresent()) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Waits until the job has recorded an event after the decision was sent, so the door that follows
   * the job starts from the decision and not from the plan it answered.
   */
  private void awaitRecorded(String jobId, long before) {
    long deadline = System.nanoTime() + RECORDED_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean decided =
          queries.eventsAfter(jobId, before, 10).stream()
              .anyMatch(
                  e -> JobEvent.APPROVED.equals(e.type()) || JobEvent.REJECTED.equals(e.type()));
      if (decided) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static ChatResult result(String jobId, boolean approved) {
    return new ChatResult(
        Classification.forced(
            RequestClass.DEEP, approved ? "approves the plan of " + jobId : "rejects its plan"),
        "coracle",
        "job",
        "",
        "stop",
        Usage.NONE,
        0,
        List.of(),
        null,
        false,
        jobId);
  }
}
