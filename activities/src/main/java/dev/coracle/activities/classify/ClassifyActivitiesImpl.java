package dev.coracle.activities.classify;

import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.ClassifyActivities;
import jakarta.inject.Singleton;

/** The classify activity. Rules only in this version; it never touches the LLM slot. */
@Singleton
public class ClassifyActivitiesImpl implements ClassifyActivities {

  @Override
  public Classification classify(ChatRequest request) {
    return RulesClassifier.classify(request.lastUserText());
  }
}
