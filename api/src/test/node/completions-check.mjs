// Legacy completions as an editor's autocomplete sends them, through the official openai client.
// Prints what it got as one JSON line.
// Usage: node completions-check.mjs <base-url> <model>
import OpenAI from "openai";

const [baseURL, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: "any-key-works", maxRetries: 0 });

const plain = await client.completions.create({
  model,
  prompt: "def add(a, b):\n    ",
  suffix: "\n\nprint(add(1, 2))",
  max_tokens: 64,
  temperature: 0,
});

const stream = await client.completions.create({
  model,
  prompt: "one two three four",
  max_tokens: 64,
  stream: true,
});
let streamed = "";
let chunks = 0;
let streamFinishReason = null;
for await (const chunk of stream) {
  chunks++;
  for (const choice of chunk.choices) {
    streamed += choice.text;
    if (choice.finish_reason) streamFinishReason = choice.finish_reason;
  }
}

const alias = await client.models.retrieve("gpt-3.5-turbo-instruct");

let refused = null;
try {
  await client.completions.create({ model, prompt: "x", n: 2 });
} catch (e) {
  refused = { status: e.status, param: e.param, code: e.code };
}

console.log(
  JSON.stringify({
    object: plain.object,
    id: plain.id,
    model: plain.model,
    text: plain.choices[0].text,
    finishReason: plain.choices[0].finish_reason,
    usage: plain.usage,
    streamed,
    chunks,
    streamFinishReason,
    alias,
    refused,
  }),
);
