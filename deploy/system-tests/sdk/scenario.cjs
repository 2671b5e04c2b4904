// The official AgentMail Node SDK against our gateway, changing nothing but the base URL. Every call must succeed,
// and every answer must pass the SDK's own serializers with validation on: the client itself skips validation, so
// its success alone proves little about our JSON. Run by SdkScenarioTest with AGENTMAIL_BASE_URL and
// AGENTMAIL_API_KEY (an organization key), and AGENTMAIL_SCENARIO_ROUNDS (default 200) for the rounds of creating
// things and using them at once; exits non-zero on the first failure.
const assert = require("node:assert/strict");
const { AgentMailClient, AgentMailError } = require("agentmail");
const S = require("agentmail/serialization");

const baseUrl = process.env.AGENTMAIL_BASE_URL;
const apiKey = process.env.AGENTMAIL_API_KEY;
const unique = Math.random().toString(36).slice(2, 10);

// Every answer the SDK receives, as it came over the wire, so each step can validate the raw JSON.
let lastResponse;
const recordingFetch = async (input, init) => {
  const response = await fetch(input, init);
  const text = await response.clone().text();
  lastResponse = { method: init?.method ?? "GET", url: String(input), status: response.status, text };
  return response;
};

const client = (key) => new AgentMailClient({ apiKey: key, baseUrl, fetch: recordingFetch, maxRetries: 0 });

/** Runs one SDK call, then validates the raw answer with the SDK's serializer (none for an empty answer). */
async function step(name, call, schema) {
  const result = await call();
  const { method, url, status, text } = lastResponse;
  if (schema) {
    const parsed = schema.parse(JSON.parse(text), { skipValidation: false });
    if (!parsed.ok) {
      throw new Error(`${name}: ${method} ${url} answered JSON the SDK rejects: ${JSON.stringify(parsed.errors)}\n${text}`);
    }
  }
  console.log(`ok  ${name}  (${method} ${new URL(url).pathname} -> ${status})`);
  return result;
}

/** A call that must fail with this status; the error body must be in the API's error format. */
async function refused(name, call, status) {
  try {
    await call();
  } catch (e) {
    assert.ok(e instanceof AgentMailError, `${name}: ${e}`);
    assert.equal(e.statusCode, status, `${name}: ${e.message}`);
    assert.equal(typeof e.body?.name, "string", `${name}: error body ${JSON.stringify(e.body)}`);
    assert.equal(typeof e.body?.message, "string", `${name}: error body ${JSON.stringify(e.body)}`);
    console.log(`ok  ${name}  (${status} ${e.body.name})`);
    return;
  }
  throw new Error(`${name}: succeeded, expected ${status}`);
}

/**
 * Read your own writes, as an agent's first minute goes: whatever a create has answered is usable at once, on every
 * service, with no pause and no retry (maxRetries is 0). Each round must pass; a single 404 fails the scenario.
 */
async function useWhatWasJustMade(org, rounds) {
  const started = Date.now();
  for (let i = 0; i < rounds; i++) {
    const inbox = await org.inboxes.create({});
    await org.inboxes.messages.send(inbox.inboxId, { to: [inbox.inboxId], subject: `round ${i}`, text: "hello" });
    const key = await org.inboxes.apiKeys.create(inbox.inboxId, { name: `round ${i}` });
    const listed = await client(key.apiKey).inboxes.messages.list(inbox.inboxId);
    assert.ok(listed.count >= 1, `round ${i}: the inbox key lists the message just sent`);
    await org.inboxes.delete(inbox.inboxId);
  }
  console.log(`ok  inbox -> send -> inbox key -> list, ${rounds} rounds with no pause (${Date.now() - started} ms)`);

  const podsStarted = Date.now();
  for (let i = 0; i < rounds; i++) {
    const pod = await org.pods.create({ name: `round ${i} ${unique}` });
    const key = await org.pods.apiKeys.create(pod.podId, { name: `round ${i}` });
    const agent = client(key.apiKey);
    const inbox = await agent.pods.inboxes.create(pod.podId, {});
    await agent.inboxes.messages.send(inbox.inboxId, { to: [inbox.inboxId], subject: `round ${i}`, text: "hello" });
    const threads = await agent.pods.threads.list(pod.podId);
    assert.equal(threads.count, 1, `round ${i}: the pod key lists the pod's thread`);
    await org.inboxes.delete(inbox.inboxId);
    await org.pods.delete(pod.podId);
  }
  console.log(`ok  pod -> pod key -> pod inbox -> send -> pod threads, ${rounds} rounds with no pause `
    + `(${Date.now() - podsStarted} ms)`);
}

/**
 * A message with an attachment, sent from one of our inboxes to another and read there; its attachment and raw
 * message fetched from their download_url (no key: the signed link is the permission), byte for byte.
 */
async function downloads(org, from, to) {
  const file = Buffer.from(`attached by the SDK scenario ${unique}\n`);
  const subject = `downloads ${unique}`;
  const sent = await step("send a message with an attachment to our own inbox",
    () => org.inboxes.messages.send(from, { to: [to], subject, text: "see attached",
      attachments: [{ filename: "scenario.txt", contentType: "text/plain", content: file.toString("base64") }] }),
    S.messages.SendMessageResponse);
  const received = await step("get the received message", () => org.inboxes.messages.get(to, sent.messageId),
    S.messages.Message);
  assert.equal(received.attachments.length, 1);

  const attachment = await step("get the attachment's download link",
    () => org.inboxes.messages.getAttachment(to, sent.messageId, received.attachments[0].attachmentId),
    S.attachments.AttachmentResponse);
  const fetched = await download("download the attachment", attachment.downloadUrl, "text/plain");
  assert.deepEqual(fetched, file);

  const raw = await step("get the raw message's download link", () => org.inboxes.messages.getRaw(to, sent.messageId),
    S.messages.RawMessageResponse);
  const eml = await download("download the raw message", raw.downloadUrl, "message/rfc822");
  assert.equal(eml.length, raw.size);
  assert.ok(eml.toString("latin1").includes(`Subject: ${subject}`), "the raw message has the subject");
}

/** The bytes behind a download_url, with the length and type it declares. */
async function download(name, url, contentType) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${name}: ${url}`);
  assert.equal(response.headers.get("content-type"), contentType, name);
  const bytes = Buffer.from(await response.arrayBuffer());
  assert.equal(response.headers.get("content-length"), String(bytes.length), name);
  console.log(`ok  ${name}  (GET /downloads/... -> ${response.status}, ${bytes.length} bytes)`);
  return bytes;
}

async function main() {
  const org = client(apiKey);

  const generated = await step("create an inbox with a generated username", () => org.inboxes.create({}),
    S.inboxes.Inbox);
  assert.match(generated.inboxId, /^[^@]+@[^@]+$/);

  const username = `sdk-${unique}`;
  const chosen = await step("create an inbox with a chosen username",
    () => org.inboxes.create({ username, displayName: "SDK scenario", clientId: `sdk-${unique}` }), S.inboxes.Inbox);
  assert.equal(chosen.inboxId.split("@")[0], username);
  assert.equal(chosen.displayName, "SDK scenario");

  const replay = await step("repeat the create with the same client_id",
    () => org.inboxes.create({ username, clientId: `sdk-${unique}` }), S.inboxes.Inbox);
  assert.equal(replay.inboxId, chosen.inboxId);

  const renamed = await step("update display name and metadata",
    () => org.inboxes.update(chosen.inboxId, { displayName: "Renamed", metadata: { team: "a", n: 1, flag: true } }),
    S.inboxes.Inbox);
  assert.equal(renamed.displayName, "Renamed");
  assert.deepEqual(renamed.metadata, { team: "a", n: 1, flag: true });

  const merged = await step("merge metadata, removing a key with null",
    () => org.inboxes.update(chosen.inboxId, { metadata: { team: null, extra: "x" } }), S.inboxes.Inbox);
  assert.deepEqual(merged.metadata, { n: 1, flag: true, extra: "x" });
  assert.equal(merged.displayName, "Renamed");

  const first = await step("list inboxes, one per page", () => org.inboxes.list({ limit: 1 }),
    S.inboxes.ListInboxesResponse);
  assert.equal(first.count, 1);
  assert.ok(first.nextPageToken, "a second page exists");
  const second = await step("list the next page", () => org.inboxes.list({ limit: 1, pageToken: first.nextPageToken }),
    S.inboxes.ListInboxesResponse);
  assert.equal(second.count, 1);
  assert.notEqual(second.inboxes[0].inboxId, first.inboxes[0].inboxId);

  const got = await step("get the inbox", () => org.inboxes.get(chosen.inboxId), S.inboxes.Inbox);
  assert.equal(got.inboxId, chosen.inboxId);

  const orgMe = await step("auth.me with the organization key", () => org.auth.me(), S.auth.Identity);
  assert.equal(orgMe.scopeType, "organization");

  const created = await step("create an inbox-scoped key",
    () => org.inboxes.apiKeys.create(chosen.inboxId, { name: `sdk ${unique}` }), S.apiKeys.CreateApiKeyResult);
  assert.equal(created.inboxId, chosen.inboxId);

  const agent = client(created.apiKey);
  const me = await step("auth.me with the inbox key", () => agent.auth.me(), S.auth.Identity);
  assert.equal(me.scopeType, "inbox");
  assert.equal(me.inboxId, chosen.inboxId);
  await step("get its own inbox with the inbox key", () => agent.inboxes.get(chosen.inboxId), S.inboxes.Inbox);
  await step("list its own keys with the inbox key", () => agent.inboxes.apiKeys.list(chosen.inboxId),
    S.apiKeys.ListApiKeysResponse);
  await refused("get another inbox with the inbox key", () => agent.inboxes.get(generated.inboxId), 404);
  await refused("list all inboxes with the inbox key", () => agent.inboxes.list(), 403);

  await downloads(org, chosen.inboxId, generated.inboxId);

  await step("delete the inboxes", async () => {
    await org.inboxes.delete(generated.inboxId);
    await org.inboxes.delete(chosen.inboxId);
  });
  await refused("get the deleted inbox", () => org.inboxes.get(chosen.inboxId), 404);

  await useWhatWasJustMade(org, Number(process.env.AGENTMAIL_SCENARIO_ROUNDS ?? 200));
  console.log("SDK scenario passed");
}

main().catch((e) => {
  console.error(`SDK scenario failed: ${e.stack ?? e}`);
  if (lastResponse) {
    console.error(`last answer: ${lastResponse.method} ${lastResponse.url} -> ${lastResponse.status}\n${lastResponse.text}`);
  }
  process.exit(1);
});
