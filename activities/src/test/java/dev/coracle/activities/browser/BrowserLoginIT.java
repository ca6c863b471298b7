package dev.coracle.activities.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.browser.SiteCheck.Status;
import dev.coracle.workflows.chat.ChatMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code coracle browser check} and {@code login} see, in real headless chromium. */
class BrowserLoginIT {
  @TempDir static Path home;

  static FakeChatSite site;
  static BrowserLogin login;

  @BeforeAll
  static void start() {
    site = new FakeChatSite();
    login =
        new BrowserLogin(
            site.config(10, "echo", "signedout", "exhausted"), home, Map.of("PATH", "/usr/bin"));
  }

  @AfterAll
  static void stop() {
    login.close();
    site.close();
  }

  @Test
  void check_reports_signed_in_signed_out_and_rate_limited() {
    assertThat(login.check("echo").status()).isEqualTo(Status.SIGNED_IN);
    assertThat(login.check("signedout").status()).isEqualTo(Status.SIGNED_OUT);
    assertThat(login.check("exhausted").status()).isEqualTo(Status.RATE_LIMITED);
  }

  @Test
  void check_of_an_unknown_site_names_the_configured_ones() {
    assertThatThrownBy(() -> login.check("claude"))
        .isInstanceOf(BrowserException.class)
        .hasMessage(
            "no browser site 'claude' in browser.sites (configured: echo, signedout, exhausted)");
  }

  @Test
  void login_without_a_display_says_so_before_starting_chromium() {
    PrintStream out = new PrintStream(PrintStream.nullOutputStream());
    ByteArrayInputStream enter = new ByteArrayInputStream("\n".getBytes());

    assertThatThrownBy(() -> login.login("echo", out, enter))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("neither DISPLAY nor WAYLAND_DISPLAY is set");
  }

  @Test
  void a_profile_held_by_the_running_fallback_is_refused_with_a_clear_message(
      @TempDir Path shared) {
    try (BrowserFallback fallback = new BrowserFallback(site.config(10, "echo"), shared);
        BrowserLogin other = new BrowserLogin(site.config(10, "echo"), shared, Map.of())) {
      fallback.ask("echo", List.of(new ChatMessage("user", "hi")), null);

      assertThatThrownBy(() -> other.check("echo"))
          .isInstanceOf(BrowserException.class)
          .hasMessageContaining("is in use by chromium")
          .hasMessageContaining("coracle serve");
    }
  }
}
