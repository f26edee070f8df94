// Contact outcomes the desk records in the page. They are kept in this browser only (localStorage, keyed by member
// id; never sent anywhere), merged into each member's `contacts` before the engine assesses, and can be exported as
// the input contract's `contacts` or as change-feed events. A contact whose outcome is `objection` (its note the
// reason) is not copied into `objections` as well: the engine raises the objection from the contact itself
// (DESIGN.md: "a contact whose outcome is `objection`"), and a copy would be a second objection to answer.
const KEY = "restanse.contacts.v1";

export const OUTCOMES = ["reached", "no_answer", "promise", "objection", "refused", "wrong_number"];
export const CONTACT_CHANNELS = ["phone", "sms", "email", "letter", "desk"];

let store = load();

function load() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

function save() {
  try {
    localStorage.setItem(KEY, JSON.stringify(store));
  } catch {
    // storage full or disabled: the contacts stay in memory for this visit
  }
}

function newId() {
  return globalThis.crypto?.randomUUID?.() ?? `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The contacts recorded for one member (with their `id` and `at`), oldest first. */
export const recorded = (memberId) => store[memberId] ?? [];
/** How many contacts are recorded, over all members. */
export const count = () => Object.values(store).reduce((n, l) => n + l.length, 0);

/** Records a contact `{ on, channel, outcome, promisedOn?, amount?, note? }` for a member. */
export function record(memberId, contact) {
  const c = { id: newId(), at: new Date().toISOString(), on: contact.on, channel: contact.channel, outcome: contact.outcome };
  if (contact.outcome === "promise") {
    if (contact.promisedOn) c.promisedOn = contact.promisedOn;
    if (contact.amount !== "" && contact.amount != null) c.amount = Number(contact.amount).toFixed(2);
  }
  if (contact.note) c.note = String(contact.note);
  (store[memberId] ??= []).push(c);
  store[memberId].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  save();
  return c;
}

export function remove(memberId, id) {
  if (!store[memberId]) return;
  store[memberId] = store[memberId].filter((c) => c.id !== id);
  if (!store[memberId].length) delete store[memberId];
  save();
}

export function clearAll() {
  store = {};
  save();
}

/** A contact as the input contract has it: without the page's own `id` and `at`. */
function contractContact({ id, at, ...c }) {
  return c;
}

/** Members with the recorded contacts merged in (the members themselves are not changed). */
export function merge(members) {
  if (!count()) return members;
  return members.map((m) => {
    const list = m && typeof m === "object" ? store[String(m.id)] : null;
    if (!list?.length) return m;
    return { ...m, contacts: [...(Array.isArray(m.contacts) ? m.contacts : []), ...list.map(contractContact)] };
  });
}

/** `[{ id, contacts }]`: the recorded contacts in the input contract's shape, per member. */
export function exportJson() {
  return Object.entries(store).filter(([, l]) => l.length).map(([id, l]) => ({ id, contacts: l.map(contractContact) }));
}

/** The recorded contacts as change-feed events, one JSON object a line, in the order they were recorded. */
export function exportNdjson() {
  const events = Object.entries(store).flatMap(([memberId, l]) =>
    l.map(({ id, at, ...c }) => ({ id, at, type: "contact_logged", memberId, ...c })));
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return events.map((e) => JSON.stringify(e)).join("\n") + (events.length ? "\n" : "");
}
