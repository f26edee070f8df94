// The JavaScript API of restanse, over either WebAssembly build (Node or browser).
// Members cross into WebAssembly as JSON text and results come back as JSON text: the same serde_json path
// as the `restanse` CLI, so the output is exactly the CLI's, and it is faster than converting objects one by one.

/** An error from restanse: `kind` is "input", "policy", "rejected" or "nets"; policy errors name the `rule`
 * and `field`, an unreadable Nets file its `file`, `line`, `field` and `reason`; a strict assessment that rejected records carries the `rejections`, as the CLI reports them. */
export class RestanseError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.name = "RestanseError";
    this.kind = details.kind ?? "input";
    if (details.rule != null) this.rule = details.rule;
    if (details.field != null) this.field = details.field;
    if (details.rejections) this.rejections = details.rejections;
    if (details.file != null) this.file = details.file;
    if (details.line != null) this.line = details.line;
    if (details.reason != null) this.reason = details.reason;
  }
}

function call(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof RestanseError) throw e;
    // (issue 14) a JS error from an argument (a BigInt JSON.stringify cannot write, a getter that throws) is the
    // caller's input, not restanse's fault
    if (e instanceof TypeError || e instanceof RangeError) throw new RestanseError(e.message, { kind: "input" });
    let details;
    try {
      details = JSON.parse(e && e.message);
    } catch {
      throw new RestanseError(String((e && e.message) || e), { kind: "internal" });
    }
    throw new RestanseError(details.message, details);
  }
}

const encoder = new TextEncoder();

/** (issue 14) The most bytes one argument may carry into WebAssembly (256 MiB): more is refused with a
 * RestanseError naming the argument before anything is copied, since a 32-bit module that runs out of memory traps. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

function argError(name, message) {
  return new RestanseError(`${name}: ${message}`, { kind: "input", field: name });
}

function sized(value, name) {
  const n = typeof value === "string" ? value.length : value.byteLength;
  if (n > MAX_INPUT_BYTES) throw argError(name, `${n} bytes is more than the ${MAX_INPUT_BYTES} (256 MiB) one call takes: split it`);
  return value;
}

// A text argument: a string, passed on; anything else is refused by name.
function str(value, name) {
  if (typeof value !== "string") throw argError(name, `must be a string, not ${typeof value}`);
  return sized(value, name);
}

// An optional JSON argument (policy, model, options): an object or its JSON text, or undefined.
function jsonArg(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return sized(value, name);
  if (typeof value !== "object") throw argError(name, `must be an object or its JSON text, not ${typeof value}`);
  return sized(JSON.stringify(value), name);
}

// The engine takes the UTF-8 bytes of the JSON text: a file's bytes pass as they are, strings are encoded.
function bytes(json) {
  if (json instanceof Uint8Array) return sized(json, "members");
  if (json instanceof ArrayBuffer) return sized(new Uint8Array(json), "members");
  if (typeof json !== "string") throw argError("members", `must be JSON text or its bytes, not ${json === null ? "null" : typeof json}`);
  return sized(utf8(sized(json, "members")), "members");
}

// A string's UTF-8 bytes. `encodeInto` a buffer sized for mostly-ASCII text, growing it once for the rest if the
// text is not: in Chromium this is about 10x faster than `encode` on a 100 MB string (benches/text_encoding.mjs).
function utf8(s) {
  let buf = new Uint8Array(s.length + (s.length >> 3) + 16);
  let { read, written } = encoder.encodeInto(s, buf);
  if (read < s.length) {
    // at most 3 bytes per remaining UTF-16 unit; encodeInto never splits a character
    const bigger = new Uint8Array(written + (s.length - read) * 3);
    bigger.set(buf.subarray(0, written));
    written += encoder.encodeInto(s.slice(read), bigger.subarray(written)).written;
    buf = bigger;
  }
  return buf.subarray(0, written);
}

// A Nets file must be text or bytes.
function netsFile(file, name) {
  if (typeof file === "string" || file instanceof Uint8Array || file instanceof ArrayBuffer) return file;
  throw argError(name, "must be a Nets file's text or bytes");
}

// A Nets file as text: UTF-8 if it is, else ISO-8859-1 (as Nets writes them).
function netsText(file) {
  if (typeof file === "string") return file;
  const bytes = file instanceof ArrayBuffer ? new Uint8Array(file) : file;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

function decoded(json) {
  return json instanceof Uint8Array ? new TextDecoder().decode(sized(json, "members")) : str(json, "members");
}

function text(members, what) {
  if (typeof members === "string" || members instanceof Uint8Array) return members;
  if (!Array.isArray(members)) {
    throw new RestanseError(`${what} must be an array of members (or its JSON text)`, { kind: "input", field: what });
  }
  return JSON.stringify(members);
}

// A `Date` means its local calendar day (what the user sees on their wall calendar), not the UTC day: in Oslo
// `new Date(2026, 10, 23)` is 2026-11-22T23:00Z, and must still be 2026-11-23.
function day(asOf) {
  if (asOf instanceof Date) {
    if (Number.isNaN(asOf.getTime())) throw argError("asOf", "an invalid Date");
    const pad = (n, w = 2) => String(n).padStart(w, "0");
    return `${pad(asOf.getFullYear(), 4)}-${pad(asOf.getMonth() + 1)}-${pad(asOf.getDate())}`;
  }
  if (typeof asOf !== "string") throw argError("asOf", `must be a Date or "YYYY-MM-DD", not ${asOf === null ? "null" : typeof asOf}`);
  if (asOf.length > 64) throw argError("asOf", "is not a date (YYYY-MM-DD)");
  return asOf;
}

// A whole number within [min, max], or a RestanseError naming the argument.
function whole(n, name, min, max) {
  if (!Number.isInteger(n) || n < min || n > max) throw argError(name, `must be a whole number within ${min}–${max}, not ${String(n)}`);
  return n;
}

// ---- loading the WebAssembly (browsers and bundlers; Node loads synchronously in node.mjs)

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function initError(message, cause) {
  const e = new RestanseError(message, { kind: "init" });
  if (cause !== undefined) e.cause = cause;
  return e;
}

// What the first bytes of something that is not WebAssembly look like, for the error message.
function describeStart(bytes) {
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 16)).trim().toLowerCase();
  const html = text.startsWith("<!do") || text.startsWith("<html") || text.startsWith("<");
  return `it begins ${head}${html ? " (an HTML page: the file is not served at that URL, and the server answered with a page instead)" : ""}`;
}

/** The loader of one WebAssembly module: `init(input?)` (awaitable, idempotent, retried after a failure),
 * `initSync(bytesOrModule)`, and `ensure()`, which throws a RestanseError until the module is ready.
 * `defaultUrl()` is where the file lies next to the package; `fallbackUrl()` a second place to try (Vite's dev
 * server pre-bundles dependencies into node_modules/.vite/deps/, where no .wasm lies). */
export function makeLoader(what, glueInit, glueInitSync, defaultUrl, fallbackUrl) {
  let pending = null;
  let ready = false;

  async function fetchBytes(url) {
    let res;
    try {
      res = await fetch(url);
    } catch (e) {
      throw initError(`${what}: could not fetch ${url}: ${e && e.message} (offline, or a Content-Security-Policy whose connect-src leaves it out?)`, e);
    }
    if (!res.ok) throw initError(`${what}: could not fetch ${url}: HTTP ${res.status}; pass the .wasm's URL to init() (pkg/README.md, "Loading")`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async function bytesOf(input, where) {
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (typeof Response !== "undefined" && input instanceof Response) {
      if (!input.ok) throw initError(`${what}: the response for ${where} is HTTP ${input.status}`);
      return new Uint8Array(await input.arrayBuffer());
    }
    return fetchBytes(input);
  }

  async function load(input) {
    let source = input;
    if (source === undefined || source === null) source = defaultUrl();
    let module;
    if (typeof WebAssembly !== "undefined" && source instanceof WebAssembly.Module) {
      module = source;
    } else {
      const where = String(typeof Request !== "undefined" && source instanceof Request ? source.url : source);
      const notWasm = (b) => b.length < 4 || WASM_MAGIC.some((m, i) => b[i] !== m);
      let bytes = null;
      let tried = where;
      let failure = null;
      try {
        bytes = await bytesOf(source, where);
      } catch (e) {
        failure = e;
      }
      const second = (input === undefined || input === null) && (failure || notWasm(bytes)) && fallbackUrl ? fallbackUrl() : null;
      if (second) {
        try {
          const b = await fetchBytes(second);
          if (!notWasm(b)) {
            bytes = b;
            tried = String(second);
            failure = null;
          }
        } catch {
          // keep the first answer for the message
        }
      }
      if (failure) throw failure;
      if (notWasm(bytes)) {
        throw initError(`${what}: ${tried} is not WebAssembly: ${describeStart(bytes)}. Pass the .wasm's URL to init(), e.g. with Vite \`import url from "restanse/engine.wasm?url"; await init(url)\` (pkg/README.md, "Loading")`);
      }
      module = bytes;
    }
    try {
      await glueInit({ module_or_path: module });
    } catch (e) {
      const m = String((e && e.message) || e);
      if (/unsafe-eval|Content Security Policy|CSP/i.test(m)) {
        throw initError(`${what}: the page's Content-Security-Policy forbids WebAssembly: add 'wasm-unsafe-eval' to script-src (${m})`, e);
      }
      throw initError(`${what}: the WebAssembly module could not be instantiated: ${m}`, e);
    }
    ready = true;
  }

  return {
    /** Loads the module; `input` is its URL (string or URL), a Request or Response, its bytes or a compiled
     * WebAssembly.Module; without one, the file next to the package. Resolves once ready; rejects with a
     * RestanseError of kind "init". Calling it again returns the same promise (or retries after a failure). */
    init(input) {
      if (ready) return Promise.resolve();
      if (!pending) {
        pending = load(input).catch((e) => {
          pending = null;
          throw e;
        });
      }
      return pending;
    },
    /** Instantiates synchronously from bytes or a WebAssembly.Module (fine in a worker; browsers limit the
     * main thread to small modules). */
    initSync(bytesOrModule) {
      if (ready) return;
      try {
        glueInitSync({ module: bytesOrModule });
      } catch (e) {
        throw initError(`${what}: the WebAssembly module could not be instantiated: ${(e && e.message) || e}`, e);
      }
      ready = true;
    },
    isReady: () => ready,
    ensure() {
      if (!ready) throw initError(`${what} is not initialised: \`await init()\` first (pkg/README.md, "Loading")`);
    },
  };
}

/** The glue's exports, checked for readiness on every use: calling into the module before `init()` is a
 * RestanseError, not a TypeError from deep inside the glue. */
export function guarded(wasm, ensure) {
  return new Proxy(wasm, {
    get(target, key) {
      ensure();
      return target[key];
    },
  });
}

export function makeApi(wasm) {
  class Engine {
    #inner;
    /** @param policy a policy object (fields left out keep the Norwegian defaults), or undefined
     *  @param model a trained model (model.json from `restanse train` or `restanse/train`), or undefined for the
     *  policy's scorecard */
    constructor(policy, model) {
      this.#inner = call(() => new wasm.Engine(jsonArg(policy, "policy"), jsonArg(model, "model")));
    }
    /** Assesses members on `asOf` (YYYY-MM-DD). With `{ strict: true }` any rejected record throws. */
    assess(members, asOf, options = {}) {
      const out = JSON.parse(this.assessJson(text(members, "members"), asOf));
      if (options.strict && out.rejected.length > 0) {
        const first = out.rejected[0];
        throw new RestanseError(
          `${out.rejected.length} record(s) rejected; first: record ${first.record}${first.memberId ? ` (member ${first.memberId})` : ""}, ${first.field}: ${first.reason}`,
          { kind: "rejected", rejections: out.rejected },
        );
      }
      return out;
    }
    /** The fast path: JSON text or its UTF-8 bytes (a file as read) in, JSON text out, byte for byte what
     * `restanse assess --format json` prints. */
    assessJson(membersJson, asOf) {
      return call(() => this.#inner.assessJson(bytes(membersJson), day(asOf)));
    }
    /** The portfolio report. */
    report(members, asOf) {
      return JSON.parse(this.reportJson(text(members, "members"), asOf));
    }
    reportJson(membersJson, asOf) {
      return call(() => this.#inner.reportJson(bytes(membersJson), day(asOf)));
    }
    /** The day's worklist: one row per member whose next step is due on or before `asOf`, ranked by deadline,
     * expected loss and risk, at most `capacity[channel]` rows per channel (`{ capacity: { phone: 40 } }`); the
     * rest `deferred` to the next business day. Same as `restanse worklist --format json`. */
    worklist(members, asOf, options = {}) {
      const capacity = options.capacity ?? {};
      if (typeof capacity !== "object" || capacity === null || Array.isArray(capacity)) {
        throw new RestanseError("options.capacity must be an object like { phone: 40 }", { kind: "input", field: "capacity" });
      }
      const spec = Object.entries(capacity)
        .map(([channel, n]) => {
          if (!Number.isInteger(n) || n < 0) {
            throw new RestanseError(`options.capacity.${channel} must be a whole number >= 0, not ${n}`, { kind: "input", field: `capacity.${channel}` });
          }
          return `${channel}=${n}`;
        })
        .join(",");
      return JSON.parse(call(() => this.#inner.worklistJson(bytes(text(members, "members")), day(asOf), spec)));
    }
    /** Assessments and the report from one pass of the engine: `{ assess, report }`, the same as `assess` and
     * `report` called one after the other, at the cost of one. */
    assessAndReport(members, asOf) {
      return JSON.parse(call(() => this.#inner.assessAndReportJson(bytes(text(members, "members")), day(asOf))));
    }
    /** The engine's policy, every default written out. */
    get policy() {
      return JSON.parse(call(() => this.#inner.policyJson()));
    }
    /** Frees the WebAssembly memory now rather than at garbage collection. */
    free() {
      if (this.#inner) this.#inner.free();
      this.#inner = null;
    }
  }

  // A Nets file as text: strings pass through; bytes are UTF-8 if they are valid UTF-8, otherwise
  // ISO-8859-1, the character set of files from Nets (as the CLI reads them).
  return {
    Engine,
    RestanseError,
    /** The Norwegian default policy. */
    defaultPolicy: () => JSON.parse(call(() => wasm.defaultPolicyJson())),
    /** Checks a policy: returns it with defaults filled in, or throws a RestanseError naming the broken rule. */
    validatePolicy: (policy) =>
      JSON.parse(call(() => wasm.validatePolicyJson(jsonArg(policy ?? {}, "policy")))),
  };
}

export function makeTools(wasm) {
  return {
    /** A realistic synthetic gym: `members` members, seeded, ending on `asOf`. */
    sampleGym: (members, seed, asOf) => JSON.parse(call(() => wasm.sampleJson(whole(members, "members", 0, 100000), whole(seed, "seed", 0, 0xffffffff), day(asOf)))),
    sampleGymJson: (members, seed, asOf) => call(() => wasm.sampleJson(whole(members, "members", 0, 100000), whole(seed, "seed", 0, 0xffffffff), day(asOf))),
    /** Reads a Nets file (text or bytes) into the shape `restanse nets read --format json` prints. */
    readNetsFile: (file) => JSON.parse(call(() => wasm.netsReadJson(str(netsText(netsFile(file, "file")), "file")))),
    /** Applies a change feed and then Nets files to members, as `restanse assess --events --nets` does:
     * returns `{ members, rejected, events, nets }` (the reports are null when nothing was given). Pass the
     * members as exported, with every file, each time: payments are applied once per call. */
    applyFeeds: (members, options = {}) =>
      call(() => {
        if (typeof options !== "object" || options === null) throw argError("options", "must be an object like { events, nets, asOf }");
        const { nets = [], events = "", asOf, policy } = options;
        if (!Array.isArray(nets)) throw argError("nets", "must be an array of Nets files");
        const files = nets.map((f, i) =>
          typeof f === "string" || f instanceof Uint8Array || f instanceof ArrayBuffer
            ? { name: `file ${i + 1}`, text: netsText(f) }
            : f !== null && typeof f === "object"
              ? { name: String(f.name ?? `file ${i + 1}`), text: netsText(netsFile(f.text, `nets[${i}].text`)) }
              : netsFile(f, `nets[${i}]`),
        );
        const json = wasm.applyFeedsJson(
          decoded(text(members, "members")),
          sized(JSON.stringify(files), "nets"),
          str(events, "events"),
          day(asOf),
          jsonArg(policy, "policy"),
        );
        return JSON.parse(json);
      }),
    /** Reads a CSV export (file texts; all but `members` optional) into members and rejections. */
    readCsvExport: (files) =>
      JSON.parse(
        call(() => {
          if (typeof files !== "object" || files === null) throw argError("files", "must be an object like { members, instalments }");
          const f = (k) => str(files[k] ?? "", k);
          return wasm.csvToJson(f("members"), f("instalments"), f("visits"), f("holds"), f("reminders"), f("contacts"), f("objections"), f("hardship"));
        }),
      ),
  };
}

export function makeTrain(wasm) {
  return {
    /** Trains a risk model on a history (`[{ asOf, member, outcome }]`, as objects or JSON text); returns model.json
     * as an object. `options`: `{ l2?, testFrom?, policy? }`. */
    train: (history, options) => JSON.parse(call(() => wasm.train(jsonArg(history, "history") ?? str(history, "history"), jsonArg(options, "options")))),
    /** The same, JSON text in and out. */
    trainJson: (historyJson, options) => call(() => wasm.train(str(historyJson, "history"), jsonArg(options, "options"))),
  };
}

// ---- visit models (BG/NBD, MBG/NBD, Pareto/NBD): src/wasm_visits.rs
export function makeVisitsApi(wasm) {
  const rows = (data) => jsonArg(data, "data") ?? str(data, "data");
  return {
    /** Fits a visit model by maximum likelihood to summaries (CSV `ID,frequency,recency,T` or rows); with
     * `{ horizon }` adds P(alive), expected visits and P(any visit) per row. Same as `restanse visits fit --format json`. */
    fitVisits: (model, data, options = {}) =>
      JSON.parse(call(() => wasm.visitsFitJson(str(model, "model"), rows(data), (options ?? {}).horizon ?? undefined))),
    /** Predictions per row under fitted parameters (a `fitVisits` result will do) over `horizon`. */
    predictVisits: (params, data, horizon) =>
      JSON.parse(call(() => wasm.visitsPredictJson(jsonArg(params, "params") ?? str(params, "params"), rows(data), horizon))),
  };
}
