//! The outputs written as JSON by hand: the assessments ([`AssessOutput`]), the portfolio [`Report`], the
//! day's [`Worklist`] and the policy (through its field tables, `json_write::write_object`), byte for byte what
//! `serde_json::to_string` writes from their `Serialize` impls. The WebAssembly module writes its answers with it.
//!
//! Why a second writer beside the derives: in the WebAssembly engine module, serde's serialisation of these
//! types was about 78 KB of code (a `serialize_field` per field type, each with the key's escaping inlined,
//! at `opt-level = 3`). Here each field is one literal (`,"memberId":`, comma and quotes included: every
//! struct's first field is always written, so where the commas go is known when the code is written) and one
//! call of a handful of non-generic value writers. The derives stay for library users and the CLI;
//! `tests/json_out.rs` holds the two to the same bytes (sample gyms in both languages, every kind of evidence,
//! escapes and numbers, policies).
//!
//! The writer itself and the plain values are [`crate::json_write`], low in the flow; this module holds the impls
//! of the outputs, at the top.

use crate::json_write::{JsonOut, WriteJson};
use crate::output::SetOff;
use crate::output::{
    Action, AssessOutput, Assessment, BindingEvidence, BlockedEvidence, ContactEvidence,
    Contribution, DataWarning, Evidence, HardshipEvidence, LatentEvidence, MandateEvidence,
    MethodEvidence, NextStep, ObjectionEvidence, PlanEvidence, PlannedStep, PromiseEvidence,
    Rejection, Signal, Suppressed, TimeBarredEvidence, UnpaidEvidence, VisitModelSource,
};
use crate::report::{
    AgeingBucket, Concentration, KeyFigure, LatentRow, MemberCounts, Report, UnpaidRow,
};
use crate::worklist::{WorkRow, Worklist};
use std::collections::BTreeMap;

impl WriteJson for crate::codes::Channel {
    fn write_json(&self, out: &mut JsonOut) {
        out.name(self.code());
    }
}

/// The policy's `channels`: `{"call_member":"phone",…}`, in the map's order.
impl WriteJson for BTreeMap<crate::codes::ActionCode, crate::codes::Channel> {
    fn write_json(&self, out: &mut JsonOut) {
        for (i, (action, channel)) in self.iter().enumerate() {
            out.code(if i > 0 { "," } else { "{" }, action.code());
            out.code(":", channel.code());
        }
        out.raw(if self.is_empty() { "{}" } else { "}" });
    }
}

fn counts<K: Copy>(
    out: &mut JsonOut,
    key: &str,
    map: &BTreeMap<K, u32>,
    code: fn(K) -> &'static str,
) {
    out.counts(key, &mut map.iter().map(|(k, n)| (code(*k), *n)));
}

impl WriteJson for AssessOutput {
    fn write_json(&self, o: &mut JsonOut) {
        o.date("{\"asOf\":", self.as_of);
        o.list(",\"assessments\":", &self.assessments);
        o.list(",\"rejected\":", &self.rejected);
        o.raw("}");
    }
}

impl WriteJson for Assessment {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"memberId\":", &self.member_id);
        o.f64(",\"risk\":", self.risk);
        o.code(",\"band\":", self.band.code());
        o.list(",\"signals\":", &self.signals);
        o.list(",\"actions\":", &self.actions);
        o.list(",\"suppressed\":", &self.suppressed);
        o.list(",\"explanation\":", &self.explanation);
        if !self.warnings.is_empty() {
            o.list(",\"warnings\":", &self.warnings);
        }
        o.raw(",\"nextStep\":");
        match &self.next_step {
            Some(step) => step.write_json(o),
            None => o.code_null(""),
        }
        o.raw("}");
    }
}

impl WriteJson for NextStep {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"code\":", self.code.code());
        o.date(",\"on\":", self.on);
        o.code(",\"channel\":", self.channel.code());
        o.codes(",\"because\":", &mut self.because.iter().map(|c| c.code()));
        o.str(",\"message\":", &self.message);
        o.strs(",\"instalmentIds\":", &self.instalment_ids);
        o.list(",\"then\":", &self.then);
        o.raw("}");
    }
}

impl WriteJson for PlannedStep {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"code\":", self.code.code());
        o.date(",\"on\":", self.on);
        o.raw("}");
    }
}

impl WriteJson for Signal {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"code\":", self.code.code());
        o.code(",\"severity\":", self.severity.code());
        o.raw(",\"evidence\":");
        self.evidence.write_json(o);
        o.str(",\"message\":", &self.message);
        o.raw("}");
    }
}

impl WriteJson for Evidence {
    fn write_json(&self, o: &mut JsonOut) {
        match self {
            Evidence::Unpaid(e) => e.write_json(o),
            Evidence::Mandate(e) => e.write_json(o),
            Evidence::Method(e) => e.write_json(o),
            Evidence::Latent(e) => e.write_json(o),
            Evidence::Plan(e) => e.write_json(o),
            Evidence::HoldBilling(e) => e.write_json(o),
            Evidence::Blocked(e) => e.write_json(o),
            Evidence::Binding(e) => e.write_json(o),
            Evidence::TimeBarred(e) => e.write_json(o),
            Evidence::Objection(e) => e.write_json(o),
            Evidence::Hardship(e) => e.write_json(o),
            Evidence::Promise(e) => e.write_json(o),
        }
    }
}

impl WriteJson for ObjectionEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.date("{\"raisedOn\":", self.raised_on);
        o.int(",\"daysOpen\":", self.days_open);
        o.strs(",\"instalmentIds\":", &self.instalment_ids);
        o.str(",\"reason\":", &self.reason);
        o.date(",\"answerBy\":", self.answer_by);
        o.raw("}");
    }
}

impl WriteJson for HardshipEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"kind\":", self.kind.code());
        o.date(",\"from\":", self.from);
        o.opt_date(",\"to\":", self.to);
        o.raw("}");
    }
}

impl WriteJson for PromiseEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.uint("{\"broken\":", u64::from(self.broken));
        o.date(",\"promisedOn\":", self.promised_on);
        o.date(",\"madeOn\":", self.made_on);
        if let Some(amount) = self.amount {
            o.money(",\"amount\":", amount);
        }
        o.money(",\"paid\":", self.paid);
        o.strs(",\"instalmentIds\":", &self.instalment_ids);
        o.raw("}");
    }
}

impl WriteJson for ContactEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.date("{\"on\":", self.on);
        o.code(",\"channel\":", self.channel.code());
        o.code(",\"outcome\":", self.outcome.code());
        if let Some(note) = &self.note {
            o.str(",\"note\":", note);
        }
        o.raw("}");
    }
}

impl WriteJson for UnpaidEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.uint("{\"count\":", u64::from(self.count));
        o.money(",\"outstanding\":", self.outstanding);
        o.date(",\"oldestDueOn\":", self.oldest_due_on);
        o.int(",\"daysOverdue\":", self.days_overdue);
        o.strs(",\"instalmentIds\":", &self.instalment_ids);
        if !self.set_off.is_empty() {
            o.list(",\"setOff\":", &self.set_off);
        }
        if let Some(contact) = &self.last_contact {
            o.raw(",\"lastContact\":");
            contact.write_json(o);
        }
        o.raw("}");
    }
}

impl WriteJson for SetOff {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"from\":", &self.from);
        o.str(",\"to\":", &self.to);
        o.money(",\"amount\":", self.amount);
        o.raw("}");
    }
}

impl WriteJson for TimeBarredEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.uint("{\"count\":", u64::from(self.count));
        o.money(",\"outstanding\":", self.outstanding);
        o.date(",\"oldestDueOn\":", self.oldest_due_on);
        o.uint(",\"limitationYears\":", u64::from(self.limitation_years));
        o.strs(",\"instalmentIds\":", &self.instalment_ids);
        o.raw("}");
    }
}

impl WriteJson for MandateEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"paymentMethod\":", self.payment_method.code());
        o.code(",\"mandate\":", self.mandate.code());
        if let Some(d) = self.next_due_on {
            o.date(",\"nextDueOn\":", d);
        }
        o.raw("}");
    }
}

impl WriteJson for MethodEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"paymentMethod\":", self.payment_method.code());
        o.raw("}");
    }
}

impl WriteJson for LatentEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.int("{\"daysSinceLastVisit\":", self.days_since_last_visit);
        if let Some(d) = self.last_visit_on {
            o.date(",\"lastVisitOn\":", d);
        }
        o.f64(",\"usualIntervalDays\":", self.usual_interval_days);
        o.f64(",\"relativeSilence\":", self.relative_silence);
        o.uint(",\"visits\":", u64::from(self.visits));
        if let Some(p) = self.p_alive {
            o.f64(",\"pAlive\":", p);
        }
        if let Some(e) = self.expected_visits_4w {
            o.f64(",\"expectedVisits4w\":", e);
        }
        if let Some(kind) = self.visit_model {
            o.code(",\"visitModel\":", kind.name());
        }
        if let Some(source) = self.visit_model_source {
            o.code(
                ",\"visitModelSource\":",
                match source {
                    VisitModelSource::Fitted => "fitted",
                    VisitModelSource::Prior => "prior",
                },
            );
        }
        o.raw("}");
    }
}

impl WriteJson for PlanEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.date("{\"agreedOn\":", self.agreed_on);
        o.uint(",\"missed\":", u64::from(self.missed));
        o.money(",\"outstanding\":", self.outstanding);
        o.date(",\"oldestDueOn\":", self.oldest_due_on);
        o.raw("}");
    }
}

impl WriteJson for crate::output::HoldBillingEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.strs("{\"instalmentIds\":", &self.instalment_ids);
        o.money(",\"amount\":", self.amount);
        o.strs(",\"holds\":", &self.holds);
        o.raw("}");
    }
}

impl WriteJson for BlockedEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.bool("{\"accessBlocked\":", self.access_blocked);
        o.money(",\"outstanding\":", self.outstanding);
        if let Some(d) = self.last_paid_on {
            o.date(",\"lastPaidOn\":", d);
        }
        o.raw("}");
    }
}

impl WriteJson for BindingEvidence {
    fn write_json(&self, o: &mut JsonOut) {
        o.date("{\"bindingEndsOn\":", self.binding_ends_on);
        o.date(",\"extendedTo\":", self.extended_to);
        o.int(",\"frozenDays\":", self.frozen_days);
        o.raw("}");
    }
}

impl WriteJson for Action {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"code\":", self.code.code());
        o.uint(",\"priority\":", u64::from(self.priority));
        o.date(",\"on\":", self.on);
        o.code(",\"channel\":", self.channel.code());
        o.codes(",\"because\":", &mut self.because.iter().map(|c| c.code()));
        o.money(",\"fee\":", self.fee);
        o.str(",\"message\":", &self.message);
        if !self.instalment_ids.is_empty() {
            o.strs(",\"instalmentIds\":", &self.instalment_ids);
        }
        o.raw("}");
    }
}

impl WriteJson for Suppressed {
    fn write_json(&self, o: &mut JsonOut) {
        o.code("{\"code\":", self.code.code());
        o.str(",\"because\":", &self.because);
        if !self.instalment_ids.is_empty() {
            o.strs(",\"instalmentIds\":", &self.instalment_ids);
        }
        o.raw("}");
    }
}

impl WriteJson for Contribution {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"factor\":", &self.factor);
        o.str(",\"value\":", &self.value);
        o.f64(",\"points\":", self.points);
        o.raw("}");
    }
}

impl WriteJson for DataWarning {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"field\":", &self.field);
        o.str(",\"message\":", &self.message);
        if let Some(rule) = &self.rule {
            o.str(",\"rule\":", rule);
        }
        o.raw("}");
    }
}

impl WriteJson for Rejection {
    fn write_json(&self, o: &mut JsonOut) {
        o.uint("{\"record\":", self.record as u64);
        if let Some(id) = &self.member_id {
            o.str(",\"memberId\":", id);
        }
        o.str(",\"field\":", &self.field);
        o.str(",\"reason\":", &self.reason);
        if let Some(source) = &self.source {
            o.str(",\"source\":", source);
        }
        o.raw("}");
    }
}

impl WriteJson for Report {
    fn write_json(&self, o: &mut JsonOut) {
        o.date("{\"asOf\":", self.as_of);
        o.raw(",\"members\":");
        self.members.write_json(o);
        counts(o, ",\"bands\":", &self.bands, |c| c.code());
        counts(o, ",\"signals\":", &self.signals, |c| c.code());
        counts(o, ",\"actions\":", &self.actions, |c| c.code());
        o.list(",\"moreThanThreeUnpaid\":", &self.more_than_three_unpaid);
        o.list(",\"unpaid\":", &self.unpaid);
        o.list(",\"ageing\":", &self.ageing);
        o.raw(",\"concentration\":");
        self.concentration.write_json(o);
        o.list(",\"latent\":", &self.latent);
        o.raw(",\"avtalegiroShare\":");
        self.avtalegiro_share.write_json(o);
        o.list(",\"keyFigures\":", &self.key_figures);
        o.list(",\"rejected\":", &self.rejected);
        o.raw("}");
    }
}

impl WriteJson for MemberCounts {
    fn write_json(&self, o: &mut JsonOut) {
        o.uint("{\"input\":", self.input as u64);
        o.uint(",\"assessed\":", self.assessed as u64);
        o.uint(",\"rejected\":", self.rejected as u64);
        o.uint(",\"active\":", self.active as u64);
        o.raw("}");
    }
}

impl WriteJson for UnpaidRow {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"memberId\":", &self.member_id);
        o.uint(",\"count\":", u64::from(self.count));
        o.uint(",\"planInstalments\":", u64::from(self.plan_instalments));
        o.money(",\"outstanding\":", self.outstanding);
        o.date(",\"oldestDueOn\":", self.oldest_due_on);
        o.int(",\"daysOverdue\":", self.days_overdue);
        o.code(",\"band\":", self.band.code());
        o.raw("}");
    }
}

impl WriteJson for AgeingBucket {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"bucket\":", &self.bucket);
        o.int(",\"fromDays\":", self.from_days);
        if let Some(to) = self.to_days {
            o.int(",\"toDays\":", to);
        }
        o.uint(",\"instalments\":", u64::from(self.instalments));
        o.uint(",\"members\":", u64::from(self.members));
        o.money(",\"outstanding\":", self.outstanding);
        o.raw("}");
    }
}

impl WriteJson for Concentration {
    fn write_json(&self, o: &mut JsonOut) {
        o.uint("{\"debtors\":", self.debtors as u64);
        o.money(",\"totalOutstanding\":", self.total_outstanding);
        o.f64(",\"top10PercentShare\":", self.top10_percent_share);
        o.f64(",\"gini\":", self.gini);
        o.raw(",\"lorenz\":[");
        for (i, [x, y]) in self.lorenz.iter().enumerate() {
            o.f64(if i > 0 { ",[" } else { "[" }, *x);
            o.f64(",", *y);
            o.raw("]");
        }
        o.str("],\"definition\":", &self.definition);
        o.raw("}");
    }
}

impl WriteJson for LatentRow {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"memberId\":", &self.member_id);
        o.int(",\"daysSinceLastVisit\":", self.days_since_last_visit);
        if let Some(d) = self.last_visit_on {
            o.date(",\"lastVisitOn\":", d);
        }
        o.uint(",\"unpaid\":", u64::from(self.unpaid));
        o.code(",\"band\":", self.band.code());
        o.raw("}");
    }
}

impl WriteJson for KeyFigure {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"code\":", &self.code);
        o.str(",\"name\":", &self.name);
        o.opt_f64(",\"value\":", self.value);
        o.uint(",\"numerator\":", self.numerator);
        o.uint(",\"denominator\":", self.denominator);
        o.str(",\"definition\":", &self.definition);
        o.date(",\"from\":", self.from);
        o.date(",\"to\":", self.to);
        o.raw("}");
    }
}

impl WriteJson for Worklist {
    fn write_json(&self, o: &mut JsonOut) {
        o.date("{\"asOf\":", self.as_of);
        o.list(",\"steps\":", &self.steps);
        o.list(",\"deferred\":", &self.deferred);
        o.raw("}");
    }
}

impl WriteJson for WorkRow {
    fn write_json(&self, o: &mut JsonOut) {
        o.str("{\"memberId\":", &self.member_id);
        o.code(",\"code\":", self.code.code());
        o.date(",\"on\":", self.on);
        o.code(",\"channel\":", self.channel.code());
        o.uint(",\"priority\":", u64::from(self.priority));
        o.money(",\"outstanding\":", self.outstanding);
        o.str(",\"message\":", &self.message);
        o.raw("}");
    }
}
