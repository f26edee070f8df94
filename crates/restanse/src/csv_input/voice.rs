//! The member's-voice files of a CSV export (issue 13), read like the others (`csv_input`, whose child this is): columns are the
//! contract's field names in snake_case, each row linked to a member by `member_id`, a bad row rejecting its
//! member with the file and line, an orphan row reported.
//!
//! | file | columns |
//! |---|---|
//! | contacts.csv | `member_id, on, channel, outcome, promised_on, amount, note` |
//! | objections.csv | `member_id, raised_on, instalment_ids, reason, resolved_on, groundless` (`instalment_ids`: space- or `|`-separated; empty: every open claim) |
//! | hardship.csv | `member_id, from, to, kind, note` |

use super::{attach, code, flex_bool, money, BadRow, Cell, Cells, FromCells};
use crate::dates;
use crate::input::MemberInput;
use crate::input::{ContactInput, HardshipInput, ObjectionInput};
use crate::parse::{InputError, Parsed};
use std::collections::HashMap;

/// The text of each member's-voice file, when the export has it.
#[derive(Debug, Clone, Copy, Default)]
pub struct VoiceTables<'a> {
    pub contacts: Option<&'a str>,
    pub objections: Option<&'a str>,
    pub hardship: Option<&'a str>,
}

struct Row<T> {
    member_id: String,
    item: T,
}

fn note(c: &Cells, name: &str) -> Cell<Option<String>> {
    c.opt(name, |s| Ok(s.to_string()))
}

impl FromCells for Row<ContactInput> {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(Row {
            member_id: c.text("member_id")?,
            item: ContactInput {
                on: c.req("on", dates::parse_date)?,
                channel: c.req("channel", code)?,
                outcome: c.req("outcome", code)?,
                promised_on: c.opt("promised_on", dates::parse_date)?,
                amount: c.opt("amount", money)?,
                note: note(c, "note")?,
            },
        })
    }
}

impl FromCells for Row<ObjectionInput> {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(Row {
            member_id: c.text("member_id")?,
            item: ObjectionInput {
                raised_on: c.req("raised_on", dates::parse_date)?,
                instalment_ids: c
                    .opt("instalment_ids", |s| {
                        Ok(s.split(|ch: char| ch == '|' || ch.is_whitespace())
                            .filter(|x| !x.is_empty())
                            .map(str::to_string)
                            .collect::<Vec<_>>())
                    })?
                    .unwrap_or_default(),
                reason: note(c, "reason")?.unwrap_or_default(),
                resolved_on: c.opt("resolved_on", dates::parse_date)?,
                groundless: c.opt("groundless", flex_bool)?.unwrap_or(false),
            },
        })
    }
}

impl FromCells for Row<HardshipInput> {
    fn from_cells(c: &Cells) -> Cell<Self> {
        Ok(Row {
            member_id: c.text("member_id")?,
            item: HardshipInput {
                from: c.req("from", dates::parse_date)?,
                to: c.opt("to", dates::parse_date)?,
                kind: c.req("kind", code)?,
                note: note(c, "note")?,
            },
        })
    }
}

/// Attaches the rows of the three files to their members (called from [`crate::csv_input::read_tables_with`]).
pub(crate) fn attach_all(
    t: &VoiceTables,
    index: &HashMap<String, usize>,
    records: &mut [Parsed],
    orphans: &mut Vec<BadRow>,
) -> Result<(), InputError> {
    attach::<Row<ContactInput>>(
        "contacts.csv",
        t.contacts,
        index,
        records,
        orphans,
        |m: &mut MemberInput, r| m.contacts.push(r.item),
        |r| r.member_id.clone(),
    )?;
    attach::<Row<ObjectionInput>>(
        "objections.csv",
        t.objections,
        index,
        records,
        orphans,
        |m: &mut MemberInput, r| m.objections.push(r.item),
        |r| r.member_id.clone(),
    )?;
    attach::<Row<HardshipInput>>(
        "hardship.csv",
        t.hardship,
        index,
        records,
        orphans,
        |m: &mut MemberInput, r| m.hardship.push(r.item),
        |r| r.member_id.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_input::{read_tables_with, Tables};

    #[test]
    fn the_voice_files_attach_to_their_members_and_a_bad_row_names_file_and_line() {
        let t = Tables {
            members: "id,joined_on\nM-1,2024-01-15\nM-2,2024-01-15\n",
            ..Tables::default()
        };
        let v = VoiceTables {
            contacts: Some("member_id,on,channel,outcome,promised_on,amount,note\nM-1,2026-11-20,phone,promise,2026-11-30,\"549,00\",payday\nM-2,2026-11-20,phone,shouted,,,\n"),
            objections: Some("member_id,raised_on,instalment_ids,reason,resolved_on,groundless\nM-1,2026-11-10,I-1|I-2,cancelled in August,,false\n"),
            hardship: Some("member_id,from,to,kind,note\nM-1,2026-11-01,,illness,\nM-9,2026-11-01,,illness,\n"),
        };
        let recs = read_tables_with(&t, &v).unwrap();
        let m1 = recs[0].as_ref().unwrap();
        assert_eq!(m1.contacts.len(), 1);
        assert_eq!(m1.objections[0].instalment_ids, vec!["I-1", "I-2"]);
        assert_eq!(m1.hardship.len(), 1);
        let r = recs[1].as_ref().unwrap_err();
        assert_eq!(
            (r.source.as_deref(), r.field.as_str()),
            (Some("contacts.csv:3"), "outcome")
        );
        let r = recs[2].as_ref().unwrap_err();
        assert_eq!(r.source.as_deref(), Some("hardship.csv:3"));
    }
}
