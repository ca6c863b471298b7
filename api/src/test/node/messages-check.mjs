// Talks to coracle the way any Anthropic app does and prints what it got as one JSON line.
// Usage: node messages-check.mjs <base-url> <model>
import Anthropic from "@anthropic-ai/sdk";

const [baseURL, model] = process.argv.slice(2);
const client = new Anthropic({ baseURL, apiKey: "any-key-works", maxRetries: 0 });

const tools = [{
  name: "read_file",
  description: "Read a file of the workspace",
  input_schema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
}];

const plain = await client.messages.create({
  model,
  max_tokens: 256,
  system: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } }],
  messages: [{ role: "user", content: "hello from the anthropic sdk" }],
});

const toolMessage = await client.messages.create({
  model, max_tokens: 256, tools, messages: [{ role: "user", content: "open README.md" }],
});
const toolUse = toolMessage.content.find((block) => block.type === "tool_use") ?? null;

const followUp = await client.messages.create({
  model,
  max_tokens: 256,
  tools,
  messages: [
    { role: "user", content: "open README.md" },
    { role: "assistant", content: toolMessage.content },
    { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse.id, content: "# coracle" }] },
  ],
});

// Streamed, with the SDK's own accumulation: every event must parse for finalMessage() to work.
const stream = client.messages.stream({
  model, max_tokens: 256, tools, messages: [{ role: "user", content: "open pom.xml" }],
});
const eventTypes = [];
stream.on("streamEvent", (event) => eventTypes.push(event.type));
const streamed = await stream.finalMessage();

const textStream = client.messages.stream({
  model, max_tokens: 256, messages: [{ role: "user", content: "stream to the sdk please" }],
});
let text = "";
textStream.on("text", (delta) => { text += delta; });
const textFinal = await textStream.finalMessage();

const counted = await client.messages.countTokens({
  model, tools, messages: [{ role: "user", content: "how many tokens is this?" }],
});

let notFound = null;
try {
  await client.messages.create({ model: "no-such-model", max_tokens: 10, messages: [{ role: "user", content: "hi" }] });
} catch (e) {
  notFound = { status: e.status, type: e.error?.error?.type ?? null, name: e.constructor.name };
}

console.log(JSON.stringify({
  plain: { id: plain.id, type: plain.type, role: plain.role, model: plain.model, text: plain.content[0]?.text,
           stopReason: plain.stop_reason, usage: plain.usage },
  toolUse, toolStopReason: toolMessage.stop_reason,
  followUp: followUp.content[0]?.text ?? null,
  streamed: { content: streamed.content, stopReason: streamed.stop_reason, usage: streamed.usage, eventTypes },
  text, textFinal: { content: textFinal.content, stopReason: textFinal.stop_reason },
  counted,
  notFound,
}));
