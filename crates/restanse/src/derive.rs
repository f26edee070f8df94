//! The facts about one member on one day: what is overdue, how the mandate stands, whether they still
//! train, and whether their binding period is over.
//!
//! This is where `DESIGN.md`'s definitions live:
//!
//! * an instalment's **outstanding** is amount − paid − credited (zero when waived);
//! * it is **overdue** when outstanding > 0 and `as_of` is after its **effective due date** (plus the
//!   policy's grace days); an instalment that falls due inside a **deferral** is effectively due the day after
//!   the deferral ends;
//! * an instalment billed inside a **freeze** is a data error: it is never overdue, never reminded, and is
//!   reported so the billing can be corrected;
//! * **attendance** ignores time inside holds: a visit during a hold is not attendance, and days of a hold
//!   are not silence;
//! * the **binding period** may be extended by the days frozen inside it (policy `binding.extendByFreeze`).
//!
//! Facts are plain numbers and indices into the member's lists; signals, risk and actions read only them.

use crate::input::{HoldKind, InstalmentKind, PaymentMethod, ReminderKind};
use crate::instalment_facts::InstalmentFacts;
use crate::member::{Hold, Member};
use crate::policy::Policy;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How the member trains, with hold time cut out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attendance {
    /// Distinct visit days outside holds, up to `as_of`.
    pub visits: u32,
    pub first_visit: Option<NaiveDate>,
    pub last_visit: Option<NaiveDate>,
    /// The median gap between visits in days, hold days removed; `None` with fewer than two visits.
    pub usual_interval: Option<f64>,
    /// Days since the last visit (or since joining), hold days removed.
    pub silence_days: i64,
    /// Days of membership so far, hold days removed.
    pub tenure_days: i64,
}

/// The binding period and whether it is over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binding {
    /// As registered; `None` when the member has no binding period.
    pub ends_on: Option<NaiveDate>,
    /// After extension by frozen days.
    pub extended_to: NaiveDate,
    pub frozen_days: i64,
    pub ended: bool,
}

/// Everything derived about one member.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub as_of: NaiveDate,
    /// Not cancelled as of `as_of`.
    pub active: bool,
    /// The hold covering `as_of`, if any.
    pub current_hold: Option<usize>,
    /// Parallel to `member.instalments`.
    pub instalments: Vec<InstalmentFacts>,
    /// Overdue fee instalments (indices), oldest first.
    pub unpaid: Vec<usize>,
    pub unpaid_outstanding: Decimal,
    /// Overdue plan instalments (indices), oldest first.
    pub plan_missed: Vec<usize>,
    pub plan_outstanding: Decimal,
    /// Instalments billed inside a freeze and not credited or waived.
    pub billed_in_freeze: Vec<usize>,
    /// Outstanding instalments whose original due date has passed but a deferral still covers.
    pub deferred: Vec<usize>,
    pub attendance: Attendance,
    pub binding: Binding,
    pub last_paid_on: Option<NaiveDate>,
    /// The next instalment due on or after `as_of` with something outstanding.
    pub next_due: Option<NaiveDate>,
    /// Reminders of any kind sent in the 180 days before `as_of`.
    pub recent_reminders: u32,
    /// The recorded reminders judged against the law, claim by claim (`claims.rs`).
    pub history: crate::claims::History,
    /// Overdue fee instalments a repayment plan covers (overdue when it was agreed): collected through the
    /// plan's own instalments, never reminded themselves.
    pub plan_covered: Vec<usize>,
    /// Overdue instalments past limitation (three years from due, or from the last payment or plan).
    pub time_barred: Vec<usize>,
    /// Credit balances set off against the oldest open claims.
    pub set_off: Vec<crate::output::SetOff>,
    /// Contacts, objections, hardship and promises as they bear on `as_of` ([`crate::voice`]).
    pub voice: crate::voice::VoiceFacts,
}

impl Facts {
    /// The due date to show people for instalment `i`: the one agreed in a deferral, else the billed one (an
    /// AvtaleGiro debit moved past a closed day is still "due 1 Nov" on the member's bill; it is only not
    /// overdue before the next business day).
    pub fn due_shown(&self, m: &Member, i: usize) -> Option<NaiveDate> {
        let f = self.instalments.get(i)?;
        if f.in_deferral.is_some() {
            Some(f.effective_due)
        } else {
            m.instalments.get(i).map(|x| x.due_on)
        }
    }

    /// The overdue claims (indices): unpaid fees, then missed plan instalments.
    pub fn open_claims(&self) -> impl Iterator<Item = usize> + '_ {
        self.unpaid.iter().chain(self.plan_missed.iter()).copied()
    }

    /// Whether any money is overdue (fees or plan).
    pub fn has_arrears(&self) -> bool {
        !self.unpaid.is_empty() || !self.plan_missed.is_empty()
    }
}

/// Derives the facts of a member on `as_of`.
pub fn derive(m: &Member, as_of: NaiveDate, policy: &Policy) -> Facts {
    let active = m.cancelled_on.is_none_or(|c| c > as_of);
    let current_hold = m.holds.iter().position(|h| h.covers(as_of));
    let grace = policy.unpaid.grace_days;

    let cal = &policy.nets.bank_calendar;
    // where each due date lands: past a deferral, and for an AvtaleGiro debit on a day the banks are shut,
    // on the next business day (it is not overdue before then)
    let plan_agreed = m.plan_agreed_on.filter(|a| *a <= as_of);
    let mut placed = Vec::with_capacity(m.instalments.len());
    let at_due = holds_at_due(m);
    for (inst, &(in_freeze, in_deferral)) in m.instalments.iter().zip(&at_due) {
        let mut effective_due = match in_deferral {
            Some(h) => m.holds[h].to.succ_opt().unwrap_or(m.holds[h].to),
            None => inst.due_on,
        };
        if m.payment_method == Some(PaymentMethod::Avtalegiro) {
            effective_due = cal.on_or_after(effective_due).unwrap_or(effective_due);
        }
        let after_cancellation =
            inst.kind == InstalmentKind::Fee && m.cancelled_on.is_some_and(|c| inst.due_on > c);
        // a plan agreed for arrears covers the fee instalments it names, or those overdue when it was agreed
        let covered = inst.kind == InstalmentKind::Fee
            && plan_agreed.is_some_and(|a| {
                if m.plan_instalment_ids.is_empty() {
                    effective_due < a
                } else {
                    m.plan_instalment_ids.contains(&inst.id)
                }
            });
        // limitation runs from the due date, anew from a payment or an agreed plan (foreldelsesloven § 14)
        let paid_on = inst
            .paid_on
            .filter(|p| crate::money::positive(inst.paid) && *p <= as_of);
        let limitation_from = effective_due
            .max(paid_on.unwrap_or(effective_due))
            .max(plan_agreed.filter(|_| covered).unwrap_or(effective_due));
        let barred = crate::law::time_barred(limitation_from, as_of, cal);
        placed.push((
            in_freeze,
            in_deferral,
            effective_due,
            after_cancellation,
            covered,
            barred,
        ));
    }
    // credit balances pay the oldest open claim first (never a time-barred one)
    let open: Vec<bool> = m
        .instalments
        .iter()
        .zip(&placed)
        .map(|(inst, p)| !inst.waived && p.0.is_none() && !p.3 && !p.5)
        .collect();
    let dues: Vec<NaiveDate> = placed.iter().map(|p| p.2).collect();
    let (after_set_off, set_off) = crate::claims::set_off(m, &open, &dues);
    let mut instalments = Vec::with_capacity(m.instalments.len());
    let mut unpaid = Vec::new();
    let mut plan_missed = Vec::new();
    let mut plan_covered = Vec::new();
    let mut time_barred = Vec::new();
    let mut billed_in_freeze = Vec::new();
    let mut deferred = Vec::new();
    let (mut unpaid_outstanding, mut plan_outstanding) = (Decimal::ZERO, Decimal::ZERO);
    let mut last_paid_on: Option<NaiveDate> = None;
    let mut next_due: Option<NaiveDate> = None;

    for (i, inst) in m.instalments.iter().enumerate() {
        let (in_freeze, in_deferral, effective_due, after_cancellation, covered, barred) =
            placed[i];
        let outstanding = after_set_off.get(i).copied().unwrap_or(Decimal::ZERO);
        let days_overdue = day_number(as_of) - day_number(effective_due);
        let overdue = crate::money::positive(outstanding)
            && days_overdue > grace
            && in_freeze.is_none()
            && !after_cancellation;
        if overdue {
            if barred {
                time_barred.push(i);
            } else if covered {
                plan_covered.push(i);
            } else {
                match inst.kind {
                    InstalmentKind::Fee => {
                        unpaid.push(i);
                        // bounded by validation (see money::sum); saturating all the same
                        unpaid_outstanding = crate::money::add(unpaid_outstanding, outstanding);
                    }
                    InstalmentKind::Plan => {
                        plan_missed.push(i);
                        plan_outstanding = crate::money::add(plan_outstanding, outstanding);
                    }
                }
            }
        }
        if in_freeze.is_some() && !inst.waived && inst.amount > inst.credited {
            billed_in_freeze.push(i);
        }
        if in_deferral.is_some()
            && crate::money::positive(outstanding)
            && inst.due_on < as_of
            && as_of <= effective_due
        {
            deferred.push(i);
        }
        if crate::money::positive(inst.paid) {
            if let Some(p) = inst.paid_on {
                if p <= as_of {
                    last_paid_on = last_paid_on.max(Some(p));
                }
            }
        }
        if crate::money::positive(outstanding)
            && effective_due >= as_of
            && in_freeze.is_none()
            && !after_cancellation
        {
            next_due = Some(next_due.map_or(effective_due, |n: NaiveDate| n.min(effective_due)));
        }
        instalments.push(InstalmentFacts {
            outstanding,
            effective_due,
            in_freeze,
            in_deferral,
            after_cancellation,
            overdue,
            days_overdue,
        });
    }

    let history = crate::claims::judge(m, &instalments, as_of, policy);
    let window_start = as_of - chrono::Duration::days(180);
    let recent_reminders = m
        .reminders
        .iter()
        .filter(|r| r.sent_on > window_start && r.sent_on <= as_of)
        .count() as u32;

    let open: Vec<usize> = unpaid.iter().chain(plan_missed.iter()).copied().collect();
    let voice = crate::voice::derive(&m.voice, &m.instalments, &instalments, &open, as_of, policy);
    Facts {
        voice,
        as_of,
        active,
        current_hold,
        instalments,
        unpaid,
        unpaid_outstanding,
        plan_missed,
        plan_outstanding,
        billed_in_freeze,
        deferred,
        attendance: attendance(m, as_of),
        binding: binding(m, as_of, policy),
        last_paid_on,
        next_due,
        recent_reminders,
        history,
        plan_covered,
        time_barred,
        set_off,
    }
}

/// For each instalment, the first freeze and the last deferral (by position in `holds`) whose days cover its
/// due date. Holds are in order of their first day, so those begun by a day are a prefix, found by binary
/// search; within it a tree of the latest last day per kind finds the first (or last) hold still running
/// on the day. O((instalments + holds) log holds), not instalments × holds (issue 14); plain vectors keep
/// the WebAssembly module small.
pub(crate) fn holds_at_due(m: &Member) -> Vec<(Option<usize>, Option<usize>)> {
    // (validation sorts holds by their first day: `Member`'s invariant)
    let holds = &m.holds;
    if holds.is_empty() {
        return vec![(None, None); m.instalments.len()];
    }
    let freezes = LatestEnd::new(holds, HoldKind::Freeze);
    let deferrals = LatestEnd::new(holds, HoldKind::Deferral);
    m.instalments
        .iter()
        .map(|inst| {
            let day = inst.due_on;
            let begun = holds.partition_point(|h| h.from <= day);
            (
                freezes.first_running(begun, day),
                deferrals.last_running(begun, day),
            )
        })
        .collect()
}

/// A segment tree over holds of one kind: each node the latest last day of the holds below it (others
/// count as over before any day).
struct LatestEnd {
    /// Leaves from `size`; node k has children 2k and 2k + 1.
    tree: Vec<Option<NaiveDate>>,
    size: usize,
}

impl LatestEnd {
    fn new(holds: &[Hold], kind: HoldKind) -> LatestEnd {
        let size = holds.len().next_power_of_two();
        let mut tree = vec![None; 2 * size];
        for (h, hold) in holds.iter().enumerate() {
            if let Some(leaf) = tree.get_mut(size + h) {
                *leaf = (hold.kind == kind).then_some(hold.to);
            }
        }
        for k in (1..size).rev() {
            let (a, b) = (tree.get(2 * k).copied(), tree.get(2 * k + 1).copied());
            if let Some(node) = tree.get_mut(k) {
                *node = a.flatten().max(b.flatten());
            }
        }
        LatestEnd { tree, size }
    }

    /// Whether node `k` (covering holds `lo..hi`) holds one in `0..begun` running on `day`.
    fn may_hold(&self, k: usize, lo: usize, begun: usize, day: NaiveDate) -> bool {
        lo < begun
            && self
                .tree
                .get(k)
                .copied()
                .flatten()
                .is_some_and(|to| to >= day)
    }

    /// The first hold among `0..begun` whose last day is on or after `day`.
    fn first_running(&self, begun: usize, day: NaiveDate) -> Option<usize> {
        self.find(1, 0, self.size, begun, day, false)
    }

    /// The last hold among `0..begun` whose last day is on or after `day`.
    fn last_running(&self, begun: usize, day: NaiveDate) -> Option<usize> {
        self.find(1, 0, self.size, begun, day, true)
    }

    fn find(
        &self,
        k: usize,
        lo: usize,
        hi: usize,
        begun: usize,
        day: NaiveDate,
        last: bool,
    ) -> Option<usize> {
        if !self.may_hold(k, lo, begun, day) {
            return None;
        }
        if hi - lo == 1 {
            return Some(lo);
        }
        let mid = lo + (hi - lo) / 2;
        let left = (2 * k, lo, mid);
        let right = (2 * k + 1, mid, hi);
        let (a, b) = if last { (right, left) } else { (left, right) };
        self.find(a.0, a.1, a.2, begun, day, last)
            .or_else(|| self.find(b.0, b.1, b.2, begun, day, last))
    }
}

/// The days a member's holds cover, merged into disjoint spans (overlapping and adjacent holds joined) with
/// a running count of covered days, so that "is this day in a hold", "the first day on or after this one
/// outside every hold" and "hold days between two days" each cost a binary search (issue 14: a member with
/// 20,000 visits and 500 holds is not visits × holds). Days are counted as day numbers, half-open.
#[derive(Debug, Clone, Default)]
pub struct HoldDays {
    /// `[from, to)` as day numbers, sorted, neither overlapping nor touching.
    spans: Vec<(i64, i64)>,
    /// Covered days in the spans before each span.
    before: Vec<i64>,
}

fn day_number(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

impl HoldDays {
    pub fn new(holds: &[Hold]) -> HoldDays {
        let mut raw: Vec<(i64, i64)> = holds
            .iter()
            .map(|h| (day_number(h.from), day_number(h.to).saturating_add(1)))
            .collect();
        crate::order::sort(&mut raw);
        let mut spans: Vec<(i64, i64)> = Vec::with_capacity(raw.len());
        for (from, to) in raw {
            match spans.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => spans.push((from, to)),
            }
        }
        let mut before = Vec::with_capacity(spans.len());
        let mut total = 0i64;
        for &(from, to) in &spans {
            before.push(total);
            total = total.saturating_add(to.saturating_sub(from).max(0));
        }
        HoldDays { spans, before }
    }

    /// The span covering day number `d`, if any.
    fn span_of(&self, d: i64) -> Option<(i64, i64)> {
        let k = self.spans.partition_point(|s| s.0 <= d);
        let span = *self.spans.get(k.checked_sub(1)?)?;
        (d < span.1).then_some(span)
    }

    /// Whether any hold covers the day (both ends of a hold included).
    #[cfg(test)]
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.covers_day(day_number(day))
    }

    /// [`HoldDays::covers`] for a day number.
    fn covers_day(&self, d: i64) -> bool {
        !self.spans.is_empty() && self.span_of(d).is_some()
    }

    /// The first day on or after `day` that no hold covers.
    pub fn first_free(&self, day: NaiveDate) -> NaiveDate {
        let d = day_number(day);
        match self.span_of(d) {
            Some((_, to)) => day
                .checked_add_signed(chrono::Duration::days(to.saturating_sub(d)))
                .unwrap_or(day),
            None => day,
        }
    }

    /// Covered days before day number `d`.
    fn covered_before(&self, d: i64) -> i64 {
        let k = self.spans.partition_point(|s| s.0 < d);
        let Some(k) = k.checked_sub(1) else {
            return 0;
        };
        match (self.spans.get(k), self.before.get(k)) {
            (Some(&(from, to)), Some(&b)) => b.saturating_add(d.min(to).saturating_sub(from)),
            _ => 0,
        }
    }

    /// Days in `[from, to)` covered by any hold: what [`hold_days_between`] counts.
    #[cfg(test)]
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.between_days(day_number(from), day_number(to))
    }

    /// [`HoldDays::between`] for day numbers.
    fn between_days(&self, from: i64, to: i64) -> i64 {
        if to <= from || self.spans.is_empty() {
            return 0;
        }
        self.covered_before(to)
            .saturating_sub(self.covered_before(from))
    }
}

/// Days in `[from, to)` covered by any hold (overlapping holds counted once).
pub fn hold_days_between(holds: &[Hold], from: NaiveDate, to: NaiveDate) -> i64 {
    if to <= from || holds.is_empty() {
        return 0;
    }
    // holds are sorted by start; walk them merging overlaps
    let mut days = 0;
    let mut covered_until = from; // exclusive: days before this are counted or outside
    for h in holds {
        let start = h.from.max(covered_until);
        let end = h.to.succ_opt().unwrap_or(h.to).min(to); // exclusive
        if end > start {
            days += (end - start).num_days();
            covered_until = end;
        }
    }
    days
}

/// Attendance outside holds.
pub fn attendance(m: &Member, as_of: NaiveDate) -> Attendance {
    let mut gaps: Vec<i64> = Vec::with_capacity(m.visits.len());
    let mut visits = 0u32;
    let mut first: Option<NaiveDate> = None;
    let mut last: Option<(NaiveDate, i64)> = None;
    // each visit asks the merged hold days, not every hold (issue 14); days are day numbers, so a gap is a
    // subtraction (issue 18: every visit of every member)
    let hold_days = HoldDays::new(&m.holds);
    for &v in &m.visits {
        if v > as_of || last.is_some_and(|(l, _)| l == v) {
            continue;
        }
        let n = day_number(v);
        if hold_days.covers_day(n) {
            continue;
        }
        if let Some((_, prev)) = last {
            gaps.push(n - prev - hold_days.between_days(prev, n));
        }
        first = first.or(Some(v));
        last = Some((v, n));
        visits += 1;
    }
    let usual_interval = median(&mut gaps);
    let today = day_number(as_of);
    let since = last.map_or_else(|| day_number(m.joined_on.min(as_of)), |(_, n)| n.min(today));
    let silence_days = (today - since - hold_days.between_days(since, today)).max(0);
    let start = day_number(m.joined_on.min(as_of));
    let tenure_days = (today - start - hold_days.between_days(start, today)).max(0);
    Attendance {
        visits,
        first_visit: first,
        last_visit: last.map(|(v, _)| v),
        usual_interval,
        silence_days,
        tenure_days,
    }
}

fn median(xs: &mut [i64]) -> Option<f64> {
    let n = xs.len();
    if n == 0 {
        return None;
    }
    // gaps between visits mostly span a few weeks: then a count of each value finds the middle ones in one
    // short walk (issue 18: a selection cost more than the rest of a member's attendance); else select
    let (lo, hi) = xs
        .iter()
        .fold((i64::MAX, i64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    if hi.saturating_sub(lo) < COUNTED_SPAN {
        let mut counts = [0u32; COUNTED_SPAN as usize];
        for &x in xs.iter() {
            if let Some(c) = usize::try_from(x.saturating_sub(lo))
                .ok()
                .and_then(|k| counts.get_mut(k))
            {
                *c = c.saturating_add(1);
            }
        }
        // one walk to the middle: the values of ranks n/2 - 1 and n/2 (0-based) for an even count, n/2 twice
        // for an odd one
        let (first, second) = if n % 2 == 1 {
            (n / 2, n / 2)
        } else {
            (n / 2 - 1, n / 2)
        };
        let mut seen = 0usize;
        let mut below = None;
        for (v, &c) in counts.iter().enumerate() {
            seen = seen.saturating_add(c as usize);
            let value = lo.saturating_add(v as i64);
            if seen > first && below.is_none() {
                below = Some(value);
            }
            if seen > second {
                let below = below.unwrap_or(value);
                return Some(if n % 2 == 1 {
                    value as f64
                } else {
                    (below + value) as f64 / 2.0
                });
            }
        }
    }
    let (lower, &mut mid, _) = xs.select_nth_unstable(n / 2);
    Some(if n % 2 == 1 {
        mid as f64
    } else {
        // the largest of the lower half is the other middle value
        let below = lower.iter().copied().max().unwrap_or(mid);
        (below + mid) as f64 / 2.0
    })
}

/// Gaps spanning fewer days than this are counted rather than selected ([`median`]).
const COUNTED_SPAN: i64 = 256;

/// A member's visits as the buy-till-you-die models read them, in weeks with hold time cut out: `x` repeat
/// visits after the first, `t_x` from the first visit to the last, `t` from the first visit to `as_of`.
/// `None` for a member who has not visited (the models say nothing about them; the rhythm rule does).
pub fn visit_summary(m: &Member, as_of: NaiveDate) -> Option<(f64, f64, f64)> {
    summary_of(m, &attendance(m, as_of), as_of)
}

/// [`visit_summary`] from attendance already derived (the engine has it in the member's facts).
pub fn summary_of(m: &Member, a: &Attendance, as_of: NaiveDate) -> Option<(f64, f64, f64)> {
    let (first, last) = (a.first_visit?, a.last_visit?);
    let weeks = |from: NaiveDate, to: NaiveDate| {
        ((to - from).num_days() - hold_days_between(&m.holds, from, to)) as f64 / 7.0
    };
    Some((
        f64::from(a.visits.saturating_sub(1)),
        weeks(first, last),
        weeks(first, as_of),
    ))
}

/// The binding period, extended by frozen days inside it when the policy says so.
pub fn binding(m: &Member, as_of: NaiveDate, policy: &Policy) -> Binding {
    let Some(ends_on) = m.binding_ends_on else {
        return Binding {
            ends_on: None,
            extended_to: m.joined_on,
            frozen_days: 0,
            ended: true,
        };
    };
    let frozen_days = if policy.binding.extend_by_freeze {
        frozen_days_extending(&m.holds, m.joined_on, ends_on)
    } else {
        0
    };
    let extended_to = ends_on
        .checked_add_signed(chrono::Duration::days(frozen_days))
        .unwrap_or(ends_on);
    Binding {
        ends_on: Some(ends_on),
        extended_to,
        frozen_days,
        ended: as_of >= extended_to,
    }
}

/// The days by which frozen time extends a binding period that ends on `ends_on`: freezes are merged (overlaps
/// and duplicates count once), and every frozen day from joining up to the *extended* end counts, step by
/// step — a freeze that starts after the original end but before the extended one extends it further, and
/// a freeze running past the original end counts in full.
pub fn frozen_days_extending(holds: &[Hold], joined_on: NaiveDate, ends_on: NaiveDate) -> i64 {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = holds
        .iter()
        .filter(|h| h.kind == HoldKind::Freeze && h.to >= joined_on)
        .map(|h| (h.from.max(joined_on), h.to))
        .collect();
    crate::order::sort(&mut spans);
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (from, to) in spans {
        match merged.last_mut() {
            Some(last) if from <= last.1.succ_opt().unwrap_or(last.1) => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    let mut end = ends_on;
    let mut days = 0i64;
    for (from, to) in merged {
        if from > end {
            break;
        }
        let n = (to - from).num_days().saturating_add(1);
        days = days.saturating_add(n);
        end = ends_on
            .checked_add_signed(chrono::Duration::days(days))
            .unwrap_or(NaiveDate::MAX);
    }
    days
}

/// The reminders already sent about an instalment, in the order sent. A reminder without an instalment id
/// covers every instalment that was overdue when it was sent. The plain walk over every reminder, kept as the
/// reference the index is tested against.
#[cfg(test)]
pub fn reminders_for<'a>(
    m: &'a Member,
    idx: usize,
    facts: &'a InstalmentFacts,
) -> impl Iterator<Item = &'a crate::member::Reminder> + 'a {
    let id = m.instalments.get(idx).map(|i| i.id.as_str()).unwrap_or("");
    m.reminders.iter().filter(move |r| match &r.instalment_id {
        Some(rid) => rid == id,
        None => r.sent_on > facts.effective_due,
    })
}

fn kind_slot(kind: ReminderKind) -> usize {
    match kind {
        ReminderKind::Sms => 0,
        ReminderKind::Reminder => 1,
        ReminderKind::CollectionNotice => 2,
    }
}

/// A member's reminders indexed once, so that asking about one instalment costs a binary search, not a walk
/// over every reminder (issue 14). Answers as `reminders_for` and `last_sent` do.
#[derive(Debug, Clone, Default)]
pub struct ReminderIndex<'a> {
    /// Instalment id → the latest reminder of each kind naming it (sms, reminder, collection notice).
    by_id: Vec<(&'a str, [Option<NaiveDate>; 3])>,
    /// The latest reminder of each kind naming no instalment.
    general: [Option<NaiveDate>; 3],
}

impl<'a> ReminderIndex<'a> {
    pub fn new(m: &'a Member) -> ReminderIndex<'a> {
        let mut named: Vec<(&'a str, usize, NaiveDate)> = Vec::new();
        let mut general = [None; 3];
        for r in &m.reminders {
            let k = kind_slot(r.kind);
            match &r.instalment_id {
                Some(id) => named.push((id.as_str(), k, r.sent_on)),
                None => {
                    if let Some(g) = general.get_mut(k) {
                        *g = (*g).max(Some(r.sent_on));
                    }
                }
            }
        }
        crate::order::sort_by(&mut named, |a, b| a.0.cmp(b.0));
        let mut by_id: Vec<(&'a str, [Option<NaiveDate>; 3])> = Vec::new();
        for (id, k, on) in named {
            if by_id.last().is_none_or(|l| l.0 != id) {
                by_id.push((id, [None; 3]));
            }
            if let Some(slot) = by_id.last_mut().and_then(|l| l.1.get_mut(k)) {
                *slot = (*slot).max(Some(on));
            }
        }
        ReminderIndex { by_id, general }
    }

    fn named(&self, id: &str) -> Option<&[Option<NaiveDate>; 3]> {
        self.by_id
            .binary_search_by(|e| e.0.cmp(id))
            .ok()
            .and_then(|k| self.by_id.get(k))
            .map(|e| &e.1)
    }

    /// Whether any reminder was sent about instalment `idx`: `reminders_for` is not empty.
    pub fn any(&self, m: &Member, idx: usize, facts: &InstalmentFacts) -> bool {
        let id = m.instalments.get(idx).map(|i| i.id.as_str()).unwrap_or("");
        self.named(id).is_some()
            || self
                .general
                .iter()
                .any(|g| g.is_some_and(|on| on > facts.effective_due))
    }

    /// The latest reminder of a kind sent about instalment `idx`: what `last_sent` answers.
    pub fn last_sent(
        &self,
        m: &Member,
        idx: usize,
        facts: &InstalmentFacts,
        kind: ReminderKind,
    ) -> Option<NaiveDate> {
        let k = kind_slot(kind);
        let id = m.instalments.get(idx).map(|i| i.id.as_str()).unwrap_or("");
        let named = self.named(id).and_then(|n| n.get(k).copied().flatten());
        let general = self
            .general
            .get(k)
            .copied()
            .flatten()
            .filter(|&on| on > facts.effective_due);
        named.max(general)
    }
}

/// The latest reminder of a kind sent about an instalment (the plain walk; the reference for the index).
#[cfg(test)]
pub fn last_sent(
    m: &Member,
    idx: usize,
    facts: &InstalmentFacts,
    kind: ReminderKind,
) -> Option<NaiveDate> {
    reminders_for(m, idx, facts)
        .filter(|r| r.kind == kind)
        .map(|r| r.sent_on)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_date(s).unwrap()
    }

    fn hold(kind: HoldKind, from: &str, to: &str) -> Hold {
        Hold {
            kind,
            from: d(from),
            to: d(to),
            note: None,
        }
    }

    /// The counted median is the sorted one, for narrow and wide spans, odd and even lengths, negatives.
    #[test]
    fn median_is_the_middle_of_the_sorted_gaps() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for _ in 0..20_000 {
            let n = 1 + next(60) as usize;
            let span = [3, 30, 255, 256, 257, 5000][next(6) as usize];
            let shift = next(3) as i64 * 100 - 100;
            let mut xs: Vec<i64> = (0..n).map(|_| next(span) as i64 + shift).collect();
            let mut sorted = xs.clone();
            sorted.sort();
            let want = if n % 2 == 1 {
                sorted[n / 2] as f64
            } else {
                (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
            };
            assert_eq!(median(&mut xs), Some(want), "{sorted:?}");
        }
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn hold_days_merge_overlaps() {
        let holds = vec![
            hold(HoldKind::Freeze, "2026-01-10", "2026-01-19"),
            hold(HoldKind::Deferral, "2026-01-15", "2026-01-24"),
        ];
        assert_eq!(
            hold_days_between(&holds, d("2026-01-01"), d("2026-02-01")),
            15
        );
        assert_eq!(
            hold_days_between(&holds, d("2026-01-12"), d("2026-01-14")),
            2
        );
        assert_eq!(
            hold_days_between(&holds, d("2026-02-01"), d("2026-03-01")),
            0
        );
    }

    #[test]
    fn visit_summaries_cut_out_holds() {
        let m = Member {
            id: "M".into(),
            joined_on: d("2026-01-01"),
            binding_ends_on: None,
            cancelled_on: None,
            monthly_fee: None,
            payment_method: None,
            mandate: crate::input::MandateState::Active,
            access_blocked: false,
            instalments: vec![],
            visits: vec![
                d("2026-01-05"),
                d("2026-01-12"),
                d("2026-01-20"),
                d("2026-02-16"),
            ],
            holds: vec![hold(HoldKind::Freeze, "2026-01-13", "2026-02-09")],
            reminders: vec![],
            plan_agreed_on: None,
            plan_instalment_ids: vec![],
            voice: Default::default(),
        };
        // the visit on 20 Jan is inside the freeze; 28 frozen days are cut from the gaps
        assert_eq!(visit_summary(&m, d("2026-03-02")), Some((2.0, 2.0, 4.0)));
        assert_eq!(
            visit_summary(
                &Member {
                    visits: vec![],
                    ..m
                },
                d("2026-03-02")
            ),
            None
        );
    }

    #[test]
    fn median_of_gaps() {
        assert_eq!(median(&mut [7, 3, 5]), Some(5.0));
        assert_eq!(median(&mut [2, 4]), Some(3.0));
        assert_eq!(median(&mut []), None);
    }
}
