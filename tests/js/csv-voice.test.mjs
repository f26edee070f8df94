// What the desk learned, read from a CSV export in JavaScript as the CLI reads it: contacts.csv, objections.csv and
// hardship.csv through readCsvExport, with their rows rejected by file and line like the others.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readCsvExport } from "restanse/tools";
import { Engine } from "restanse";

test("readCsvExport reads contacts.csv, objections.csv and hardship.csv", () => {
  const { members, rejected } = readCsvExport({
    members: "id,joined_on,binding_ends_on,cancelled_on,monthly_fee,payment_method,mandate,access_blocked,plan_agreed_on\nM-1,2024-01-15,,,549.00,avtalegiro,active,false,\n",
    instalments: "member_id,id,due_on,amount,paid,paid_on,credited,waived,kind\nM-1,I-1,2026-10-01,549.00,0,,0,false,fee\n",
    contacts: "member_id,on,channel,outcome,promised_on,amount,note\nM-1,2026-11-20,phone,promise,2026-11-30,549.00,payday\nM-1,2026-11-21,phone,shouted,,,\n",
    objections: "member_id,raised_on,instalment_ids,reason,resolved_on,groundless\nM-1,2026-11-22,I-1,believes cancelled in August,,false\n",
    hardship: "member_id,from,to,kind,note\nM-1,2026-11-01,,illness,\n",
  });
  assert.ok(members.length <= 1);
  assert.deepEqual(rejected.map((r) => [r.source, r.field]).filter(([s]) => String(s).startsWith("contacts.csv")), [["contacts.csv:3", "outcome"]]);
  // without the bad row the member reads whole, and the engine hears what the desk learned
  const ok = readCsvExport({
    members: "id,joined_on,binding_ends_on,cancelled_on,monthly_fee,payment_method,mandate,access_blocked,plan_agreed_on\nM-1,2024-01-15,,,549.00,avtalegiro,active,false,\n",
    instalments: "member_id,id,due_on,amount,paid,paid_on,credited,waived,kind\nM-1,I-1,2026-10-01,549.00,0,,0,false,fee\n",
    objections: "member_id,raised_on,instalment_ids,reason,resolved_on,groundless\nM-1,2026-11-22,I-1,believes cancelled in August,,false\n",
  });
  assert.equal(ok.members.length, 1);
  assert.equal(ok.members[0].objections.length, 1);
  const a = new Engine().assess(ok.members, "2026-11-23").assessments[0];
  assert.ok(a.signals.some((s) => s.code === "objection_open"));
  assert.equal(a.nextStep.code, "answer_objection");
});
