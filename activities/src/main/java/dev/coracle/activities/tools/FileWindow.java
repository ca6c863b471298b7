package dev.coracle.activities.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * A bounded piece of a file, read from an open channel: some lines, or some bytes when a line is
 * too long for the bound (minified code, a one-line data file). Only the bytes up to the end of the
 * piece are read, plus, in a file that is not too big, a scan for the line count.
 */
final class FileWindow {

  /** Files up to this size get their lines counted; bigger ones are not scanned to the end. */
  static final long COUNT_LINES_UP_TO = 8L * 1024 * 1024;

  private static final int CHUNK = 64 * 1024;

  /**
   * What was read.
   *
   * @param bytes the piece, cut at whole UTF-8 characters
   * @param firstLine the 1-based line it starts at, or 0 when read by bytes
   * @param lines the whole lines in it (0 when one line was too long and only its start is here)
   * @param start the byte the piece starts at
   * @param totalLines the file's line count, or -1 when the file is too big to count
   * @param ended true when the piece reaches the end of the file
   */
  record Piece(byte[] bytes, int firstLine, int lines, long start, long totalLines, boolean ended) {

    long end() {
      return start + bytes.length;
    }
  }

  private final SeekableByteChannel channel;
  private final long size;
  private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
  private long position;

  FileWindow(SeekableByteChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
    buffer.flip();
  }

  long size() {
    return size;
  }

  /**
   * Up to {@code limit} lines from line {@code offset}, in at most {@code maxBytes}. When even the
   * first line does not fit, its first {@code maxBytes} come back, with {@code lines} 0.
   *
   * @return null when the file has fewer than {@code offset} lines
   */
  Piece lines(int offset, int limit, int maxBytes) throws IOException {
    int line = 1;
    int next;
    while (line < offset && (next = nextByte()) >= 0) {
      if (next == '\n') {
        line++;
      }
    }
    long start = position;
    if (line < offset || (start == size && offset > 1)) {
      return null;
    }
    ByteArrayOutputStream piece = new ByteArrayOutputStream();
    int complete = 0;
    int lastLineEnd = 0;
    while (complete < limit && piece.size() < maxBytes && (next = nextByte()) >= 0) {
      piece.write(next);
      if (next == '\n') {
        complete++;
        lastLineEnd = piece.size();
      }
    }
    byte[] bytes = piece.toByteArray();
    boolean atEnd = position == size;
    if (atEnd && bytes.length > lastLineEnd) {
      complete++; // The last line has no line break.
      lastLineEnd = bytes.length;
    }
    if (complete == 0) {
      bytes = Utf8Cut.head(bytes, bytes.length);
    } else if (lastLineEnd < bytes.length) {
      bytes = Arrays.copyOf(bytes, lastLineEnd);
    }
    long end = start + bytes.length;
    long total = size <= COUNT_LINES_UP_TO ? countLines(line + complete, end) : -1;
    return new Piece(bytes, offset, complete, start, total, end == size);
  }

  /** Up to {@code length} bytes from {@code start}, moved to whole UTF-8 characters. */
  Piece bytes(long start, int length) throws IOException {
    channel.position(start);
    ByteBuffer read = ByteBuffer.allocate((int) Math.min(length, size - start));
    while (read.hasRemaining() && channel.read(read) >= 0) {
      // Fills the buffer unless the file ended early.
    }
    byte[] bytes = Arrays.copyOf(read.array(), read.position());
    int skipped = Utf8Cut.continuationBytes(bytes);
    byte[] whole = Arrays.copyOfRange(bytes, skipped, bytes.length);
    long from = start + skipped;
    if (from + whole.length < size) {
      // At the very end a broken character stays, or reading on would never get past it.
      whole = Utf8Cut.head(whole, whole.length);
    }
    boolean ended = from + whole.length >= size;
    return new Piece(whole, 0, 0, from, -1, ended);
  }

  /** Lines from line {@code line}, which starts at {@code from}, to the end of the file. */
  private long countLines(int line, long from) throws IOException {
    if (from >= size) {
      return line - 1;
    }
    buffer.clear().flip();
    position = from;
    long lines = line;
    int next;
    int last = -1;
    while ((next = nextByte()) >= 0) {
      if (next == '\n') {
        lines++;
      }
      last = next;
    }
    // A file that ends with a line break has no line after it.
    return last == '\n' ? lines - 1 : lines;
  }

  private int nextByte() throws IOException {
    if (!buffer.hasRemaining()) {
      buffer.clear();
      channel.position(position);
      int read = channel.read(buffer);
      buffer.flip();
      if (read <= 0) {
        return -1;
      }
    }
    position++;
    return buffer.get() & 0xff;
  }
}
