// Talks to coracle's Responses API the way an app on the official SDK does and prints what it got
// as one JSON line. Every streamed event goes through the SDK's own parsing and its stream helper,
// which rejects events out of order.
// Usage: node responses-check.mjs <base-url> <api-key> <model>
import OpenAI from "openai";

const [baseURL, apiKey, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });

const plain = await client.responses.create({
  model,
  instructions: "You are terse.",
  input: "hello from node",
  temperature: 0.2,
});

const events = await client.responses.create({ model, input: "stream to node please", stream: true });
const types = [];
const sequence = [];
let streamed = "";
let completed = null;
for await (const event of events) {
  types.push(event.type);
  sequence.push(event.sequence_number);
  if (event.type === "response.output_text.delta") streamed += event.delta;
  if (event.type === "response.completed") completed = event.response;
}

// The SDK's stream helper rebuilds the response from the events and checks each against it.
const helper = client.responses.stream({ model, input: "helper stream please" });
let helperText = "";
helper.on("response.output_text.delta", (event) => { helperText += event.delta; });
const helperFinal = await helper.finalResponse();

const tools = [{
  type: "function",
  name: "read_file",
  description: "Read a file of the workspace",
  parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
  strict: false,
}];
const toolResponse = await client.responses.create({ model, tools, input: "open README.md" });
const call = toolResponse.output.find((item) => item.type === "function_call");

const toolStream = client.responses.stream({ model, tools, input: "open pom.xml" });
let argumentDeltas = 0;
toolStream.on("response.function_call_arguments.delta", () => { argumentDeltas += 1; });
const toolStreamFinal = await toolStream.finalResponse();
const streamedCall = toolStreamFinal.output.find((item) => item.type === "function_call");

const followUp = await client.responses.create({
  model,
  tools,
  previous_response_id: toolResponse.id,
  input: [{ type: "function_call_output", call_id: call.call_id, output: "# coracle" }],
});
const retrieved = await client.responses.retrieve(followUp.id);

let notFound = null;
try {
  await client.responses.retrieve("resp_does_not_exist");
} catch (error) {
  notFound = { status: error.status, code: error.code };
}

console.log(JSON.stringify({
  plainText: plain.output_text,
  plainStatus: plain.status,
  usage: plain.usage,
  types,
  sequence,
  streamed,
  completedText: completed?.output_text ?? completed?.output?.[0]?.content?.[0]?.text,
  completedUsage: completed?.usage,
  helperText,
  helperFinalText: helperFinal.output_text,
  call,
  argumentDeltas,
  streamedCall,
  followUpText: followUp.output_text,
  followUpPrevious: followUp.previous_response_id,
  retrievedText: retrieved.output_text,
  notFound,
}));
