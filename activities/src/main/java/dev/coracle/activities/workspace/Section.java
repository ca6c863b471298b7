package dev.coracle.activities.workspace;

/**
 * One part of a workspace snapshot.
 *
 * @param complete false when the body already leaves something out (more files than listed, a
 *     file's head only)
 */
record Section(String title, String body, boolean complete) {

  String header() {
    return "## " + title + "\n";
  }
}
