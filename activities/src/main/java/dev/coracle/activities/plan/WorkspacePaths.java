package dev.coracle.activities.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalizes the paths a plan names. They are hints for the coder and the verifier, not access
 * rights (the tools enforce the workspace jail), so a path that would leave the workspace is simply
 * dropped.
 */
final class WorkspacePaths {
  private WorkspacePaths() {}

  static List<String> normalize(List<String> paths) {
    List<String> kept = new ArrayList<>();
    for (String path : paths) {
      String clean = path.replace('\\', '/');
      while (clean.startsWith("./")) {
        clean = clean.substring(2);
      }
      boolean escapes =
          clean.startsWith("/")
              || clean.startsWith("~")
              || clean.matches("^[A-Za-z]:/.*")
              || ("/" + clean + "/").contains("/../");
      if (!clean.isEmpty() && !escapes && !kept.contains(clean)) {
        kept.add(clean);
      }
    }
    return kept;
  }
}
