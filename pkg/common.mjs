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

// The engine takes the UTF-8 bytes of the JSON text: a file's bytes pass as they are, strings are encoded.
function bytes(json) {
  if (json instanceof Uint8Array) return json;
  if (json instanceof ArrayBuffer) return new Uint8Array(json);
  return utf8(String(json));
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
  return json instanceof Uint8Array ? new TextDecoder().decode(json) : json;
}

function text(members, what) {
  if (typeof members === "string" || members instanceof Uint8Array) return members;
  if (!Array.isArray(members)) {
    throw new RestanseError(`${what} must be an array of members (or its JSON text)`, { kind: "input" });
  }
  return JSON.stringify(members);
}

function day(asOf) {
  if (asOf instanceof Date) return asOf.toISOString().slice(0, 10);
  return String(asOf);
}

export function makeApi(wasm) {
  class Engine {
    #inner;
    /** @param policy a policy object (fields left out keep the Norwegian defaults), or undefined
     *  @param model a trained model (model.json from `restanse train` or `restanse/train`), or undefined for the
     *  policy's scorecard */
    constructor(policy, model) {
      const json = policy === undefined || policy === null ? undefined : typeof policy === "string" ? policy : JSON.stringify(policy);
      const modelJson = model === undefined || model === null ? undefined : typeof model === "string" ? model : JSON.stringify(model);
      this.#inner = call(() => new wasm.Engine(json, modelJson));
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
      this.#inner.free();
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
      JSON.parse(call(() => wasm.validatePolicyJson(typeof policy === "string" ? policy : JSON.stringify(policy ?? {})))),
  };
}

export function makeTools(wasm) {
  return {
    /** A realistic synthetic gym: `members` members, seeded, ending on `asOf`. */
    sampleGym: (members, seed, asOf) => JSON.parse(call(() => wasm.sampleJson(members, seed, day(asOf)))),
    sampleGymJson: (members, seed, asOf) => call(() => wasm.sampleJson(members, seed, day(asOf))),
    /** Reads a Nets file (text or bytes) into the shape `restanse nets read --format json` prints. */
    readNetsFile: (file) => JSON.parse(call(() => wasm.netsReadJson(netsText(file)))),
    /** Applies a change feed and then Nets files to members, as `restanse assess --events --nets` does:
     * returns `{ members, rejected, events, nets }` (the reports are null when nothing was given). Pass the
     * members as exported, with every file, each time: payments are applied once per call. */
    applyFeeds: (members, { nets = [], events = "", asOf, policy } = {}) => {
      const files = nets.map((f, i) =>
        typeof f === "string" || f instanceof Uint8Array || f instanceof ArrayBuffer
          ? { name: `file ${i + 1}`, text: netsText(f) }
          : { name: f.name ?? `file ${i + 1}`, text: netsText(f.text) },
      );
      const policyJson = policy === undefined || policy === null ? undefined : typeof policy === "string" ? policy : JSON.stringify(policy);
      return JSON.parse(
        call(() => wasm.applyFeedsJson(decoded(text(members, "members")), JSON.stringify(files), events, day(asOf), policyJson)),
      );
    },
    /** Reads a CSV export (file texts; all but `members` optional) into members and rejections. */
    readCsvExport: (files) =>
      JSON.parse(
        call(() =>
          wasm.csvToJson(files.members ?? "", files.instalments ?? "", files.visits ?? "", files.holds ?? "", files.reminders ?? ""),
        ),
      ),
  };
}

export function makeTrain(wasm) {
  return {
    /** Trains a risk model on a history (`[{ asOf, member, outcome }]`, as objects or JSON text); returns model.json
     * as an object. `options`: `{ l2?, testFrom?, policy? }`. */
    train: (history, options) => JSON.parse(call(() => wasm.train(typeof history === "string" ? history : JSON.stringify(history), options === undefined ? undefined : JSON.stringify(options)))),
    /** The same, JSON text in and out. */
    trainJson: (historyJson, options) => call(() => wasm.train(historyJson, options === undefined ? undefined : JSON.stringify(options))),
  };
}

// ---- visit models (BG/NBD, MBG/NBD, Pareto/NBD): src/wasm_visits.rs
export function makeVisitsApi(wasm) {
  const rows = (data) => (typeof data === "string" ? data : JSON.stringify(data));
  return {
    /** Fits a visit model by maximum likelihood to summaries (CSV `ID,frequency,recency,T` or rows); with
     * `{ horizon }` adds P(alive), expected visits and P(any visit) per row. Same as `restanse visits fit --format json`. */
    fitVisits: (model, data, options = {}) =>
      JSON.parse(call(() => wasm.visitsFitJson(model, rows(data), options.horizon ?? undefined))),
    /** Predictions per row under fitted parameters (a `fitVisits` result will do) over `horizon`. */
    predictVisits: (params, data, horizon) =>
      JSON.parse(call(() => wasm.visitsPredictJson(typeof params === "string" ? params : JSON.stringify(params), rows(data), horizon))),
  };
}
