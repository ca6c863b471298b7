package dev.coracle.activities.guard;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * {@code curl … | sh}: a download piped into a shell, within {@value #MAX_GAP} characters on one
 * line. A counted gap like {@code [^|\n]{0,200}} costs RE2 two hundred states per character, so the
 * gap is measured here instead: each pipe into a shell looks back, to the previous pipe or line
 * break, for the command that feeds it. Those stretches do not overlap, which keeps the whole scan
 * linear.
 */
final class PipeToShellCheck implements InjectionCheck {

  static final int MAX_GAP = 200;

  private static final Pattern INTO_SHELL =
      Pattern.compile("\\|\\s*(?:sudo\\s+)?(?:ba|z|da)?sh\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern DOWNLOAD =
      Pattern.compile("\\b(?:curl|wget)\\b", Pattern.CASE_INSENSITIVE);

  private static final int LONGEST_DOWNLOAD = "curl".length();

  @Override
  public String name() {
    return "pipe-to-shell";
  }

  @Override
  public Optional<InjectionFinding> find(String text) {
    Matcher pipes = INTO_SHELL.matcher(text);
    int from = 0;
    while (from <= text.length() && pipes.find(from)) {
      int pipe = pipes.start();
      int download = downloadBefore(text, pipe);
      if (download >= 0) {
        return Optional.of(new InjectionFinding(name(), Excerpt.of(text, download, pipes.end())));
      }
      from = Math.max(pipes.end(), pipe + 1);
    }
    return Optional.empty();
  }

  /**
   * Where the first {@code curl} or {@code wget} starts that ends at most {@value #MAX_GAP}
   * characters before {@code pipe}, with no other pipe or line break in between; -1 if none does.
   */
  private static int downloadBefore(String text, int pipe) {
    int floor = Math.max(0, pipe - MAX_GAP - LONGEST_DOWNLOAD);
    int start = pipe;
    while (start > floor && text.charAt(start - 1) != '|' && text.charAt(start - 1) != '\n') {
      start--;
    }
    // One character of context before the stretch, so that \b sees what precedes it.
    int context = Math.max(0, start - 1);
    Matcher download = DOWNLOAD.matcher(text.substring(context, pipe));
    while (download.find()) {
      int begin = context + download.start();
      if (begin >= start && pipe - (context + download.end()) <= MAX_GAP) {
        return begin;
      }
    }
    return -1;
  }
}
