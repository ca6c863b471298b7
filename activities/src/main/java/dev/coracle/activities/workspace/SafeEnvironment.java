package dev.coracle.activities.workspace;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of every command run in a workspace. It is built from nothing rather than
 * filtered from coracle's own, so the provider API keys and tokens coracle holds can never reach a
 * command a model wrote, whatever they are named.
 */
public final class SafeEnvironment {

  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private SafeEnvironment() {}

  /** PATH, a UTF-8 locale, a terminal that asks for no colours or pagers, HOME the workspace. */
  public static Map<String, String> forWorkspace(Path workspace) {
    Map<String, String> env = new TreeMap<>();
    env.put("PATH", searchPath());
    env.put("LANG", "C.UTF-8");
    env.put("LC_ALL", "C.UTF-8");
    env.put("TERM", "dumb");
    // Tools that write caches or config under HOME then write into the workspace, not the user's.
    env.put("HOME", workspace.toString());
    return env;
  }

  /** Where commands are looked up: coracle's own PATH, or the usual directories without one. */
  public static String searchPath() {
    String path = System.getenv("PATH");
    return path == null || path.isBlank() ? DEFAULT_PATH : path;
  }
}
