//! A streamed batch gives what the batch held in memory gives (issue 18): the same assessments, rejections,
//! report and visit model, whatever the chunking, the shape (array or NDJSON) and the subsample's first cap.
//!
//! `streamed` does here, in memory, what the CLI does over a file (`restanse-cli`'s `batch` module): split,
//! note the ids' hashes, pick the visit model's subsample by id (another pass when the first cap was too
//! small), fit, judge each record, collect in order remembering only the ids whose hash repeats.
use proptest::prelude::*;
use restanse::input::parse_batch;
use restanse::input::split::{Span, Splitter};
use restanse::output::{Assessment, Rejection};
use restanse::output::{Report, ReportBuilder as Builder};
use restanse::{Collector, IdHashes};
use restanse::{Engine, Policy, VisitSample};
use serde_json::{json, Value};

fn as_of() -> chrono::NaiveDate {
    restanse::input::parse_date("2026-11-23").unwrap()
}

struct Streamed {
    assessments: Vec<Assessment>,
    rejected: Vec<Rejection>,
    report: Report,
    passes: usize,
}

fn split(input: &[u8], chunk: usize) -> Vec<Span> {
    let mut s = Splitter::new();
    let mut spans = Vec::new();
    for c in input.chunks(chunk.max(1)) {
        s.feed(c, &mut |x| spans.push(x)).unwrap();
    }
    s.finish(&mut |x| spans.push(x)).unwrap();
    spans
}

fn streamed(engine: &Engine, input: &[u8], chunk: usize, cap: Option<usize>) -> Streamed {
    let text = |x: &Span| {
        input
            .get(x.start as usize..x.end as usize)
            .map(<[u8]>::to_vec)
    };
    let (mut cap, mut passes) = (cap, 0);
    let (spans, visits) = loop {
        passes += 1;
        let spans = split(input, chunk);
        let Some(mut sample) = VisitSample::new(engine, cap) else {
            break (spans, None);
        };
        spans.iter().for_each(|x| sample.offer(x));
        match sample.fit(engine, as_of(), &mut |x| text(x)) {
            Ok(model) => break (spans, Some(model)),
            Err(more) => cap = Some(more),
        }
    };
    let mut ids = IdHashes::new();
    spans.iter().for_each(|x| ids.offer(x));
    let mut collector = Collector::streamed(engine.policy().language, ids.repeated());
    let mut report = Builder::new(as_of(), engine.policy());
    let mut assessments = Vec::new();
    for x in &spans {
        let j = engine.judge_text(
            &text(x).unwrap(),
            x.record,
            x.start,
            as_of(),
            visits.as_ref(),
        );
        if let Some(e) = collector.accept(j) {
            report.add(&e);
            assessments.push(e.assessment);
        }
    }
    assert_eq!(collector.records(), spans.len());
    let rejected = collector.into_rejected();
    Streamed {
        report: report.finish(&rejected, spans.len()),
        assessments,
        rejected,
        passes,
    }
}

fn held(engine: &Engine, json: &str) -> (Vec<Assessment>, Vec<Rejection>, Report) {
    let run = engine.run(parse_batch(json).unwrap(), as_of(), true, &mut |_, _| {});
    (
        run.output.assessments,
        run.output.rejected,
        run.report.unwrap(),
    )
}

fn assert_same(engine: &Engine, json: &str, s: &Streamed) {
    let (assessments, rejected, report) = held(engine, json);
    assert_eq!(s.assessments.len(), assessments.len());
    for (a, b) in s.assessments.iter().zip(&assessments) {
        assert_eq!(a, b, "member {}", b.member_id);
    }
    assert_eq!(s.rejected, rejected);
    assert_eq!(
        serde_json::to_string(&s.report).unwrap(),
        serde_json::to_string(&report).unwrap()
    );
}

/// The sample gym with the records a careless export has: duplicates, bad values, non-objects, a record
/// that is not valid JSON inside (`tru`), escaped ids.
fn messy_batch(members: usize) -> String {
    let gym = restanse_sample::generate_json(members, 7, as_of());
    let mut records: Vec<String> = serde_json::from_str::<Vec<Value>>(&gym)
        .unwrap()
        .iter()
        .map(|m| m.to_string())
        .collect();
    let id = |i: usize| format!("M-{i:06}");
    records.insert(5, records[3].clone());
    records.insert(
        10,
        json!({"id": id(40), "joinedOn": "2024-13-01"}).to_string(),
    );
    records.insert(11, json!({"joinedOn": "2024-01-01"}).to_string());
    records.insert(12, "42".into());
    records.insert(13, "[1,2]".into());
    records.insert(14, r#"{"id":"B","joinedOn": tru}"#.into());
    records.insert(
        15,
        r#"{"id":"B","joinedOn":"2024-01-01","visits":["2026-11-01"]}"#.into(),
    );
    records.insert(16, r#"{"id":"\u0042","joinedOn":"2024-01-01"}"#.into());
    format!("[{}]", records.join(",\n "))
}

#[test]
fn a_streamed_batch_is_the_batch_held_in_memory() {
    let engine = Engine::default();
    let json = messy_batch(1500);
    for chunk in [1 << 20, 4096, 7] {
        let s = streamed(&engine, json.as_bytes(), chunk, None);
        assert_same(&engine, &json, &s);
        assert_eq!(s.passes, 1);
    }
    // the messy records are all there, named as in memory
    let s = streamed(&engine, json.as_bytes(), 4096, None);
    // 8 records added; rejected: the copy, the unreadable date (a reading error, so its id is not taken and the
    // real member with it is assessed), no id, 42, [1,2], `tru`, and "\u0042", which is "B" again
    assert_eq!(s.rejected.len(), 7, "{:#?}", s.rejected);
    assert_eq!(s.assessments.len() + s.rejected.len(), 1500 + 8);
}

#[test]
fn ndjson_is_read_as_the_array_is() {
    let engine = Engine::default();
    let json = messy_batch(300);
    let ndjson: String = split(json.as_bytes(), 1 << 20)
        .iter()
        .map(|x| format!("{}\n", &json[x.start as usize..x.end as usize]))
        .collect();
    let a = streamed(&engine, json.as_bytes(), 1 << 20, None);
    let b = streamed(&engine, ndjson.as_bytes(), 1 << 20, None);
    assert_eq!(a.assessments, b.assessments);
    assert_eq!(a.rejected, b.rejected);
}

#[test]
fn a_subsample_cap_too_small_takes_another_pass_and_the_same_model() {
    // most members never visited: the lowest-hashing ids mostly have no visit summary, so a first cap of
    // `fitSample` ids cannot fill the subsample
    let mut policy = Policy::default();
    policy.latent.fit_sample = 20;
    policy.latent.min_fit_members = 10;
    let engine = Engine::new(policy).unwrap();
    let members: Vec<Value> = (0..600)
        .map(|i| {
            let visits: Vec<String> = if i % 10 == 0 {
                (0..(3 + i % 7))
                    .map(|k| format!("2026-{:02}-{:02}", 1 + (k + i) % 10, 1 + k * 3))
                    .collect()
            } else {
                vec![]
            };
            json!({"id": format!("S-{i}"), "joinedOn": "2025-06-01", "visits": visits})
        })
        .collect();
    let json = serde_json::to_string(&members).unwrap();
    let s = streamed(&engine, json.as_bytes(), 1 << 16, Some(20));
    assert!(s.passes > 1, "{} passes", s.passes);
    assert_same(&engine, &json, &s);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Any chunking, any duplicated or broken records: the same answer as in memory.
    #[test]
    fn any_chunking_and_duplicates_give_the_held_answer(
        chunk in 1usize..5000,
        dups in proptest::collection::vec((0usize..60, 0usize..60), 0..8),
        broken in proptest::collection::vec(0usize..60, 0..3),
    ) {
        let engine = Engine::default();
        let gym = restanse_sample::generate_json(60, 3, as_of());
        let mut records: Vec<String> = serde_json::from_str::<Vec<Value>>(&gym)
            .unwrap()
            .iter()
            .map(|m| m.to_string())
            .collect();
        for (from, to) in dups {
            let r = records[from].clone();
            records.insert(to.min(records.len()), r);
        }
        for at in broken {
            let at = at.min(records.len() - 1);
            records[at] = records[at].replacen("\"joinedOn\":\"", "\"joinedOn\":tru\"", 1);
        }
        let json = format!("[{}]", records.join(","));
        let s = streamed(&engine, json.as_bytes(), chunk, None);
        let (assessments, rejected, _) = held(&engine, &json);
        prop_assert_eq!(s.assessments, assessments);
        prop_assert_eq!(s.rejected, rejected);
    }
}

/// Reading a record from where it starts in the batch finds where it ends, and judges it as reading its span
/// does; a record that does not read is left to the span (`judge_next` is `None` exactly when the record
/// could not be read as a member).
#[test]
fn a_record_read_from_its_start_is_judged_as_its_span_is() {
    let engine = Engine::default();
    let mut json = messy_batch(400);
    json.insert_str(
        json.len() - 1,
        r#",{"id":"E","joinedOn":"2025-01-01","x":[1,,2]}"#,
    );
    json.insert_str(
        json.len() - 1,
        r#","s",{"id":"E","joinedOn":"2025-01-01"}  "#,
    );
    let spans = split(json.as_bytes(), 1 << 20);
    let (mut read, mut unread) = (0, 0);
    for x in &spans {
        let text = &json[x.start as usize..x.end as usize];
        let want = engine.judge_text(text.as_bytes(), x.record, x.start, as_of(), None);
        match engine.judge_next(&json, x.start as usize, x.record, as_of(), None) {
            Some((got, end)) => {
                assert_eq!(end, x.end as usize, "record {}", x.record);
                assert_eq!(got, want, "record {}", x.record);
                assert!(want.read_id.is_some());
                read += 1;
            }
            None => {
                assert_eq!(want.read_id, None, "record {}", x.record);
                unread += 1;
            }
        }
    }
    assert!(read > 400 && unread >= 5, "{read} read, {unread} not");
}

/// Ids written as long as validation allows (200 characters, each a surrogate pair escape: 2,400 bytes), and
/// repeated, are duplicates streamed as in memory.
#[test]
fn long_escaped_ids_are_duplicates_as_in_memory() {
    let engine = Engine::default();
    let id = |c: char| format!("{c}").repeat(200);
    let written = |c: char| {
        let mut units = [0u16; 2];
        c.encode_utf16(&mut units)
            .iter()
            .map(|u| format!("\\u{u:04x}"))
            .collect::<String>()
            .repeat(200)
    };
    let mut records = vec![];
    for c in ['😀', '😁', '😀', '😂', '😁'] {
        records.push(format!(
            r#"{{"id":"{}","joinedOn":"2025-01-01"}}"#,
            written(c)
        ));
    }
    // the same id written plainly
    records.push(format!(
        r#"{{"id":"{}","joinedOn":"2025-01-01"}}"#,
        id('😂')
    ));
    let json = format!("[{}]", records.join(","));
    let s = streamed(&engine, json.as_bytes(), 1 << 10, None);
    assert_same(&engine, &json, &s);
    let dups: Vec<usize> = s.rejected.iter().map(|r| r.record).collect();
    assert_eq!(dups, [3, 5, 6]);
}
