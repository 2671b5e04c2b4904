// Fuzz run of the public API through the gateway (see deploy/bench/fuzz for how to run it). Creates a few real
// resources first so that ids exist, then sends malformed input, chosen deterministically from SEED, to every route
// of the AgentMail v0 contract: broken JSON bodies and field values, junk query strings, odd paths (sent raw over
// node:net, since fetch normalises them), bad headers and HTTP framing, MIME-looking content, attachment URLs aimed
// inside. Then it reads back everything that was stored and checks every service is still healthy.
//
// A finding is: a 5xx (but 501 for a route not served yet, and 503 when the gateway says keys cannot be checked);
// a 4xx whose body is not the API's error format (JSON object with string "name" and "message", API.md); a stack
// trace in an error body; a reset or a request that hangs past TIMEOUT_MS; a stored message whose raw MIME carries a
// header our input smuggled in through CR/LF; an attachment URL aimed inside that was accepted (the local launcher
// lets thread-service reach 127.0.0.0/8 unless AGENTMAIL_EGRESS_ALLOW is set: set it to an unused block to see the
// production policy); a service that is no longer healthy at the end; with SUITE_LOG, an ERROR the services logged.
// Findings are deduplicated by (route, status, error shape). Error messages that name Java classes are printed as
// notes: they do not fail the run.
//
// Node 18+, built-ins only.
import net from "node:net";
import fs from "node:fs";

const GATEWAY = new URL(process.env.GATEWAY_URL ?? "http://127.0.0.1:8080");
const KEY = process.env.AGENTMAIL_BENCH_KEY;
const SEED = Number(process.env.SEED ?? 1);
// ROUNDS: random field mutations per body route; query and path rounds are derived from it. 40 takes ~4 minutes
// on a laptop-sized suite.
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS ?? 15000);
// The gateway's default bucket refills at 100 requests a second per key: stay under it so that 429s are rare.
const MAX_RPS = Number(process.env.MAX_RPS ?? 80);
const HEALTH = (process.env.HEALTH_URLS ?? [
  `${GATEWAY.origin}/q/health/ready`,
  "http://127.0.0.1:8081/q/health/live",
  "http://127.0.0.1:8082/q/health/live",
  "http://127.0.0.1:8083/q/health/live",
].join(",")).split(",");
const VERBOSE = process.env.VERBOSE === "1";
// LOG_FILE: one JSON line per request (route, input, status, body excerpt), to look into a run afterwards.
const LOG_FILE = process.env.LOG_FILE;
// SUITE_LOG: the suite's combined log (deploy/local/up's output). What the run made the services log at ERROR is a
// finding too: some failures never reach an answer (an event Kafka refuses, say).
const SUITE_LOG = process.env.SUITE_LOG;

if (!KEY) {
  console.error("set AGENTMAIL_BENCH_KEY to an organization key of the running suite (e.g. its bootstrap key)");
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// The routes: the contract's endpoint list (tools/agentmail-contract endpoints), embedded so the run needs nothing
// else. Routes the gateway does not serve yet answer 501, which is fine.
const ENDPOINTS = `
GET /v0/accounts
GET /v0/accounts/{account_id}
POST /v0/agent/sign-up
POST /v0/agent/verify
GET /v0/api-keys
POST /v0/api-keys
GET /v0/api-keys/{api_key_id}
PATCH /v0/api-keys/{api_key_id}
DELETE /v0/api-keys/{api_key_id}
GET /v0/auth/me
GET /v0/domains
POST /v0/domains
GET /v0/domains/{domain_id}
PATCH /v0/domains/{domain_id}
DELETE /v0/domains/{domain_id}
GET /v0/domains/{domain_id}/setup-link
POST /v0/domains/{domain_id}/verify
GET /v0/domains/{domain_id}/zone-file
GET /v0/drafts
GET /v0/drafts/{draft_id}
GET /v0/drafts/{draft_id}/attachments/{attachment_id}
GET /v0/inboxes
POST /v0/inboxes
GET /v0/inboxes/{inbox_id}
PATCH /v0/inboxes/{inbox_id}
DELETE /v0/inboxes/{inbox_id}
GET /v0/inboxes/{inbox_id}/api-keys
POST /v0/inboxes/{inbox_id}/api-keys
PATCH /v0/inboxes/{inbox_id}/api-keys/{api_key_id}
DELETE /v0/inboxes/{inbox_id}/api-keys/{api_key_id}
POST /v0/inboxes/{inbox_id}/authorize
GET /v0/inboxes/{inbox_id}/drafts
POST /v0/inboxes/{inbox_id}/drafts
GET /v0/inboxes/{inbox_id}/drafts/{draft_id}
PATCH /v0/inboxes/{inbox_id}/drafts/{draft_id}
DELETE /v0/inboxes/{inbox_id}/drafts/{draft_id}
GET /v0/inboxes/{inbox_id}/drafts/{draft_id}/attachments/{attachment_id}
POST /v0/inboxes/{inbox_id}/drafts/{draft_id}/send
GET /v0/inboxes/{inbox_id}/events
GET /v0/inboxes/{inbox_id}/lists/{direction}/{type}
POST /v0/inboxes/{inbox_id}/lists/{direction}/{type}
GET /v0/inboxes/{inbox_id}/lists/{direction}/{type}/{entry}
DELETE /v0/inboxes/{inbox_id}/lists/{direction}/{type}/{entry}
GET /v0/inboxes/{inbox_id}/messages
GET /v0/inboxes/{inbox_id}/messages/{message_id}
PATCH /v0/inboxes/{inbox_id}/messages/{message_id}
DELETE /v0/inboxes/{inbox_id}/messages/{message_id}
GET /v0/inboxes/{inbox_id}/messages/{message_id}/attachments/{attachment_id}
POST /v0/inboxes/{inbox_id}/messages/{message_id}/forward
GET /v0/inboxes/{inbox_id}/messages/{message_id}/raw
POST /v0/inboxes/{inbox_id}/messages/{message_id}/reply
POST /v0/inboxes/{inbox_id}/messages/{message_id}/reply-all
POST /v0/inboxes/{inbox_id}/messages/batch-get
POST /v0/inboxes/{inbox_id}/messages/batch-update
GET /v0/inboxes/{inbox_id}/messages/search
POST /v0/inboxes/{inbox_id}/messages/send
GET /v0/inboxes/{inbox_id}/metrics/events
GET /v0/inboxes/{inbox_id}/metrics/usage
GET /v0/inboxes/{inbox_id}/threads
GET /v0/inboxes/{inbox_id}/threads/{thread_id}
PATCH /v0/inboxes/{inbox_id}/threads/{thread_id}
DELETE /v0/inboxes/{inbox_id}/threads/{thread_id}
GET /v0/inboxes/{inbox_id}/threads/{thread_id}/attachments/{attachment_id}
GET /v0/inboxes/{inbox_id}/threads/search
GET /v0/inboxes/{inbox_id}/webhooks
POST /v0/inboxes/{inbox_id}/webhooks
GET /v0/inboxes/{inbox_id}/webhooks/{webhook_id}
PATCH /v0/inboxes/{inbox_id}/webhooks/{webhook_id}
DELETE /v0/inboxes/{inbox_id}/webhooks/{webhook_id}
GET /v0/inboxes/{inbox_id}/webhooks/{webhook_id}/headers
PATCH /v0/inboxes/{inbox_id}/webhooks/{webhook_id}/headers
GET /v0/inboxes/search
GET /v0/lists/{direction}/{type}
POST /v0/lists/{direction}/{type}
GET /v0/lists/{direction}/{type}/{entry}
DELETE /v0/lists/{direction}/{type}/{entry}
GET /v0/metrics/events
GET /v0/metrics/usage
GET /v0/organizations
GET /v0/pods
POST /v0/pods
GET /v0/pods/{pod_id}
DELETE /v0/pods/{pod_id}
GET /v0/pods/{pod_id}/api-keys
POST /v0/pods/{pod_id}/api-keys
PATCH /v0/pods/{pod_id}/api-keys/{api_key_id}
DELETE /v0/pods/{pod_id}/api-keys/{api_key_id}
GET /v0/pods/{pod_id}/domains
POST /v0/pods/{pod_id}/domains
GET /v0/pods/{pod_id}/domains/{domain_id}
PATCH /v0/pods/{pod_id}/domains/{domain_id}
DELETE /v0/pods/{pod_id}/domains/{domain_id}
POST /v0/pods/{pod_id}/domains/{domain_id}/verify
GET /v0/pods/{pod_id}/domains/{domain_id}/zone-file
GET /v0/pods/{pod_id}/drafts
GET /v0/pods/{pod_id}/drafts/{draft_id}
GET /v0/pods/{pod_id}/drafts/{draft_id}/attachments/{attachment_id}
GET /v0/pods/{pod_id}/inboxes
POST /v0/pods/{pod_id}/inboxes
GET /v0/pods/{pod_id}/inboxes/{inbox_id}
PATCH /v0/pods/{pod_id}/inboxes/{inbox_id}
DELETE /v0/pods/{pod_id}/inboxes/{inbox_id}
GET /v0/pods/{pod_id}/inboxes/search
GET /v0/pods/{pod_id}/lists/{direction}/{type}
POST /v0/pods/{pod_id}/lists/{direction}/{type}
GET /v0/pods/{pod_id}/lists/{direction}/{type}/{entry}
DELETE /v0/pods/{pod_id}/lists/{direction}/{type}/{entry}
GET /v0/pods/{pod_id}/metrics/events
GET /v0/pods/{pod_id}/metrics/usage
GET /v0/pods/{pod_id}/threads
GET /v0/pods/{pod_id}/threads/{thread_id}
PATCH /v0/pods/{pod_id}/threads/{thread_id}
DELETE /v0/pods/{pod_id}/threads/{thread_id}
GET /v0/pods/{pod_id}/threads/{thread_id}/attachments/{attachment_id}
GET /v0/pods/{pod_id}/threads/search
GET /v0/pods/{pod_id}/webhooks
POST /v0/pods/{pod_id}/webhooks
GET /v0/pods/{pod_id}/webhooks/{webhook_id}
PATCH /v0/pods/{pod_id}/webhooks/{webhook_id}
DELETE /v0/pods/{pod_id}/webhooks/{webhook_id}
GET /v0/pods/{pod_id}/webhooks/{webhook_id}/headers
PATCH /v0/pods/{pod_id}/webhooks/{webhook_id}/headers
GET /v0/providers
GET /v0/providers/{provider_id}
GET /v0/providers/{provider_id}/accounts
POST /v0/providers/{provider_id}/connect
GET /v0/providers/search
GET /v0/threads
GET /v0/threads/{thread_id}
PATCH /v0/threads/{thread_id}
DELETE /v0/threads/{thread_id}
GET /v0/threads/{thread_id}/attachments/{attachment_id}
GET /v0/threads/search
GET /v0/webhooks
POST /v0/webhooks
GET /v0/webhooks/{webhook_id}
PATCH /v0/webhooks/{webhook_id}
DELETE /v0/webhooks/{webhook_id}
GET /v0/webhooks/{webhook_id}/headers
PATCH /v0/webhooks/{webhook_id}/headers
`.trim().split("\n").map((line) => {
  const [method, template] = line.split(" ");
  return { method, template, name: `${method} ${template}` };
});

// The family a route belongs to, for the summary: the last resource noun in its path.
const FAMILY_NOUNS = ["accounts", "agent", "api-keys", "auth", "domains", "drafts", "inboxes", "lists", "metrics",
  "events", "messages", "organizations", "pods", "providers", "threads", "webhooks", "attachments", "raw", "send",
  "reply", "reply-all", "forward", "batch-get", "batch-update"];
function familyOf(template) {
  const literals = template.split("/").filter((s) => s && !s.startsWith("{"));
  const noun = [...literals].reverse().find((s) => FAMILY_NOUNS.includes(s)) ?? literals.at(-1);
  // send/reply/forward/raw/attachments are message routes but worth their own line in the summary.
  if (["send", "reply", "reply-all", "forward", "raw", "batch-get", "batch-update"].includes(noun)) {
    return literals.includes("drafts") ? "drafts/send" : `messages/${noun}`;
  }
  if (noun === "attachments") return `${literals.includes("drafts") ? "drafts" : literals.includes("threads") ? "threads" : "messages"}/attachments`;
  return noun;
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness: every choice below comes from this generator, so a SEED replays the same inputs.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = (items) => items[Math.floor(random() * items.length)];
function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
// Names that must be unique across runs against the same database (usernames, client ids) get this tag; it does not
// change which inputs are chosen.
const RUN = `${SEED}-${Date.now().toString(36)}`;
let uniqueCounter = 0;
const unique = (prefix) => `${prefix}-${RUN}-${uniqueCounter++}`;

// ---------------------------------------------------------------------------------------------------------------
// Raw pieces inside JSON. A body is built as a JS value, then serialized; markers in strings are swapped for bytes
// that JSON.stringify cannot produce (invalid UTF-8) or raw JSON text (1e309, depth-10000 nesting).
const BAD_UTF8 = "\uE000BADUTF8\uE000";
const BAD_UTF8_BYTES = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0xc0, 0xaf]);
const rawInserts = [];
function rawJson(text) {
  rawInserts.push(text);
  return `\uE001RAW${rawInserts.length - 1}\uE001`;
}
function serialize(value) {
  let text = JSON.stringify(value);
  text = text.replace(/"\uE001RAW(\d+)\uE001"/g, (_, i) => rawInserts[Number(i)]);
  if (!text.includes(BAD_UTF8)) return text;
  const parts = text.split(BAD_UTF8).map((part) => Buffer.from(part, "utf8"));
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [BAD_UTF8_BYTES, part])));
}
const deepObject = (depth) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const deepArray = (depth) => "[".repeat(depth) + "]".repeat(depth);
const MB = 1024 * 1024;
// Large strings are made once and shared: thousands of inputs hold them.
const hugeCache = new Map();
const huge = (n, ch = "a") => {
  const key = `${n}:${ch}`;
  if (!hugeCache.has(key)) hugeCache.set(key, ch.repeat(n));
  return hugeCache.get(key);
};

// What a CR/LF in a string field would smuggle into a MIME header if it were written there as is. The read-back
// sweep looks for this header in every raw message stored.
const INJECTED = "X-Fuzz-Injected";
const CONTROL = `a\u0000b\u0001\u0007\u001b[31m\u007f\r\n${INJECTED}: yes\r\n\r\nbody-injected`;
// The same without NUL and other controls, which some services refuse on their own: CR/LF alone must not get through.
const CRLF = `a\r\n${INJECTED}: yes\r\n\r\nbody-injected`;

// ---------------------------------------------------------------------------------------------------------------
// HTTP, two ways: fetch for what it can say, raw bytes over node:net for what it would normalise or refuse
// (%ZZ and %00 in paths, '..', NUL in headers, duplicate headers, broken framing).
let lastSlot = 0;
async function pace() {
  // One request start every 1/MAX_RPS seconds, shared by all workers.
  const now = Date.now();
  const slot = Math.max(now, lastSlot + 1000 / MAX_RPS);
  lastSlot = slot;
  if (slot > now) await sleep(slot - now);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function viaFetch(req) {
  const url = GATEWAY.origin + req.path + (req.query ? `?${req.query}` : "");
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "manual",
    });
    const buffer = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: Object.fromEntries(res.headers), body: buffer.toString("utf8"),
      ms: Date.now() - started };
  } catch (error) {
    const cause = error.cause?.code ?? error.cause?.message ?? error.name;
    const kind = error.name === "TimeoutError" || error.name === "AbortError" ? "timeout" : "connection";
    return { status: 0, error: `${kind}: ${cause}`, errorKind: kind, ms: Date.now() - started };
  }
}

// Sends bytes as they are: request line, headers (a list, so duplicates and odd bytes survive), body. The answer is
// complete when its Content-Length or last chunk has arrived, or when the server closes.
function viaSocket(req) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(GATEWAY.port || 80), GATEWAY.hostname);
    const chunks = [];
    let done = false;
    const finish = (result) => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ ...result, ms: Date.now() - started });
    };
    socket.setTimeout(TIMEOUT_MS, () => finish(chunks.length ? { ...parseRaw(Buffer.concat(chunks)), status: 0, error: "timeout: answer never completed", errorKind: "timeout" }
      : { status: 0, error: "timeout: no answer", errorKind: "timeout" }));
    socket.on("error", (error) => {
      // An answer followed by a reset (the server refusing the rest of a body) is still an answer.
      if (chunks.length) finish(parseRaw(Buffer.concat(chunks)));
      else finish({ status: 0, error: `connection: ${error.code ?? error.message}`, errorKind: "connection" });
    });
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      const buffer = Buffer.concat(chunks);
      if (isComplete(buffer, req.method)) finish(parseRaw(buffer));
    });
    socket.on("end", () => {
      if (!chunks.length) finish({ status: 0, error: "connection: closed without an answer", errorKind: "connection" });
      else finish(parseRaw(Buffer.concat(chunks)));
    });
    socket.on("connect", () => {
      if (req.requestLine !== undefined) {
        socket.write(Buffer.from(`${req.requestLine}\r\n\r\n`, "latin1"));
        return;
      }
      const body = req.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
      const target = req.path + (req.query ? `?${req.query}` : "");
      const headerLines = (req.rawHeaders ?? defaultRawHeaders(req, body)).map(([name, value]) => `${name}: ${value}`);
      socket.write(Buffer.concat([
        Buffer.from(`${req.method} `, "latin1"),
        Buffer.from(target, "utf8"),
        Buffer.from(` HTTP/1.1\r\n${headerLines.join("\r\n")}\r\n\r\n`, "latin1"),
        body,
      ]));
    });
  });
}

function defaultRawHeaders(req, body) {
  const headers = [["Host", GATEWAY.host], ["Connection", "close"]];
  for (const [name, value] of Object.entries(req.headers ?? {})) if (value !== undefined) headers.push([name, value]);
  if (body.length) headers.push(["Content-Length", String(body.length)]);
  return headers;
}

// Interim 100 Continue answers are dropped: the final answer is the one judged.
function finalAnswer(buffer) {
  while (/^HTTP\/1\.[01] 100 /.test(buffer.subarray(0, 13).toString("latin1"))) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) break;
    buffer = buffer.subarray(end + 4);
  }
  return buffer;
}

function headOf(buffer) {
  const split = buffer.indexOf("\r\n\r\n");
  if (split < 0) return null;
  const lines = buffer.subarray(0, split).toString("latin1").split("\r\n");
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(lines[0].split(" ")[1]), headers, body: buffer.subarray(split + 4) };
}

function isComplete(buffer, method) {
  const head = headOf(finalAnswer(buffer));
  if (!head) return false;
  if (method === "HEAD" || head.status === 204 || head.status === 304) return true;
  if (/chunked/i.test(head.headers["transfer-encoding"] ?? "")) return head.body.includes("0\r\n\r\n");
  if (head.headers["content-length"] !== undefined) return head.body.length >= Number(head.headers["content-length"]);
  return false;
}

function parseRaw(buffer) {
  const head = headOf(finalAnswer(buffer));
  if (!head) return { status: 0, error: "connection: incomplete answer", errorKind: "connection", body: buffer.toString("latin1").slice(0, 300) };
  const chunked = /chunked/i.test(head.headers["transfer-encoding"] ?? "");
  return { status: head.status, headers: head.headers, body: (chunked ? dechunk(head.body) : head.body).toString("utf8") };
}

function dechunk(buffer) {
  const out = [];
  let at = 0;
  while (at < buffer.length) {
    const lineEnd = buffer.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(buffer.subarray(at, lineEnd).toString("latin1"), 16);
    if (!size) break;
    out.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Recording and judging.
const stats = { sent: 0, byFamily: new Map(), byStatus: new Map(), retried429: 0 };
const findings = new Map();
const bump = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

// A probe: one request with what it is (route, family, a short description of the input), judged on its answer.
async function probe(req) {
  req.family ??= familyOf(req.route ?? req.path);
  // Bodies are built when sent, not when planned: planned all at once they would hold gigabytes.
  if (typeof req.body === "function") req.body = req.body();
  req.headers ??= {};
  if (req.auth !== false && !req.rawHeaders && !("authorization" in lowerKeys(req.headers))) {
    req.headers = { authorization: `Bearer ${req.key ?? KEY}`, ...req.headers };
  }
  let res;
  for (let attempt = 0; ; attempt++) {
    await pace();
    res = req.raw ? await viaSocket(req) : await viaFetch(req);
    // A 429 is the gateway doing its job; wait as it says and send the same input again.
    if (res.status !== 429 || attempt >= 5 || req.expect429) break;
    stats.retried429++;
    await sleep(Math.max(1, Number(res.headers?.["retry-after"] ?? 1)) * 1000);
  }
  stats.sent++;
  req.body = undefined;
  bump(stats.byFamily, req.family);
  bump(stats.byStatus, res.status === 0 ? res.errorKind : res.status);
  judge(req, res);
  if (LOG_FILE) {
    fs.appendFileSync(LOG_FILE, `${JSON.stringify({ route: req.route, method: req.method, path: req.path.slice(0, 300),
      query: req.query?.slice(0, 300), input: req.desc, status: res.status || res.error, ms: res.ms, body: (res.body ?? "").slice(0, 300) })}\n`);
  }
  if (VERBOSE) console.error(`${res.status || res.error} ${req.method} ${req.path.slice(0, 120)} [${req.desc}]`);
  return res;
}
const lowerKeys = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));

function judge(req, res) {
  if (res.status === 0) {
    return report(req, res, res.errorKind, res.error);
  }
  const error = errorShape(req, res);
  if (res.status >= 500) {
    if (res.status === 501 && error.ok && error.name === "NotImplementedError") return;
    if (res.status === 503 && error.ok && /keys cannot be checked/i.test(error.message)) return;
    return report(req, res, `${res.status} ${error.ok ? error.name : error.problem}`, "server error");
  }
  if (res.status >= 400) {
    if (!error.ok) return report(req, res, `${res.status} ${error.problem}`, "4xx not in the API's error format");
  }
  if (res.status >= 400 && /\n\s+at [\w.$]+\(/.test(res.body ?? "")) {
    return report(req, res, `${res.status} stack trace`, "error body carries a stack trace");
  }
  if (res.status >= 400 && leaksInternals(res.body)) note(req, res);
}

// The API's error format (API.md): a JSON object with string name and message, served as JSON.
function errorShape(req, res) {
  if (req.method === "HEAD") return { ok: true, name: "(HEAD, no body)" };
  let body;
  try {
    body = JSON.parse(res.body);
  } catch {
    return { ok: false, problem: res.body ? `not JSON (${(res.headers?.["content-type"] ?? "no content-type")})` : "empty body" };
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return { ok: false, problem: "JSON but not an object" };
  if (typeof body.name !== "string" || !body.name) return { ok: false, problem: "no string name" };
  if (typeof body.message !== "string") return { ok: false, problem: `${body.name} without string message` };
  if (!/application\/(problem\+)?json/i.test(res.headers?.["content-type"] ?? "")) {
    return { ok: false, problem: `${body.name} served as ${res.headers?.["content-type"] ?? "no content-type"}` };
  }
  return { ok: true, name: body.name, message: body.message };
}

function leaksInternals(body) {
  return /\b(java|javax|jakarta|io\.vertx|io\.quarkus|com\.fasterxml|org\.hibernate|io\.smallrye|dev\.agentmail)\.[\w.$]+|\b\w+Exception\b|JsonToken\./.test(body ?? "");
}

// Notes: error messages naming our classes or the JSON library's. Grouped by the message with ids and class names
// blurred, since one mapper answers for many routes.
const notes = new Map();
function note(req, res) {
  let message = res.body;
  try { message = JSON.parse(res.body).message ?? res.body; } catch { /* the raw body then */ }
  const pattern = message.replace(/`[^`]*`/g, "`...`").replace(/\[[^\]]*\]/g, "[...]").replace(/"[^"]*"/g, '"..."').slice(0, 160);
  const key = `${res.status} ${pattern}`;
  const entry = notes.get(key) ?? { status: res.status, example: message.slice(0, 300), routes: new Set(), count: 0 };
  entry.routes.add(req.route);
  entry.count++;
  notes.set(key, entry);
}

// Answers of Vert.x' HTTP decoder itself: an empty 400/414/431 with no X-Request-Id (everything the door answers or
// forwards carries one). Quarkus gives no hook to word them (gateway/README.md, "A request's way through"), so they
// are listed apart and do not fail the run; an empty answer that does carry an id is a finding like any other.
const decoderAnswers = new Map();

function report(req, res, shape, what) {
  if ([400, 414, 431].includes(res.status) && !res.body && !res.headers?.["x-request-id"]) {
    const key = `${res.status} ${req.desc}`;
    decoderAnswers.set(key, { status: res.status, input: `${req.route}: ${req.desc}`, count: (decoderAnswers.get(key)?.count ?? 0) + 1 });
    return;
  }
  const route = req.route ?? `${req.method} ${req.path}`;
  const key = `${route} | ${shape}`;
  const existing = findings.get(key);
  if (existing) {
    existing.count++;
    return;
  }
  findings.set(key, {
    route, shape, what, count: 1, method: req.method, path: req.path.length > 200 ? `${req.path.slice(0, 200)}...` : req.path,
    query: req.query, input: req.desc, status: res.status || res.error, ms: res.ms, body: (res.body ?? "").slice(0, 300),
  });
}

// A finding that no single answer shows (injection, SSRF, health).
function reportCheck(route, shape, what, input, detail) {
  const key = `${route} | ${shape}`;
  if (findings.has(key)) return void findings.get(key).count++;
  findings.set(key, { route, shape, what, count: 1, method: "", path: "", input, status: "-", body: detail.slice(0, 300) });
}

async function runAll(requests) {
  let next = 0;
  const results = new Array(requests.length);
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests.length) {
      const i = next++;
      results[i] = await probe(requests[i]);
    }
  }));
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Setup: real resources, with valid requests, so that the fuzzed requests name things that exist.
async function api(method, path, body, key = KEY) {
  const res = await viaFetch({ method, path, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } });
  if (res.status < 200 || res.status > 299) throw new Error(`setup: ${method} ${path} answered ${res.status || res.error}: ${(res.body ?? "").slice(0, 300)}`);
  return res.body ? JSON.parse(res.body) : {};
}
const enc = encodeURIComponent;

async function waitFor(what, fn, ms = 20000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`setup: ${what} did not happen within ${ms} ms`);
    await sleep(250);
  }
}

async function setup() {
  const ids = {};
  const pod = await api("POST", "/v0/pods", { name: "fuzz pod", client_id: unique("fuzz-pod") });
  ids.pod_id = pod.pod_id;
  const a = await api("POST", `/v0/pods/${enc(ids.pod_id)}/inboxes`, { username: unique("fuzz-a"), display_name: "Fuzz A" });
  const b = await api("POST", `/v0/pods/${enc(ids.pod_id)}/inboxes`, { username: unique("fuzz-b"), display_name: "Fuzz B" });
  ids.inbox_id = a.inbox_id;
  ids.inbox_b = b.inbox_id;
  ids.domain = a.inbox_id.split("@")[1];
  const sent = await api("POST", `/v0/inboxes/${enc(a.inbox_id)}/messages/send`, {
    to: [b.inbox_id], subject: "fuzz fixture", text: "hello", html: "<p>hello</p>",
    attachments: [{ filename: "a.txt", content_type: "text/plain", content: Buffer.from("attachment").toString("base64") }],
  });
  ids.message_id = sent.message_id;
  ids.thread_id = sent.thread_id;
  const message = await api("GET", `/v0/inboxes/${enc(a.inbox_id)}/messages/${enc(sent.message_id)}`);
  ids.attachment_id = message.attachments?.[0]?.attachment_id ?? "att_missing";
  // The copy B received, so that reply/forward have a received message too.
  const received = await waitFor("delivery to B", async () => {
    const list = await api("GET", `/v0/inboxes/${enc(b.inbox_id)}/messages`);
    return list.messages?.[0];
  });
  ids.message_b = received.message_id;
  const draft = await api("POST", `/v0/inboxes/${enc(a.inbox_id)}/drafts`, {
    to: [b.inbox_id], subject: "fuzz draft", text: "draft",
    attachments: [{ filename: "d.txt", content_type: "text/plain", content: Buffer.from("draft attachment").toString("base64") }],
  });
  ids.draft_id = draft.draft_id;
  ids.draft_attachment_id = draft.attachments?.[0]?.attachment_id ?? "att_missing";
  // An inbox-scoped key. The brief's form is POST /v0/api-keys with inbox_id; the contract's is the inbox's own
  // collection. Try the first and fall back, saying which one gave an inbox key.
  let key = await api("POST", "/v0/api-keys", { name: "fuzz inbox key", inbox_id: a.inbox_id });
  ids.keyNote = "POST /v0/api-keys with inbox_id gave an inbox key";
  if (key.inbox_id !== a.inbox_id) {
    ids.keyNote = `POST /v0/api-keys with inbox_id gave a key scoped ${key.inbox_id ? `to ${key.inbox_id}` : "to the organization"} (field ignored); used POST /v0/inboxes/{inbox_id}/api-keys`;
    ids.org_key_id = key.api_key_id;
    key = await api("POST", `/v0/inboxes/${enc(a.inbox_id)}/api-keys`, { name: "fuzz inbox key" });
  }
  ids.api_key_id = key.api_key_id;
  ids.inbox_key = key.api_key;
  const raw = await api("GET", `/v0/inboxes/${enc(a.inbox_id)}/messages/${enc(sent.message_id)}/raw`);
  ids.download_raw = raw.download_url;
  const att = await api("GET", `/v0/inboxes/${enc(a.inbox_id)}/messages/${enc(sent.message_id)}/attachments/${enc(ids.attachment_id)}`);
  ids.download_attachment = att.download_url;
  const page = await api("GET", "/v0/inboxes?limit=1");
  ids.page_token = page.next_page_token ?? "";
  return ids;
}

// The value of a path parameter for a route; attachment ids differ between drafts and messages.
function paramValue(ids, template, name) {
  const values = {
    pod_id: ids.pod_id, inbox_id: ids.inbox_id, thread_id: ids.thread_id, message_id: ids.message_id,
    draft_id: ids.draft_id, api_key_id: ids.api_key_id, domain_id: ids.domain, webhook_id: "wh_fuzz",
    direction: "send", type: "allow", entry: "someone@example.com", provider_id: "gmail", account_id: "acc_fuzz",
    attachment_id: template.includes("/drafts/") ? ids.draft_attachment_id : ids.attachment_id,
  };
  return values[name];
}

function fillPath(ids, template, override = {}) {
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in override ? override[name] : enc(paramValue(ids, template, name))));
}

// ---------------------------------------------------------------------------------------------------------------
// Valid bodies per route, the starting point of every body mutation. Fields the route does not know become
// "unknown fields" cases on their own.
function templateBody(ids, route) {
  const t = route.template;
  const attachment = () => ({ filename: "f.txt", content_type: "text/plain", content_disposition: "attachment",
    content_id: "cid1", content: Buffer.from("fuzz").toString("base64") });
  const mail = () => ({ to: [ids.inbox_b], cc: [ids.inbox_b], bcc: [ids.inbox_b], reply_to: [ids.inbox_id],
    subject: "fuzz", text: "fuzz text", html: "<p>fuzz</p>", labels: ["fuzz"], headers: { "X-Fuzz": "1" },
    attachments: [attachment()] });
  const permissions = { inbox_read: true, message_read: true };
  if (/\/messages\/send$/.test(t)) return mail();
  if (/\/reply$/.test(t)) return (({ subject, ...rest }) => ({ ...rest, reply_all: false }))(mail());
  if (/\/reply-all$/.test(t)) return (({ subject, to, cc, bcc, ...rest }) => rest)(mail());
  if (/\/forward$/.test(t)) return mail();
  if (/batch-get$/.test(t)) return { message_ids: [ids.message_id] };
  if (/batch-update$/.test(t)) return { message_ids: [ids.message_id], add_labels: ["fz"], remove_labels: ["fy"] };
  if (/\/drafts\/\{draft_id\}\/send$/.test(t)) return {};
  if (route.method === "POST" && /\/drafts$/.test(t)) {
    return { ...mail(), headers: undefined, in_reply_to: undefined, send_at: "2099-01-01T00:00:00Z", client_id: unique("fuzz-draft") };
  }
  if (route.method === "PATCH" && /\/drafts\/\{draft_id\}$/.test(t)) {
    return { to: [ids.inbox_b], cc: [ids.inbox_b], bcc: [], reply_to: [ids.inbox_id], subject: "patched", text: "t",
      html: "<b>h</b>", add_labels: ["fz"], remove_labels: ["fy"], send_at: "2099-01-01T00:00:00Z",
      add_attachments: [attachment()], remove_attachments: ["att_none"] };
  }
  if (/\/(messages|threads)\/\{\w+\}$/.test(t)) return { add_labels: ["fz"], remove_labels: ["fy"] };
  if (route.method === "POST" && /\/inboxes$/.test(t)) {
    return { username: unique("fz"), domain: ids.domain, display_name: "Fuzz", client_id: unique("fuzz-inbox"),
      metadata: { team: "fuzz", n: 1, ok: true } };
  }
  if (route.method === "PATCH" && /\/inboxes\/\{inbox_id\}$/.test(t)) return { display_name: "Fuzz A", metadata: { k: "v", gone: null } };
  if (route.method === "POST" && /\/pods$/.test(t)) return { name: "fuzz pod", client_id: unique("fuzz-pod") };
  if (/api-keys/.test(t)) return { name: "fuzz key", permissions };
  if (/webhooks.*headers$/.test(t)) return { headers: { "X-A": "1" }, remove_headers: ["X-B"] };
  if (/webhooks/.test(t)) return { url: "https://example.com/hook", event_types: ["message.received"], client_id: unique("wh"), headers: { "X-A": "1" }, inbox_ids: [ids.inbox_id], pod_ids: [ids.pod_id] };
  if (/\/lists\//.test(t)) return { entry: "someone@example.com", reason: "fuzz" };
  if (/\/domains\/\{domain_id\}\/verify$/.test(t)) return {};
  if (/\/domains/.test(t)) return { domain: "fuzz.example.com", feedback_enabled: true, subdomains_enabled: false, tracking_enabled: false };
  if (/authorize$/.test(t)) return { auth_token: "tok", accept_disclosure: true };
  if (/sign-up$/.test(t)) return { human_email: "human@example.com", username: "fuzz", source: "fuzz", referrer: null };
  if (/verify$/.test(t)) return { otp_code: "123456" };
  if (/connect$/.test(t)) return { magic_url: "https://example.com" };
  return {};
}

// Every leaf and container of a body, with its path, so that each field can be broken on its own.
function fieldsOf(value, path = []) {
  if (value === undefined) return [];
  const here = path.length ? [{ path, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => fieldsOf(v, [...path, i]))];
  if (value && typeof value === "object") return [...here, ...Object.entries(value).flatMap(([k, v]) => fieldsOf(v, [...path, k]))];
  return here;
}
function withValue(body, path, value) {
  const copy = structuredClone(body);
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step];
  at[path.at(-1)] = value;
  return copy;
}
function withKeyRenamed(body, path, newKey) {
  const copy = structuredClone(body);
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step];
  const old = path.at(-1);
  const value = parent[old];
  delete parent[old];
  parent[newKey] = value;
  return copy;
}
const fieldName = (path) => path.join(".");

// Values that break a field, by what the field holds. Addresses, dates, attachment content and URLs get their own.
const ADDRESS_JUNK = ["not-an-address", "a@b@c", "@", "x@", "<script>@x.com", "x@[127.0.0.1]",
  `"Evil\r\nBcc: victim@example.com" <a@example.com>`, `${huge(1000, "l")}@example.com`, "ünï@exämple.com",
  "A <a@example.com>, B <b@example.com>", "undisclosed-recipients:;", "", " ", "a@example.com\r\nBcc: v@example.com",
  `a@${huge(300, "d")}.com`, "a@example.com\u0000", "\"quoted@local\"@example.com"];
const DATE_JUNK = ["not a date", "2024-13-45T99:99:99Z", "2020-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
  "+999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "2024-01-01", "2024-01-01T00:00:00", "0", rawJson("1e309"),
  rawJson("1700000000"), "2024-01-01T00:00:00+25:00"];
const BASE64_JUNK = ["not base64!!", "====", "YQ", "YW Jj\nZGVm", "data:text/plain;base64,aGk=", "\u0000", "%%%%",
  huge(MB, "A"), "-_-_", `${huge(100, "A")}=${huge(100, "A")}`];
const URL_JUNK = ["not a url", "http://127.0.0.1:8083/q/health", "http://169.254.169.254/latest/meta-data/",
  "file:///etc/passwd", "gopher://127.0.0.1:9092/", "http://[::1]:8080/v0/inboxes", "http://0x7f000001:8081/q/health",
  "http://2130706433:8082/q/health", "http://localhost:8080/v0/organizations", "ftp://example.com/x", "http://",
  "https://", "//127.0.0.1/", "http://127.1:8083/", "http://[::ffff:127.0.0.1]:8083/", "http://0.0.0.0:8081/",
  "jar:http://127.0.0.1!/", "https://example.invalid/x", "http://169.254.169.254.nip.io/", huge(10000, "h")];
// The URL values aimed inside the suite: one of these being accepted is a finding by itself.
const INSIDE_URL = /127\.|169\.254|\[::1\]|\[::ffff|0x7f|2130706433|localhost|0\.0\.0\.0|127\.1|nip\.io|gopher|file:|jar:/;

function stringJunk(field) {
  if (/^(to|cc|bcc|reply_to)(\.\d+)?$/.test(field) || field === "entry" || field === "human_email") return ADDRESS_JUNK;
  if (/send_at|expires_at/.test(field)) return DATE_JUNK;
  if (/\.content$/.test(field)) return BASE64_JUNK;
  if (/url$/.test(field)) return URL_JUNK;
  return [huge(MB), CONTROL, CRLF, BAD_UTF8, "\ud800", "\udfff\ud800", "", " ", "\u202e\u2028\u2029", "😀".repeat(1000),
    huge(100000, "x") /* one long MIME-unfriendly line */, "=?utf-8?B?not-base64?=", "--b\r\nContent-Type: text/html\r\n\r\n<x>",
    rawJson("1e309"), "null", "%00%ZZ"];
}
const WRONG_TYPES = [42, -1, 1.5, true, null, {}, { a: "b" }, [], ["x"], [1, 2], rawJson("1e309"), rawJson("-0"),
  rawJson("123456789012345678901234567890"), rawJson(deepObject(10000)), rawJson(deepArray(10000))];

// For one field: the mutations to draw from. `key` mutations rename the field (headers and metadata names).
function mutationsFor(field) {
  const name = fieldName(field.path);
  const value = field.value;
  const out = [];
  if (typeof value === "string") {
    for (const v of stringJunk(name)) out.push({ desc: `${name}=${describe(v)}`, value: v });
    for (const v of WRONG_TYPES) out.push({ desc: `${name} as ${describe(v)}`, value: v });
  } else if (Array.isArray(value)) {
    const item = value[0] ?? "x";
    out.push({ desc: `${name}: 10000 items`, value: Array.from({ length: 10000 }, (_, i) => (typeof item === "string" ? `${i}${item}` : item)) });
    out.push({ desc: `${name}: 10000 empty strings`, value: Array(10000).fill("") });
    out.push({ desc: `${name}: [null]`, value: [null] });
    out.push({ desc: `${name}: [[[x]]]`, value: [[["x"]]] });
    out.push({ desc: `${name}: 100 x 10KB strings`, value: Array(100).fill(huge(10240)) });
    out.push({ desc: `${name}: CR/LF/NUL items`, value: [CONTROL, "\u0000", "a\r\nb"] });
    for (const v of [42, "plain string", {}, true, rawJson(deepArray(10000))]) out.push({ desc: `${name} as ${describe(v)}`, value: v });
  } else if (value && typeof value === "object") {
    out.push({ desc: `${name}: 10000 keys`, value: Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, `v${i}`])) });
    for (const key of ["", CONTROL, "\u0000", huge(MB), "X-Fuzz:\r\nX-Other", "Content-Type", "From", "Bcc", "__proto__", BAD_UTF8, "a b", ":"]) {
      out.push({ desc: `${name} with key ${describe(key)}`, value: { ...value, [key]: "v" } });
    }
    for (const v of [{ nested: { deep: 1 } }, [1, 2], null, huge(MB), CONTROL, rawJson(deepObject(10000))]) {
      out.push({ desc: `${name} with a value ${describe(v)}`, value: { ...value, zz: v } });
    }
    for (const v of [[], "string", 42, rawJson(deepObject(10000))]) out.push({ desc: `${name} as ${describe(v)}`, value: v });
  } else {
    for (const v of ["true", "yes", 1, -1, "", {}, [], rawJson("1e309"), null]) out.push({ desc: `${name} as ${describe(v)}`, value: v });
  }
  return out.map((m) => ({ ...m, path: field.path }));
}

// A short description of an input for the report (never the input itself when it is large).
function describe(v) {
  if (typeof v === "string") {
    const raw = /^\uE001RAW(\d+)\uE001$/.exec(v);
    if (raw) return describeRaw(rawInserts[Number(raw[1])]);
    if (v === BAD_UTF8) return "invalid UTF-8 bytes";
    if (v.length > 200) return `"${v.slice(0, 12).replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}..." (${v.length} chars)`;
    return JSON.stringify(v).replace(/\\u000/g, "\\x0");
  }
  if (Array.isArray(v)) return v.length > 5 ? `[${v.length} items]` : JSON.stringify(v).slice(0, 60);
  if (v && typeof v === "object") return JSON.stringify(v).slice(0, 60);
  return String(v);
}
function describeRaw(text) {
  if (text.startsWith('{"a":{"a"')) return "object nested 10000 deep";
  if (text.startsWith("[[[")) return "array nested 10000 deep";
  return `raw ${text.slice(0, 40)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Phase: bodies. Whole-body breakage for every POST and PATCH, every string field with control characters and
// wrong types, then ROUNDS random field mutations per route.
// `fresh` gives the route's valid body with new unique names each call, so that a create is never answered from an
// earlier one with the same client_id (an idempotent replay that would skip validating the junk).
function structuralCases(fresh) {
  const body = fresh();
  const json = JSON.stringify(body);
  const firstKey = Object.keys(body)[0];
  const cut = (n) => json.slice(0, Math.max(1, Math.floor(json.length * n)));
  const cases = [
    ["empty body, content-type json", ""],
    ["truncated JSON", cut(random())],
    ["truncated JSON", cut(random())],
    ["just {", "{"],
    ["array", "[]"], ["array of the body", `[${json}]`], ["string", '"string"'], ["number", "42"], ["null", "null"],
    ["true", "true"], ["1e309", "1e309"],
    ["object nested 10000 deep", deepObject(10000)],
    ["array nested 10000 deep", deepArray(10000)],
    ["object nested 10000 deep under a known field", firstKey ? `{"${firstKey}":${deepObject(10000)}}` : deepObject(10000)],
    ["duplicate key", firstKey ? `${json.slice(0, -1)}${json.length > 2 ? "," : ""}"${firstKey}":"duplicate"}` : '{"a":1,"a":2}'],
    ["unknown fields", JSON.stringify({ ...fresh(), zz_unknown: 1, __proto__x: {}, constructor: { prototype: 1 } })],
    ["__proto__ key", `{"__proto__":{"polluted":true}${json.length > 2 ? `,${json.slice(1)}` : "}"}`],
    ["invalid UTF-8 outside strings", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json)])],
    ["UTF-8 BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])],
    ["UTF-16 body", Buffer.from(json, "utf16le")],
    ["comments and trailing comma", `{/*c*/${json.slice(1, -1)}${json.length > 2 ? "," : ""}}`],
    ["single quotes", json.replace(/"/g, "'")],
    ["NaN literal", firstKey ? `{"${firstKey}":NaN}` : "NaN"],
    ["NUL bytes", "\u0000\u0000\u0000"],
    ["1 MB unknown field", () => JSON.stringify({ ...fresh(), zz_huge: huge(MB) })],
    ["5 MB body", () => JSON.stringify({ ...fresh(), zz_huge: huge(5 * MB) })],
    ["XML", "<?xml version=\"1.0\"?><a/>"],
  ];
  const json2 = () => JSON.stringify(fresh());
  return cases.map(([desc, data]) => ({ desc, body: data, headers: { "content-type": "application/json" } }))
    .concat([
      { desc: "valid JSON as text/plain", body: json2(), headers: { "content-type": "text/plain" } },
      { desc: "form-encoded", body: "a=b&c=%ZZ", headers: { "content-type": "application/x-www-form-urlencoded" } },
      { desc: "multipart without boundary", body: "--x\r\n\r\n", headers: { "content-type": "multipart/form-data" } },
      { desc: "no content-type", body: Buffer.from(json2()), headers: {} },
      { desc: "content-type garbage", body: json2(), headers: { "content-type": "application/json; charset=\"unterminated" } },
      { desc: "charset latin1 with latin1 bytes", body: Buffer.from(JSON.stringify({ ...fresh(), zz: "é" }), "latin1"), headers: { "content-type": "application/json; charset=iso-8859-1" } },
      { desc: "charset bogus", body: json2(), headers: { "content-type": "application/json; charset=x-bogus" } },
      { desc: "content-encoding gzip, not gzip", body: json2(), headers: { "content-type": "application/json", "content-encoding": "gzip" } },
      { desc: "content-encoding bogus", body: json2(), headers: { "content-type": "application/json", "content-encoding": "br, x" } },
    ]);
}

function bodyRequests(ids) {
  const requests = [];
  for (const route of ENDPOINTS.filter((r) => r.method === "POST" || r.method === "PATCH")) {
    const path = fillPath(ids, route.template);
    const fresh = () => templateBody(ids, route);
    const body = fresh();
    const base = { route: route.name, method: route.method, path };
    for (const c of structuralCases(fresh)) {
      requests.push({ ...base, ...c, body: () => toFetchBody(typeof c.body === "function" ? c.body() : c.body) });
    }
    const fields = fieldsOf(body);
    // Always: CR/LF/NUL in every string field, and a wrong type for every field. Then draws at random.
    const always = [];
    for (const field of fields) {
      if (typeof field.value === "string") {
        always.push({ desc: `${fieldName(field.path)}=${describe(CONTROL)}`, path: field.path, value: CONTROL });
        always.push({ desc: `${fieldName(field.path)}=${describe(CRLF)}`, path: field.path, value: CRLF });
      }
      always.push({ desc: `${fieldName(field.path)} as 42`, path: field.path, value: typeof field.value === "number" ? "42" : 42 });
      if (field.path.length >= 2 && /^(headers|metadata|permissions)$/.test(String(field.path.at(-2)))) {
        always.push({ desc: `${fieldName(field.path.slice(0, -1))} key with CR/LF`, path: field.path, renameTo: `X-Key\r\n${INJECTED}: yes` });
      }
    }
    const pool = shuffled(fields.flatMap(mutationsFor)).slice(0, ROUNDS);
    for (const m of [...always, ...pool]) {
      const mutated = m.renameTo ? withKeyRenamed(fresh(), m.path, m.renameTo) : withValue(fresh(), m.path, m.value);
      requests.push({ ...base, desc: m.desc, body: () => toFetchBody(serialize(mutated)), headers: { "content-type": "application/json" }, mutated });
    }
  }
  return requests;
}
const toFetchBody = (data) => (Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8"));

// ---------------------------------------------------------------------------------------------------------------
// Phase: query strings, on every GET route (list routes read them; others should ignore them).
const QUERY_JUNK = {
  limit: ["-1", "0", "abc", "1e309", "99999999999", "1.5", "", "%2010", "0x10", "2147483648", "%00", "%ZZ", "NaN"],
  page_token: ["garbage", "x".repeat(10240), "%00", "%ZZ", Buffer.from('{"k":"\'; drop table x;--"}').toString("base64url"),
    Buffer.from("\u0000\u0001").toString("base64"), "eyJ", "====", "%2F..%2F", "null"],
  labels: ['["a"', "[1,2]", '{"a":1}', '[""]', `["${"l".repeat(10240)}"]`, "null", '[[["x"]]]', "%5B%22a%22%5D%00",
    JSON.stringify(Array.from({ length: 1000 }, (_, i) => `l${i}`)), "a", '["\\u0000"]', "[" + "[".repeat(5000)],
  before: ["yesterday", "2024-13-45T99:99:99Z", "0", "-1", "1e309", "+999999999-01-01T00:00:00Z", "2024-01-01",
    "2024-01-01T00:00:00", "%00", "9999-12-31T23:59:59.999999999Z"],
  after: ["tomorrow", "2024-02-30T00:00:00Z", "1700000000", "%ZZ", "-999999999-01-01T00:00:00Z", ""],
  ascending: ["maybe", "", "TRUE", "1", "%00", "yes", "null"],
  include_spam: ["junk", "", "2", "%00"], include_blocked: ["junk", "-1"], include_unauthenticated: ["maybe"],
  include_trash: ["1e309", "tru"], q: ["x".repeat(10240), "%", "*", "' OR 1=1--", "%00", "%ZZ", "\\", "a%20b", "%C3%28"],
  event_types: ["[", "x"], period: ["x"], start: ["x"], end: ["x"],
};

function queryRequests(ids) {
  const requests = [];
  const names = Object.keys(QUERY_JUNK);
  for (const route of ENDPOINTS.filter((r) => r.method === "GET")) {
    const path = fillPath(ids, route.template);
    const base = { route: route.name, method: "GET", path };
    // The page token the server gave, altered: it is the one input a server decodes as its own.
    if (ids.page_token) {
      const t = ids.page_token;
      for (const [desc, v] of [["real page_token truncated", t.slice(0, -3)], ["real page_token with a flipped char", t.slice(0, 4) + (t[4] === "A" ? "B" : "A") + t.slice(5)], ["real page_token doubled", t + t]]) {
        requests.push({ ...base, desc, query: `page_token=${enc(v)}` });
      }
    }
    requests.push({ ...base, desc: "repeated limit", query: "limit=1&limit=abc&limit=-5" });
    requests.push({ ...base, desc: "repeated labels, plain and JSON", query: 'labels=a&labels=["b"]&labels=[' });
    requests.push({ ...base, desc: "raw %00 and %ZZ everywhere", query: "limit=%00&page_token=%ZZ&labels=%ZZ&before=%00", raw: true });
    requests.push({ ...base, desc: "bare & and =", query: "&&==&limit&=x" });
    for (let i = 0; i < Math.ceil(ROUNDS / 3); i++) {
      const params = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(names));
      const pairs = params.map((p) => [p, pick(QUERY_JUNK[p])]);
      // Values are sent as written: %ZZ stays %ZZ, so that the server decodes (or refuses) it itself.
      const query = pairs.map(([p, v]) => `${p}=${v.replace(/[ "#\[\]{}\\]/g, (c) => enc(c))}`).join("&");
      requests.push({ ...base, desc: pairs.map(([p, v]) => `${p}=${describe(v)}`).join(" "), query, raw: /%ZZ|%00|%C3%28/.test(query) });
    }
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------------------------
// Phase: paths, sent raw (fetch would turn '..' away and re-encode). Every route, each parameter broken a few ways.
const PATH_JUNK = ["%00", "%ZZ", "%2F", "a%2Fb", "..", "%2e%2e", "%2E%2E%2F%2E%2E", "x".repeat(10240), "ünï", "😀",
  "%F0%9F%92%A9", "%C3%28", "%", "%%", "%20", "null", "-1", "0", "%0D%0AX-Fuzz-Injected:%201", ";x=y", "*", "%2A", "@",
  "a@", "%40", "<x@y>", "%3Cx%40y%3E", "\\", "%5C..%5C", "99999999999999999999", "%u0041", "%E2%80%AE", "\u202e",
  "a".repeat(300) + "@" + "b".repeat(300), ".", "%2e", "?", "#", "%23"];

function pathRequests(ids) {
  const requests = [];
  for (const route of ENDPOINTS) {
    const params = [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const base = { route: route.name, method: route.method, raw: true, headers: route.method === "GET" || route.method === "DELETE" ? {} : { "content-type": "application/json" } };
    const body = route.method === "POST" || route.method === "PATCH" ? JSON.stringify(templateBody(ids, route)) : undefined;
    // Never a real id on DELETE, not even beside the broken one: '..' in one segment can make another path of it
    // (DELETE /v0/inboxes/{real}/messages/.. is DELETE /v0/inboxes/{real}), and the fixtures must survive the run.
    const fake = route.method === "DELETE" ? Object.fromEntries(params.map((p) => [p, `fz-none-${p}`])) : {};
    for (const param of params) {
      for (const junk of shuffled(PATH_JUNK).slice(0, Math.max(3, Math.ceil(ROUNDS / 8)))) {
        const path = fillPath(ids, route.template, { ...fake, [param]: junk });
        requests.push({ ...base, path, body, desc: `${param}=${describe(junk)}` });
      }
    }
    // Never a real id on DELETE: the fixtures must survive the run.
    if (route.method === "DELETE") continue;
    const path = fillPath(ids, route.template);
    for (const [desc, p] of [["trailing slash", `${path}/`], ["double slash", path.replace("/v0/", "/v0//")],
      ["dot segment", path.replace("/v0/", "/v0/./")], ["dot-dot segment", path.replace("/v0/", "/v0/x/../")],
      ["upper-case V0", path.replace("/v0/", "/V0/")], ["matrix param", `${path};a=b`], ["raw unicode suffix", `${path}é`]]) {
      requests.push({ ...base, path: p, body, desc });
    }
  }
  // Methods and paths that no route has.
  for (const [method, path] of [["PUT", "/v0/inboxes"], ["TRACE", "/v0/inboxes"], ["OPTIONS", "/v0/inboxes"],
    ["FOO", "/v0/inboxes"], ["HEAD", "/v0/inboxes"], ["GET", "/v0"], ["GET", "/v0/"], ["GET", "/v1/inboxes"],
    ["GET", "/"], ["GET", "/q/../v0/inboxes"], ["GET", "/v0/%2e%2e/q/health"], ["GET", "/v0/inboxes/%2e%2e/%2e%2e/q/dev"],
    ["POST", "/v0/inboxes/x/messages/send/extra"], ["GET", "*"], ["GET", "http://evil.example/v0/inboxes"]]) {
    requests.push({ route: `${method} ${path}`, family: "other", method, path, raw: true, desc: "method or path off the table", isHead: method === "HEAD" });
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------------------------
// Phase: headers and HTTP framing.
function headerRequests(ids) {
  const requests = [];
  const targets = [
    { route: "GET /v0/inboxes/{inbox_id}", method: "GET", path: fillPath(ids, "/v0/inboxes/{inbox_id}") },
    { route: "GET /v0/inboxes", method: "GET", path: "/v0/inboxes" },
    { route: "POST /v0/inboxes/{inbox_id}/messages/send", method: "POST", path: fillPath(ids, "/v0/inboxes/{inbox_id}/messages/send"),
      body: JSON.stringify({ to: [ids.inbox_b], subject: "hdr", text: "hdr" }) },
    { route: "GET /v0/auth/me", method: "GET", path: "/v0/auth/me" },
  ];
  const authForms = [
    ["no Authorization", null], ["Bearer alone", "Bearer"], ["Bearer and a space", "Bearer "], ["lower-case scheme", `bearer ${KEY}`],
    ["upper-case scheme", `BEARER ${KEY}`], ["Basic", `Basic ${Buffer.from(`${KEY}:`).toString("base64")}`], ["bare key", KEY],
    ["key twice", `Bearer ${KEY} ${KEY}`], ["two spaces", `Bearer  ${KEY}`], ["am_ only", "Bearer am_"], ["am_x_", "Bearer am_x_"],
    ["10 KB key", `Bearer am_${huge(10240, "k")}`], ["unknown key of the right form", `Bearer am_local_${huge(46, "z")}`],
    ["key with a tab", `Bearer\t${KEY}`], ["key with trailing space", `Bearer ${KEY} `], ["JWT-looking", "Bearer eyJhbGciOiJub25lIn0.e30."],
    ["key with %00", `Bearer ${KEY}%00`], ["inbox key on an org route", `Bearer ${ids.inbox_key}`],
  ];
  for (const t of targets) {
    const base = { ...t, headers: t.body ? { "content-type": "application/json" } : {} };
    for (const [desc, value] of authForms) {
      const headers = value === null ? { ...base.headers } : { ...base.headers, authorization: value };
      requests.push({ ...base, desc: `Authorization: ${desc}`, headers, auth: value !== null });
    }
    // Forms fetch refuses to send: raw.
    for (const [desc, lines] of [
      ["two Authorization headers", [["Authorization", `Bearer ${KEY}`], ["Authorization", "Bearer am_other_x"]]],
      ["Authorization with NUL", [["Authorization", `Bearer ${KEY}\u0000x`]]],
      ["Authorization with raw UTF-8", [["Authorization", "Bearer am_ünïcödé_ключ"]]],
      ["Authorization with bytes 0x80-0xff", [["Authorization", `Bearer am_${Buffer.from([0x80, 0xff, 0xfe]).toString("latin1")}`]]],
      ["20 KB header", [["Authorization", `Bearer ${KEY}`], ["X-Fuzz", huge(20000)]]],
      ["100 KB header", [["Authorization", `Bearer ${KEY}`], ["X-Fuzz", huge(100000)]]],
      ["500 headers", [["Authorization", `Bearer ${KEY}`], ...Array.from({ length: 500 }, (_, i) => [`X-F${i}`, "v"])]],
      ["header name with space", [["Authorization", `Bearer ${KEY}`], ["X Bad", "v"]]],
      ["obs-fold continuation", [["Authorization", `Bearer ${KEY}`], ["X-Fold", "a\r\n b"]]],
      ["X-Request-Id junk", [["Authorization", `Bearer ${KEY}`], ["X-Request-Id", `${huge(5000, "r")}\u0001`]]],
    ]) {
      const body = t.body ? Buffer.from(t.body) : Buffer.alloc(0);
      const rawHeaders = [["Host", GATEWAY.host], ["Connection", "close"], ...lines, ...(t.body ? [["Content-Type", "application/json"], ["Content-Length", String(body.length)]] : [])];
      requests.push({ ...t, raw: true, rawHeaders, body, desc: desc });
    }
  }
  // Idempotency-Key values on send (and the same key with another body, which must be 409, not a 5xx).
  const send = targets[2];
  const sendBody = (s) => JSON.stringify({ to: [ids.inbox_b], subject: s, text: s });
  for (const [desc, value] of [["empty", ""], ["space", " "], ["10 KB", huge(10240, "i")], ["unicode", "ключ-😀"],
    ["%00", "%00"], ["control char", "a\u0001b"], ["quotes", "\"'`"], ["1 KB of digits", huge(1024, "9")]]) {
    if (/[^\x20-\x7e]/.test(value)) {
      requests.push({ ...send, raw: true, body: Buffer.from(sendBody("idem")), desc: `Idempotency-Key ${desc}`,
        rawHeaders: [["Host", GATEWAY.host], ["Connection", "close"], ["Authorization", `Bearer ${KEY}`], ["Content-Type", "application/json"], ["Idempotency-Key", value], ["Content-Length", String(Buffer.byteLength(sendBody("idem")))]] });
    } else {
      requests.push({ ...send, body: sendBody("idem"), headers: { "content-type": "application/json", "idempotency-key": value }, desc: `Idempotency-Key ${desc}` });
    }
  }
  const reused = unique("idem");
  requests.push({ ...send, body: sendBody("first"), headers: { "content-type": "application/json", "idempotency-key": reused }, desc: "Idempotency-Key, first use" });
  requests.push({ ...send, body: sendBody("second, different"), headers: { "content-type": "application/json", "idempotency-key": reused }, desc: "Idempotency-Key reused with another body" });
  requests.push({ ...send, body: sendBody("second, different"), headers: { "content-type": "application/json", "idempotency-key": reused }, desc: "Idempotency-Key reused with another body" });
  // HTTP framing the server must refuse cleanly (400), never hang or reset.
  const framing = [
    ["Content-Length: -1", [["Content-Length", "-1"]], "{}"],
    ["Content-Length: abc", [["Content-Length", "abc"]], "{}"],
    ["two Content-Lengths", [["Content-Length", "2"], ["Content-Length", "3"]], "{}"],
    ["Content-Length and chunked", [["Content-Length", "2"], ["Transfer-Encoding", "chunked"]], "2\r\n{}\r\n0\r\n\r\n"],
    ["bad chunk size", [["Transfer-Encoding", "chunked"]], "zz\r\n{}\r\n0\r\n\r\n"],
    ["chunk size overflow", [["Transfer-Encoding", "chunked"]], "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n"],
    ["Transfer-Encoding gzip", [["Transfer-Encoding", "gzip"]], "{}"],
    ["Expect: 100-continue", [["Expect", "100-continue"], ["Content-Length", "2"]], "{}"],
    ["Expect: junk", [["Expect", "junk"], ["Content-Length", "2"]], "{}"],
  ];
  for (const [desc, lines, body] of framing) {
    requests.push({ route: "POST /v0/pods", method: "POST", path: "/v0/pods", raw: true, desc,
      rawHeaders: [["Host", GATEWAY.host], ["Connection", "close"], ["Authorization", `Bearer ${KEY}`], ["Content-Type", "application/json"], ...lines],
      body: Buffer.from(body) });
  }
  for (const [desc, line] of [["HTTP/1.0", "GET /v0/inboxes HTTP/1.0"], ["no version", "GET /v0/inboxes"],
    ["HTTP/9.9", "GET /v0/inboxes HTTP/9.9"], ["lower-case method", "get /v0/inboxes HTTP/1.1\r\nHost: x"],
    ["tab-separated request line", "GET\t/v0/inboxes\tHTTP/1.1\r\nHost: x"], ["no Host", "GET /v0/inboxes HTTP/1.1"],
    ["two Hosts", "GET /v0/inboxes HTTP/1.1\r\nHost: a\r\nHost: b"], ["8 KB request line", `GET /v0/inboxes?${huge(8192, "q")} HTTP/1.1\r\nHost: x`]]) {
    requests.push({ route: "GET /v0/inboxes (framing)", family: "framing", method: "GET", path: "/v0/inboxes", raw: true, desc, requestLine: line });
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------------------------
// Phase: /downloads links (no key: the signature is the permission).
function downloadRequests(ids) {
  const requests = [];
  const token = (url) => decodeURIComponent(new URL(url).pathname.split("/downloads/")[1] ?? "");
  const real = token(ids.download_raw);
  const [body, sig] = real.split(".");
  const forged = Buffer.from(`${ids.inbox_id}\n${ids.message_id}\n\n99999999999`).toString("base64url");
  const cases = [
    ["garbage token", "garbage"], ["empty token", ""], ["only a dot", "."], ["truncated real token", real.slice(0, -5)],
    ["flipped signature", `${body}.${sig.slice(0, 3)}${sig[3] === "A" ? "B" : "A"}${sig.slice(4)}`],
    ["real body, no signature", `${body}.`], ["forged body, real signature", `${forged}.${sig}`],
    ["10 KB token", huge(10240, "t")], ["%00", "%00"], ["%ZZ", "%ZZ"], ["..", ".."], ["nested path", "a/b"],
    ["base64 of newlines", `${Buffer.from("\n\n\n\n").toString("base64url")}.${sig}`],
    ["standard base64 with +/=", "ab+/==.cd+/=="], ["real token with ..", `${real}/..`], ["unicode", "ünï"],
  ];
  for (const [desc, t] of cases) {
    for (const method of ["GET", "HEAD"]) {
      requests.push({ route: `${method} /downloads/{token}`, family: "downloads", method, path: `/downloads/${t.includes("%") || t.includes("/") || t === ".." ? t : enc(t)}`, raw: true, auth: false, desc, isHead: method === "HEAD" });
    }
  }
  for (const url of [ids.download_raw, ids.download_attachment]) {
    const path = new URL(url).pathname;
    requests.push({ route: "GET /downloads/{token}", family: "downloads", method: "GET", path, auth: false, desc: "the real link" });
    requests.push({ route: "GET /downloads/{token}", family: "downloads", method: "GET", path, auth: false, desc: "real link with a junk Range", headers: { range: "bytes=99999999999-1" } });
    requests.push({ route: "POST /downloads/{token}", family: "downloads", method: "POST", path, auth: false, desc: "POST on a link" });
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------------------------
// Phase: MIME. No route takes raw MIME in; sends are composed into MIME by thread-service and parsed back by it for
// the receiving inbox, and read back raw. So: content that looks like MIME, long lines, odd encodings, attachments
// whose type and content fight, in sends that should succeed; the sweep then reads everything back.
function mimeRequests(ids) {
  const path = fillPath(ids, "/v0/inboxes/{inbox_id}/messages/send");
  const boundary = "----=_Part_0_fuzz";
  const mimeLooking = [
    `--${boundary}\r\nContent-Type: text/html\r\n\r\n<b>smuggled</b>\r\n--${boundary}--`,
    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\n--x--\r\n",
    ".\r\n", "\r\n.\r\n\r\nQUIT\r\n", "From nobody Mon Jan 1 00:00:00 2024\n>From x", "=?utf-8?B?" + "A".repeat(100) + "?=",
    "=?utf-8?Q?=E2=80=AE=0D=0ABcc:_x@y?=", "=?x-unknown?X?garbage?=", "begin 644 file.txt\nM86)C\n`\nend",
  ];
  const cases = [];
  for (const text of mimeLooking) {
    cases.push([`text is MIME-looking ${describe(text)}`, { text, html: text, subject: text.replace(/[\r\n]/g, " ").slice(0, 80) }]);
    cases.push([`subject is MIME-looking ${describe(text)}`, { subject: text, text: "x" }]);
  }
  cases.push(["text one 1 MB line", { subject: "long line", text: huge(MB, "L") }]);
  cases.push(["html one 1 MB line", { subject: "long html", html: `<p>${huge(MB, "H")}</p>` }]);
  cases.push(["subject 10000 chars, no spaces", { subject: huge(10000, "S"), text: "x" }]);
  cases.push(["subject of 2000 encoded words", { subject: "é ".repeat(2000), text: "x" }]);
  cases.push(["text with bare CR and bare LF", { subject: "bare", text: "a\rb\nc\r\r\nd" }]);
  cases.push(["text of NULs", { subject: "nul", text: "\u0000".repeat(1000) }]);
  cases.push(["text lone surrogates", { subject: "surrogate \ud800", text: "\udfff\ud800" }]);
  cases.push(["text RTL and zero-width", { subject: "\u202e\u200b\ufeff", text: "\u202egnp.exe" }]);
  const att = (over) => ({ subject: "attachment", text: "x", attachments: [{ filename: "f.txt", content_type: "text/plain", content: Buffer.from("fuzz").toString("base64"), ...over }] });
  for (const [desc, over] of [
    ["attachment content_type multipart with its boundary in the content", { content_type: `multipart/mixed; boundary="${boundary}"`, content: Buffer.from(`--${boundary}\r\n\r\nx\r\n--${boundary}--`).toString("base64") }],
    ["attachment content_type message/rfc822 with junk", { content_type: "message/rfc822", content: Buffer.from("not: a\r\nmessage").toString("base64") }],
    ["attachment content_type unterminated quote", { content_type: 'text/plain; charset="unterminated' }],
    ["attachment content_type empty", { content_type: "" }], ["attachment content_type no slash", { content_type: "garbage" }],
    ["attachment content_type with CR/LF", { content_type: `text/plain\r\n${INJECTED}: yes` }],
    ["attachment filename with CR/LF and quotes", { filename: `a"b\r\n${INJECTED}: yes\r\n.txt` }],
    ["attachment filename 10000 chars", { filename: `${huge(10000, "f")}.txt` }], ["attachment filename ../../etc/passwd", { filename: "../../etc/passwd" }],
    ["attachment filename NUL", { filename: "a\u0000.exe" }], ["attachment filename unicode RTL", { filename: "\u202etxt.exe" }],
    ["attachment content_id with <> and CR/LF", { content_id: `<a>\r\n${INJECTED}: yes` }], ["attachment content_disposition junk", { content_disposition: "inline; filename=\"x\r\n" }],
    ["attachment content of base64 whitespace", { content: "ZnV6\r\neg==" }], ["attachment content 3 MB", { content: Buffer.alloc(3 * MB, 7).toString("base64") }],
    ["attachment with content and url", { url: "https://example.com/x" }], ["attachment with neither content nor url", { content: undefined }],
  ]) cases.push([desc, att(over)]);
  // Attachment URLs aimed inside: the egress policy must refuse each, and refuse it as the client's error.
  for (const url of URL_JUNK.filter((u) => INSIDE_URL.test(u))) {
    cases.push([`attachment url ${url}`, { subject: "ssrf", text: "x", attachments: [{ filename: "x", url }] }]);
  }
  // Display name and custom headers: the From and other header lines of the composed MIME.
  cases.push(["custom header value with CR/LF", { subject: "h", text: "x", headers: { "X-Fuzz": `v\r\n${INJECTED}: yes` } }]);
  cases.push(["custom header name with CR/LF", { subject: "h", text: "x", headers: { [`X-A\r\n${INJECTED}: yes\r\nX-B`]: "v" } }]);
  cases.push(["custom header that overrides From", { subject: "h", text: "x", headers: { From: "ceo@example.com", "Message-ID": "<x@y>", Bcc: "v@example.com", "Content-Type": "text/html" } }]);
  cases.push(["custom header 100 KB value", { subject: "h", text: "x", headers: { "X-Long": huge(100000) } }]);
  cases.push(["reply_to with CR/LF", { subject: "r", text: "x", reply_to: [`a@example.com\r\n${INJECTED}: yes`] }]);
  return cases.map(([desc, over]) => {
    const body = { to: [ids.inbox_b], ...over };
    return { route: "POST /v0/inboxes/{inbox_id}/messages/send", family: "mime", method: "POST", path, desc,
      body: () => toFetchBody(JSON.stringify(body)), headers: { "content-type": "application/json" }, ssrf: /^attachment url /.test(desc) };
  });
}

// Drafts are stored first and composed into MIME only when sent: a draft that took junk must also send cleanly (or
// be refused as the client's error). Each draft a fuzzed create accepted is sent once.
function draftSendRequests(ids, requests, results) {
  const out = [];
  requests.forEach((req, i) => {
    const res = results[i];
    if (!/^POST \/v0\/inboxes\/\{inbox_id\}\/drafts$/.test(req.route) || res?.status !== 200) return;
    let draft;
    try { draft = JSON.parse(res.body); } catch { return; }
    if (!draft.draft_id || out.some((r) => r.draftId === draft.draft_id)) return;
    out.push({ route: "POST /v0/inboxes/{inbox_id}/drafts/{draft_id}/send", family: "drafts/send", method: "POST", draftId: draft.draft_id,
      path: `/v0/inboxes/${enc(ids.inbox_id)}/drafts/${enc(draft.draft_id)}/send`, body: "{}", headers: { "content-type": "application/json" },
      desc: `send of a draft created with ${req.desc}` });
  });
  return out;
}

// Inbox display names become the From line: a CR/LF there is an injection too. Set it, send, and restore it.
async function displayNameInjection(ids) {
  const path = fillPath(ids, "/v0/inboxes/{inbox_id}");
  const res = await probe({ route: "PATCH /v0/inboxes/{inbox_id}", family: "mime", method: "PATCH", path, desc: "display_name with CR/LF, then a send",
    body: JSON.stringify({ display_name: `Evil\r\n${INJECTED}: yes\r\nBcc: v@example.com` }), headers: { "content-type": "application/json" } });
  if (res.status === 200) {
    await probe({ route: "POST /v0/inboxes/{inbox_id}/messages/send", family: "mime", method: "POST", path: `${path}/messages/send`, desc: "send from an inbox whose display_name has CR/LF",
      body: JSON.stringify({ to: [ids.inbox_b], subject: "display name", text: "x" }), headers: { "content-type": "application/json" } });
    await api("PATCH", path, { display_name: "Fuzz A" });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Read-back: everything stored by the run is read again, the way a client would: lists, each message, its raw
// MIME through the download link, each attachment. Stored junk that breaks a read shows here, and the raw MIME is
// searched for a header smuggled in through CR/LF.
async function readBack(ids) {
  const inboxes = [ids.inbox_id, ids.inbox_b];
  let checked = 0;
  // The organization's and the pod's lists hold everything the run created, junk names included.
  for (const [route, path, items] of [["GET /v0/inboxes", "/v0/inboxes", "inboxes"], ["GET /v0/pods", "/v0/pods", "pods"],
    ["GET /v0/threads", "/v0/threads", "threads"], ["GET /v0/drafts", "/v0/drafts", "drafts"], ["GET /v0/api-keys", "/v0/api-keys", "api_keys"],
    ["GET /v0/pods/{pod_id}/inboxes", `/v0/pods/${enc(ids.pod_id)}/inboxes`, "inboxes"],
    ["GET /v0/pods/{pod_id}/threads", `/v0/pods/${enc(ids.pod_id)}/threads`, "threads"],
    ["GET /v0/pods/{pod_id}/drafts", `/v0/pods/${enc(ids.pod_id)}/drafts`, "drafts"]]) {
    let token = "";
    for (let page = 0; page < 30; page++) {
      const res = await probe({ route, family: "read-back", method: "GET", path, query: `limit=100${token ? `&page_token=${enc(token)}` : ""}`, desc: "read-back list" });
      if (res.status !== 200) break;
      const list = JSON.parse(res.body);
      if (!Array.isArray(list[items])) reportCheck(route, "list shape", `list answer without ${items}`, "read-back list", res.body);
      token = list.next_page_token;
      if (!token) break;
    }
  }
  for (const inbox of inboxes) {
    for (const collection of ["messages", "threads", "drafts"]) {
      let token = "";
      for (let page = 0; page < 20; page++) {
        const path = `/v0/inboxes/${enc(inbox)}/${collection}`;
        const res = await probe({ route: `GET /v0/inboxes/{inbox_id}/${collection}`, family: "read-back", method: "GET", path,
          query: `limit=50${token ? `&page_token=${enc(token)}` : ""}`, desc: "read-back list" });
        if (res.status !== 200) break;
        const list = JSON.parse(res.body);
        const items = list[collection] ?? [];
        await runAll(items.flatMap((item) => readOne(inbox, collection, item)));
        for (const item of items) if (collection === "messages") checked += await checkRaw(inbox, item);
        token = list.next_page_token;
        if (!token) break;
      }
    }
  }
  return checked;
}

function readOne(inbox, collection, item) {
  const id = item.message_id ?? item.thread_id ?? item.draft_id;
  const template = { messages: "message_id", threads: "thread_id", drafts: "draft_id" }[collection];
  const base = `/v0/inboxes/${enc(inbox)}/${collection}/${enc(id)}`;
  const requests = [{ route: `GET /v0/inboxes/{inbox_id}/${collection}/{${template}}`, family: "read-back", method: "GET", path: base, desc: "read-back get" }];
  // A message may hold thousands of attachments (the run sends 10,000 in one): read the first few and the last.
  const attachments = item.attachments ?? [];
  for (const attachment of attachments.length > 4 ? [...attachments.slice(0, 3), attachments.at(-1)] : attachments) {
    requests.push({ route: `GET /v0/inboxes/{inbox_id}/${collection}/{${template}}/attachments/{attachment_id}`, family: "read-back", method: "GET",
      path: `${base}/attachments/${enc(attachment.attachment_id)}`, desc: "read-back attachment", download: true });
  }
  return requests;
}

// The raw MIME of one message, fetched through its link; a line starting with the injected header name means a
// CR/LF in some field reached the headers unescaped.
async function checkRaw(inbox, item) {
  const path = `/v0/inboxes/${enc(inbox)}/messages/${enc(item.message_id)}/raw`;
  const res = await probe({ route: "GET /v0/inboxes/{inbox_id}/messages/{message_id}/raw", family: "read-back", method: "GET", path, desc: "read-back raw" });
  if (res.status !== 200) return 0;
  const link = new URL(JSON.parse(res.body).download_url);
  const eml = await probe({ route: "GET /downloads/{token}", family: "read-back", method: "GET", path: link.pathname, auth: false, desc: "read-back raw download" });
  if (eml.status !== 200) return 1;
  const blocks = headerBlocks(eml.body);
  const injected = new RegExp(`^${INJECTED}:.*$`, "mi");
  const hit = blocks.findIndex((block) => injected.test(block));
  if (hit >= 0) {
    const partHeaders = [injected.exec(blocks[hit])[0]];
    const where = hit === 0 ? "the message's header block" : "a MIME part's headers";
    const origin = sentBy.get(item.message_id) ?? `subject ${describe(item.subject ?? "")}`;
    reportCheck("POST /v0/inboxes/{inbox_id}/messages/send (and relatives)", `MIME header injection in ${where}`,
      "a CR/LF in an input field became a header line of the stored MIME", origin,
      `${inbox} ${item.message_id}: ${partHeaders[0]} ... ${context(eml.body, INJECTED)}`);
  }
  return 1;
}
// The header blocks of a message: its own (up to the first empty line) and each MIME part's (after a delimiter line
// of a boundary the message declares, up to the next empty line). Body lines are never headers, whatever they say.
function headerBlocks(eml) {
  const lines = eml.split(/\r?\n/);
  const boundaries = [...eml.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => `--${m[1]}`);
  const blocks = [];
  let current = [];
  let inHeaders = true;
  for (const line of lines) {
    if (inHeaders) {
      if (line === "") {
        blocks.push(current.join("\n"));
        current = [];
        inHeaders = false;
      } else current.push(line);
    } else if (boundaries.some((b) => line === b)) {
      inHeaders = true;
    }
  }
  if (inHeaders && current.length) blocks.push(current.join("\n"));
  return blocks;
}

const context = (text, word) => {
  const at = text.indexOf(word);
  return JSON.stringify(text.slice(Math.max(0, at - 150), at + 60));
};
// message_id -> the input that produced it, for injection reports.
const sentBy = new Map();

// ---------------------------------------------------------------------------------------------------------------
// The ERROR lines the services wrote since `from` (a byte offset), grouped by service, logger and exception class.
function checkSuiteLog(from) {
  if (!SUITE_LOG) return null;
  const text = fs.readFileSync(SUITE_LOG).subarray(from).toString("utf8");
  const errors = text.split("\n").filter((line) => /^\S+\s*\| \S+ ERROR /.test(line));
  for (const line of errors) {
    const [, service, logger, rest] = /^(\S+)\s*\| \S+ ERROR \[([^\]]+)\] (.*)$/.exec(line) ?? [null, "?", "?", line];
    const exception = /([\w.]+(?:Exception|Error))\b/.exec(rest)?.[1] ?? rest.slice(0, 40);
    reportCheck(`${service} log`, `ERROR ${logger} ${exception}`, "the service logged an ERROR during the run", "see the log", rest);
  }
  return errors.length;
}

async function checkHealth() {
  const results = [];
  for (const url of HEALTH) {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      .then(async (r) => ({ status: r.status, body: await r.text() }))
      .catch((error) => ({ status: 0, body: String(error.cause?.code ?? error.message) }));
    results.push({ url, ...res });
    if (res.status !== 200) reportCheck(url, `health ${res.status}`, "service no longer healthy after the run", "-", res.body);
  }
  return results;
}

function recordSends(requests, results) {
  requests.forEach((req, i) => {
    const res = results[i];
    if (res?.status >= 200 && res.status < 300 && /send|reply|forward/.test(req.route ?? "")) {
      try {
        const id = JSON.parse(res.body).message_id;
        if (id) sentBy.set(id, `${req.route}: ${req.desc}`);
      } catch { /* not JSON: judged elsewhere */ }
    }
    // An attachment URL aimed inside that the send accepted: thread-service fetched (or will fetch) it.
    if (req.ssrf && res?.status >= 200 && res.status < 300) {
      reportCheck(req.route, "SSRF: inside URL accepted", "an attachment URL aimed inside the suite was accepted", req.desc, res.body);
    }
    if (req.mutated && res?.status >= 200 && res.status < 300) {
      for (const a of req.mutated.attachments ?? req.mutated.add_attachments ?? []) {
        if (a && typeof a.url === "string" && INSIDE_URL.test(a.url)) {
          reportCheck(req.route, "SSRF: inside URL accepted", "an attachment URL aimed inside the suite was accepted", req.desc, res.body);
        }
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------------------------
function printSummary(started, phases, health, rawChecked, ids) {
  const line = (s) => console.log(s);
  line(`\nfuzz: SEED=${SEED} ROUNDS=${ROUNDS} against ${GATEWAY.origin}: ${stats.sent} requests in ${((Date.now() - started) / 1000).toFixed(0)} s (${stats.retried429} retried after 429)`);
  line(`setup: pod ${ids.pod_id}, inboxes ${ids.inbox_id} and ${ids.inbox_b}, thread ${ids.thread_id}, draft ${ids.draft_id}, inbox key ${ids.api_key_id}`);
  line(`       ${ids.keyNote}`);
  line(`phases: ${phases.map(([n, c, ms]) => `${n} ${c} (${(ms / 1000).toFixed(0)} s)`).join(", ")}; raw messages checked for injection: ${rawChecked}`);
  line("\nrequests per route family:");
  for (const [family, count] of [...stats.byFamily].sort((a, b) => b[1] - a[1])) line(`  ${family.padEnd(24)} ${count}`);
  line("\nanswers by status:");
  line(`  ${[...stats.byStatus].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([s, c]) => `${s}: ${c}`).join(", ")}`);
  line("\nhealth at the end:");
  for (const h of health) line(`  ${h.status === 200 ? "ok  " : "FAIL"} ${h.url} ${h.status}`);
  line(`\nnotes (do not fail the run): error messages that name Java classes or JSON library internals, ${notes.size} kinds:`);
  for (const n of [...notes.values()].sort((a, b) => b.count - a.count)) {
    line(`  ${n.status} x${n.count} on ${n.routes.size} routes, e.g. ${JSON.stringify(n.example)}`);
  }
  line(`\nanswered by the HTTP decoder before any route, bare status (do not fail the run), ${decoderAnswers.size} kinds:`);
  for (const d of [...decoderAnswers.values()].sort((a, b) => a.input.localeCompare(b.input))) {
    line(`  ${d.status} x${d.count} ${d.input}`);
  }
  line(`\nfindings: ${findings.size} (deduplicated by route, status and error shape)`);
  let n = 0;
  for (const f of [...findings.values()].sort((a, b) => a.route.localeCompare(b.route))) {
    n++;
    line(`\n#${n} ${f.route}  [${f.shape}] x${f.count}`);
    line(`   ${f.what}`);
    if (f.path) line(`   request: ${f.method} ${f.path}${f.query ? `?${f.query.slice(0, 200)}` : ""}`);
    line(`   input: ${f.input}`);
    line(`   status: ${f.status}${f.ms !== undefined ? ` after ${f.ms} ms` : ""}`);
    line(`   body: ${JSON.stringify(f.body)}`);
  }
}

async function main() {
  const started = Date.now();
  const logFrom = SUITE_LOG ? fs.statSync(SUITE_LOG).size : 0;
  const ids = await setup();
  console.error(`setup done: ${JSON.stringify({ ...ids, inbox_key: "(secret)" })}`);
  const phases = [];
  const phase = async (name, requests, after) => {
    const t = Date.now();
    console.error(`phase ${name}: ${requests.length} requests`);
    const results = await runAll(requests);
    if (after) after(requests, results);
    phases.push([name, requests.length, Date.now() - t]);
  };
  // Generated up front and in a fixed order, so the inputs depend on SEED alone.
  const bodies = bodyRequests(ids);
  const queries = queryRequests(ids);
  const paths = pathRequests(ids);
  const headers = headerRequests(ids);
  const downloads = downloadRequests(ids);
  const mime = mimeRequests(ids);
  let draftSends = [];
  await phase("bodies", bodies, (requests, results) => {
    recordSends(requests, results);
    draftSends = draftSendRequests(ids, requests, results);
  });
  await phase("draft sends", draftSends, recordSends);
  // A draft send with a valid body may have sent the fixture draft: later phases only need its id to be well formed.
  await phase("queries", queries);
  await phase("paths", paths);
  await phase("headers", headers, recordSends);
  await phase("downloads", downloads);
  await phase("mime", mime, recordSends);
  await displayNameInjection(ids);
  // Give local delivery a moment so that the received copies are there to be read back too.
  await sleep(3000);
  const t = Date.now();
  const rawChecked = await readBack(ids);
  phases.push(["read-back", "-", Date.now() - t]);
  const health = await checkHealth();
  const logErrors = checkSuiteLog(logFrom);
  if (logErrors !== null) phases.push(["suite log ERROR lines", logErrors, 0]);
  printSummary(started, phases, health, rawChecked, ids);
  process.exit(findings.size ? 1 : 0);
}

main().catch((error) => {
  console.error(`fuzz: ${error.stack ?? error}`);
  process.exit(2);
});
