// The JavaScript API of restanse, over either WebAssembly build (Node or browser).
// Members cross into WebAssembly as JSON text and results come back as JSON text: the same serde_json path
// as the `restanse` CLI, so the output is exactly the CLI's, and it is faster than converting objects one by one.

/** An error from restanse: `kind` is "input", "policy" or "rejected"; policy errors name the `rule` and
 * `field`; a strict assessment that rejected records carries the `rejections`, as the CLI reports them. */
export class RestanseError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.name = "RestanseError";
    this.kind = details.kind ?? "input";
    if (details.rule != null) this.rule = details.rule;
    if (details.field != null) this.field = details.field;
    if (details.rejections) this.rejections = details.rejections;
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
  return encoder.encode(String(json));
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
    /** The engine's policy, every default written out. */
    get policy() {
      return JSON.parse(call(() => this.#inner.policyJson()));
    }
    /** Frees the WebAssembly memory now rather than at garbage collection. */
    free() {
      this.#inner.free();
    }
  }

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
