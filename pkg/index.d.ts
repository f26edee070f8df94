// Types of the restanse package: the input and output contracts of DESIGN.md, as the CLI prints them.

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;
/** An amount of NOK: a decimal string such as "549.00" on output; a string or a number on input. */
export type Money = string;
export type MoneyInput = string | number;

export type PaymentMethod = "avtalegiro" | "efaktura" | "invoice" | "card" | "vipps";
export type MandateState = "active" | "pending" | "missing" | "deleted";
export type InstalmentKind = "fee" | "plan";
export type HoldKind = "freeze" | "deferral";
export type ReminderKind = "sms" | "reminder" | "collection_notice";

export interface InstalmentInput {
  id: string;
  dueOn: Day;
  amount: MoneyInput;
  paid?: MoneyInput;
  paidOn?: Day | null;
  credited?: MoneyInput;
  waived?: boolean;
  kind?: InstalmentKind;
}

export interface HoldInput {
  kind: HoldKind;
  from: Day;
  to: Day;
  note?: string | null;
}

export interface ReminderInput {
  sentOn: Day;
  kind: ReminderKind;
  fee?: MoneyInput;
  /** The instalment it was about; without one it covers every instalment overdue when sent. */
  instalmentId?: string | null;
}

/** One member, as a membership system exports it. Only `id` and `joinedOn` are required. */
export interface MemberInput {
  id: string;
  joinedOn: Day;
  bindingEndsOn?: Day | null;
  cancelledOn?: Day | null;
  monthlyFee?: MoneyInput | null;
  paymentMethod?: PaymentMethod | null;
  mandate?: MandateState;
  accessBlocked?: boolean;
  instalments?: InstalmentInput[];
  /** Dates, or RFC 3339 date-times (counted on the day written in their own offset). */
  visits?: string[];
  holds?: HoldInput[];
  reminders?: ReminderInput[];
  /** instalmentIds: the fee instalments the plan covers (default: those overdue when it was agreed). */
  plan?: { agreedOn: Day; instalmentIds?: string[] } | null;
}

export type SignalCode =
  | "unpaid_instalments"
  | "mandate_inactive"
  | "no_avtalegiro"
  | "latent"
  | "plan_breached"
  | "billed_during_hold"
  | "paid_but_blocked"
  | "binding_ended"
  | "time_barred"
  | "objection_open"
  | "hardship"
  | "promise_broken";

export type ActionCode =
  | "offer_avtalegiro"
  | "follow_up_mandate"
  | "send_sms_reminder"
  | "send_reminder"
  | "send_collection_notice"
  | "hand_over_to_collection"
  | "call_member"
  | "propose_payment_plan"
  | "offer_freeze"
  | "clarify_membership"
  | "reactivate"
  | "cancel_after_binding"
  | "restore_access"
  | "correct_hold_billing"
  | "refund_fee"
  | "write_off"
  | "answer_objection";

export type Severity = "info" | "warning" | "critical";
export type Band = "low" | "watch" | "high" | "critical";
export type Channel = "sms" | "email" | "letter" | "phone" | "desk" | "agency";

export interface UnpaidEvidence {
  count: number;
  outstanding: Money;
  oldestDueOn: Day;
  daysOverdue: number;
  instalmentIds: string[];
  /** How credit balances were applied: surpluses pay the oldest open claim first. */
  setOff?: { from: string; to: string; amount: Money }[];
}
export interface TimeBarredEvidence {
  count: number;
  outstanding: Money;
  oldestDueOn: Day;
  limitationYears: number;
  instalmentIds: string[];
}
export interface MandateEvidence {
  paymentMethod: PaymentMethod;
  mandate: MandateState;
  nextDueOn?: Day;
}
export interface MethodEvidence {
  paymentMethod: PaymentMethod;
}
export interface LatentEvidence {
  daysSinceLastVisit: number;
  lastVisitOn?: Day;
  usualIntervalDays: number;
  relativeSilence: number;
  visits: number;
  pAlive?: number;
  expectedVisits4w?: number;
  visitModel?: "bgnbd" | "mbgnbd" | "pareto";
  visitModelSource?: "fitted" | "prior";
}
export interface PlanEvidence {
  agreedOn: Day;
  missed: number;
  outstanding: Money;
  oldestDueOn: Day;
}
export interface HoldBillingEvidence {
  instalmentIds: string[];
  amount: Money;
  holds: string[];
}
export interface BlockedEvidence {
  accessBlocked: boolean;
  outstanding: Money;
  lastPaidOn?: Day;
}
export interface BindingEvidence {
  bindingEndsOn: Day;
  extendedTo: Day;
  frozenDays: number;
}

interface SignalOf<C extends SignalCode, E> {
  code: C;
  severity: Severity;
  evidence: E;
  message: string;
}
export type Signal =
  | SignalOf<"unpaid_instalments", UnpaidEvidence>
  | SignalOf<"mandate_inactive", MandateEvidence>
  | SignalOf<"no_avtalegiro", MethodEvidence>
  | SignalOf<"latent", LatentEvidence>
  | SignalOf<"plan_breached", PlanEvidence>
  | SignalOf<"billed_during_hold", HoldBillingEvidence>
  | SignalOf<"paid_but_blocked", BlockedEvidence>
  | SignalOf<"binding_ended", BindingEvidence>
  | SignalOf<"time_barred", TimeBarredEvidence>
  | SignalOf<"objection_open", ObjectionEvidence>
  | SignalOf<"hardship", HardshipEvidence>
  | SignalOf<"promise_broken", PromiseEvidence>;

export interface Action {
  code: ActionCode;
  /** 1 is first. */
  priority: number;
  on: Day;
  channel: Channel;
  because: SignalCode[];
  fee: Money;
  message: string;
  instalmentIds?: string[];
}

export interface Suppressed {
  code: ActionCode;
  because: string;
  instalmentIds?: string[];
}

export interface Contribution {
  factor: string;
  value: string;
  points: number;
}

export interface DataWarning {
  field: string;
  message: string;
  /** The legal rule a recorded step breaks, e.g. "reminder_fee_after_14_days". */
  rule?: string;
}

export interface PlannedStep {
  code: ActionCode;
  on: Day;
}

/** The one thing to do for a member now, and the rest of the plan in date order. */
export interface NextStep {
  code: ActionCode;
  on: Day;
  channel: Channel;
  because: SignalCode[];
  message: string;
  instalmentIds: string[];
  then: PlannedStep[];
}

export interface WorkRow {
  memberId: string;
  code: ActionCode;
  on: Day;
  channel: Channel;
  priority: number;
  outstanding: Money;
  message: string;
}

export interface Worklist {
  asOf: Day;
  steps: WorkRow[];
  deferred: WorkRow[];
}

export interface Assessment {
  memberId: string;
  /** In [0, 1]. */
  risk: number;
  band: Band;
  signals: Signal[];
  actions: Action[];
  suppressed: Suppressed[];
  explanation: Contribution[];
  warnings?: DataWarning[];
  /** The one thing to do for this member, or null. */
  nextStep: NextStep | null;
}

/** A record that could not be assessed: which one, which field, why. */
export interface Rejection {
  record: number;
  memberId?: string;
  field: string;
  reason: string;
  /** For CSV input: the file and line, e.g. "instalments.csv:14". */
  source?: string;
}

export interface AssessOutput {
  asOf: Day;
  assessments: Assessment[];
  rejected: Rejection[];
}

export interface UnpaidRow {
  memberId: string;
  /** Unpaid fee instalments, as the assessment's `unpaid_instalments` counts them. */
  count: number;
  /** Missed instalments of a repayment plan, beside the fee instalments (not in `count`). */
  planInstalments: number;
  outstanding: Money;
  oldestDueOn: Day;
  daysOverdue: number;
  band: Band;
}
export interface AgeingBucket {
  bucket: "1-30" | "31-60" | "61-90" | "91-180" | "181+";
  fromDays: number;
  toDays?: number;
  instalments: number;
  members: number;
  outstanding: Money;
}
export interface Concentration {
  debtors: number;
  totalOutstanding: Money;
  top10PercentShare: number;
  gini: number;
  /** [share of debtors, share of arrears], smallest debts first, in tenths. */
  lorenz: [number, number][];
  definition: string;
}
export interface LatentRow {
  memberId: string;
  daysSinceLastVisit: number;
  lastVisitOn?: Day;
  unpaid: number;
  band: Band;
}
export interface KeyFigure {
  code: "avtalegiro_share" | "betalingsgrad" | "purreandel" | "share_to_collection" | "losningsgrad";
  name: string;
  value: number | null;
  numerator: number;
  denominator: number;
  definition: string;
  from: Day;
  to: Day;
}
export interface Report {
  asOf: Day;
  members: { input: number; assessed: number; rejected: number; active: number };
  bands: Record<Band, number>;
  signals: Record<SignalCode, number>;
  actions: Record<ActionCode, number>;
  moreThanThreeUnpaid: UnpaidRow[];
  unpaid: UnpaidRow[];
  ageing: AgeingBucket[];
  concentration: Concentration;
  latent: LatentRow[];
  avtalegiroShare: KeyFigure;
  keyFigures: KeyFigure[];
  rejected: Rejection[];
}

export type Lang = "nb" | "en";
interface LadderStep {
  enabled: boolean;
  afterDays: number;
  fee: Money;
  channel: Channel;
}
/** Everything the engine decides by; `restanse policy --default` prints every default. */
export interface Policy {
  language: Lang;
  ladder: {
    sms: LadderStep;
    reminder: LadderStep & { deadlineDays: number; maxCount: number };
    collectionNotice: LadderStep & { deadlineDays: number };
    handOver: { enabled: boolean; graceDays: number; minOutstanding: Money };
    minDaysBetweenSteps: number;
    feeMinOutstanding: Money;
  };
  fees: { inkassosats: { from: Day; amount: Money }[]; twentiethFrom: Day };
  unpaid: { criticalCount: number; graceDays: number };
  mandate: { pendingWarnDays: number };
  latent: {
    rhythmFactor: number;
    criticalFactor: number;
    minIntervalDays: number;
    defaultIntervalDays: number;
    /** Fewest visits whose median gap is taken as the member's own rhythm (default 4); fewer: `defaultIntervalDays`. */
    rhythmMinVisits: number;
    minSilenceDays: number;
    maxSilenceDays: number;
    settlingDays: number;
    /** Which rule fires `latent`: the member's own rhythm, or P(alive) under a visit model fitted on the batch. */
    model: "rhythm" | "bgnbd" | "mbgnbd" | "pareto";
    /** The model whose numbers go in the evidence when `model` is "rhythm". */
    evidenceModel: "none" | "bgnbd" | "mbgnbd" | "pareto";
    pAliveBelow: number;
    pAliveCriticalBelow: number;
    fitSample: number;
    minFitMembers: number;
  };
  plan: { fromUnpaidCount: number; shareOfFee: string; maxMonths: number };
  binding: { extendByFreeze: boolean; cancelAfterContactDays: number; cancelLatentAfterDays: number };
  scorecard: Record<string, number | number[]>;
  bands: { watch: number; high: number; critical: number };
  channels: Partial<Record<ActionCode, Channel>>;
  horizonDays: number;
  reportWindowDays: number;
}
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type PolicyInput = DeepPartial<Policy>;

/** An error from restanse. */
export class RestanseError extends Error {
  kind: "input" | "policy" | "rejected" | "model" | "internal" | "nets" | "init";
  /** For a refused policy: the legal rule it breaks, e.g. "reminder_fee_after_14_days". */
  rule?: string;
  field?: string;
  /** For a strict assessment: the records rejected, as the CLI reports them. */
  rejections?: Rejection[];
}

export class Engine {
  /** @throws RestanseError (kind "policy") when the policy breaks a rule or makes no sense, (kind "model") when
   * the model is not a valid member model.json. With a model, risk comes from it instead of the scorecard. */
  constructor(policy?: PolicyInput | string, model?: RiskModel | string);
  /** Per-record problems are in `rejected`; with `{ strict: true }` any rejection throws instead. */
  assess(members: MemberInput[] | string, asOf: Day | Date, options?: { strict?: boolean }): AssessOutput;
  /** The fast path. JSON in — as text, or as the UTF-8 bytes of a file as read (`fs.readFileSync(path)`,
   * `await file.arrayBuffer()` wrapped in a `Uint8Array`), which is fastest — and JSON text out: exactly what
   * `restanse assess --format json` prints (without the newline). */
  assessJson(membersJson: string | Uint8Array, asOf: Day | Date): string;
  report(members: MemberInput[] | string, asOf: Day | Date): Report;
  reportJson(membersJson: string | Uint8Array, asOf: Day | Date): string;
  /** The day's worklist: each member's next step due on or before `asOf`, ranked, within each channel's capacity;
   * the rest deferred to the next business day. */
  worklist(members: MemberInput[] | string, asOf: Day | Date, options?: { capacity?: Partial<Record<Channel, number>> }): Worklist;
  /** Assessments and the report from one pass of the engine (each member derived once). */
  assessAndReport(members: MemberInput[] | string, asOf: Day | Date): { assess: AssessOutput; report: Report };
  readonly policy: Policy;
  free(): void;
}

export function defaultPolicy(): Policy;
/** @throws RestanseError naming the broken rule and field. */
export function validatePolicy(policy: PolicyInput | string): Policy;

/** Where the WebAssembly comes from: its URL, a fetch Request or Response, its bytes, or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;
/** Loads the engine's WebAssembly. In browsers and bundlers call it (once; later calls return the same promise)
 * before anything else; without an argument it fetches the `.wasm` next to the package (`restanse/engine.wasm`).
 * Rejects with a RestanseError of kind "init" (404, not WebAssembly, offline, a CSP without 'wasm-unsafe-eval'),
 * and may be called again after a failure. In Node the module is loaded at import and this resolves at once.
 * Before it has resolved, every other call throws a RestanseError of kind "init". */
export function init(source?: WasmSource): Promise<void>;
/** Instantiates synchronously from the bytes or a compiled module (Node: a no-op). */
export function initSync(source: BufferSource | WebAssembly.Module): void;
/** Whether `init` has finished. */
export function isReady(): boolean;
// ---- Data feeds: Nets files and the change feed (src/wasm_feeds.rs, src/settlement.rs) ----

export interface MemberInput {
  /** The KID of the member's AvtaleGiro agreement; without it the policy's KID scheme makes one. */
  kid?: string;
}
export interface InstalmentInput {
  /** The KID billed for this instalment; without it the policy's KID scheme makes one. */
  kid?: string;
}
export interface RestanseError {
  /** For an unreadable Nets file: its name, the line and the reason (`field` names the field). */
  file?: string;
  line?: number;
  reason?: string;
}

export interface KidScheme {
  prefix?: string;
  memberDigits: number;
  instalmentDigits: number;
  checkDigit: "mod10" | "mod11";
}
export interface NetsRules {
  /** null: match only the explicit `kid` fields. */
  kid: KidScheme | null;
  instalmentNumber: "dueMonth" | "idDigits";
  retryBusinessDays: number;
  bankCalendar: { christmasAndNewYearsEveClosed: boolean; extraClosedDays: Day[] };
}
export interface Policy {
  nets: NetsRules;
}

/** A Nets file as `restanse nets read --format json` prints it (amounts as decimal strings). */
export interface NetsTransmission {
  transmissionNumber: string;
  dataTransmitter: string;
  dataRecipient: string;
  date: Day | null;
  assignments: Array<{
    agreementId: string | null;
    assignmentNumber: string;
    assignmentAccount: string;
    netsDate: Day | null;
    transactions?: Array<Record<string, unknown> & { transactionType: number; kid: string | null; amount: Money }>;
    claims?: Array<Record<string, unknown> & { transactionType: number; kid: string; amount: Money; dueDate: Day }>;
    cancellations?: Array<Record<string, unknown> & { transactionType: number; kid: string; amount: Money; dueDate: Day }>;
    agreements?: Array<{ transactionNumber: number; registrationType: "allActive" | "newOrChanged" | "deleted"; kid: string; notify: boolean }>;
  }>;
}

export interface NetsProblem {
  file: string;
  line: number;
  transactionType: number;
  kid?: string;
  amount?: Money;
  memberId?: string;
  reason: string;
}
export interface NetsReport {
  files: Array<{ name: string; records: number; coveredFrom?: Day; coveredTo?: Day }>;
  /** matched + unmatched.length + ignored.length === records */
  records: number;
  matched: number;
  unmatched: NetsProblem[];
  ignored: NetsProblem[];
  mandates: Array<{ file: string; line: number; kid: string; memberId: string; registrationType: string; from: MandateState; to: MandateState }>;
  settled: Array<{ file: string; line: number; transactionType: number; kid: string; memberId: string; instalmentIds: string[]; amount: Money; paidOn: Day; unapplied?: Money }>;
  absentFromFullList: Array<{ file: string; memberId: string; kid?: string }>;
  failedDebits: Array<{ memberId: string; instalmentId: string; kid?: string; dueOn: Day; retryEndsOn: Day; outstanding: Money }>;
}
export interface FeedReport {
  lines: number;
  applied: number;
  duplicates: string[];
  outOfOrder: string[];
  future: string[];
  rejected: Array<{ line: number; eventId?: string; memberId?: string; field: string; reason: string }>;
}
export type NetsFileInput = string | Uint8Array | ArrayBuffer | { name?: string; text: string | Uint8Array | ArrayBuffer };


// --- The trained risk model (issue 5): model.json, from `restanse train` or `restanse/train` ---

/** One feature of a trained model: risk log-odds += coefficient · (value − mean) / scale. */
export interface RiskModelFeature {
  name: string;
  mean: number;
  scale: number;
  coefficient: number;
}

/** Ranking and calibration of one scorer on the later (test) snapshots. */
export interface ModelMetrics {
  auc: number;
  brier: number;
  calibration: { from: number; to: number; count: number; meanPredicted: number; observedRate: number }[];
}

/** model.json: versioned and self-describing. */
export interface RiskModel {
  format: "restanse-risk-model";
  version: 1;
  kind: "members" | "table";
  predicts: string;
  features: RiskModelFeature[];
  intercept: number;
  /** The L2 penalty α (scikit-learn's 1/C). */
  l2: number;
  l2ChosenBy: "cross-validation" | "fixed";
  crossValidation: { l2: number; logLoss: number }[];
  training: { from?: Day; to?: Day; rows: number; positives: number };
  evaluation?: {
    testFrom: Day;
    testTo: Day;
    rows: number;
    positives: number;
    model: ModelMetrics;
    scorecard: ModelMetrics;
    unpaidCount: ModelMetrics;
  };
}

/** One labelled snapshot of a history: the member as known on `asOf`, and whether they went on to an
 * instalment unpaid more than 60 days (or collection) within 90 days. */
export interface Snapshot {
  asOf: Day;
  member: MemberInput;
  outcome: boolean;
}

// ---- visit models (BG/NBD, MBG/NBD, Pareto/NBD): src/wasm_visits.rs
export type VisitModelKind = "bgnbd" | "mbgnbd" | "pareto";
/** One customer's summary in the `lifetimes` format: repeat visits, time of the last visit since the first, age. */
export interface VisitSummaryRow {
  ID?: string | number;
  frequency: number;
  recency: number;
  T: number;
}
/** Parameters: (r, alpha, a, b) for BG/NBD and MBG/NBD, (r, alpha, s, beta) for Pareto/NBD; time in the data's unit. */
export type VisitParams =
  | { kind: "bgnbd" | "mbgnbd"; r: number; alpha: number; a: number; b: number }
  | { kind: "pareto"; r: number; alpha: number; s: number; beta: number };
export interface VisitStartReport {
  /** Starting parameters in rescaled time (largest T = 1). */
  start: [number, number, number, number];
  logLikelihood: number | null;
  iterations: number;
  evaluations: number;
  converged: boolean;
}
export interface VisitConvergence {
  converged: boolean;
  bestStart: number;
  startsAgreeing: number;
  gradientMax: number | null;
  starts: VisitStartReport[];
  message: string;
}
export interface VisitPrediction {
  id: string;
  pAlive: number;
  expectedVisits: number;
  pAnyVisit: number;
}
export type VisitFit = VisitParams & {
  logLikelihood: number;
  customers: number;
  convergence: VisitConvergence;
  horizon?: number;
  predictions?: VisitPrediction[];
};

// ---- The member's voice and the new inkassolov (issue 13; DESIGN.md "Contract additions (December 2026)") ----

export type ContactOutcome = "reached" | "no_answer" | "promise" | "objection" | "refused" | "wrong_number";
export type HardshipKind = "illness" | "institution" | "payment_difficulty";
/** What the desk or a partner did and heard. A `promise` needs `promisedOn` (on or after `on`). */
export interface ContactInput {
  on: Day;
  channel: "phone" | "sms" | "email" | "letter" | "desk";
  outcome: ContactOutcome;
  promisedOn?: Day | null;
  amount?: MoneyInput | null;
  note?: string | null;
}
/** A disputed claim; no `instalmentIds`: every open claim. `resolvedOn` may not be before `raisedOn`. */
export interface ObjectionInput {
  raisedOn: Day;
  instalmentIds?: string[];
  reason: string;
  resolvedOn?: Day | null;
  groundless?: boolean;
}
export interface HardshipInput {
  from: Day;
  to?: Day | null;
  kind: HardshipKind;
  note?: string | null;
}
export interface MemberInput {
  contacts?: ContactInput[];
  objections?: ObjectionInput[];
  hardship?: HardshipInput[];
}
export interface ObjectionEvidence {
  raisedOn: Day;
  daysOpen: number;
  instalmentIds: string[];
  reason: string;
  /** raisedOn + 7: the answer is due (inkassoloven 2026 § 17). */
  answerBy: Day;
}
export interface HardshipEvidence {
  kind: HardshipKind;
  from: Day;
  to: Day | null;
}
export interface PromiseEvidence {
  /** Broken promises whose claims are still open. */
  broken: number;
  promisedOn: Day;
  madeOn: Day;
  amount?: Money;
  paid: Money;
  instalmentIds: string[];
}
export interface UnpaidEvidence {
  /** The last contact logged, so the desk sees what was said. */
  lastContact?: { on: Day; channel: Channel; outcome: ContactOutcome; note?: string };
}
export interface Policy {
  /** newActFrom: the day LOV-2026-05-22-19 applies (provisional, default "2027-01-01"). */
  law: { newActFrom: Day; newActReminderFeeAfterDays: number };
  contacts: { promiseGraceDays: number; noAnswerRetryDays: number; noAnswerAttempts: number; callAgainAfterDays: number };
}
