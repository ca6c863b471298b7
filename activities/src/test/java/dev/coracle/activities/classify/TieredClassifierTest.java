package dev.coracle.activities.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coracle.activities.embeddings.LocalEmbeddings;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.chat.ChatRequest;
import dev.coracle.workflows.chat.Classification;
import dev.coracle.workflows.chat.RequestClass;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TieredClassifierTest {
  private final TieredClassifier classifier = SharedClassifier.get();

  @Test
  void strong_rules_decide_alone() {
    Classification verdict = classifier.classify("/status refactor-auth");

    assertThat(verdict.requestClass()).isEqualTo(RequestClass.STATUS);
    assertThat(verdict.tier()).isEqualTo("rules");
    assertThat(verdict.confidence()).isEqualTo(RulesClassifier.STRONG_CONFIDENCE);
  }

  @Test
  void weak_rule_words_do_not_override_a_clear_embedding_answer() {
    // "compare" and "port" are research and deep words, but these are single questions.
    assertClass("compare these two snippets, which one is faster to read?", RequestClass.FAST);
    assertClass("which port does Redis listen on?", RequestClass.FAST);
  }

  @Test
  void status_words_in_other_senses_are_not_status() {
    assertClass("what's the status code for a bad gateway?", RequestClass.FAST);
    assertClass("implement a status page that polls our health checks", RequestClass.DEEP);
    assertClass(
        "what's the current status of the Valhalla project in the JDK?", RequestClass.RESEARCH);
  }

  @Test
  void a_trivia_question_never_gets_a_job_class() {
    for (String trivia :
        List.of(
            "what is the unix epoch",
            "what year was java released",
            "who invented the transistor?",
            "when did the first moon landing happen")) {
      Classification verdict = classifier.classify(trivia);
      assertThat(verdict.requestClass()).as(trivia).isIn(RequestClass.FAST, RequestClass.STATUS);
    }
  }

  @Test
  void chinese_status_questions_are_caught_by_rules() {
    // The embedding model sees most Chinese characters as unknown tokens; the rules carry it.
    Classification verdict = classifier.classify("任务完成了吗？");

    assertThat(verdict.requestClass()).isEqualTo(RequestClass.STATUS);
    assertThat(verdict.tier()).isEqualTo("rules");
  }

  @Test
  void short_follow_up_is_read_with_the_previous_user_turn() {
    ChatRequest request =
        chat("is the refactor job finished?", "no, still on step 4 of 6.", "and now?");

    assertThat(classifier.classify(request).requestClass()).isEqualTo(RequestClass.STATUS);
  }

  @Test
  void thanks_after_a_big_request_is_fast() {
    ChatRequest request =
        chat("refactor the billing module across all files", "Done: 12 files changed.", "thanks!");

    assertThat(classifier.classify(request).requestClass()).isEqualTo(RequestClass.FAST);
  }

  @Test
  void long_last_turn_is_classified_on_its_own() {
    ChatRequest request =
        chat("is my job done?", "Yes, it finished.", "now write a CLI that syncs two folders");

    assertThat(classifier.classify(request).requestClass()).isEqualTo(RequestClass.DEEP);
  }

  @Test
  void the_rules_read_the_users_words_not_the_context_an_agent_wraps_around_them() {
    String prompt =
        "<system-reminder>\nContents of CLAUDE.md:\n- Refactor the whole module and migrate the"
            + " database before every release.\n</system-reminder>\nwhat does `go vet` check?";

    Classification verdict = classifier.classify(prompt);

    assertThat(verdict.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(verdict.reason()).doesNotContain("refactor");
  }

  @Test
  void a_request_without_user_text_is_fast_and_unsure() {
    Classification verdict = classifier.classify(chat());

    assertThat(verdict.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(verdict.confidence()).isLessThan(0.6);
  }

  private ClassifyActivitiesImpl activity(java.nio.file.Path home, String ollamaUrl, double below)
      throws java.io.IOException {
    java.nio.file.Files.writeString(
        home.resolve("coracle.yml"),
        "local:\n  ollama:\n    base-url: \""
            + ollamaUrl
            + "\"\nclassifier:\n  llm-vote: true\n  vote-below-confidence: "
            + below
            + "\n");
    var loaded = dev.coracle.activities.config.ConfigLoader.load(home, java.util.Map.of());
    return new ClassifyActivitiesImpl(
        new ClassifierSupply(() -> classifier),
        loaded,
        new dev.coracle.activities.model.ProviderCatalog(loaded),
        new dev.coracle.activities.model.ProviderHealth(loaded),
        new dev.coracle.activities.metrics.CoracleMetrics(
            java.util.Optional.empty(), new dev.coracle.activities.model.ProviderCatalog(loaded)));
  }

  @Test
  void an_unsure_verdict_asks_for_the_local_vote_when_ollama_is_up(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
    try (var ollama = new dev.coracle.fakes.FakeOllamaServer().start()) {
      ClassifyActivitiesImpl everything = activity(home, ollama.baseUrl(), 1.0);
      ClassifyActivitiesImpl nothing = activity(home, ollama.baseUrl(), 0.0);

      assertThat(everything.classify(chat("what is a monad?")).needsVote()).isTrue();
      assertThat(nothing.classify(chat("what is a monad?")).needsVote()).isFalse();
    }
  }

  @Test
  void without_a_local_model_the_in_process_verdict_stands(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
    ClassifyActivitiesImpl activity = activity(home, "http://127.0.0.1:9", 1.0);

    Classification verdict = activity.classify(chat());

    assertThat(verdict.needsVote()).isFalse();
    assertThat(verdict.requestClass()).isEqualTo(RequestClass.FAST);
  }

  @Test
  void the_classifier_is_built_from_the_local_model_only() {
    // Nothing to configure: no URL, no provider, no key.
    Constructor<?>[] constructors = TieredClassifier.class.getConstructors();

    assertThat(constructors).hasSize(1);
    assertThat(constructors[0].getParameterTypes()).containsExactly(LocalEmbeddings.class);
  }

  @Test
  void classification_never_opens_a_connection() throws Exception {
    List<URI> attempts = Collections.synchronizedList(new ArrayList<>());
    ProxySelector original = ProxySelector.getDefault();
    // Sockets, HttpURLConnection and java.net.http all ask the default proxy selector first.
    ProxySelector.setDefault(recording(attempts));
    try {
      assertRecords(attempts);
      attempts.clear();

      List<String> prompts =
          Arrays.asList(
              "is my job done?",
              "what's the newest release of Gradle?",
              "add retries to the HTTP client and test them",
              "hello");
      prompts.forEach(classifier::classify);
      classifier.classify(chat("is my job done?", "Not yet.", "and now?"));
    } finally {
      ProxySelector.setDefault(original);
    }

    assertThat(attempts).isEmpty();
  }

  /** Proves the recording selector sees a plain HTTP attempt, so an empty list means something. */
  private static void assertRecords(List<URI> attempts) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) new URL("http://127.0.0.1:9/v1/chat/completions").openConnection();
    connection.setConnectTimeout(200);
    try {
      connection.getResponseCode();
    } catch (IOException expected) {
      // Nothing listens on the discard port.
    } finally {
      connection.disconnect();
    }
    assertThat(attempts).isNotEmpty();
  }

  private static ProxySelector recording(List<URI> attempts) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        attempts.add(uri);
        return List.of(Proxy.NO_PROXY);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {}
    };
  }

  private static ChatRequest chat(String... turns) {
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < turns.length; i++) {
      messages.add(new ChatMessage(i % 2 == 0 ? "user" : "assistant", turns[i]));
    }
    return new ChatRequest("coracle", messages, null, null);
  }

  private void assertClass(String text, RequestClass expected) {
    Classification verdict = classifier.classify(text);
    assertThat(verdict.requestClass())
        .as("class of '%s' (%s, %s)", text, verdict.tier(), verdict.reason())
        .isEqualTo(expected);
  }

  @Test
  void while_the_classifier_is_being_built_a_chat_is_classified_by_the_rules_at_once(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    var loaded = dev.coracle.activities.config.ConfigLoader.load(home, java.util.Map.of());
    ClassifyActivitiesImpl activity =
        new ClassifyActivitiesImpl(
            new ClassifierSupply(
                () -> {
                  try {
                    never.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return classifier;
                }),
            loaded,
            new dev.coracle.activities.model.ProviderCatalog(loaded),
            new dev.coracle.activities.model.ProviderHealth(loaded),
            new dev.coracle.activities.metrics.CoracleMetrics(
                java.util.Optional.empty(),
                new dev.coracle.activities.model.ProviderCatalog(loaded)));

    var status = activity.classify(chat("what's the status of my jobs?"));
    var other = activity.classify(chat("what is a monad?"));

    assertThat(status.requestClass()).isEqualTo(RequestClass.STATUS);
    assertThat(status.reason()).contains("rules only");
    assertThat(other.requestClass()).isEqualTo(RequestClass.FAST);
    assertThat(other.reason()).contains("still being built");
    never.countDown();
  }
}
