package dev.coracle.activities.tools.git;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment and configuration every git process coracle starts gets, so that nothing a
 * repository names — in {@code .git/config}, a file it includes, a committed {@code .gitconfig} or
 * {@code .gitattributes} — ever runs.
 *
 * <p>Configuration given on git's command line (here through {@code GIT_CONFIG_COUNT}, which is the
 * same scope as {@code -c}) is read after the repository's own files, so for a single-valued key it
 * wins. Child git processes inherit it, so a {@code git gc --auto} that commit starts is covered
 * too. The drivers a repository defines under names of its own choosing are not listed here; {@link
 * RepositoryDrivers} finds and neutralises those.
 */
final class GitHardening {

  /** Where git looks for helpers and {@code sh}: system directories only, never the workspace. */
  static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

  /**
   * Settings that name a program, or make git start one, each set so that nothing runs: an empty
   * command (git either skips it or fails to execute "", which GitConfigAttackTest checks against
   * the installed git), {@code :} (git's "no editor"), or the feature turned off.
   */
  static final Map<String, String> OVERRIDES = overrides();

  private GitHardening() {}

  private static Map<String, String> overrides() {
    Map<String, String> c = new LinkedHashMap<>();
    // Programs git itself would run while reading or writing the working tree.
    c.put("core.fsmonitor", "false");
    c.put("core.useBuiltinFSMonitor", "false");
    c.put("core.hooksPath", "/dev/null");
    c.put("core.attributesFile", "/dev/null");
    c.put("diff.external", "");
    // Programs for people at a terminal; coracle never has one, but a repository may name them.
    c.put("core.pager", "cat");
    c.put("core.editor", ":");
    c.put("sequence.editor", ":");
    // Network transports and what they start: none of coracle's commands fetch or push.
    c.put("protocol.allow", "never");
    c.put("core.sshCommand", "");
    c.put("core.gitProxy", "none");
    c.put("core.askPass", "");
    c.put("core.alternateRefsCommand", "");
    // An empty helper resets the list, dropping every helper configured before, per URL or not.
    c.put("credential.helper", "");
    // Signing and signature checks run gpg, or a program a repository names instead.
    c.put("gpg.program", "");
    c.put("gpg.openpgp.program", "");
    c.put("gpg.x509.program", "");
    c.put("gpg.ssh.program", "");
    c.put("gpg.ssh.defaultKeyCommand", "");
    c.put("commit.gpgSign", "false");
    c.put("tag.gpgSign", "false");
    c.put("log.showSignature", "false");
    c.put("merge.verifySignatures", "false");
    // A submodule has its own configuration, which these launches do not inspect: never enter one.
    c.put("submodule.recurse", "false");
    c.put("status.submoduleSummary", "false");
    c.put("diff.submodule", "short");
    c.put("diff.ignoreSubmodules", "dirty");
    // No background maintenance processes outliving the command.
    c.put("maintenance.auto", "false");
    c.put("gc.auto", "0");
    c.put("color.ui", "never");
    return Collections.unmodifiableMap(c);
  }

  /**
   * The whole environment of a git process, built from nothing: never coracle's own, which holds
   * API keys. HOME is an empty private directory, so neither the user's nor a committed {@code
   * .gitconfig} is read; the work tree is pinned to the workspace whatever {@code core.worktree}
   * says; git does not look above the workspace for a repository.
   *
   * @param gitDirectory where the git program lives, searched before the system directories
   */
  static Map<String, String> environment(
      Path workspace, Path home, Path gitDirectory, Map<String, String> config) {
    Map<String, String> env = new TreeMap<>();
    env.put("PATH", gitDirectory + ":" + SYSTEM_PATH);
    env.put("LANG", "C.UTF-8");
    env.put("LC_ALL", "C.UTF-8");
    env.put("TERM", "dumb");
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_ATTR_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_PAGER", "cat");
    env.put("PAGER", "cat");
    env.put("GIT_EDITOR", ":");
    env.put("GIT_SEQUENCE_EDITOR", ":");
    env.put("GIT_WORK_TREE", workspace.toString());
    Path parent = workspace.getParent();
    env.put("GIT_CEILING_DIRECTORIES", parent == null ? "/" : parent.toString());
    int i = 0;
    for (Map.Entry<String, String> entry : config.entrySet()) {
      env.put("GIT_CONFIG_KEY_" + i, entry.getKey());
      env.put("GIT_CONFIG_VALUE_" + i, entry.getValue());
      i++;
    }
    env.put("GIT_CONFIG_COUNT", Integer.toString(i));
    return env;
  }
}
