// Checks coracle's API key with the official openai client: the right key lists models and gets
// an answer; a wrong key is an AuthenticationError. Prints what happened as one JSON line.
// Usage: node auth-check.mjs <base-url> <model> <key>
import OpenAI from "openai";

const [baseURL, model, apiKey] = process.argv.slice(2);

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const modelIds = [];
for await (const m of await client.models.list()) modelIds.push(m.id);
const completion = await client.chat.completions.create({
  model,
  messages: [{ role: "user", content: "hello with a key" }],
});

const wrongClient = new OpenAI({ baseURL, apiKey: apiKey + "-wrong", maxRetries: 0 });
let wrong;
try {
  await wrongClient.models.list();
  wrong = { accepted: true };
} catch (error) {
  wrong = {
    authenticationError: error instanceof OpenAI.AuthenticationError,
    status: error.status,
    code: error.code,
    type: error.type,
  };
}

console.log(
  JSON.stringify({ modelIds, content: completion.choices[0].message.content, wrong }),
);
