//! The first cases of a big CSV or TSV sample, read from the head of the
//! file only, for the screen to show at once while the whole file is read.
//! Nothing here is reported: the whole read reports every problem, and
//! only its sample is ever graded.

use std::path::Path;

use super::error::Problems;
use super::options::{Delimiter, ReadOptions};
use super::{Format, decode};
use crate::model::case::{Sample, SampleSource};
use crate::store::progress::Progress;

/// How much of the file the preview reads: a few screens of cases.
const HEAD: usize = 64 << 10;

/// The cases in the first 64 KiB (`HEAD`) of the CSV or TSV sample at
/// `path`, read as `options` say; `None` for other formats or when nothing
/// can be read. The last of them may be cut short if a quoted field runs
/// across lines at the cut.
pub fn preview(path: &Path, options: &ReadOptions) -> Option<Sample> {
    let format = Format::from_path(path)?;
    let usual = match format {
        Format::Csv => Delimiter::COMMA,
        Format::Tsv => Delimiter::TAB,
        _ => return None,
    };
    let mut head = crate::store::read_head(path, HEAD).ok()?;
    if head.len() == HEAD {
        // Whole lines only, so that no character is cut either.
        let end = memchr::memrchr(b'\n', &head)?;
        head.truncate(end + 1);
    }
    let mut ignored = Problems::default();
    let decoded = decode::decode_text(&head, options.encoding, true, &mut ignored);
    let (draft, _, _) = super::csv::parse(
        &decoded.text,
        options,
        usual,
        &mut ignored,
        &Progress::default(),
    )?;
    let name = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let source = SampleSource {
        path: Some(path.to_path_buf()),
        hash: String::new(),
    };
    let sample = draft.builder.finish(&name, None, source);
    (!sample.is_empty()).then_some(sample)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[test]
    fn the_head_of_a_big_csv_gives_its_first_cases() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("big.csv");
        let mut csv = String::from("id,title,category\n");
        for i in 0..5_000 {
            let _ = writeln!(csv, "C-{i},Title {i},Area {}", i % 3);
        }
        std::fs::write(&path, &csv).expect("write");
        let sample = preview(&path, &ReadOptions::default()).expect("a preview");
        assert!(
            sample.len() > 100 && sample.len() < 5_000,
            "{}",
            sample.len()
        );
        let first = sample.get(0).expect("first");
        assert_eq!((first.id, first.title), ("C-0", Some("Title 0")));
        let whole = super::super::load_sample(&path).expect("loads");
        for (i, case) in sample.cases().enumerate() {
            assert_eq!(
                Some(case.id),
                whole.get(i as u32).map(|c| c.id),
                "the same cases, in order"
            );
        }
    }

    #[test]
    fn other_formats_and_missing_files_give_none() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(preview(&dir.path().join("missing.csv"), &ReadOptions::default()).is_none());
        let ron = dir.path().join("s.ron");
        std::fs::write(&ron, "(cases: [(id: \"A\")])").expect("write");
        assert!(preview(&ron, &ReadOptions::default()).is_none());
    }
}
