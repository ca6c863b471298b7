// Talks to coracle the way any OpenAI app does and prints what it got as one JSON line.
// Usage: node client-check.mjs <base-url> <model>
import OpenAI from "openai";

const [baseURL, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: "any-key-works", maxRetries: 0 });

const models = await client.models.list();
const modelIds = [];
for await (const m of models) modelIds.push(m.id);

const completion = await client.chat.completions.create({
  model,
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: "hello from node" },
  ],
  temperature: 0.2,
});

const stream = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "stream to node please" }],
  stream: true,
  stream_options: { include_usage: true },
});
let streamed = "";
let chunks = 0;
let finishReason = null;
let usage = null;
for await (const chunk of stream) {
  chunks += 1;
  if (chunk.usage) usage = chunk.usage;
  const choice = chunk.choices[0];
  if (choice?.delta?.content) streamed += choice.delta.content;
  if (choice?.finish_reason) finishReason = choice.finish_reason;
}

let notFound = null;
try {
  await client.chat.completions.create({ model: "no-such-model", messages: [{ role: "user", content: "x" }] });
} catch (e) {
  notFound = { status: e.status, code: e.code, type: e.type };
}

console.log(JSON.stringify({
  modelIds,
  content: completion.choices[0].message.content,
  finishReason: completion.choices[0].finish_reason,
  usage: completion.usage,
  streamed,
  chunks,
  streamFinishReason: finishReason,
  streamUsage: usage,
  notFound,
}));
