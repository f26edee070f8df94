//! Issue 14: a careless CSV export loses no member's debt silently.
use restanse::input::{read_tables, Tables};
use restanse::output::Rejection;

const MEMBERS: &str = "id,joined_on,monthly_fee\nM-1,2026-01-01,549\nM-2,2026-01-01,549\n";

fn read(t: &Tables) -> (Vec<String>, Vec<Rejection>) {
    let records = read_tables(t).unwrap();
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for r in records {
        match r {
            Ok(m) => ok.push(m.id),
            Err(e) => bad.push(e),
        }
    }
    (ok, bad)
}

#[test]
fn a_row_with_one_column_too_many_rejects_its_member_by_file_line_and_id() {
    let t = Tables {
        members: MEMBERS,
        instalments: Some(
            "member_id,id,due_on,amount\nM-1,I-1,2026-10-01,549,extra\nM-2,I-2,2026-10-01,549\n",
        ),
        ..Tables::default()
    };
    let (ok, bad) = read(&t);
    assert_eq!(ok, vec!["M-2"]);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].member_id.as_deref(), Some("M-1"));
    assert_eq!(bad[0].source.as_deref(), Some("instalments.csv:2"));
    assert_eq!(bad[0].field, "row");
    assert!(bad[0].reason.contains("5 columns"), "{}", bad[0].reason);
}

#[test]
fn an_unterminated_quote_is_an_error_at_its_line_and_swallows_nothing() {
    let mut members = String::from("id,joined_on,monthly_fee,payment_method\n");
    members.push_str("M-0001,\"2026-01-01,549,invoice\n");
    for i in 2..=1000 {
        members.push_str(&format!("M-{i:04},2026-01-01,549,invoice\n"));
    }
    let (ok, bad) = read(&Tables {
        members: &members,
        ..Tables::default()
    });
    assert_eq!(ok.len(), 999);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].source.as_deref(), Some("members.csv:2"));
    assert_eq!(bad[0].member_id.as_deref(), Some("M-0001"));
    assert!(bad[0].reason.len() < 200, "{}", bad[0].reason);
    // and a quote in the last column, which would otherwise make one long valid note
    let mut holds =
        String::from("member_id,kind,from,to,note\nM-1,freeze,2026-06-01,2026-06-30,\"injury\n");
    for _ in 0..100 {
        holds.push_str("M-2,freeze,2026-06-01,2026-06-30,holiday\n");
    }
    let (ok, bad) = read(&Tables {
        members: MEMBERS,
        holds: Some(&holds),
        ..Tables::default()
    });
    assert_eq!(ok, vec!["M-2"]);
    assert_eq!(bad[0].source.as_deref(), Some("holds.csv:2"));
}

#[test]
fn a_quoted_note_over_two_lines_is_still_read() {
    let holds =
        "member_id,kind,from,to,note\nM-1,freeze,2026-06-01,2026-06-30,\"knee,\nsurgery\"\n";
    let records = read_tables(&Tables {
        members: MEMBERS,
        holds: Some(holds),
        ..Tables::default()
    })
    .unwrap();
    let m = records[0].as_ref().unwrap();
    assert_eq!(m.holds[0].note.as_deref(), Some("knee,\nsurgery"));
}

#[test]
fn a_rejected_member_brings_no_false_follow_on_rejections_and_names_its_other_bad_rows() {
    let t = Tables {
        members: "id,joined_on\nM-1,2026-02-30\nM-2,2026-01-01\n",
        instalments: Some(
            "member_id,id,due_on,amount\nM-1,I-1,2026-10-01,549\nM-1,I-2,2026-10-01,five\nM-2,I-3,2026-10-01,549\n",
        ),
        visits: Some("member_id,visit\nM-1,2026-10-03\n"),
        ..Tables::default()
    };
    let (ok, bad) = read(&t);
    assert_eq!(ok, vec!["M-2"]);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].source.as_deref(), Some("members.csv:2"));
    assert!(
        bad[0].reason.contains("instalments.csv:3"),
        "{}",
        bad[0].reason
    );
}

#[test]
fn a_duplicate_member_row_names_both_lines() {
    let (ok, bad) = read(&Tables {
        members: "id,joined_on\nM-1,2026-01-01\nM-2,2026-01-01\nM-1,2026-03-01\n",
        ..Tables::default()
    });
    assert_eq!(ok, vec!["M-1", "M-2"]);
    assert_eq!(bad[0].source.as_deref(), Some("members.csv:4"));
    assert!(bad[0].reason.contains("members.csv:2"), "{}", bad[0].reason);
    assert_eq!(bad[0].record, 3);
}

#[test]
fn counts_reconcile_through_the_engine() {
    let t = Tables {
        members: "id,joined_on\nM-1,2026-01-01\nM-1,2026-01-01\nM-3,\"2026\n",
        instalments: Some(
            "member_id,id,due_on,amount\nM-9,I-1,2026-10-01,549\nM-1,I-2,2026-10-01\n",
        ),
        ..Tables::default()
    };
    let records = read_tables(&t).unwrap();
    let n = records.len();
    let engine = restanse::Engine::new(restanse::policy::Policy::default()).unwrap();
    let out = engine.assess_parsed(records, restanse::input::parse_date("2026-12-01").unwrap());
    assert_eq!(out.assessments.len() + out.rejected.len(), n);
    assert_eq!(out.assessments.len(), 0, "{:?}", out.rejected);
}
