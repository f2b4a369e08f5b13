//! Shared by the benches: realistic generated cases (as `CaseFields` or as a
//! CSV file), a scratch folder on the real disk, timing statistics and
//! number formatting.
//!
//! Each bench uses a different part of this module, so items unused by one
//! of them are expected.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use casebench::model::case::CaseFields;

pub mod cli;
pub mod pty;
pub mod session;

/// True under `cargo bench` (cargo passes `--bench`). Under `cargo test
/// --all-targets` the benches run once, tiny, as a smoke test only.
pub fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// A scratch folder beside the build output (`target/<profile>/bench-tmp`),
/// so that files and fsyncs hit the same disk as the build, not a tmpfs.
pub fn scratch_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("bench executable path");
    // target/<profile>/deps/<bench>-<hash>
    let profile_dir = exe
        .ancestors()
        .nth(2)
        .expect("bench executable in target/<profile>/deps");
    let dir = profile_dir.join("bench-tmp");
    std::fs::create_dir_all(&dir).expect("create bench scratch dir");
    dir
}

/// A small deterministic generator (xorshift64*), so every run builds the
/// same files without a dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator whose state is `seed` mixed by splitmix64, so that
    /// neighbouring seeds give unrelated sequences.
    pub fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Self((z ^ (z >> 31)).max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const CATEGORIES: [&str; 6] = [
    "Missing from home or care",
    "Detained in custody",
    "Online sexual exploitation",
    "Domestic abuse",
    "Multi-agency referral",
    "Neglect",
];

const SOURCES: [&str; 6] = [
    "School",
    "Foster carer",
    "GP",
    "Police",
    "Neighbour",
    "Health visitor",
];

const SENTENCES: [&str; 12] = [
    "The call handler completed the initial risk assessment during the call, and the duty inspector reviewed it within the hour.",
    "The child's mother said \"he has done this before, but never overnight\" and gave the names of two friends.",
    "A response officer attended at 19:10, searched the room, obtained a recent photograph and noted known associates.",
    "The out-of-hours social worker was informed the same evening; the placing authority, the next morning.",
    "No strategy discussion was held, although the referral met the threshold for one.",
    "The record shows the risk was graded \"medium\", with a rationale that does not mention the previous episodes.",
    "An independent worker completed a return home interview two days later, in which the child described being asked to carry packages.",
    "The school's designated safeguarding lead shared concerns about attendance, bruising and a new, older boyfriend.",
    "Checks with health, education and children's services were completed within 24 hours, and a plan was agreed.",
    "The officer's body-worn video was not reviewed by a supervisor, so the \"voice of the child\" was not recorded.",
    "Information was shared with the multi-agency safeguarding hub, which held a meeting within three working days.",
    "The investigation was finalised without the victim's account, on the grounds that she \"did not support\" it.",
];

/// The fields of generated case `i` (0-based): an id, a title, one of six
/// areas of practice, a date, a narrative of about 380 characters in two
/// paragraphs with commas and quotation marks, and two extra fields.
pub fn case_fields(i: usize) -> CaseFields {
    let mut rng = Rng::new(i as u64);
    let age = 8 + rng.below(10);
    let category = rng.pick(&CATEGORIES);
    let mut summary = String::with_capacity(480);
    while summary.len() < 322 {
        if !summary.is_empty() {
            // A paragraph break about halfway, so narratives span lines.
            summary.push_str(if summary.len() > 180 && !summary.contains('\n') {
                "\n\n"
            } else {
                " "
            });
        }
        summary.push_str(rng.pick(&SENTENCES));
    }
    CaseFields {
        id: format!("CP-{:06}", i + 1),
        title: Some(format!(
            "Child, {age}: {} referral",
            rng.pick(&SOURCES).to_lowercase()
        )),
        category: Some(category.to_owned()),
        opened: Some(format!(
            "2025-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        summary: Some(summary),
        extra: vec![
            ("child_age".into(), age.to_string()),
            ("referral_source".into(), rng.pick(&SOURCES).to_owned()),
        ],
    }
}

/// A CSV sample of `n` generated cases (RFC 4180 quoting), about 450 bytes
/// per case: 10,000 cases make about 4.5 MB.
pub fn csv_text(n: usize) -> String {
    let mut out = String::with_capacity(n * 470 + 80);
    out.push_str(CSV_HEADER);
    for i in 0..n {
        out.push_str(&csv_row(&case_fields(i)));
    }
    out
}

/// The header row of [`csv_text`].
pub const CSV_HEADER: &str = "id,title,category,opened,summary,child_age,referral_source\n";

/// One generated case as a CSV row of [`csv_text`], with its line break.
pub fn csv_row(f: &CaseFields) -> String {
    let mut out = String::with_capacity(480);
    let extra = |k: usize| f.extra[k].1.as_str();
    let cells = [
        f.id.as_str(),
        f.title.as_deref().unwrap_or(""),
        f.category.as_deref().unwrap_or(""),
        f.opened.as_deref().unwrap_or(""),
        f.summary.as_deref().unwrap_or(""),
        extra(0),
        extra(1),
    ];
    for (k, cell) in cells.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            let _ = write!(out, "\"{}\"", cell.replace('"', "\"\""));
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
    out
}

/// Order statistics of a set of timings.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub median: Duration,
    pub p90: Duration,
    pub min: Duration,
    pub max: Duration,
}

impl Stats {
    /// Median (mean of the two middle values for an even count), p90 by
    /// nearest rank, min and max. Panics on an empty set.
    pub fn of(samples: &[Duration]) -> Stats {
        assert!(!samples.is_empty(), "no timings");
        let mut s = samples.to_vec();
        s.sort();
        let n = s.len();
        let median = if n % 2 == 1 {
            s[n / 2]
        } else {
            (s[n / 2 - 1] + s[n / 2]) / 2
        };
        let p90 = s[(n * 9).div_ceil(10).max(1) - 1];
        Stats {
            median,
            p90,
            min: s[0],
            max: s[n - 1],
        }
    }
}

/// Milliseconds with one decimal: "9.8 ms".
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// 100000 → "100,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "(target < 15 ms) ok" or "… MISSED", judged on `value` against `limit`
/// (no verdict in a smoke run).
pub fn verdict(value: Duration, limit: Duration, target: &str) -> String {
    let mark = if !bench_mode() {
        "(smoke run: no verdict)"
    } else if value < limit {
        "ok"
    } else {
        "MISSED"
    };
    format!("(target {target}) {mark}")
}
