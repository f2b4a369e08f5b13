//! What a draw records: its settings file and its balance table.

use std::fmt::Write as _;
use std::path::Path;

use indexmap::IndexMap;

use super::{DrawArgs, Method};
use crate::model::sampling::shares_summing_to_100;
use crate::model::text::sanitize_line;
use crate::store::sample::ReadOptions;

/// One draw, for its record and its balance table.
pub(super) struct Draw<'a> {
    pub(super) args: &'a DrawArgs,
    pub(super) population: u64,
    pub(super) hash: &'a str,
    pub(super) strata: &'a IndexMap<String, u64>,
    pub(super) drawn: &'a IndexMap<String, u64>,
    pub(super) balance_header: Option<&'a str>,
}

impl Draw<'_> {
    /// How the sample was drawn, in a sentence for the report.
    fn method(&self) -> String {
        let name = self
            .args
            .population
            .file_name()
            .map_or_else(String::new, |n| sanitize_line(&n.to_string_lossy()));
        let how = match (&self.args.stratify, self.args.method) {
            (Some(column), _) => format!(
                "a proportional stratified random sample by {} (largest-remainder allocation{})",
                sanitize_line(column),
                if self.args.min_per_stratum > 0 {
                    format!(", at least {} per stratum", self.args.min_per_stratum)
                } else {
                    String::new()
                }
            ),
            (None, Method::Random) => "a simple random sample without replacement".into(),
            (None, Method::Systematic) => {
                "a systematic sample (every k-th row from a random start)".into()
            }
        };
        format!(
            "{} cases drawn as {how} from {name} ({} rows, {}) with seed {}, by casebench {} (ChaCha8 random numbers, rand_chacha 0.10).",
            self.args.size,
            self.population,
            self.hash,
            self.args.seed,
            env!("CARGO_PKG_VERSION")
        )
    }

    /// The settings file of the drawn sample.
    pub(super) fn settings(&self, options: &ReadOptions) -> String {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "// casebench settings for a sample drawn by `casebench sample`.\n\
             // population: {}\n// hash: {}\n// method: {}, seed {}, size {}{}\n(",
            sanitize_line(&self.args.population.display().to_string()),
            self.hash,
            match (&self.args.stratify, self.args.method) {
                (Some(_), _) => "stratified",
                (None, Method::Random) => "random",
                (None, Method::Systematic) => "systematic",
            },
            self.args.seed,
            self.args.size,
            match &self.args.stratify {
                Some(c) => format!(
                    ", stratified by {}, at least {} per stratum",
                    sanitize_line(c),
                    self.args.min_per_stratum
                ),
                None => String::new(),
            }
        );
        if !options.columns.is_empty() {
            let _ = writeln!(text, "    columns: {{");
            for (field, header) in &options.columns {
                let _ = writeln!(text, "        {}: {:?},", field.name(), header);
            }
            let _ = writeln!(text, "    }},");
        }
        let _ = writeln!(
            text,
            "    report: (\n        method: {:?},\n    ),\n)",
            self.method()
        );
        text
    }

    /// The balance table and what was written.
    pub(super) fn balance(&self, out: &Path, settings: &Path) -> String {
        let mut text = format!(
            "drew {} of {} rows from {} ({})\n",
            self.args.size,
            self.population,
            sanitize_line(&self.args.population.display().to_string()),
            match (&self.args.stratify, self.args.method) {
                (Some(_), _) => "stratified random, seed",
                (None, Method::Random) => "simple random, seed",
                (None, Method::Systematic) => "systematic, seed",
            }
            .to_owned()
                + &format!(" {}", self.args.seed)
        );
        if let Some(header) = self.balance_header {
            let pop: Vec<u64> = self.strata.values().copied().collect();
            let got: Vec<u64> = self.strata.keys().map(|k| self.drawn[k]).collect();
            let (pop_pct, got_pct) = (shares_summing_to_100(&pop), shares_summing_to_100(&got));
            let width = self
                .strata
                .keys()
                .map(|k| k.chars().count())
                .max()
                .unwrap_or(0)
                .clamp(8, 40);
            let _ = writeln!(
                text,
                "\n  {:<width$}  {:>16}  {:>12}",
                sanitize_line(header),
                "population",
                "sample"
            );
            for (i, name) in self.strata.keys().enumerate() {
                let name = if name.is_empty() { "(empty)" } else { name };
                let _ = writeln!(
                    text,
                    "  {:<width$}  {:>10} {:>4}%  {:>6} {:>4}%",
                    sanitize_line(&name.chars().take(width).collect::<String>()),
                    pop[i],
                    pop_pct[i],
                    got[i],
                    got_pct[i]
                );
            }
        }
        let _ = writeln!(
            text,
            "\nwritten: {} ({} cases) and {} (how it was drawn, stated in its reports)\nopen it with: casebench {}",
            sanitize_line(&out.display().to_string()),
            self.args.size,
            sanitize_line(&settings.display().to_string()),
            sanitize_line(&out.display().to_string())
        );
        text
    }
}
