// Scale benchmark for inbox-service: creates N inboxes in one organization, then times list pages at the start,
// middle and end of the list and get-by-id. Talks to inbox-service directly with the internal token that
// auth-service issues for AGENTMAIL_BENCH_KEY (the gateway is not in the path). Prints figures; asserts nothing.
const AUTH = process.env.AUTH_URL ?? "http://127.0.0.1:8083";
const INBOX = process.env.INBOX_URL ?? "http://127.0.0.1:8081";
const KEY = process.env.AGENTMAIL_BENCH_KEY;
const COUNT = Number(process.env.COUNT ?? 100000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const READS = Number(process.env.READS ?? 300);
// CREATE_ONLY=1: stop after the creates (deploy/bench/inbox-creates compares their rate with pgbench's).
const PAGE = 100;
if (!KEY) {
  console.error("set AGENTMAIL_BENCH_KEY to a valid organization key (e.g. the suite's bootstrap key)");
  process.exit(2);
}

// Internal tokens live a few minutes; renew well before, as a long run outlives several.
let token, tokenExpires = 0;
async function auth() {
  if (Date.now() > tokenExpires - 60_000) {
    const res = await fetch(`${AUTH}/internal/keys/verify`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: KEY }),
    });
    if (res.status !== 200) throw new Error(`verify answered ${res.status}`);
    const body = await res.json();
    token = body.token;
    tokenExpires = Date.parse(body.expires_at);
  }
  return { authorization: `Bearer ${token}`, "content-type": "application/json" };
}

async function call(method, path, body) {
  const res = await fetch(`${INBOX}${path}`, { method, headers: await auth(), body: body && JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `p50 ${at(50).toFixed(2)} ms, p99 ${at(99).toFixed(2)} ms (n=${sorted.length})`;
}

async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function create() {
  const run = Date.now().toString(36);
  let next = 0, failures = 0;
  const start = performance.now();
  const ids = [];
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < COUNT) {
      const i = next++;
      try {
        const inbox = await call("POST", "/v0/inboxes", { username: `bench-${run}-${i}`, display_name: `Bench ${i}` });
        if (i % 97 === 0) ids.push(inbox.inbox_id);
      } catch (e) {
        failures++;
        if (failures <= 3) console.error(e.message);
      }
      if ((i + 1) % 10000 === 0) console.log(`  ${i + 1} created`);
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  console.log(`created ${COUNT - failures} inboxes in ${seconds.toFixed(1)} s = ${((COUNT - failures) / seconds).toFixed(0)}/s`
    + ` (${CONCURRENCY} concurrent, ${failures} failed)`);
  return ids;
}

/** Walks the whole list once, keeping the page tokens of the start, middle and end. */
async function walk() {
  const tokens = [];
  const times = [];
  let token = null;
  do {
    let page;
    times.push(await timed(async () => {
      page = await call("GET", `/v0/inboxes?limit=${PAGE}` + (token ? `&page_token=${encodeURIComponent(token)}` : ""));
    }));
    tokens.push(token);
    token = page.next_page_token;
  } while (token);
  console.log(`walked ${tokens.length} pages of ${PAGE}: ${percentiles(times)}`);
  return tokens;
}

async function readPage(label, token) {
  const times = [];
  const query = `/v0/inboxes?limit=${PAGE}` + (token ? `&page_token=${encodeURIComponent(token)}` : "");
  for (let i = 0; i < READS; i++) times.push(await timed(() => call("GET", query)));
  console.log(`list page at the ${label}: ${percentiles(times)}`);
}

async function main() {
  console.log(`creating ${COUNT} inboxes through ${INBOX}`);
  const ids = await create();
  if (process.env.CREATE_ONLY) return;
  const tokens = await walk();
  await readPage("start", tokens[0]);
  await readPage("middle", tokens[Math.floor(tokens.length / 2)]);
  await readPage("end", tokens[tokens.length - 1]);
  const times = [];
  for (let i = 0; i < READS; i++) {
    const id = ids[Math.floor(Math.random() * ids.length)];
    times.push(await timed(() => call("GET", `/v0/inboxes/${encodeURIComponent(id)}`)));
  }
  console.log(`get by id: ${percentiles(times)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
