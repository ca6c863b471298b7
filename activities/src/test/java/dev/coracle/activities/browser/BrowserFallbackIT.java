package dev.coracle.activities.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.browser.FakeChatSite.Event;
import dev.coracle.activities.config.CoracleConfig.BrowserConfig;
import dev.coracle.activities.config.CoracleConfig.BrowserSite;
import dev.coracle.activities.providers.ProviderException;
import dev.coracle.workflows.chat.ChatErrorType;
import dev.coracle.workflows.chat.ChatMessage;
import dev.coracle.workflows.model.ModelAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback against a fake chat page in real, headless Debian chromium. */
class BrowserFallbackIT {
  @TempDir static Path home;

  static FakeChatSite site;
  static BrowserFallback fallback;

  /** A short timeout, for the chats that never finish. */
  static BrowserFallback impatient;

  @BeforeAll
  static void start() {
    site = new FakeChatSite();
    fallback = new BrowserFallback(site.config(20, "echo", "ratelimit", "signedout"), home);
    impatient = new BrowserFallback(site.config(3, "stall", "silent"), home);
  }

  @AfterAll
  static void stop() {
    fallback.close();
    impatient.close();
    site.close();
  }

  @BeforeEach
  void clear() {
    site.clear();
  }

  @Test
  void streams_the_answer_in_ordered_pieces_that_add_up_to_the_final_text() {
    List<String> tokens = new CopyOnWriteArrayList<>();

    ModelAnswer answer =
        fallback.ask("echo", List.of(user("one two three four five six seven eight")), tokens::add);

    assertThat(answer.content()).isEqualTo("echo: one two three four five six seven eight");
    assertThat(tokens).hasSizeGreaterThanOrEqualTo(3).allSatisfy(t -> assertThat(t).isNotEmpty());
    assertThat(String.join("", tokens)).isEqualTo(answer.content());
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(answer.usage().promptTokens()).isEqualTo((39 + 3) / 4);
    assertThat(answer.usage().completionTokens()).isEqualTo((answer.content().length() + 3) / 4);
  }

  @Test
  void sends_the_whole_conversation_as_one_labeled_message() {
    List<ChatMessage> conversation =
        List.of(
            new ChatMessage("system", "Be terse."),
            user("What is 2+2?"),
            new ChatMessage("assistant", "4"),
            user("And times 3?"));

    ModelAnswer answer = fallback.ask("echo", conversation, null);

    List<Event> prompts = site.events("prompt");
    assertThat(prompts).hasSize(1);
    String received = prompts.get(0).body();
    assertThat(received).isEqualTo(PromptFlattener.flatten(conversation));
    assertThat(received)
        .containsSubsequence(
            "[System instructions]\nBe terse.",
            "[User]\nWhat is 2+2?",
            "[Assistant]\n4",
            "[User]\nAnd times 3?");
    assertThat(answer.content()).isEqualTo("echo: " + received);
  }

  @Test
  void a_usage_limit_banner_is_upstream_rate_limited() {
    assertThatThrownBy(() -> fallback.ask("ratelimit", List.of(user("hello")), null))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.type()).isEqualTo(ChatErrorType.UPSTREAM_RATE_LIMITED));
  }

  @Test
  void an_answer_that_mentions_a_usage_limit_is_not_a_banner() {
    ModelAnswer answer = fallback.ask("echo", List.of(user("what is my usage limit")), null);

    assertThat(answer.content()).isEqualTo("echo: what is my usage limit");
  }

  @Test
  void a_signed_out_site_is_upstream_auth_with_the_login_command() {
    assertThatThrownBy(() -> fallback.ask("signedout", List.of(user("hello")), null))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.type()).isEqualTo(ChatErrorType.UPSTREAM_AUTH);
              assertThat(e.getMessage()).contains("run `coracle browser login signedout`");
            });
    assertThat(site.events("prompt")).isEmpty();
  }

  @Test
  void two_concurrent_chats_take_turns_on_the_page() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<ModelAnswer> first =
          callers.submit(() -> fallback.ask("echo", List.of(user("first question")), null));
      Future<ModelAnswer> second =
          callers.submit(() -> fallback.ask("echo", List.of(user("second question")), null));

      assertThat(first.get().content()).isEqualTo("echo: first question");
      assertThat(second.get().content()).isEqualTo("echo: second question");
    } finally {
      callers.shutdownNow();
    }
    // Each prompt was answered before the next one was typed.
    List<Event> turns = site.events().stream().filter(e -> !e.kind().equals("visit")).toList();
    assertThat(turns).hasSize(4);
    assertThat(turns.get(0).kind()).isEqualTo("prompt");
    assertThat(turns.get(1)).isEqualTo(new Event("done", turns.get(0).body()));
    assertThat(turns.get(2).kind()).isEqualTo("prompt");
    assertThat(turns.get(3)).isEqualTo(new Event("done", turns.get(2).body()));
  }

  @Test
  void an_answer_that_stops_halfway_is_stream_broken_at_the_timeout() {
    List<String> tokens = new CopyOnWriteArrayList<>();
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> impatient.ask("stall", List.of(user("one two three four five six")), tokens::add))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.type()).isEqualTo(ChatErrorType.STREAM_BROKEN));

    assertThat(String.join("", tokens)).isEqualTo("echo: one two three");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void no_answer_at_all_is_upstream_unavailable_at_the_timeout() {
    assertThatThrownBy(() -> impatient.ask("silent", List.of(user("hello")), null))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.type()).isEqualTo(ChatErrorType.UPSTREAM_UNAVAILABLE));
    assertThat(site.events("prompt")).extracting(Event::body).containsExactly("hello");
  }

  @Test
  void the_profile_lives_under_the_home_and_survives_a_restart(@TempDir Path otherHome) {
    BrowserConfig config = site.config(20, "echo");
    try (BrowserFallback first = new BrowserFallback(config, otherHome)) {
      first.ask("echo", List.of(user("hello")), null);
    }
    Path profile = otherHome.resolve("browser").resolve("echo");
    assertThat(profile.resolve("Default")).isDirectory();
    assertThat(ChromiumProfiles.lockHolder(profile)).isEmpty();

    try (BrowserFallback second = new BrowserFallback(config, otherHome)) {
      second.ask("echo", List.of(user("hello again")), null);
    }

    assertThat(site.events("visit")).extracting(Event::body).containsExactly("1", "2");
    assertThat(site.cookies()).hasSize(2);
    assertThat(site.cookies().get(0)).isEmpty();
    assertThat(site.cookies().get(1)).contains("fake_session=1");
  }

  @Test
  void a_site_that_is_off_is_no_provider_and_starts_no_browser(@TempDir Path otherHome) {
    BrowserConfig config =
        new BrowserConfig(true, "/usr/bin/chromium", 20, List.of(disabled(site.site("echo"))));
    try (BrowserFallback off = new BrowserFallback(config, otherHome)) {
      assertThatThrownBy(() -> off.ask("echo", List.of(user("hello")), null))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.type()).isEqualTo(ChatErrorType.NO_PROVIDER));
      assertThatThrownBy(() -> off.ask("nope", List.of(user("hello")), null))
          .hasMessageContaining("no browser site 'nope'");
    }
    assertThat(Files.exists(otherHome.resolve("browser"))).isFalse();
  }

  private static BrowserSite disabled(BrowserSite s) {
    return new BrowserSite(
        s.name(),
        false,
        s.url(),
        s.input(),
        s.send(),
        s.response(),
        s.done(),
        s.rateLimit(),
        s.signedOut());
  }

  private static ChatMessage user(String text) {
    return new ChatMessage("user", text);
  }
}
