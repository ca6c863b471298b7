package dev.coracle.activities.tools.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.coracle.activities.tools.JailPath;
import dev.coracle.activities.tools.JailedFiles;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.activities.workspace.TextFiles;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Searches file contents, answering with {@code file:line: text} like grep -rn. */
@Singleton
public class GrepTool implements Tool {

  static final int DEFAULT_MATCHES = 100;
  static final int MAX_MATCHES = 500;

  /** A minified file's one line could fill the output; a match shows at most this much. */
  static final int MAX_LINE_CHARS = 300;

  /** Larger files are skipped: they are data or generated, not code to read. */
  static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "grep",
          "Search file contents in the workspace for a regular expression (RE2 syntax: like"
              + " Java's, without backreferences or lookaround) or a fixed string. Returns matching lines as path:line: text. Skips binary files,"
              + " files over 2 MiB, .git, node_modules, build output and hidden directories.",
          """
          {"type": "object",
           "properties": {
             "pattern": {"type": "string", "description": "Regular expression, or text with fixed_strings"},
             "fixed_strings": {"type": "boolean", "description": "Match the pattern literally (default false)"},
             "ignore_case": {"type": "boolean", "description": "Case-insensitive (default false)"},
             "path": {"type": "string",
                      "description": "File or directory to search, relative to the workspace root (default: the root)"},
             "glob": {"type": "string", "description": "Only files matching this glob, e.g. *.java or src/**/*.ts"},
             "max_matches": {"type": "integer", "minimum": 1, "maximum": 500,
                             "description": "Stop after this many matching lines (default 100)"}},
           "required": ["pattern"],
           "additionalProperties": false}
          """,
          null);

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) throws IOException {
    ToolArgs args = new ToolArgs(name(), json);
    Pattern pattern = pattern(args);
    String globText = args.string("glob", null);
    int max = Math.min(args.integer("max_matches", DEFAULT_MATCHES), MAX_MATCHES);
    if (max < 1) {
      throw new ToolException("max_matches must be 1 or more.");
    }
    JailPath start = context.jail().locate(args.string("path", "."));
    JailedFiles jailed = context.jail().files();
    FileSearch.Found candidates = FileSearch.files(jailed, start);
    // A single file is searched whatever the glob says: the model named it.
    boolean single =
        candidates.files().size() == 1 && candidates.files().get(0).path().equals(start);
    GlobPattern glob = globText == null || single ? null : GlobPattern.compile(globText);
    StringBuilder lines = new StringBuilder();
    int matches = 0;
    int files = 0;
    boolean stopped = false;
    for (FileSearch.File file : candidates.files()) {
      if ((glob != null && !glob.matches(file.below())) || file.size() > MAX_FILE_BYTES) {
        continue;
      }
      byte[] content = content(jailed, file.path());
      if (content == null || TextFiles.isBinary(content)) {
        continue;
      }
      int found = search(content, file.path().toString(), pattern, max - matches, lines);
      if (found > 0) {
        files++;
        matches += found;
      }
      if (matches >= max) {
        stopped = true;
        break;
      }
    }
    if (matches == 0) {
      return ToolOutput.ok("No matches.\n");
    }
    String header =
        stopped
            ? "First " + matches + " matching lines (more exist; narrow the search):\n"
            : matches + " matching lines in " + files + (files == 1 ? " file:\n" : " files:\n");
    return ToolOutput.ok(header + lines);
  }

  /**
   * The model's pattern, compiled by RE2/J: it matches in time linear in the line, so no pattern a
   * model writes (say {@code (a+)+b}) can stall a tool slot on a long line, at the price of
   * backreferences and lookaround, which RE2 does not have.
   */
  private static Pattern pattern(ToolArgs args) {
    String text = args.requiredString("pattern");
    if (text.isEmpty()) {
      throw new ToolException("grep needs a non-empty pattern.");
    }
    int flags = args.bool("ignore_case", false) ? Pattern.CASE_INSENSITIVE : 0;
    if (args.bool("fixed_strings", false)) {
      text = Pattern.quote(text);
    }
    try {
      return Pattern.compile(text, flags);
    } catch (PatternSyntaxException e) {
      throw new ToolException(
          "The pattern is not a valid regular expression ("
              + e.getDescription()
              + "); set fixed_strings to search for it literally.");
    }
  }

  /** The file's bytes, or null when it cannot be read now (gone, unreadable, swapped). */
  private static byte[] content(JailedFiles files, JailPath file) {
    try {
      return files.readAll(file);
    } catch (IOException | ToolException unreadable) {
      return null;
    }
  }

  /** Appends up to {@code room} matching lines of one file; returns how many. */
  private static int search(
      byte[] content, String path, Pattern pattern, int room, StringBuilder out)
      throws IOException {
    int found = 0;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while (found < room && (line = reader.readLine()) != null) {
        number++;
        if (pattern.matcher(line).find()) {
          String shown =
              line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + " …";
          out.append(path).append(':').append(number).append(": ").append(shown).append('\n');
          found++;
        }
      }
    }
    return found;
  }
}
