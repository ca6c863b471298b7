package dev.coracle.activities.tools;

import dev.coracle.activities.workspace.TextFiles;

/** How read_file shows a piece of a file to the model. */
final class ReadFileText {

  private ReadFileText() {}

  /** The text, with Windows line ends as {@code \n} and a final line break. */
  static String of(byte[] bytes) {
    String text = TextFiles.decode(bytes).replace("\r\n", "\n");
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }

  /** The file's line count when it was counted, else its size. */
  static String total(FileWindow.Piece piece, long size) {
    return piece.totalLines() >= 0
        ? " of " + piece.totalLines()
        : " (the file has " + size + " bytes; its lines were not counted)";
  }
}
