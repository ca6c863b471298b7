package dev.coracle.activities.guard;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A base64 blob of {@value #MIN_BLOB} or more characters next to an order to decode it ({@code
 * decode}, {@code base64 -d}, {@code atob}), within {@value #MAX_GAP} characters either way.
 *
 * <p>As one regular expression this was {@code [A-Za-z0-9+/]{200,}={0,2}.{0,120}?\b(?:decode…)}:
 * with backtracking it took minutes on a page of {@code A}s, and even RE2 pays a state per counted
 * character. So the blobs are found by one pass over the characters, the keywords by one RE2
 * search, and each keyword is compared with the blob just before or after it.
 */
final class EncodedPayloadCheck implements InjectionCheck {

  static final int MIN_BLOB = 200;
  static final int MAX_GAP = 120;

  /** Padding after a blob does not count against the gap. */
  private static final int MAX_PADDING = 2;

  private static final Pattern KEYWORD =
      Pattern.compile("\\b(?:decode|decoded|base64\\s+-d|atob)\\b", Pattern.CASE_INSENSITIVE);

  /** Only the bare word may come before the blob ("decode this: …"). */
  private static final String DECODE = "decode";

  /** A run of base64 characters, {@code [start, end)}. */
  private record Blob(int start, int end) {}

  @Override
  public String name() {
    return "encoded-payload";
  }

  @Override
  public Optional<InjectionFinding> find(String text) {
    List<Blob> blobs = blobs(text);
    if (blobs.isEmpty()) {
      return Optional.empty();
    }
    Matcher keyword = KEYWORD.matcher(text);
    while (keyword.find()) {
      int start = keyword.start();
      int end = keyword.end();
      Blob before = lastStartingBy(blobs, start - MIN_BLOB);
      if (before != null && blobThenKeyword(text, before, start)) {
        return found(text, before.start(), end);
      }
      if (keyword.group().toLowerCase(Locale.ROOT).equals(DECODE)) {
        Optional<InjectionFinding> after = keywordThenBlob(text, blobs, start, end);
        if (after.isPresent()) {
          return after;
        }
      }
    }
    return Optional.empty();
  }

  /** The blob ends within the gap before the keyword (or the keyword closes it). */
  private static boolean blobThenKeyword(String text, Blob blob, int keyword) {
    int blobEnd = Math.min(blob.end(), keyword);
    if (blobEnd - blob.start() < MIN_BLOB) {
      return false;
    }
    int padding = 0;
    while (padding < MAX_PADDING
        && blobEnd + padding < keyword
        && text.charAt(blobEnd + padding) == '=') {
      padding++;
    }
    return keyword - blobEnd - padding <= MAX_GAP;
  }

  /** A blob starts within the gap after {@code decode} and runs on for at least the minimum. */
  private Optional<InjectionFinding> keywordThenBlob(
      String text, List<Blob> blobs, int start, int end) {
    for (int i = firstEndingAfter(blobs, end); i < blobs.size(); i++) {
      Blob blob = blobs.get(i);
      int from = Math.max(blob.start(), end);
      if (from - end > MAX_GAP) {
        break;
      }
      if (blob.end() - from >= MIN_BLOB) {
        return found(text, start, blob.end());
      }
    }
    return Optional.empty();
  }

  private Optional<InjectionFinding> found(String text, int start, int end) {
    return Optional.of(new InjectionFinding(name(), Excerpt.of(text, start, end)));
  }

  /** Every maximal run of base64 characters at least {@value #MIN_BLOB} long, in order. */
  private static List<Blob> blobs(String text) {
    List<Blob> blobs = new ArrayList<>();
    int run = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean base64 = i < text.length() && isBase64(text.charAt(i));
      if (base64 && run < 0) {
        run = i;
      } else if (!base64 && run >= 0) {
        if (i - run >= MIN_BLOB) {
          blobs.add(new Blob(run, i));
        }
        run = -1;
      }
    }
    return blobs;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }

  /** The last blob that starts at or before {@code position}, or null. */
  private static Blob lastStartingBy(List<Blob> blobs, int position) {
    int low = 0;
    int high = blobs.size() - 1;
    Blob last = null;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (blobs.get(middle).start() <= position) {
        last = blobs.get(middle);
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return last;
  }

  /** The index of the first blob that ends after {@code position}; the size if none does. */
  private static int firstEndingAfter(List<Blob> blobs, int position) {
    int low = 0;
    int high = blobs.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (blobs.get(middle).end() > position) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }
}
