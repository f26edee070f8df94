// Type-checked (not run) by package.test.mjs: the embedding example and every output type in use.
import { sampleGym } from "restanse/tools";
import { Engine, RestanseError, defaultPolicy, type AssessOutput, type Report, type MemberInput, type Signal } from "restanse";

const members: MemberInput[] = sampleGym(100, 1, "2026-11-23");
const engine = new Engine({ language: "nb", ladder: { sms: { afterDays: 5 } } });
const out: AssessOutput = engine.assess(members, "2026-11-23");
for (const a of out.assessments) {
  const risk: number = a.risk;
  for (const s of a.signals) describe(s);
  for (const x of a.actions) {
    const when: string = x.on;
    const why: string[] = x.because;
    void [risk, when, why];
  }
}
function describe(s: Signal): string {
  switch (s.code) {
    case "unpaid_instalments":
      return `${s.evidence.count} unpaid, ${s.evidence.outstanding} kr`;
    case "latent":
      return `${s.evidence.daysSinceLastVisit} days silent`;
    default:
      return s.message;
  }
}
const report: Report = engine.report(members, "2026-11-23");
const share: number | null = report.avtalegiroShare.value;
const critical: number = report.bands.critical;
const sms: number = defaultPolicy().ladder.sms.afterDays;
try {
  new Engine({ ladder: { reminder: { fee: "50" } } });
} catch (e) {
  if (e instanceof RestanseError) console.log(e.rule, e.field);
}
void [share, critical, sms];
