// Validates JSON documents against the official AgentMail SDK's own serializers (strict: missing, mistyped and
// unknown fields all fail). Usage: node validate.cjs <file>, where the file holds
// [{"type": "events.MessageReceivedEvent", "value": {...}}, ...]; NODE_PATH must reach the agentmail package
// (npm install agentmail@0.5.27 in a scratch folder). Prints one line per document; exits 1 if any fails.
const fs = require('fs');
const S = require('agentmail/serialization');
const documents = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let failed = 0;
for (const { type, value } of documents) {
  const schema = type.split('.').reduce((node, key) => node && node[key], S);
  if (!schema) {
    console.log(`FAIL ${type}: no such type in agentmail/serialization`);
    failed++;
    continue;
  }
  const result = schema.parse(value, { skipValidation: false });
  if (result.ok) {
    console.log(`ok   ${type}`);
  } else {
    failed++;
    console.log(`FAIL ${type}: ${JSON.stringify(result.errors)}`);
  }
}
process.exit(failed ? 1 : 0);
