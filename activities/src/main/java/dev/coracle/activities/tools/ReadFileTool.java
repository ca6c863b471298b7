package dev.coracle.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coracle.activities.config.CoracleConfig.ToolsConfig;
import dev.coracle.activities.config.LoadedConfig;
import dev.coracle.activities.workspace.TextFiles;
import dev.coracle.workflows.chat.ToolDefinition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads part of a text file: some lines, or some bytes of a line too long to read whole, after a
 * header that says which part and how to read on. Only that part of the file is read, so a huge
 * file costs no more than a small one.
 */
@Singleton
public class ReadFileTool implements Tool {

  static final int DEFAULT_LINES = 400;
  static final int MAX_LINES = 2000;

  /** Room in the tool's output for the header line, so the whole answer fits the output limit. */
  static final int HEADER_ROOM = 1024;

  private final int maxBytes;
  private final ToolDefinition definition;

  @Inject
  public ReadFileTool(LoadedConfig loaded) {
    this(ToolSettings.of(loaded));
  }

  /** With the shipped defaults. */
  public ReadFileTool() {
    this(ToolSettings.DEFAULTS);
  }

  ReadFileTool(ToolsConfig tools) {
    this.maxBytes =
        Math.max(1024, Math.min(tools.readLimitBytes(), tools.outputLimitBytes() - HEADER_ROOM));
    this.definition =
        new ToolDefinition(
            "read_file",
            "Read a text file in the workspace. Returns up to "
                + maxBytes
                + " bytes: the requested lines as plain text after a header line giving the line"
                + " range, the file's line count and how to read on. A line too long to fit is"
                + " read in pieces with byte_offset.",
            """
            {"type": "object",
             "properties": {
               "path": {"type": "string", "description": "File path relative to the workspace root"},
               "offset": {"type": "integer", "minimum": 1,
                          "description": "First line to read, 1-based (default 1)"},
               "limit": {"type": "integer", "minimum": 1, "maximum": 2000,
                         "description": "How many lines to read (default 400)"},
               "byte_offset": {"type": "integer", "minimum": 0,
                               "description": "Read from this byte (0-based) instead of by lines"},
               "length": {"type": "integer", "minimum": 1,
                          "description": "With byte_offset: how many bytes (default and most: %d)"}},
             "required": ["path"],
             "additionalProperties": false}
            """
                .formatted(maxBytes),
            null);
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public boolean idempotent() {
    return true;
  }

  @Override
  public ToolOutput run(ToolContext context, JsonNode json) throws IOException {
    ToolArgs args = new ToolArgs(name(), json);
    JailPath file = context.jail().locate(args.requiredString("path"));
    boolean byBytes = json.has("byte_offset");
    if (byBytes && (json.has("offset") || json.has("limit"))) {
      throw new ToolException("Give either offset and limit (lines) or byte_offset, not both.");
    }
    Range range = byBytes ? bytesRange(args) : linesRange(args);
    if (context.jail().files().attributes(file).map(a -> a.isDirectory()).orElse(false)) {
      throw new ToolException(file + " is a directory; list it with list_files.");
    }
    try (SeekableByteChannel channel = context.jail().files().read(file)) {
      FileWindow window = new FileWindow(channel);
      if (window.size() == 0) {
        return ToolOutput.ok(file + ": empty file\n");
      }
      if (TextFiles.isBinary(window.bytes(0, 8192).bytes())) {
        throw new ToolException(
            file + " is a binary file (" + window.size() + " bytes); read_file reads text only.");
      }
      return ToolOutput.ok(
          byBytes
              ? bytes(file, window, range.start(), range.length())
              : lines(file, window, (int) range.start(), range.length()));
    }
  }

  /** Where to start (a line or a byte) and how much (lines or bytes). */
  private record Range(long start, int length) {}

  private static Range linesRange(ToolArgs args) {
    int offset = args.integer("offset", 1);
    int limit = Math.min(args.integer("limit", DEFAULT_LINES), MAX_LINES);
    if (offset < 1 || limit < 1) {
      throw new ToolException("read_file needs offset and limit of 1 or more.");
    }
    return new Range(offset, limit);
  }

  private Range bytesRange(ToolArgs args) {
    long start = args.integer("byte_offset", 0);
    int length = Math.min(args.integer("length", maxBytes), maxBytes);
    if (start < 0 || length < 1) {
      throw new ToolException("read_file needs byte_offset of 0 or more and length of 1 or more.");
    }
    return new Range(start, length);
  }

  private String lines(JailPath file, FileWindow window, int offset, int limit) throws IOException {
    FileWindow.Piece piece = window.lines(offset, limit, maxBytes);
    if (piece == null) {
      throw new ToolException(
          file + " has fewer than " + offset + " lines; offset " + offset + " is past its end.");
    }
    String text = ReadFileText.of(piece.bytes());
    if (piece.lines() == 0) {
      return file
          + ": the first "
          + piece.bytes().length
          + " bytes of line "
          + offset
          + ", which is longer than "
          + maxBytes
          + " bytes"
          + ReadFileText.total(piece, window.size())
          + "; read_file with byte_offset "
          + piece.end()
          + " reads on\n"
          + text;
    }
    int last = offset + piece.lines() - 1;
    String more = piece.ended() ? "" : "; read_file with offset " + (last + 1) + " reads on";
    return file
        + ": lines "
        + offset
        + "-"
        + last
        + ReadFileText.total(piece, window.size())
        + more
        + "\n"
        + text;
  }

  private static String bytes(JailPath file, FileWindow window, long start, int length)
      throws IOException {
    if (start >= window.size()) {
      throw new ToolException(
          file + " has " + window.size() + " bytes; byte_offset " + start + " is past its end.");
    }
    FileWindow.Piece piece = window.bytes(start, length);
    String more = piece.ended() ? "" : "; read_file with byte_offset " + piece.end() + " reads on";
    return file
        + ": bytes "
        + piece.start()
        + "-"
        + piece.end()
        + " of "
        + window.size()
        + more
        + "\n"
        + ReadFileText.of(piece.bytes());
  }
}
