package dev.coracle.activities.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A response of the Responses API door kept for {@code previous_response_id} and {@code GET
 * /v1/responses/{id}}, a row of the {@code stored_responses} table.
 *
 * @param id {@code resp_<workflow id>}
 * @param createdAt epoch milliseconds
 * @param expiresAt epoch milliseconds; the row is gone for readers from then on
 * @param itemsJson the conversation so far as Responses input items (a JSON array), this response's
 *     output included
 * @param responseJson the response object as sent to the client
 */
@MappedEntity("stored_responses")
public record StoredResponse(
    @Id String id,
    long createdAt,
    long expiresAt,
    @Nullable String previousResponseId,
    String itemsJson,
    String responseJson) {}
