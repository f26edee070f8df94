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

function text(members, what) {
  if (typeof members === "string") return members;
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
    /** @param policy a policy object (fields left out keep the Norwegian defaults), or undefined */
    constructor(policy) {
      const json = policy === undefined || policy === null ? undefined : typeof policy === "string" ? policy : JSON.stringify(policy);
      this.#inner = call(() => new wasm.Engine(json));
    }
    /** Assesses members on `asOf` (YYYY-MM-DD). With `{ strict: true }` any rejected record throws. */
    assess(members, asOf, options = {}) {
      const out = JSON.parse(this.assessJson(text(members, "members"), day(asOf)));
      if (options.strict && out.rejected.length > 0) {
        const first = out.rejected[0];
        throw new RestanseError(
          `${out.rejected.length} record(s) rejected; first: record ${first.record}${first.memberId ? ` (member ${first.memberId})` : ""}, ${first.field}: ${first.reason}`,
          { kind: "rejected", rejections: out.rejected },
        );
      }
      return out;
    }
    /** The fast path: JSON text in, JSON text out, byte for byte what `restanse assess --format json` prints. */
    assessJson(membersJson, asOf) {
      return call(() => this.#inner.assessJson(membersJson, day(asOf)));
    }
    /** The portfolio report. */
    report(members, asOf) {
      return JSON.parse(this.reportJson(text(members, "members"), day(asOf)));
    }
    reportJson(membersJson, asOf) {
      return call(() => this.#inner.reportJson(membersJson, day(asOf)));
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
