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

// Agent mode: the client sends tools and expects tool calls back, plain and streamed.
const tools = [{
  type: "function",
  function: {
    name: "read_file",
    description: "Read a file of the workspace",
    parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
}];
const toolCompletion = await client.chat.completions.create({
  model, tools, messages: [{ role: "user", content: "open README.md" }],
});
const toolCall = toolCompletion.choices[0].message.tool_calls?.[0] ?? null;

const toolStream = await client.chat.completions.create({
  model, tools, stream: true, messages: [{ role: "user", content: "open pom.xml" }],
});
// Reassemble streamed tool calls the way agents do: by index, id and name from the first piece.
const streamedCalls = [];
let toolFinish = null;
for await (const chunk of toolStream) {
  const choice = chunk.choices[0];
  for (const piece of choice?.delta?.tool_calls ?? []) {
    const call = (streamedCalls[piece.index] ??= { id: "", name: "", arguments: "", pieces: 0 });
    if (piece.id) call.id = piece.id;
    if (piece.function?.name) call.name = piece.function.name;
    call.arguments += piece.function?.arguments ?? "";
    call.pieces += 1;
  }
  if (choice?.finish_reason) toolFinish = choice.finish_reason;
}

const followUp = await client.chat.completions.create({
  model, tools,
  messages: [
    { role: "user", content: "open README.md" },
    { role: "assistant", content: null, tool_calls: [toolCall] },
    { role: "tool", tool_call_id: toolCall.id, content: "# coracle" },
  ],
});

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
  toolCall,
  toolFinishReason: toolCompletion.choices[0].finish_reason,
  streamedCalls,
  toolStreamFinishReason: toolFinish,
  followUp: followUp.choices[0].message.content,
}));
