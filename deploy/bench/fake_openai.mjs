#!/usr/bin/env node
// A fast fake OpenAI-compatible upstream for deploy/bench/compare.sh: answers every
// POST .../chat/completions at once with the same short answer and a fixed usage, so that
// the figures measure the gateways in front of it, not a model. Node's standard library
// only; unlike fake_openai.py it keeps up with 16 concurrent clients.
//
// Usage: node fake_openai.mjs [PORT]   (default 0: any free port)
// Prints "listening on PORT" once it accepts connections. GET /stats answers
// {"completions": N}: the chat completions answered so far.
import http from "node:http";

const ANSWER = "Paris is the capital of France.";
const USAGE = { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 };
let completions = 0;

function send(response, status, body, type = "application/json") {
  response.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  response.end(body);
}

function answer(request, model) {
  completions += 1;
  const id = `chatcmpl-fake-${completions}`;
  const created = Math.floor(Date.now() / 1000);
  if (request.stream) {
    const chunk = (choice, extra) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [choice], ...extra })}\n\n`;
    return [
      chunk({ index: 0, delta: { role: "assistant", content: ANSWER }, finish_reason: null }, {}) +
        chunk({ index: 0, delta: {}, finish_reason: "stop" }, { usage: USAGE }) +
        "data: [DONE]\n\n",
      "text/event-stream",
    ];
  }
  const body = {
    id,
    object: "chat.completion",
    created,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: ANSWER }, finish_reason: "stop" }],
    usage: USAGE,
  };
  return [JSON.stringify(body), "application/json"];
}

const server = http.createServer((request, response) => {
  const path = (request.url || "").replace(/\/+$/, "");
  if (request.method === "GET") {
    if (path.endsWith("/stats")) return send(response, 200, JSON.stringify({ completions }));
    if (path.endsWith("/models")) {
      const model = { id: "fake-model", object: "model", created: 0, owned_by: "fake" };
      return send(response, 200, JSON.stringify({ object: "list", data: [model] }));
    }
    return send(response, 404, '{"error":{"message":"not found"}}');
  }
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    if (!path.endsWith("/chat/completions")) {
      return send(response, 404, '{"error":{"message":"not found"}}');
    }
    let parsed;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      return send(response, 400, '{"error":{"message":"invalid json"}}');
    }
    const [body, type] = answer(parsed, parsed.model || "fake-model");
    send(response, 200, body, type);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] || 0), "127.0.0.1", () => {
  console.log(`listening on ${server.address().port}`);
});
