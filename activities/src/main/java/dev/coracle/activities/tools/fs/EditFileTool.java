package dev.coracle.activities.tools.fs;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Changes part of a text file, so a small fix does not mean rewriting the whole file: either an
 * exact search and replace, or a unified diff.
 */
@Singleton
public class EditFileTool implements Tool {

  private static final ToolDefinition DEFINITION =
      new ToolDefinition(
          "edit_file",
          "Edit a text file in the workspace in one of two ways. (1) Replace: give old_text, an"
              + " exact piece of the file (whitespace included) that occurs once, and new_text;"
              + " set replace_all to replace every occurrence. (2) Patch: give patch, a unified"
              + " diff of this one file (@@ -l,n +l,n @@ hunks with context lines); a hunk whose"
              + " lines are not in the file is refused. Returns what changed.",
          """
          {"type": "object",
           "properties": {
             "path": {"type": "string", "description": "File path relative to the workspace root"},
             "old_text": {"type": "string", "description": "Exact text to replace"},
             "new_text": {"type": "string", "description": "Text to put in its place"},
             "replace_all": {"type": "boolean", "description": "Replace every occurrence (default false)"},
             "patch": {"type": "string", "description": "A unified diff of the file, instead of old_text/new_text"}},
           "required": ["path"],
           "additionalProperties": false}
          """,
          null);

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public boolean idempotent() {
    return false;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) throws IOException {
    ToolArgs args = new ToolArgs(name(), json);
    JailPath file = context.jail().locate(args.requiredString("path"));
    JailedFiles files = context.jail().files();
    String path = file.toString();
    String patch = args.string("patch", null);
    boolean replacing = json.has("old_text") || json.has("new_text");
    if (patch != null && replacing) {
      throw new ToolException("Give either patch or old_text and new_text, not both.");
    }
    if (patch == null && !replacing) {
      throw new ToolException("edit_file needs old_text and new_text, or a patch.");
    }
    Optional<BasicFileAttributes> existing = files.attributes(file);
    String text = read(files, file, existing, patch != null);
    String message;
    String edited;
    if (patch == null) {
      SearchReplace.Result result =
          SearchReplace.apply(
              path,
              text,
              args.requiredString("old_text"),
              args.requiredString("new_text"),
              args.bool("replace_all", false));
      edited = result.text();
      message =
          "Edited "
              + path
              + ": replaced "
              + result.count()
              + (result.count() == 1 ? " occurrence" : " occurrences")
              + ", the first at line "
              + result.firstLine()
              + ".";
    } else {
      String separator = text.contains("\r\n") ? "\r\n" : "\n";
      List<String> lines =
          text.isEmpty()
              ? List.of()
              : Arrays.stream(text.split("\n", -1)).map(l -> l.replaceAll("\r$", "")).toList();
      boolean finalNewline = text.isEmpty() || text.endsWith("\n");
      if (finalNewline && !lines.isEmpty()) {
        lines = lines.subList(0, lines.size() - 1);
      }
      UnifiedPatch.Result result = UnifiedPatch.parse(patch).apply(path, lines);
      edited =
          String.join(separator, result.lines())
              + (finalNewline && !result.lines().isEmpty() ? separator : "");
      message =
          (existing.isPresent() ? "Patched " : "Created ")
              + path
              + ": "
              + result.hunks()
              + (result.hunks() == 1 ? " hunk" : " hunks")
              + " applied, "
              + result.added()
              + " lines added, "
              + result.removed()
              + " removed.";
    }
    files.replace(file, edited.getBytes(StandardCharsets.UTF_8));
    return new ToolOutput(message, false, List.of(path));
  }

  /** The file's text; a patch may create a file that does not exist yet (an empty one). */
  private static String read(
      JailedFiles files, JailPath file, Optional<BasicFileAttributes> attributes, boolean patching)
      throws IOException {
    if (attributes.isEmpty()) {
      if (patching) {
        return "";
      }
      throw new ToolException(
          "There is no file " + file + " in the workspace; create it with write_file.");
    }
    if (attributes.get().isDirectory()) {
      throw new ToolException(file + " is a directory; give a file path.");
    }
    if (!attributes.get().isRegularFile()) {
      throw new ToolException(file + " is not a text file; edit_file edits text only.");
    }
    byte[] content = files.readAll(file);
    if (TextFiles.isBinary(content)) {
      throw new ToolException(file + " is not a text file; edit_file edits text only.");
    }
    return TextFiles.decode(content);
  }
}
