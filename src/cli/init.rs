//! `casebench init SAMPLE`: writes the sample's settings file
//! (`NAME.casebench.ron` beside it) from what casebench detected, with every
//! other setting there to edit, commented. Never replaces an existing file
//! without `--force`.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context as _;

use crate::config::Config;
use crate::config::sample::settings_path;
use crate::model::text::sanitize_line;
use crate::store::export::{Overwrite, write_file};
use crate::store::sample::{ColumnUse, ReadOptions, ReadReport, load_sample_with};

/// Detects how `sample` reads (with `flags`) and writes its settings file.
pub fn run(sample: &Path, config: &Config, flags: &ReadOptions, force: bool) -> anyhow::Result<()> {
    let out = settings_path(sample);
    if out.exists() && !force {
        anyhow::bail!(
            "{} exists; edit it, or add --force to write it again from what is detected",
            out.display()
        );
    }
    let (loaded, report) = load_sample_with(sample, flags).with_context(|| {
        "the sample cannot be read as it is; name what casebench cannot tell with the flags the problems suggest, then run init again"
    })?;
    let text = settings_text(sample, &report, config, loaded.len());
    let overwrite = if force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    write_file(&out, text.as_bytes(), overwrite)?;
    println!(
        "{}: {} cases; settings written to {}",
        sanitize_line(&sample.display().to_string()),
        loaded.len(),
        sanitize_line(&out.display().to_string())
    );
    Ok(())
}

/// The settings nothing detects, commented, for the reviewer to fill in.
fn other_settings(out: &mut String, config: &Config, extras: &[&str]) {
    let levels: Vec<String> = config
        .scale
        .levels
        .iter()
        .map(|l| format!("{:?}: 0", l.id))
        .collect();
    let _ = writeln!(
        *out,
        "\n    // A published breakdown to compare this sample's tally with, a count\n\
         \x20   // per level of the scale (none by default):\n\
         \x20   // reference: {{ {} }},\n\
         \x20   // reference_label: \"last year's inspection\",\n\
         \n\
         \x20   // Grades that need a written note, e.g. [\"inadequate\"]:\n\
         \x20   // require_note_for: [],\n\
         \n\
         \x20   // The scale and the practice criteria can be set here too, as in\n\
         \x20   // config.example.ron (scale: Preset(\"ofsted\"), criteria: [...]).\n\
         \n\
         \x20   // The report's wording:\n\
         \x20   report: (\n\
         \x20       // title: \"Child protection case review\",\n\
         \x20       // organisation: \"…\",\n\
         \x20       // period: \"April 2025 to March 2026\",\n\
         \x20       // method: \"A random sample of … cases, read by …\",\n\
         \x20   ),\n\
         \n\
         \x20   // Sample columns shown beside the lowest-graded cases in reports:\n\
         \x20   report_columns: [{}],\n\
         )",
        levels.join(", "),
        extras
            .iter()
            .take(2)
            .map(|h| format!("{h:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// The settings file: what was detected, set; everything else, commented.
fn settings_text(sample: &Path, report: &ReadReport, config: &Config, cases: usize) -> String {
    let name = sample
        .file_name()
        .map_or_else(String::new, |n| sanitize_line(&n.to_string_lossy()));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// casebench settings for {name} ({cases} cases), written by `casebench init`.\n\
         // They apply to this sample only and override your config for it. Every\n\
         // key is optional; delete what you do not need. RON syntax: strings in\n\
         // double quotes, `//` comments.\n("
    );
    let _ = writeln!(
        out,
        "    // Which column holds which field. Found by their names; change a\n\
         \x20   // header here if casebench guessed wrong. Fields: id, title,\n\
         \x20   // category (area of practice), opened, summary (narrative).\n\
         \x20   columns: {{"
    );
    for (header, used) in &report.columns {
        if let ColumnUse::Field(field, _) = used {
            let _ = writeln!(out, "        {}: {:?},", field.name(), header);
        }
    }
    let _ = writeln!(out, "    }},");
    let extras: Vec<&str> = report
        .columns
        .iter()
        .filter(|(_, u)| *u == ColumnUse::Extra)
        .map(|(h, _)| h.as_str())
        .collect();
    if !extras.is_empty() {
        let _ = writeln!(
            out,
            "    // Kept as further fields, shown with each case and exported:\n    //   {}",
            extras
                .iter()
                .map(|h| format!("{h:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if let Some((encoding, _, fallback)) = report.encoding {
        let why = if fallback {
            " (the file is not UTF-8)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\n    // Text encoding{why}: utf-8, utf-16le, utf-16be or windows-1252.\n    encoding: {:?},",
            encoding.name()
        );
    }
    if let Some((delimiter, _)) = report.delimiter {
        let _ = writeln!(
            out,
            "\n    // Separator: comma, semicolon, tab or pipe.\n    delimiter: {:?},",
            delimiter.name()
        );
    }
    if let Some((sheet, sheets)) = &report.sheet {
        let _ = writeln!(
            out,
            "\n    // The sheet to read (the workbook has {}).\n    sheet: {:?},",
            sheets
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            sheet
        );
    }
    other_settings(&mut out, config, &extras);
    out
}
