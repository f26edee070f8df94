// Compiled (not run) by tests/js/feeds.test.mjs with tsc --strict: the feeds API as a page would use it.
import { Engine, type NetsReport, type MemberInput } from "restanse";
import { applyFeeds, readNetsFile } from "restanse/tools";

const members: MemberInput[] = [{ id: "M-1", joinedOn: "2026-01-01", kid: "000112000507155", instalments: [] }];
const t = readNetsFile(new Uint8Array([78, 89]));
const firstKid: string | null | undefined = t.assignments[0]?.transactions?.[0]?.kid;
const fed = applyFeeds(members, { nets: [{ name: "ocr.txt", text: "" }, "NY00..."], events: "", asOf: "2026-11-23" });
const report: NetsReport | null = fed.nets;
const unmatched: number = report ? report.unmatched.length : 0;
const out = new Engine({ nets: { kid: null } }).assess(fed.members, "2026-11-23");
console.log(firstKid, unmatched, out.assessments.length);
