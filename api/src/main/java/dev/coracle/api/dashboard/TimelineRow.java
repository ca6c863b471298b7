package dev.coracle.api.dashboard;

/**
 * One history event as the timeline shows it.
 *
 * @param eventId Temporal's event id, from 1
 * @param at when it happened, epoch milliseconds
 * @param kind what sort of thing: {@code workflow}, {@code activity}, {@code retry}, {@code
 *     failure}, {@code timer}, {@code signal}, {@code version}, {@code task} (bookkeeping)
 * @param title a short line, e.g. {@code Activity CallModel completed}
 * @param detail the payload or failure preview, or ""
 */
record TimelineRow(long eventId, long at, String kind, String title, String detail) {}
