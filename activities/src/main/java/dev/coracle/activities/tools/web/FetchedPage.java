package dev.coracle.activities.tools.web;

import java.net.URI;

/**
 * What {@code web_fetch} downloaded.
 *
 * @param uri the final URL, after redirects
 * @param contentType the Content-Type header; null when the server sent none
 * @param truncated true when the body was longer than {@code tools.web.max-bytes} and cut there
 */
public record FetchedPage(
    URI requested,
    URI uri,
    int status,
    String contentType,
    byte[] body,
    boolean truncated,
    int redirects) {}
