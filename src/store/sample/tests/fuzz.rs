//! Every loader survives hostile input: arbitrary bytes and mutations of
//! valid files, in every sample format, never panic and never hang; they
//! load or report problems. Seeded; see `store::fuzzing` for the long run.

use proptest::prelude::*;

use super::*;
use crate::store::fuzzing::{edits, mutate, runner};

const CSV: &str = "Case Ref;Area;Summary\nA1;Custody;\"held; overnight\"\nA2;Missing;found\n";
const RON: &str =
    "(name: \"s\", cases: [(id: \"A\", title: \"t\"), (id: \"B\", summary: \"x\\ny\")])";
const JSON: &str = r#"{"name": "s", "cases": [{"id": "A", "title": "t"}, {"id": "B"}]}"#;

/// A valid file with a few bytes flipped, inserted or removed.
fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    edits(8).prop_map(move |edits| mutate(base.as_bytes(), &edits))
}

fn survives(bytes: &[u8], format: Format) {
    // Ok or a list of problems; a panic fails the test.
    let _ = parse_sample(bytes, format, "fuzz", None);
}

#[test]
fn arbitrary_bytes_never_panic_a_loader() {
    let formats = [
        Format::Csv,
        Format::Tsv,
        Format::Ron,
        Format::Json,
        Format::Spreadsheet,
    ];
    runner()
        .run(&proptest::collection::vec(any::<u8>(), 0..600), |bytes| {
            for format in formats {
                survives(&bytes, format);
            }
            Ok(())
        })
        .expect("no panics");
}

#[test]
fn mutated_samples_never_panic_a_loader() {
    for (base, format) in [(CSV, Format::Csv), (RON, Format::Ron), (JSON, Format::Json)] {
        runner()
            .run(&mutated(base), |bytes| {
                survives(&bytes, format);
                Ok(())
            })
            .expect("no panics");
    }
}
