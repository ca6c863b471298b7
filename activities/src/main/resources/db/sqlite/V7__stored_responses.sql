-- Responses the Responses API door (/v1/responses) stored because the client sent `store` true or
-- left it out, so a later request can continue them with `previous_response_id` and
-- GET /v1/responses/{id} can read them back. A request with `store: false` leaves no row.
-- Timestamps are epoch milliseconds (UTC); rows past expires_at are never read and are purged.
CREATE TABLE stored_responses (
    -- resp_<workflow id>.
    id                   TEXT    PRIMARY KEY,
    created_at           INTEGER NOT NULL,
    expires_at           INTEGER NOT NULL,
    -- The response this one continued, or null.
    previous_response_id TEXT,
    -- The whole conversation as Responses input items (JSON array): the continued response's
    -- items, this request's input, then this response's output items.
    items_json           TEXT    NOT NULL,
    -- The response object as the client received it (JSON).
    response_json        TEXT    NOT NULL
);

CREATE INDEX stored_responses_expires_at ON stored_responses (expires_at);
