//! `casebench split SAMPLE --reviewers N|NAMES`: deals a sample out to a
//! team, reproducibly and balanced by area of practice, optionally with a
//! share read twice for agreement. Writes one part per reviewer (a sample
//! casebench opens directly, with the sample's settings); the parts'
//! sessions are brought back together with `combine --sample SAMPLE`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::reading;
use super::rows;
use crate::config::Config;
use crate::config::sample::settings_path;
use crate::model::sampling::deal;
use crate::model::text::sanitize_line;
use crate::store::export::{Overwrite, write_file};
use crate::store::progress::{Progress, Stage};
use crate::store::sample::ReadOptions;

/// What `split` is asked.
#[derive(Debug, clap::Args)]
pub struct SplitArgs {
    /// The sample to deal out.
    #[arg(value_name = "SAMPLE")]
    pub sample: PathBuf,
    /// How many reviewers (named reviewer-1, reviewer-2, …), or their names separated by commas.
    #[arg(long, value_name = "N|NAMES")]
    pub reviewers: String,
    /// The share of cases (percent) dealt to two reviewers, for agreement.
    #[arg(long, value_name = "PERCENT", default_value_t = 0)]
    pub double_read: u32,
    /// The seed: the same sample, team, share and seed deal the same parts.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the parts (default: beside the sample).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Replace parts that exist.
    #[arg(long)]
    pub force: bool,
}

/// The reviewers' names: `3` → reviewer-1…3, or a comma-separated list.
fn names(given: &str) -> anyhow::Result<Vec<String>> {
    if let Ok(n) = given.trim().parse::<usize>() {
        return Ok((1..=n).map(|i| format!("reviewer-{i}")).collect());
    }
    let names: Vec<String> = given
        .split(',')
        .map(|n| sanitize_line(n.trim()))
        .filter(|n| !n.is_empty())
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = names.iter().find(|n| !seen.insert(n.to_lowercase())) {
        anyhow::bail!("{twice} is named twice in --reviewers");
    }
    Ok(names)
}

/// Deals the sample out and writes the parts.
pub fn run(args: &SplitArgs, config: &Config, flags: &ReadOptions) -> anyhow::Result<()> {
    let names = names(&args.reviewers)?;
    let path = super::absolute(&args.sample)?;
    let read = reading::read(&path, config.clone(), &ReadOptions::default(), flags)?;
    let areas: Vec<u32> = {
        let mut seen: IndexMap<&str, u32> = IndexMap::new();
        read.sample
            .cases()
            .map(|c| {
                let area = c.category.unwrap_or("");
                let next = seen.len() as u32;
                *seen.entry(area).or_insert(next)
            })
            .collect()
    };
    let dealt = deal(&areas, names.len(), args.double_read, args.seed)?;
    let dir = args
        .out_dir
        .clone()
        .or_else(|| path.parent().map(Path::to_owned))
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map_or_else(|| "sample".into(), |s| s.to_string_lossy().into_owned());
    let outs: Vec<PathBuf> = names
        .iter()
        .map(|n| dir.join(format!("{stem}.{}.csv", file_safe(n))))
        .collect();
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    let rows = rows::open(&path, &read.options)?;
    let mut writers: Vec<csv::Writer<Vec<u8>>> = names
        .iter()
        .map(|_| {
            csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new())
        })
        .collect();
    for w in &mut writers {
        w.write_record(rows.headers())?;
    }
    let mut index = 0;
    let mut failed = None;
    // A sample to split is read whole above; this pass is quick.
    let unwatched = Progress::default();
    rows.each((&unwatched, Stage::Parsing), |row| {
        let fields = row.fields();
        for &r in dealt.get(index).map_or(&[][..], Vec::as_slice) {
            if let Err(e) = writers[r].write_record(fields.iter().map(|f| f.as_bytes())) {
                failed = Some(e);
            }
        }
        index += 1;
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    let settings = part_settings(&path, &read.sample.source.hash, args, &names);
    for ((writer, out), name) in writers.into_iter().zip(&outs).zip(&names) {
        let bytes = writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!(e.to_string()))?;
        write_file(out, &bytes, overwrite)?;
        write_file(
            &settings_path(out),
            format!("// {name}'s part\n{settings}").as_bytes(),
            overwrite,
        )?;
    }
    print!("{}", table(&names, &outs, &dealt, &areas, args));
    Ok(())
}

/// A part's settings: the sample's own settings file as it is (so the part
/// reads and grades the same way), after comments recording the deal.
fn part_settings(sample: &Path, hash: &str, args: &SplitArgs, names: &[String]) -> String {
    let mut text = format!(
        "// A part of {} ({hash}), dealt by `casebench split` to {} with seed {}, {}% read twice.\n\
         // Bring the parts' sessions together with: casebench combine … --sample {}\n",
        sanitize_line(&sample.display().to_string()),
        names.join(", "),
        args.seed,
        args.double_read,
        sanitize_line(&sample.display().to_string()),
    );
    match std::fs::read_to_string(settings_path(sample)) {
        Ok(own) => text.push_str(&own),
        Err(_) => text.push_str("()\n"),
    }
    text
}

/// Who got how many cases, and of which areas.
fn table(
    names: &[String],
    outs: &[PathBuf],
    dealt: &[Vec<usize>],
    areas: &[u32],
    args: &SplitArgs,
) -> String {
    let mut text = format!(
        "dealt {} cases to {} reviewers (seed {}, {}% read twice)\n\n  {:<20}{:>7}{:>13}  file\n",
        dealt.len(),
        names.len(),
        args.seed,
        args.double_read,
        "reviewer",
        "cases",
        "read twice"
    );
    for (r, (name, out)) in names.iter().zip(outs).enumerate() {
        let mine = dealt.iter().filter(|d| d.contains(&r)).count();
        let twice = dealt
            .iter()
            .filter(|d| d.len() > 1 && d.contains(&r))
            .count();
        let _ = writeln!(
            text,
            "  {:<20}{mine:>7}{twice:>13}  {}",
            name,
            sanitize_line(&out.display().to_string())
        );
    }
    let area_count = areas.iter().max().map_or(0, |m| m + 1);
    let _ = writeln!(
        text,
        "\neach reviewer's share of each of the {area_count} areas differs by at most one case"
    );
    text
}

/// A name as part of a file name.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_is_dealt_a_share_twice_and_the_same_seed_deals_the_same() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut text = String::from("id,title,category\n");
        for i in 0..30 {
            let area = ["a", "b", "c"][i % 3];
            let _ = writeln!(text, "C-{i:02},case {i},{area}");
        }
        let sample = dir.path().join("s.csv");
        std::fs::write(&sample, text).expect("write");
        let args = |out: &str| SplitArgs {
            sample: sample.clone(),
            reviewers: "alice, bob,carol".into(),
            double_read: 20,
            seed: 9,
            out_dir: Some(dir.path().join(out)),
            force: false,
        };
        let config = Config::default();
        for out in ["one", "two"] {
            std::fs::create_dir(dir.path().join(out)).expect("dir");
            run(&args(out), &config, &ReadOptions::default()).expect("split");
        }
        let part = |out: &str, who: &str| dir.path().join(out).join(format!("s.{who}.csv"));
        let mut all: Vec<String> = Vec::new();
        for who in ["alice", "bob", "carol"] {
            let mine = super::super::csv_ids(&part("one", who));
            assert_eq!(
                mine,
                super::super::csv_ids(&part("two", who)),
                "same seed, same deal"
            );
            assert!((12..=12).contains(&mine.len()), "{who}: {}", mine.len());
            all.extend(mine);
            // Each part opens as a sample.
            crate::store::sample::load_sample(&part("one", who)).expect("opens");
        }
        // 30 cases, 6 (20%) read twice: 36 readings, every case at least once.
        assert_eq!(all.len(), 36);
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 30);
        let again = run(&args("one"), &config, &ReadOptions::default()).expect_err("exists");
        assert!(again.to_string().contains("exists"), "{again}");
        assert!(names("alice,Alice").is_err());
        assert_eq!(names("2").expect("n"), ["reviewer-1", "reviewer-2"]);
    }
}
