//! How a member record is read from JSON: serde's `Deserialize` for the input types, written out.
//!
//! These impls do what `#[derive(Deserialize)]` did, call for call — the same `MapAccess` calls in the same
//! order, so every record reads to the same value and every rejection has the same reason at the same field —
//! with two differences, both for the WebAssembly engine's size (issue 17):
//!
//! - **An object only.** The derive also read a struct written as a JSON array, by position
//!   (`"holds": [["freeze", "2026-01-01", "2026-02-01"]]`). A member written so was already refused (issue 14:
//!   reading a member's fields by position is a guess); now its holds, instalments and the rest are refused the
//!   same way, with serde's own words: `invalid type: sequence, expected struct HoldInput`.
//! - **Less per struct.** The derive wrote a visitor per struct for its field names, and every field's read
//!   inline; here each struct has a `match` of its names ([`Fields`], written by `fields!`), and one generic
//!   [`field`] reads a value and refuses a second one.
//!
//! Together they took 4.8 KB off the gzipped engine module (`BENCHMARKS.md`). `reference` keeps the derive (a
//! copy of the types as they were) to hold them to: `tests` on the sample gym's records, on those records cut and
//! spliced at random, and on a member with every field, each left out, given twice, and left out two at a time;
//! the `member_fields` fuzz target on any text.

use crate::codes::Channel;
use crate::input::{
    ContactInput, ContactOutcome, HardshipInput, HardshipKind, HoldInput, HoldKind,
    InstalmentInput, InstalmentKind, MandateState, MemberInput, ObjectionInput, PaymentMethod,
    PlanInput, ReminderInput, ReminderKind,
};
use crate::money::Money;
use chrono::NaiveDate;
use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A struct's field names in declaration order and the `match` that finds a key among them: the key's index,
/// or `None` for a key the struct ignores (unknown fields are allowed: a membership system may send more than
/// restanse reads). A `match` per struct, as the derive's, rather than a search of the list: keys are read a
/// hundred times per member.
trait Fields {
    const NAMES: &'static [&'static str];
    fn find(key: &str) -> Option<usize>;
    /// The name of field `i` (as `find` gave it).
    fn name(i: usize) -> &'static str {
        Self::NAMES.get(i).copied().unwrap_or_default()
    }
}

/// The seed that reads a key of struct `F` as its field's index.
struct Key<F>(std::marker::PhantomData<F>);

impl<'de, F: Fields> DeserializeSeed<'de> for Key<F> {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<F: Fields> Visitor<'_> for Key<F> {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(v).ok().filter(|&i| i < F::NAMES.len()))
    }
    fn visit_str<E: Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(F::find(v))
    }
    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
        Ok(std::str::from_utf8(v).ok().and_then(F::find))
    }
}

/// The field names of a struct (`$fields`), indexes as written.
macro_rules! fields {
    ($fields:ident, [$($i:literal => $name:literal),+ $(,)?]) => {
        struct $fields;
        impl Fields for $fields {
            const NAMES: &'static [&'static str] = &[$($name),+];
            fn find(key: &str) -> Option<usize> {
                match key {
                    $($name => Some($i),)+
                    _ => None,
                }
            }
        }
    };
}

/// The next key of `map` as an index into `F`'s names, skipping the values of keys not among them. (The
/// visitors look the name up themselves: returning it from here made the module 200 bytes larger.)
fn next_key<'de, A: MapAccess<'de>, F: Fields>(map: &mut A) -> Result<Option<usize>, A::Error> {
    while let Some(key) = map.next_key_seed(Key::<F>(std::marker::PhantomData))? {
        match key {
            Some(i) => return Ok(Some(i)),
            None => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    Ok(None)
}

/// Reads the value of field `name` into `slot`, or refuses it when the field came before.
fn field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A required field's value, or "missing field `name`".
fn required<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// A day as `YYYY-MM-DD` (`crate::dates::day`).
struct Day(NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::dates::day::deserialize(d).map(Day)
    }
}

/// A day or `null` (`crate::dates::opt_day`).
struct OptDay(Option<NaiveDate>);

impl<'de> Deserialize<'de> for OptDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::dates::opt_day::deserialize(d).map(OptDay)
    }
}

/// (issue 14) `null` means the field was not given, as it does for the optional dates.
struct NullIsDefault<T>(T);

impl<'de, T: Default + Deserialize<'de>> Deserialize<'de> for NullIsDefault<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(NullIsDefault(
            Option::<T>::deserialize(d)?.unwrap_or_default(),
        ))
    }
}

/// The `Deserialize` of a struct with fields `$fields`, read through a visitor `$visitor` that reads an object only.
macro_rules! object_only {
    ($ty:ident, $visitor:ident, $fields:ident) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_struct(stringify!($ty), <$fields as Fields>::NAMES, $visitor)
            }
        }
        struct $visitor;
    };
}

/// The expecting text of a struct's visitor, as the derive words it.
macro_rules! expecting {
    ($ty:ident) => {
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(concat!("struct ", stringify!($ty)))
        }
    };
}

fields!(MemberFields, [
    0 => "id",
    1 => "joinedOn",
    2 => "bindingEndsOn",
    3 => "cancelledOn",
    4 => "monthlyFee",
    5 => "paymentMethod",
    6 => "mandate",
    7 => "accessBlocked",
    8 => "instalments",
    9 => "visits",
    10 => "holds",
    11 => "reminders",
    12 => "plan",
    13 => "kid",
    14 => "contacts",
    15 => "objections",
    16 => "hardship",
]);
object_only!(MemberInput, MemberVisitor, MemberFields);

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = MemberInput;
    expecting!(MemberInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MemberInput, A::Error> {
        let mut id: Option<String> = None;
        let mut joined_on: Option<Day> = None;
        let mut binding_ends_on: Option<OptDay> = None;
        let mut cancelled_on: Option<OptDay> = None;
        let mut monthly_fee: Option<Option<Money>> = None;
        let mut payment_method: Option<Option<PaymentMethod>> = None;
        let mut mandate: Option<NullIsDefault<MandateState>> = None;
        let mut access_blocked: Option<NullIsDefault<bool>> = None;
        let mut instalments = None;
        let mut visits = None;
        let mut holds = None;
        let mut reminders = None;
        let mut plan: Option<Option<PlanInput>> = None;
        let mut kid: Option<Option<String>> = None;
        let mut contacts = None;
        let mut objections = None;
        let mut hardship = None;
        while let Some(i) = next_key::<_, MemberFields>(&mut map)? {
            let name = MemberFields::name(i);
            match i {
                0 => field(&mut map, &mut id, name)?,
                1 => field(&mut map, &mut joined_on, name)?,
                2 => field(&mut map, &mut binding_ends_on, name)?,
                3 => field(&mut map, &mut cancelled_on, name)?,
                4 => field(&mut map, &mut monthly_fee, name)?,
                5 => field(&mut map, &mut payment_method, name)?,
                6 => field(&mut map, &mut mandate, name)?,
                7 => field(&mut map, &mut access_blocked, name)?,
                8 => field(&mut map, &mut instalments, name)?,
                9 => field(&mut map, &mut visits, name)?,
                10 => field(&mut map, &mut holds, name)?,
                11 => field(&mut map, &mut reminders, name)?,
                12 => field(&mut map, &mut plan, name)?,
                13 => field(&mut map, &mut kid, name)?,
                14 => field(&mut map, &mut contacts, name)?,
                15 => field(&mut map, &mut objections, name)?,
                _ => field(&mut map, &mut hardship, name)?,
            }
        }
        Ok(MemberInput {
            id: required(id, "id")?,
            joined_on: required(joined_on, "joinedOn")?.0,
            binding_ends_on: binding_ends_on.and_then(|d| d.0),
            cancelled_on: cancelled_on.and_then(|d| d.0),
            monthly_fee: monthly_fee.flatten(),
            payment_method: payment_method.flatten(),
            mandate: mandate.map(|m| m.0).unwrap_or_default(),
            access_blocked: access_blocked.map(|b| b.0).unwrap_or_default(),
            instalments: instalments.unwrap_or_default(),
            visits: visits.unwrap_or_default(),
            holds: holds.unwrap_or_default(),
            reminders: reminders.unwrap_or_default(),
            plan: plan.flatten(),
            kid: kid.flatten(),
            contacts: contacts.unwrap_or_default(),
            objections: objections.unwrap_or_default(),
            hardship: hardship.unwrap_or_default(),
        })
    }
}

fields!(InstalmentFields, [
    0 => "id",
    1 => "dueOn",
    2 => "amount",
    3 => "paid",
    4 => "paidOn",
    5 => "credited",
    6 => "waived",
    7 => "kind",
    8 => "kid",
]);
object_only!(InstalmentInput, InstalmentVisitor, InstalmentFields);

impl<'de> Visitor<'de> for InstalmentVisitor {
    type Value = InstalmentInput;
    expecting!(InstalmentInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InstalmentInput, A::Error> {
        let mut id: Option<String> = None;
        let mut due_on: Option<Day> = None;
        let mut amount: Option<Money> = None;
        let mut paid: Option<Money> = None;
        let mut paid_on: Option<OptDay> = None;
        let mut credited: Option<Money> = None;
        let mut waived: Option<bool> = None;
        let mut kind: Option<InstalmentKind> = None;
        let mut kid: Option<Option<String>> = None;
        while let Some(i) = next_key::<_, InstalmentFields>(&mut map)? {
            let name = InstalmentFields::name(i);
            match i {
                0 => field(&mut map, &mut id, name)?,
                1 => field(&mut map, &mut due_on, name)?,
                2 => field(&mut map, &mut amount, name)?,
                3 => field(&mut map, &mut paid, name)?,
                4 => field(&mut map, &mut paid_on, name)?,
                5 => field(&mut map, &mut credited, name)?,
                6 => field(&mut map, &mut waived, name)?,
                7 => field(&mut map, &mut kind, name)?,
                _ => field(&mut map, &mut kid, name)?,
            }
        }
        Ok(InstalmentInput {
            id: required(id, "id")?,
            due_on: required(due_on, "dueOn")?.0,
            amount: required(amount, "amount")?,
            paid: paid.unwrap_or_default(),
            paid_on: paid_on.and_then(|d| d.0),
            credited: credited.unwrap_or_default(),
            waived: waived.unwrap_or_default(),
            kind: kind.unwrap_or_default(),
            kid: kid.flatten(),
        })
    }
}

fields!(HoldFields, [
    0 => "kind",
    1 => "from",
    2 => "to",
    3 => "note",
]);
object_only!(HoldInput, HoldVisitor, HoldFields);

impl<'de> Visitor<'de> for HoldVisitor {
    type Value = HoldInput;
    expecting!(HoldInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HoldInput, A::Error> {
        let mut kind: Option<HoldKind> = None;
        let mut from: Option<Day> = None;
        let mut to: Option<Day> = None;
        let mut note: Option<Option<String>> = None;
        while let Some(i) = next_key::<_, HoldFields>(&mut map)? {
            let name = HoldFields::name(i);
            match i {
                0 => field(&mut map, &mut kind, name)?,
                1 => field(&mut map, &mut from, name)?,
                2 => field(&mut map, &mut to, name)?,
                _ => field(&mut map, &mut note, name)?,
            }
        }
        Ok(HoldInput {
            kind: required(kind, "kind")?,
            from: required(from, "from")?.0,
            to: required(to, "to")?.0,
            note: note.flatten(),
        })
    }
}

fields!(ReminderFields, [
    0 => "sentOn",
    1 => "kind",
    2 => "fee",
    3 => "instalmentId",
]);
object_only!(ReminderInput, ReminderVisitor, ReminderFields);

impl<'de> Visitor<'de> for ReminderVisitor {
    type Value = ReminderInput;
    expecting!(ReminderInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ReminderInput, A::Error> {
        let mut sent_on: Option<Day> = None;
        let mut kind: Option<ReminderKind> = None;
        let mut fee: Option<Money> = None;
        let mut instalment_id: Option<Option<String>> = None;
        while let Some(i) = next_key::<_, ReminderFields>(&mut map)? {
            let name = ReminderFields::name(i);
            match i {
                0 => field(&mut map, &mut sent_on, name)?,
                1 => field(&mut map, &mut kind, name)?,
                2 => field(&mut map, &mut fee, name)?,
                _ => field(&mut map, &mut instalment_id, name)?,
            }
        }
        Ok(ReminderInput {
            sent_on: required(sent_on, "sentOn")?.0,
            kind: required(kind, "kind")?,
            fee: fee.unwrap_or_default(),
            instalment_id: instalment_id.flatten(),
        })
    }
}

fields!(PlanFields, [
    0 => "agreedOn",
    1 => "instalmentIds",
]);
object_only!(PlanInput, PlanVisitor, PlanFields);

impl<'de> Visitor<'de> for PlanVisitor {
    type Value = PlanInput;
    expecting!(PlanInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PlanInput, A::Error> {
        let mut agreed_on: Option<Day> = None;
        let mut instalment_ids: Option<Vec<String>> = None;
        while let Some(i) = next_key::<_, PlanFields>(&mut map)? {
            let name = PlanFields::name(i);
            match i {
                0 => field(&mut map, &mut agreed_on, name)?,
                _ => field(&mut map, &mut instalment_ids, name)?,
            }
        }
        Ok(PlanInput {
            agreed_on: required(agreed_on, "agreedOn")?.0,
            instalment_ids: instalment_ids.unwrap_or_default(),
        })
    }
}

fields!(ContactFields, [
    0 => "on",
    1 => "channel",
    2 => "outcome",
    3 => "promisedOn",
    4 => "amount",
    5 => "note",
]);
object_only!(ContactInput, ContactVisitor, ContactFields);

impl<'de> Visitor<'de> for ContactVisitor {
    type Value = ContactInput;
    expecting!(ContactInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ContactInput, A::Error> {
        let mut on: Option<Day> = None;
        let mut channel: Option<Channel> = None;
        let mut outcome: Option<ContactOutcome> = None;
        let mut promised_on: Option<OptDay> = None;
        let mut amount: Option<Option<Money>> = None;
        let mut note: Option<Option<String>> = None;
        while let Some(i) = next_key::<_, ContactFields>(&mut map)? {
            let name = ContactFields::name(i);
            match i {
                0 => field(&mut map, &mut on, name)?,
                1 => field(&mut map, &mut channel, name)?,
                2 => field(&mut map, &mut outcome, name)?,
                3 => field(&mut map, &mut promised_on, name)?,
                4 => field(&mut map, &mut amount, name)?,
                _ => field(&mut map, &mut note, name)?,
            }
        }
        Ok(ContactInput {
            on: required(on, "on")?.0,
            channel: required(channel, "channel")?,
            outcome: required(outcome, "outcome")?,
            promised_on: promised_on.and_then(|d| d.0),
            amount: amount.flatten(),
            note: note.flatten(),
        })
    }
}

fields!(ObjectionFields, [
    0 => "raisedOn",
    1 => "instalmentIds",
    2 => "reason",
    3 => "resolvedOn",
    4 => "groundless",
]);
object_only!(ObjectionInput, ObjectionVisitor, ObjectionFields);

impl<'de> Visitor<'de> for ObjectionVisitor {
    type Value = ObjectionInput;
    expecting!(ObjectionInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ObjectionInput, A::Error> {
        let mut raised_on: Option<Day> = None;
        let mut instalment_ids: Option<Vec<String>> = None;
        let mut reason: Option<String> = None;
        let mut resolved_on: Option<OptDay> = None;
        let mut groundless: Option<bool> = None;
        while let Some(i) = next_key::<_, ObjectionFields>(&mut map)? {
            let name = ObjectionFields::name(i);
            match i {
                0 => field(&mut map, &mut raised_on, name)?,
                1 => field(&mut map, &mut instalment_ids, name)?,
                2 => field(&mut map, &mut reason, name)?,
                3 => field(&mut map, &mut resolved_on, name)?,
                _ => field(&mut map, &mut groundless, name)?,
            }
        }
        Ok(ObjectionInput {
            raised_on: required(raised_on, "raisedOn")?.0,
            instalment_ids: instalment_ids.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
            resolved_on: resolved_on.and_then(|d| d.0),
            groundless: groundless.unwrap_or_default(),
        })
    }
}

fields!(HardshipFields, [
    0 => "from",
    1 => "to",
    2 => "kind",
    3 => "note",
]);
object_only!(HardshipInput, HardshipVisitor, HardshipFields);

impl<'de> Visitor<'de> for HardshipVisitor {
    type Value = HardshipInput;
    expecting!(HardshipInput);
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HardshipInput, A::Error> {
        let mut from: Option<Day> = None;
        let mut to: Option<OptDay> = None;
        let mut kind: Option<HardshipKind> = None;
        let mut note: Option<Option<String>> = None;
        while let Some(i) = next_key::<_, HardshipFields>(&mut map)? {
            let name = HardshipFields::name(i);
            match i {
                0 => field(&mut map, &mut from, name)?,
                1 => field(&mut map, &mut to, name)?,
                2 => field(&mut map, &mut kind, name)?,
                _ => field(&mut map, &mut note, name)?,
            }
        }
        Ok(HardshipInput {
            from: required(from, "from")?.0,
            to: to.and_then(|d| d.0),
            kind: required(kind, "kind")?,
            note: note.flatten(),
        })
    }
}

/// The derive the impls above replace, and the comparison with it (`tests`, the `member_fields` fuzz target).
#[cfg(any(test, fuzzing))]
pub mod reference {
    /// The input types as they were read by `#[derive(Deserialize)]` (the contract before issue 17), to hold
    /// the written-out impls to: in the tests and the `member_fields` fuzz target.
    pub mod derived {
        use crate::codes::Channel;
        use crate::dates::{self, VisitDay};
        use crate::input::{
            ContactOutcome, HardshipKind, HoldKind, InstalmentKind, MandateState, PaymentMethod,
            ReminderKind,
        };
        use crate::money::Money;
        use chrono::NaiveDate;
        use serde::{Deserialize, Serialize};

        fn null_is_default<'de, D, T>(d: D) -> Result<T, D::Error>
        where
            D: serde::Deserializer<'de>,
            T: Default + Deserialize<'de>,
        {
            Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct MemberInput {
            pub id: String,
            #[serde(with = "dates::day")]
            pub joined_on: NaiveDate,
            #[serde(
                default,
                with = "dates::opt_day",
                skip_serializing_if = "Option::is_none"
            )]
            pub binding_ends_on: Option<NaiveDate>,
            #[serde(
                default,
                with = "dates::opt_day",
                skip_serializing_if = "Option::is_none"
            )]
            pub cancelled_on: Option<NaiveDate>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub monthly_fee: Option<Money>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub payment_method: Option<PaymentMethod>,
            #[serde(default, deserialize_with = "null_is_default")]
            pub mandate: MandateState,
            #[serde(default, deserialize_with = "null_is_default")]
            pub access_blocked: bool,
            #[serde(default)]
            pub instalments: Vec<InstalmentInput>,
            #[serde(default)]
            pub visits: Vec<VisitDay>,
            #[serde(default)]
            pub holds: Vec<HoldInput>,
            #[serde(default)]
            pub reminders: Vec<ReminderInput>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub plan: Option<PlanInput>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub kid: Option<String>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub contacts: Vec<ContactInput>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub objections: Vec<ObjectionInput>,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub hardship: Vec<HardshipInput>,
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct InstalmentInput {
            pub id: String,
            #[serde(with = "dates::day")]
            pub due_on: NaiveDate,
            pub amount: Money,
            #[serde(default)]
            pub paid: Money,
            #[serde(
                default,
                with = "dates::opt_day",
                skip_serializing_if = "Option::is_none"
            )]
            pub paid_on: Option<NaiveDate>,
            #[serde(default)]
            pub credited: Money,
            #[serde(default)]
            pub waived: bool,
            #[serde(default)]
            pub kind: InstalmentKind,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub kid: Option<String>,
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct HoldInput {
            pub kind: HoldKind,
            #[serde(with = "dates::day")]
            pub from: NaiveDate,
            #[serde(with = "dates::day")]
            pub to: NaiveDate,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct ReminderInput {
            #[serde(with = "dates::day")]
            pub sent_on: NaiveDate,
            pub kind: ReminderKind,
            #[serde(default)]
            pub fee: Money,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub instalment_id: Option<String>,
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct PlanInput {
            #[serde(with = "dates::day")]
            pub agreed_on: NaiveDate,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub instalment_ids: Vec<String>,
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct ContactInput {
            #[serde(with = "dates::day")]
            pub on: NaiveDate,
            pub channel: Channel,
            pub outcome: ContactOutcome,
            #[serde(
                default,
                with = "dates::opt_day",
                skip_serializing_if = "Option::is_none"
            )]
            pub promised_on: Option<NaiveDate>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub amount: Option<Money>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct ObjectionInput {
            #[serde(with = "dates::day")]
            pub raised_on: NaiveDate,
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            pub instalment_ids: Vec<String>,
            #[serde(default)]
            pub reason: String,
            #[serde(
                default,
                with = "dates::opt_day",
                skip_serializing_if = "Option::is_none"
            )]
            pub resolved_on: Option<NaiveDate>,
            #[serde(default)]
            pub groundless: bool,
        }

        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct HardshipInput {
            #[serde(with = "dates::day")]
            pub from: NaiveDate,
            #[serde(
                default,
                with = "dates::opt_day",
                skip_serializing_if = "Option::is_none"
            )]
            pub to: Option<NaiveDate>,
            pub kind: HardshipKind,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
        }
    }

    /// How the written-out impls read `text` differently from the derive, if they do. `None`: the same member,
    /// written back the same; or the same error, line and column included; or, where the derive read a struct
    /// from an array by position, serde's "expected struct" refusal of that array, the derive failing (if at all)
    /// inside it.
    pub fn derive_disagrees(text: &str) -> Option<String> {
        let ours = serde_json::from_str::<crate::input::MemberInput>(text);
        let theirs = serde_json::from_str::<derived::MemberInput>(text);
        match (ours, theirs) {
            (Ok(a), Ok(b)) => {
                let (a, b) = (
                    serde_json::to_string(&a).ok(),
                    serde_json::to_string(&b).ok(),
                );
                (a != b).then(|| format!("read {a:?}, the derive read {b:?}"))
            }
            (Err(a), Err(b)) if a.to_string() == b.to_string() => None,
            // the derive read on into the array, by position, to whatever came of it (`starts_with`: a value
            // quoted in another message may hold these words, as the fuzz target found)
            (Err(a), b)
                if a.to_string()
                    .starts_with("invalid type: sequence, expected struct ") =>
            {
                let array = crate::jsonpath::refused_array_start(
                    text,
                    crate::jsonpath::offset_of(text, a.line(), a.column()),
                );
                match b {
                    // past the `[` at the least: the derive's error was inside the array
                    Err(b) if crate::jsonpath::offset_of(text, b.line(), b.column()) <= array => {
                        Some(format!("refused: {a}, the derive earlier: {b}"))
                    }
                    _ => None,
                }
            }
            (Err(a), Err(b)) => Some(format!("refused: {a}, the derive: {b}")),
            (Err(a), Ok(_)) => Some(format!("refused: {a}, the derive read it")),
            (Ok(_), Err(b)) => Some(format!("read, the derive refused: {b}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reference::{derive_disagrees, derived};
    use proptest::prelude::*;

    fn same_as_derive(text: &str) -> Result<(), TestCaseError> {
        match derive_disagrees(text) {
            Some(d) => Err(TestCaseError::fail(format!("{text}: {d}"))),
            None => Ok(()),
        }
    }

    /// A member with every field of the contract, each part twice.
    const FULL: &str = r#"{"id":"M-1","joinedOn":"2024-01-15","bindingEndsOn":"2025-01-15","cancelledOn":null,
        "monthlyFee":"549.00","paymentMethod":"avtalegiro","mandate":"active","accessBlocked":false,
        "instalments":[{"id":"I-1","dueOn":"2026-10-01","amount":"549.00","paid":"100","paidOn":"2026-10-02",
          "credited":0,"waived":false,"kind":"fee","kid":"0001"},{"id":"P-1","dueOn":"2026-11-01","amount":549.5,
          "kind":"plan"}],
        "visits":["2026-10-03","2026-10-05T17:00:00+01:00"],
        "holds":[{"kind":"freeze","from":"2026-06-01","to":"2026-06-30","note":"summer"},
          {"kind":"deferral","from":"2026-07-01","to":"2026-07-31"}],
        "reminders":[{"sentOn":"2026-10-15","kind":"sms","fee":0,"instalmentId":"I-1"},{"sentOn":"2026-10-29",
          "kind":"reminder","fee":"35"}],
        "plan":{"agreedOn":"2026-11-01","instalmentIds":["I-1"]},"kid":"12345",
        "contacts":[{"on":"2026-11-02","channel":"phone","outcome":"promise","promisedOn":"2026-11-20",
          "amount":"549","note":"will pay"},{"on":"2026-11-03","channel":"sms","outcome":"no_answer"}],
        "objections":[{"raisedOn":"2026-11-04","instalmentIds":["I-1"],"reason":"paid in cash",
          "resolvedOn":null,"groundless":false},{"raisedOn":"2026-11-05"}],
        "hardship":[{"from":"2026-09-01","to":"2026-12-01","kind":"illness","note":"x"},
          {"from":"2026-09-01","kind":"payment_difficulty"}],
        "unknown":{"nested":[1,{"a":null}]}}"#;

    /// What a mutation inserts: JSON's punctuation, values of every type, keys of every struct.
    const SNIPPETS: &[&str] = &[
        "\"",
        ",",
        ":",
        "{",
        "}",
        "[",
        "]",
        " ",
        "null",
        "true",
        "1",
        "-3",
        "1.5",
        "1e999",
        "\"x\"",
        "\"\\u00e5\"",
        "\"\\q\"",
        "{}",
        "[]",
        "[{}]",
        "[[]]",
        "\"2026-02-30\"",
        "\"2026-02-28\"",
        "\"abc\"",
        "\"549.00\"",
        "\"id\":\"Z\",",
        "\"id\":",
        "\"joinedOn\":",
        "\"amount\":",
        "\"kind\":",
        "\"dueOn\":",
        "\"from\":",
        "\"mandate\":",
        "\"visits\":",
        "\"holds\":",
        "\"plan\":",
        "\"channel\":",
        "\"outcome\":",
        "\"instalmentIds\":",
        "\"freeze\"",
        "\"card\"",
        "{\"card\":null}",
        "\"sms\"",
        "[\"fee\",\"2026-01-01\",\"5\"]",
    ];

    /// A record with `edits` applied: each cuts a few bytes at a place or puts a snippet there.
    fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
        let mut s = text.to_string();
        for &(at, cut, snippet) in edits {
            let mut at = at % (s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            if cut % 3 == 0 {
                let mut end = (at + 1 + cut % 7).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            } else {
                s.insert_str(at, SNIPPETS[snippet % SNIPPETS.len()]);
            }
        }
        s
    }

    fn records() -> Vec<String> {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let gym = restanse_sample::generate_json(40, 5, as_of);
        let values: Vec<serde_json::Value> = serde_json::from_str(&gym).unwrap_or_default();
        let mut out: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        out.push(FULL.to_string());
        out
    }

    #[test]
    fn records_read_as_the_derive_read_them() {
        let records = records();
        assert!(records.len() > 40);
        for r in &records {
            same_as_derive(r).unwrap();
            // every byte cut, then every field turned into an array
            for at in (0..r.len()).step_by(7) {
                same_as_derive(&mutate(r, &[(at, 0, 0)])).unwrap();
            }
        }
        // the refusal's words quoted inside another error (the fuzz target's second find)
        same_as_derive(
            r#"{"id":"M-1","mandate":"missinginvalid type: sequence, expected struct ","x":1}"#,
        )
        .unwrap();
        // arrays where objects belong, whole and broken (the fuzz target's first find: the derive's error inside
        // the array, before where serde_json places the refusal)
        for text in [
            "[, [   f",
            "[]",
            "[1]",
            "[\n ]",
            r#"{"holds":[[]]}"#,
            r#"{"holds":[[ , ]]}"#,
            r#"{"plan":[]}"#,
        ] {
            same_as_derive(text).unwrap();
        }
        // the one difference, and that it is a rejection rather than a guess
        let positional = r#"{"id":"M-1","joinedOn":"2024-01-15","holds":[["freeze","2026-01-01","2026-02-01"]]}"#;
        let err = serde_json::from_str::<crate::input::MemberInput>(positional).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid type: sequence, expected struct HoldInput at line 1 column 46"
        );
        assert!(serde_json::from_str::<derived::MemberInput>(positional).is_ok());
    }

    /// `v` written as JSON with each object key numbered in document order and `how(n)` times written (0: left
    /// out, 2: twice).
    fn write_with(
        v: &serde_json::Value,
        how: &dyn Fn(usize) -> usize,
        n: &mut usize,
        out: &mut String,
    ) {
        match v {
            serde_json::Value::Object(map) => {
                out.push('{');
                let mut first = true;
                for (k, v) in map {
                    let times = how(*n);
                    *n += 1;
                    for _ in 0..times {
                        if !first {
                            out.push(',');
                        }
                        first = false;
                        out.push_str(&serde_json::Value::from(k.as_str()).to_string());
                        out.push(':');
                        write_with(v, how, n, out);
                    }
                    if times == 0 {
                        // the keys inside still count
                        write_with(v, how, n, &mut String::new());
                    }
                }
                out.push('}');
            }
            serde_json::Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_with(v, how, n, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }

    /// Every field of the full member left out, given twice, and every two left out together: the missing and
    /// duplicate fields the derive names, in the order it names them.
    #[test]
    fn missing_and_repeated_fields_are_named_as_the_derive_named_them() {
        assert!(serde_json::from_str::<crate::input::MemberInput>(FULL).is_ok());
        let full: serde_json::Value = serde_json::from_str(FULL).unwrap_or_default();
        let mut keys = 0;
        write_with(&full, &|_| 1, &mut keys, &mut String::new());
        assert!(keys > 60, "{keys}");
        let variant = |how: &dyn Fn(usize) -> usize| {
            let mut out = String::new();
            write_with(&full, how, &mut 0, &mut out);
            out
        };
        for i in 0..keys {
            same_as_derive(&variant(&|k| if k == i { 0 } else { 1 })).unwrap();
            same_as_derive(&variant(&|k| if k == i { 2 } else { 1 })).unwrap();
            for j in i + 1..keys {
                same_as_derive(&variant(&|k| if k == i || k == j { 0 } else { 1 })).unwrap();
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn mutated_records_read_as_the_derive_read_them(
            pick in any::<prop::sample::Index>(),
            edits in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..4),
        ) {
            let records = RECORDS.with(|r| r.clone());
            let record = pick.get(&records);
            same_as_derive(&mutate(record, &edits))?;
        }
    }

    thread_local! {
        static RECORDS: Vec<String> = records();
    }
}
