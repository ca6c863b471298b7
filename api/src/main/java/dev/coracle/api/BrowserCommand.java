package dev.coracle.api;

import dev.coracle.activities.browser.BrowserException;
import dev.coracle.activities.browser.BrowserLogin;
import dev.coracle.activities.browser.SiteCheck;
import dev.coracle.activities.config.ConfigException;
import dev.coracle.activities.config.ConfigLoader;
import dev.coracle.activities.config.CoracleHome;
import dev.coracle.activities.config.LoadedConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code coracle browser login|check <site>}: the user's own session for the browser fallback. Exit
 * status 0 when the site looks signed in, 1 when it does not (signed out or rate-limited), 2 when
 * it could not be checked.
 */
@Command(
    name = "browser",
    mixinStandardHelpOptions = true,
    description = "Sign in to chat sites for the browser fallback, and check those sessions.",
    subcommands = {BrowserCommand.Login.class, BrowserCommand.Check.class})
final class BrowserCommand implements Runnable {
  static final int EXIT_NOT_SIGNED_IN = 1;
  static final int EXIT_FAILED = 2;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Loads the configuration and reports failures as one line on stderr with exit status 2. */
  abstract static class SiteCommand implements Callable<Integer> {
    @Option(names = "--home", description = "Coracle home (default: $CORACLE_HOME or ~/.coracle).")
    Path home;

    @Parameters(
        paramLabel = "SITE",
        description = "A site in browser.sites: claude, chatgpt, gemini…")
    String site;

    abstract int run(BrowserLogin browser);

    @Override
    public Integer call() {
      Map<String, String> env = System.getenv();
      try {
        Path coracleHome = home != null ? home.toAbsolutePath() : CoracleHome.resolve(env);
        LoadedConfig loaded = ConfigLoader.load(coracleHome, env);
        CoracleHome.ensureWritable(coracleHome);
        try (BrowserLogin browser = new BrowserLogin(loaded.config().browser(), coracleHome, env)) {
          return run(browser);
        }
      } catch (ConfigException | BrowserException e) {
        System.err.println("coracle: " + e.getMessage());
        return EXIT_FAILED;
      } catch (RuntimeException e) {
        // Anything else is a bug or an environment problem; the log keeps the stack trace.
        LoggerFactory.getLogger(BrowserCommand.class).debug("browser command failed", e);
        System.err.println("coracle: the browser failed: " + CliErrors.rootMessage(e));
        return EXIT_FAILED;
      }
    }

    static int report(SiteCheck check) {
      System.out.println(
          check.site() + ": " + check.status().label() + " (" + check.detail() + ")");
      return check.signedIn() ? 0 : EXIT_NOT_SIGNED_IN;
    }
  }

  @Command(
      name = "login",
      mixinStandardHelpOptions = true,
      description = {
        "Open SITE in a visible chromium window on coracle's profile for it, to sign in once.",
        "Close the window (or press Enter here) when done; coracle then checks the session."
      })
  static final class Login extends SiteCommand {
    @Override
    int run(BrowserLogin browser) {
      SiteCheck check = browser.login(site, System.out, System.in);
      int exit = report(check);
      if (check.signedIn()) {
        System.out.println(
            "The browser fallback can use "
                + site
                + " once browser.enabled and the site's enabled are true in coracle.yml.");
      }
      return exit;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Open SITE headless on coracle's profile and report signed-in, signed-out or"
              + " rate-limited.")
  static final class Check extends SiteCommand {
    @Override
    int run(BrowserLogin browser) {
      return report(browser.check(site));
    }
  }
}
