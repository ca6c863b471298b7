package dev.coracle.activities.browser;

/**
 * What a chat site's page showed when it was opened with coracle's profile.
 *
 * @param detail why, in a few words, for the user
 */
public record SiteCheck(String site, Status status, String detail) {

  /** The three states {@code coracle browser check} reports. */
  public enum Status {
    SIGNED_IN("signed-in"),
    SIGNED_OUT("signed-out"),
    RATE_LIMITED("rate-limited");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The word printed by the command line. */
    public String label() {
      return label;
    }
  }

  public boolean signedIn() {
    return status == Status.SIGNED_IN;
  }
}
