package dev.coracle.activities.tools.fs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.tools.JailPath;
import dev.coracle.activities.tools.JailedFiles;
import dev.coracle.activities.tools.Tool;
import dev.coracle.activities.tools.ToolArgs;
import dev.coracle.activities.tools.ToolContext;
import dev.coracle.activities.tools.ToolException;
import dev.coracle.activities.tools.ToolOutput;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Finds files by a glob pattern, so the model need not list whole trees to find them. */
@Singleton
public class GlobTool implements Tool {

  static final int MAX_RESULTS = 200;

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "glob",
          "Find files in the workspace by a glob pattern such as src/**/*.java (** is any number"
              + " of directories, * and ? stay within one name, {a,b} is either). A pattern"
              + " without / matches file names at any depth. Skips .git, node_modules, build"
              + " output and hidden directories. Returns paths relative to the workspace root,"
              + " sorted, at most "
              + MAX_RESULTS
              + ".",
          """
          {"type": "object",
           "properties": {
             "pattern": {"type": "string", "description": "Glob pattern, relative to path"},
             "path": {"type": "string",
                      "description": "Directory to search in, relative to the workspace root (default: the root)"}},
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
    String pattern = args.requiredString("pattern");
    GlobPattern glob = GlobPattern.compile(pattern);
    JailPath start = context.jail().locate(args.string("path", "."));
    JailedFiles files = context.jail().files();
    if (!files.attributes(start).map(BasicFileAttributes::isDirectory).orElse(false)) {
      throw new ToolException("There is no directory " + start + " in the workspace.");
    }
    FileSearch.Found found = FileSearch.files(files, start);
    List<String> matches =
        found.files().stream()
            .filter(file -> glob.matches(file.below()))
            .map(file -> file.path().toString())
            .toList();
    StringBuilder text = new StringBuilder();
    String more = found.complete() ? "" : " (the search stopped early in a very large tree)";
    if (matches.isEmpty()) {
      return ToolOutput.ok("No files match " + pattern + more + ".\n");
    }
    text.append(matches.size())
        .append(matches.size() == 1 ? " file matches " : " files match ")
        .append(pattern)
        .append(more)
        .append('\n');
    matches.stream().limit(MAX_RESULTS).forEach(path -> text.append(path).append('\n'));
    if (matches.size() > MAX_RESULTS) {
      text.append("… and ")
          .append(matches.size() - MAX_RESULTS)
          .append(" more; narrow the pattern or the path\n");
    }
    return ToolOutput.ok(text.toString());
  }
}
