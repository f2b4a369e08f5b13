//! `casebench sample POPULATION --size N --seed S`: a reproducible sample
//! drawn from a full case list, written as a CSV casebench opens directly
//! with a settings file beside it that records how it was drawn (the
//! report's Method section states it). CSV and TSV populations are read a
//! row at a time, twice (count, then pick), so memory does not grow with
//! the population; workbooks, JSON and RON are read whole.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use indexmap::IndexMap;

use super::rows::{self, Rows};
use crate::config::sample::settings_path;
use crate::model::case::StandardField;
use crate::model::sampling::{
    SeededRng, Selector, SimpleRandom, StratifiedSelector, Systematic, allocate,
};
use crate::model::text::sanitize_line;
use crate::store::atomic::Claim;
use crate::store::export::{Overwrite, write_file};
use crate::store::progress::{Progress, Stage};
use crate::store::sample::{ReadOptions, column_of};
use record::Draw;

/// How cases are picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Simple random sampling without replacement.
    Random,
    /// Every k-th row from a random start.
    Systematic,
}

/// What `sample` is asked.
#[derive(Debug, clap::Args)]
pub struct DrawArgs {
    /// The full case list (.csv, .tsv, .xlsx, .xls, .ods, .ron or .json).
    #[arg(value_name = "POPULATION")]
    pub population: PathBuf,
    /// How many cases to draw.
    #[arg(long)]
    pub size: u64,
    /// The seed: the same population, size, method and seed give the same sample on every machine.
    #[arg(long)]
    pub seed: u64,
    /// random (simple random sampling) or systematic (every k-th from a random start).
    #[arg(long, value_enum, default_value_t = Method::Random)]
    pub method: Method,
    /// Proportional stratified sampling by this column (its header), largest-remainder allocation, random within each stratum.
    #[arg(long, value_name = "COLUMN")]
    pub stratify: Option<String>,
    /// With --stratify: at least this many cases from every stratum (all of a smaller one).
    #[arg(long, value_name = "N", default_value_t = 0, requires = "stratify")]
    pub min_per_stratum: u64,
    /// The sample file to write (.csv; default: POPULATION-sample-N-seed-S.csv here).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the sample file and its settings file if they exist.
    #[arg(long)]
    pub force: bool,
}

/// Draws the sample and writes it, with its settings, and prints the
/// balance table.
pub fn run(args: &DrawArgs, options: &ReadOptions) -> anyhow::Result<()> {
    if args.stratify.is_some() && args.method == Method::Systematic {
        anyhow::bail!(
            "a stratified sample is random within each stratum: leave out --method systematic"
        );
    }
    let out = args.out.clone().unwrap_or_else(|| default_out(args));
    if out
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case("csv"))
    {
        anyhow::bail!("the sample is written as CSV: name the --out file NAME.csv");
    }
    let settings = settings_path(&out);
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        for f in [&out, &settings] {
            if f.exists() {
                anyhow::bail!(
                    "{} exists; choose another --out, or add --force to replace it",
                    sanitize_line(&f.display().to_string())
                );
            }
        }
        Overwrite::Refuse
    };
    let name = args
        .population
        .file_name()
        .map_or_else(String::new, |n| sanitize_line(&n.to_string_lossy()));
    let balance = super::progress_bar::watched(&name, |progress| {
        draw_sample(args, options, (&out, &settings, overwrite), progress)
    })?;
    print!("{balance}");
    Ok(())
}

/// Reads the population twice (counting, then drawing), writes the sample
/// and its settings file, and returns the balance table to print.
fn draw_sample(
    args: &DrawArgs,
    options: &ReadOptions,
    (out, settings, overwrite): (&Path, &Path, Overwrite),
    progress: &Progress,
) -> anyhow::Result<String> {
    let rows = rows::open(&args.population, options)?;
    let headers = rows.headers().to_vec();
    let balance_column = match &args.stratify {
        Some(name) => Some(find_column(&headers, name)?),
        None => column_of(&headers, options, StandardField::Category),
    };
    let (population, hash, strata) = count(&rows, balance_column, &args.population, progress)?;
    let counts: Vec<u64> = strata.values().copied().collect();
    let mut pick = picker(args, population, &counts)?;
    // Pass 2: pick, and write the rows picked.
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(&headers)?;
    let mut drawn: IndexMap<String, u64> = strata.keys().map(|k| (k.clone(), 0)).collect();
    let mut write_error = None;
    rows.each((progress, Stage::Drawing), |row| {
        let stratum = balance_column.map(|c| row.field(c));
        let index = stratum
            .as_deref()
            .and_then(|s| strata.get_index_of(s.trim()))
            .unwrap_or(0);
        if pick(index) {
            if let Some(n) = drawn
                .get_index_mut(index)
                .map(|(_, n)| n)
                .filter(|_| stratum.is_some())
            {
                *n += 1;
            }
            let fields = row.fields();
            if let Err(e) = writer.write_record(fields.iter().map(|f| f.as_bytes())) {
                write_error = Some(e);
            }
        }
        Ok(())
    })?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!(e.to_string()))?;
    // The sample must open as one: check it before writing anything.
    crate::store::sample::parse_sample_with(
        &bytes,
        crate::store::sample::Format::Csv,
        &out.display().to_string(),
        Some(out),
        options,
    )
    .context(
        "the drawn sample does not read as a casebench sample (a problem of the population)",
    )?;
    let draw = Draw {
        args,
        population,
        hash: &hash,
        strata: &strata,
        drawn: &drawn,
        balance_header: balance_column.map(|c| headers[c].as_str()),
    };
    // The two files are one draw: claimed together, so that a failure or
    // an interrupt leaves neither.
    let claims = match overwrite {
        Overwrite::Allow => Vec::new(),
        Overwrite::Refuse => [out, settings]
            .iter()
            .map(|f| {
                Claim::new(f).with_context(|| {
                    format!("cannot create {}", sanitize_line(&f.display().to_string()))
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?,
    };
    write_file(out, &bytes, Overwrite::Allow)?;
    write_file(
        settings,
        draw.settings(options).as_bytes(),
        Overwrite::Allow,
    )?;
    claims.into_iter().for_each(Claim::done);
    Ok(draw.balance(out, settings))
}

/// Pass 1: the rows, the file's hash, and the rows of each stratum (of
/// the balance column) in order of first appearance.
pub(super) fn count(
    rows: &Rows,
    column: Option<usize>,
    path: &Path,
    progress: &Progress,
) -> anyhow::Result<(u64, String, IndexMap<String, u64>)> {
    let mut strata: IndexMap<String, u64> = IndexMap::new();
    let (population, hash) = rows.each((progress, Stage::Counting), |row| {
        if let Some(c) = column {
            let value = row.field(c);
            match strata.get_mut(value.trim()) {
                Some(n) => *n += 1,
                None => {
                    strata.insert(value.trim().to_owned(), 1);
                }
            }
        }
        Ok(())
    })?;
    let hash = match hash {
        Some(h) => h,
        None => crate::model::case::content_hash(
            &std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?,
        ),
    };
    Ok((population, hash, strata))
}

/// The selector for `args`, as one "take this row of stratum i?" function.
fn picker(
    args: &DrawArgs,
    population: u64,
    strata: &[u64],
) -> anyhow::Result<Box<dyn FnMut(usize) -> bool>> {
    let rng = SeededRng::new(args.seed);
    Ok(match (args.method, &args.stratify) {
        (_, Some(_)) => {
            let allocation = allocate(strata, args.size, args.min_per_stratum)?;
            let mut s = StratifiedSelector::new(strata, &allocation, args.seed)?;
            Box::new(move |i| s.take(i))
        }
        (Method::Random, None) => {
            let mut s = SimpleRandom::new(population, args.size, rng)?;
            Box::new(move |_| s.take())
        }
        (Method::Systematic, None) => {
            let mut s = Systematic::new(population, args.size, rng)?;
            Box::new(move |_| s.take())
        }
    })
}

/// The column named `name` (its header, ignoring case and surrounding
/// space), or an error listing the headers.
fn find_column(headers: &[String], name: &str) -> anyhow::Result<usize> {
    headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name.trim()))
        .with_context(|| {
            format!(
                "no column {:?} to stratify by; the columns are: {}",
                sanitize_line(name),
                headers
                    .iter()
                    .map(|h| sanitize_line(h))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

fn default_out(args: &DrawArgs) -> PathBuf {
    let stem = args
        .population
        .file_stem()
        .map_or_else(|| "population".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(format!(
        "{stem}-sample-{}-seed-{}.csv",
        args.size, args.seed
    ))
}

mod record;
#[cfg(test)]
mod tests;
