// The page's own labels; the engine's messages come from the engine in the policy's language.
const T = {
  nb: {
    labelBand: "Filtrer på risikonivå", labelSignal: "Filtrer på signal", labelAction: "Filtrer på tiltak",
    labelFile: "Velg medlemsfiler (JSON eller CSV)", labelHistory: "Velg historikkfil (JSON)", labelPolicy: "Policy (JSON)",
    labelDrop: "Slipp medlemsfiler her", labelTrainDrop: "Slipp historikkfil her", labelTabs: "Visninger",
    tagline: "Finner medlemmer på vei mot restanse og sier hva resepsjonen bør gjøre. Alt skjer i nettleseren.",
    language: "Språk", members: "Medlemmer", seed: "Frø", asOf: "Per dato", generate: "Lag eksempelsenter",
    trainDrop: "Tren en egen risikomodell: slipp en historikkfil (JSON: asOf, member, outcome) her, eller velg:",
    useScorecard: "Bruk standard poengkort",
    training: "Trener modellen i nettleseren …",
    trained: (n, auc, card, ms) => `Egen modell trent på ${n} øyeblikksbilder (${ms} ms); ROC AUC ${auc} mot poengkortets ${card} på senere data. Listen bruker modellen.`,
    drop: "Slipp en JSON-fil (liste med medlemmer) eller CSV-filer (members.csv, instalments.csv, …) her, eller velg:",
    tabList: "Risikoliste", tabReport: "Rapport", tabPolicy: "Policy",
    exportCsv: "Eksporter dagens tiltak (CSV)", search: "Søk medlems-id", allBands: "Alle risikonivåer",
    allSignals: "Alle signaler", allActions: "Alle tiltak",
    colMember: "Medlem", colRisk: "Risiko", colBand: "Nivå", colSignals: "Signaler", colActions: "Tiltak", colNext: "Neste steg",
    colStake: "Står på spill", contactsRecorded: (n) => `${n} kontakt(er) registrert i denne nettleseren`,
    nextStep: "Neste steg", noNextStep: "Ingen neste steg.", ahead: "Planen videre", contact: "Kontakt",
    promisedOn: "Lovet betalt", objection: "Innsigelse", resolved: "løst", hardship: "Vanskelig situasjon",
    recordContact: "Registrer kontakt", outcome: "Utfall", contactOn: "Dato for kontakten", amount: "Beløp (kr)",
    note: "Notat", reasonObjection: "Grunn til innsigelsen", saveContact: "Lagre kontakt", forget: "Slett",
    needDate: "Velg dato for kontakten.", needPromisedOn: "Et løfte trenger en dato.", promiseBefore: "Betalingsdatoen kan ikke være før kontakten.", needReason: "En innsigelse trenger en grunn.",
    factor: "Faktor", value: "Verdi", points: "Poeng",
    tabToday: "I dag", capacity: "Kapasitet", capacityHelp: "Kapasitet per kanal i dag (tomt = ingen grense):",
    step: "Steg", owed: "Utestående", message: "Melding",
    todaySummary: (d, n, m) => `Per ${d}: ${n} steg i dag, ${m} utsatt.`, todaySteps: (n) => `Dagens steg (${n})`,
    deferred: (n) => `Utsatt (${n})`, deferredHelp: "Over kapasiteten: flyttet til neste virkedag.",
    exportContactsJson: "Eksporter kontakter (JSON)", exportContactsNdjson: "Eksporter kontakter som hendelser (NDJSON)",
    contactsStored: (n) => `${n} kontakt(er) lagret i denne nettleseren (sendes ingen steder).`,
    shown: (n, t) => `Viser ${n} av ${t}`, pick: "Velg et medlem i listen.",
    signals: "Signaler", actions: "Tiltak", suppressed: "Holdt tilbake", explanation: "Poengberegning", warnings: "Datavarsler",
    timeline: "Tidslinje", none: "Ingen", evidence: "Grunnlag", because: "Fordi", on: "Dato", channel: "Kanal", fee: "Gebyr",
    instalment: "Termin", paid: "Betalt", visit: "Besøk", hold: "Pause", reminder: "Purring", due: "forfall",
    working: (n, stage) => `Vurderer ${n} medlemmer i bakgrunnen … (${stage})`,
    loading: "Laster motoren …", assessed: (a, r, ms) => `${a} medlemmer vurdert, ${r} avvist (${ms} ms).`,
    rejected: "Avviste poster", source: "Kilde", field: "Felt", reason: "Grunn",
    fileError: (m) => `Kunne ikke lese filen: ${m}`, noMembersCsv: "members.csv mangler blant CSV-filene.",
    bands: "Risikonivå", ageing: "Aldersfordeling av restanse", lorenz: "Konsentrasjon av restanse (Lorenz-kurve)",
    latent: "Latente medlemmer", avtalegiro: "AvtaleGiro-andel", keyFigures: "Nøkkeltall", outstanding: "Utestående (kr)",
    debtorsShare: "Andel skyldnere", arrearsShare: "Andel av restansen", equality: "Likhet", withAg: "Med AvtaleGiro", withoutAg: "Uten",
    daysSince: "Dager siden besøk", unpaid: "Ubetalte", gini: "Gini", top10: "Topp 10 % sin andel",
    policyHelp: "Rediger policyen som JSON. Den valideres mens du skriver.", policyApply: "Bruk policy", policyReset: "Tilbakestill",
    policyOk: "Policyen er gyldig.", policyApplied: "Policyen er i bruk.", policyBad: (m) => `Ugyldig: ${m}`,
    low: "lav", watch: "følg med", high: "høy", critical: "kritisk", noData: "Ingen data ennå.",
  },
  en: {
    labelBand: "Filter by band", labelSignal: "Filter by signal", labelAction: "Filter by action",
    labelFile: "Choose member files (JSON or CSV)", labelHistory: "Choose a history file (JSON)", labelPolicy: "Policy (JSON)",
    labelDrop: "Drop member files here", labelTrainDrop: "Drop a history file here", labelTabs: "Views",
    tagline: "Finds members drifting towards unpaid fees and tells the front desk what to do. Everything runs in your browser.",
    language: "Language", members: "Members", seed: "Seed", asOf: "As of", generate: "Generate sample gym",
    trainDrop: "Train your own risk model: drop a history file (JSON: asOf, member, outcome) here, or choose:",
    useScorecard: "Use the default scorecard",
    training: "Training the model in the browser …",
    trained: (n, auc, card, ms) => `Own model trained on ${n} snapshots (${ms} ms); ROC AUC ${auc} against the scorecard's ${card} on later data. The list uses the model.`,
    drop: "Drop a JSON file (an array of members) or CSV files (members.csv, instalments.csv, …) here, or choose:",
    tabList: "Risk list", tabReport: "Report", tabPolicy: "Policy",
    exportCsv: "Export today's actions (CSV)", search: "Search member id", allBands: "All bands",
    allSignals: "All signals", allActions: "All actions",
    colMember: "Member", colRisk: "Risk", colBand: "Band", colSignals: "Signals", colActions: "Actions", colNext: "Next step",
    colStake: "At stake", contactsRecorded: (n) => `${n} contact(s) recorded in this browser`,
    nextStep: "Next step", noNextStep: "No next step.", ahead: "The plan ahead", contact: "Contact",
    promisedOn: "Promised to pay by", objection: "Objection", resolved: "resolved", hardship: "Hardship",
    recordContact: "Record a contact", outcome: "Outcome", contactOn: "Date of the contact", amount: "Amount (NOK)",
    note: "Note", reasonObjection: "Reason for the objection", saveContact: "Save contact", forget: "Remove",
    needDate: "Pick the date of the contact.", needPromisedOn: "A promise needs a date.", promiseBefore: "The promised day cannot be before the contact.", needReason: "An objection needs a reason.",
    factor: "Factor", value: "Value", points: "Points",
    tabToday: "Today", capacity: "Capacity", capacityHelp: "Capacity per channel today (empty = no limit):",
    step: "Step", owed: "Outstanding", message: "Message",
    todaySummary: (d, n, m) => `As of ${d}: ${n} steps today, ${m} deferred.`, todaySteps: (n) => `Today's steps (${n})`,
    deferred: (n) => `Deferred (${n})`, deferredHelp: "Over capacity: moved to the next business day.",
    exportContactsJson: "Export contacts (JSON)", exportContactsNdjson: "Export contacts as events (NDJSON)",
    contactsStored: (n) => `${n} contact(s) stored in this browser (never sent anywhere).`,
    shown: (n, t) => `Showing ${n} of ${t}`, pick: "Pick a member in the list.",
    signals: "Signals", actions: "Actions", suppressed: "Suppressed", explanation: "Score breakdown", warnings: "Data warnings",
    timeline: "Timeline", none: "None", evidence: "Evidence", because: "Because", on: "Date", channel: "Channel", fee: "Fee",
    instalment: "Instalment", paid: "Paid", visit: "Visit", hold: "Hold", reminder: "Reminder", due: "due",
    working: (n, stage) => `Assessing ${n} members in the background … (${stage})`,
    loading: "Loading the engine …", assessed: (a, r, ms) => `${a} members assessed, ${r} rejected (${ms} ms).`,
    rejected: "Rejected records", source: "Source", field: "Field", reason: "Reason",
    fileError: (m) => `Could not read the file: ${m}`, noMembersCsv: "members.csv is missing among the CSV files.",
    bands: "Bands", ageing: "Ageing of arrears", lorenz: "Concentration of arrears (Lorenz curve)",
    latent: "Latent members", avtalegiro: "AvtaleGiro share", keyFigures: "Key figures", outstanding: "Outstanding (NOK)",
    debtorsShare: "Share of debtors", arrearsShare: "Share of arrears", equality: "Equality", withAg: "With AvtaleGiro", withoutAg: "Without",
    daysSince: "Days since visit", unpaid: "Unpaid", gini: "Gini", top10: "Top 10 % share",
    policyHelp: "Edit the policy as JSON. It is validated as you type.", policyApply: "Apply policy", policyReset: "Reset",
    policyOk: "The policy is valid.", policyApplied: "The policy is in use.", policyBad: (m) => `Invalid: ${m}`,
    low: "low", watch: "watch", high: "high", critical: "critical", noData: "No data yet.",
  },
};

let lang = "nb";
export const setLang = (l) => { lang = l; document.documentElement.lang = l; };
export const getLang = () => lang;
export function t(key, ...args) {
  const v = T[lang][key] ?? T.en[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
}
// Numbers, money and percentages through Intl in the page's language: `22 811,00 kr`, `82,8 %` in Norwegian.
const locale = () => (lang === "nb" ? "nb-NO" : "en-GB");
export const num = (v, digits = 2) =>
  v == null || Number.isNaN(Number(v)) ? "–" : new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(v));
export const money = (v) =>
  v == null || Number.isNaN(Number(v)) ? "–" : new Intl.NumberFormat(locale(), { style: "currency", currency: "NOK", currencyDisplay: lang === "nb" ? "symbol" : "code" }).format(Number(v));
export const pct = (v, digits = 1) =>
  v == null || Number.isNaN(Number(v)) ? "–" : new Intl.NumberFormat(locale(), { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(v));
export function applyStatic() {
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  // controls without a visible label get an accessible name in the page's language
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  document.getElementById("tagline").textContent = t("tagline");
}
const CODES = {
  nb: {
    unpaid_instalments: "ubetalte avdrag", mandate_inactive: "AvtaleGiro-avtale ikke aktiv", no_avtalegiro: "uten AvtaleGiro",
    latent: "latent (trener ikke)", plan_breached: "brutt betalingsplan", billed_during_hold: "fakturert under pause",
    paid_but_blocked: "betalt, men sperret", binding_ended: "bindingstid utløpt", time_barred: "foreldet krav",
    offer_avtalegiro: "tilby AvtaleGiro", follow_up_mandate: "følg opp AvtaleGiro-avtalen", send_sms_reminder: "send SMS-påminnelse",
    send_reminder: "send purring", send_collection_notice: "send inkassovarsel", hand_over_to_collection: "send til inkasso",
    call_member: "ring medlemmet", propose_payment_plan: "foreslå betalingsplan", offer_freeze: "tilby frys",
    clarify_membership: "avklar medlemskapet", reactivate: "reaktiver", cancel_after_binding: "avslutt etter bindingstid",
    restore_access: "gjenåpne adgang", correct_hold_billing: "korriger fakturering under pause",
    refund_fee: "tilbakebetal gebyr", write_off: "avskriv foreldet krav", answer_objection: "svar på innsigelsen",
    objection_open: "åpen innsigelse", hardship: "vanskelig situasjon", promise_broken: "brutt betalingsløfte",
    reached: "nådd", no_answer: "ikke svar", promise: "betalingsløfte", objection: "innsigelse", refused: "avviste",
    wrong_number: "feil nummer", illness: "sykdom", institution: "institusjonsopphold", payment_difficulty: "betalingsvansker",
    info: "info", warning: "advarsel", critical: "kritisk",
    sms: "SMS", email: "e-post", letter: "brev", phone: "telefon", desk: "resepsjonen", agency: "inkassobyrå",
  },
};
/** A code such as "send_sms_reminder" in the page's language. */
export const words = (code) => CODES[lang]?.[code] ?? code.replaceAll("_", " ");
