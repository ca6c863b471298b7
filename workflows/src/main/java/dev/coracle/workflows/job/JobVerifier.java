package dev.coracle.workflows.job;

import io.temporal.failure.TemporalFailure;

/**
 * After a step, the local reasoning model decides: continue, replan or done. A verifier that cannot
 * be reached does not stop the job: the plan continues, and the event log says so.
 */
final class JobVerifier {
  private final JobState state;
  private final JobJournal journal;
  private final JobModels models;
  private final PlanActivities parser;

  JobVerifier(JobState state, JobJournal journal, JobModels models, PlanActivities parser) {
    this.state = state;
    this.journal = journal;
    this.models = models;
    this.parser = parser;
  }

  Verdict verify(JobStep step) {
    state.enter(JobStage.VERIFY, "checking step " + step.index());
    journal.save();
    Verdict verdict;
    try {
      var answered =
          models.ask(
              JobRole.VERIFY,
              JobPrompts.verify(state.brief(), state.steps, step),
              JobPrompts.structured(JobPrompts.VERDICT_FORMAT),
              null);
      state.addUsage(answered.answer().usage());
      verdict = parser.parseVerdict(answered.answer().content());
    } catch (TemporalFailure unavailable) {
      verdict =
          new Verdict(
              Verdict.CONTINUE, "no verifier could answer: " + unavailable.getMessage(), null);
    }
    state.emit(JobEvent.VERIFY, verdict.decision() + ": " + verdict.reason());
    journal.save();
    return verdict;
  }
}
