//! Every loader survives hostile input: arbitrary bytes and mutations of
//! valid files, in every sample format, never panic and never hang; they
//! load or report problems. A short, seeded run is part of the tests; the
//! long run is `CASEBENCH_FUZZ_CASES=100000 cargo test --release --lib fuzz`.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};

use super::*;

/// How many inputs each property tries: a few hundred normally, more when
/// `CASEBENCH_FUZZ_CASES` says so.
fn runner() -> TestRunner {
    let cases = std::env::var("CASEBENCH_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(300);
    TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(20_261_128),
        failure_persistence: None,
        ..Config::default()
    })
}

const CSV: &str = "Case Ref;Area;Summary\nA1;Custody;\"held; overnight\"\nA2;Missing;found\n";
const RON: &str =
    "(name: \"s\", cases: [(id: \"A\", title: \"t\"), (id: \"B\", summary: \"x\\ny\")])";
const JSON: &str = r#"{"name": "s", "cases": [{"id": "A", "title": "t"}, {"id": "B"}]}"#;

/// A valid file with a few bytes flipped, inserted or removed.
fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    proptest::collection::vec((0..len, any::<u8>(), 0u8..3), 1..8).prop_map(move |edits| {
        let mut bytes = base.as_bytes().to_vec();
        for (at, byte, kind) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match kind {
                0 if !bytes.is_empty() => bytes[at] ^= byte | 1,
                1 => bytes.insert(at, byte),
                _ if !bytes.is_empty() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        bytes
    })
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
