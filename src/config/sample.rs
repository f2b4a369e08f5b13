//! A sample's own settings: `NAME.casebench.ron` beside `NAME.csv` (or any
//! sample file). They say how to read the file (column mapping, encoding,
//! separator, sheet), override the user's config for this sample only
//! (scale, reference, criteria, grades that need a note), and give the
//! report its wording (title, organisation, period, method) and the sample
//! columns shown for the lowest-graded cases. Every key is optional.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::{ConfigFile, ScaleSpec};
use super::{Config, ConfigError, Criterion, Reference};
use crate::model::case::StandardField;
use crate::model::scale::Scale;
use crate::store::sample::{Delimiter, ReadOptions, TextEncoding};

/// The wording a report is signed with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReportText {
    /// The report's title (default: the sample's name).
    pub title: Option<String>,
    /// Who the review is of (e.g. "Northfield Police").
    pub organisation: Option<String>,
    /// The period the cases come from (e.g. "April 2025 to March 2026").
    pub period: Option<String>,
    /// How the sample was drawn and read, in a sentence or two.
    pub method: Option<String>,
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "SampleSettings")]
struct SettingsFile {
    columns: BTreeMap<StandardField, String>,
    encoding: Option<TextEncoding>,
    delimiter: Option<Delimiter>,
    sheet: Option<String>,
    scale: Option<ScaleSpec>,
    reference: Option<BTreeMap<String, super::file::ReferenceCount>>,
    reference_label: Option<String>,
    criteria: Option<Vec<Criterion>>,
    require_note_for: Option<Vec<String>>,
    report: ReportText,
    report_columns: Vec<String>,
}

/// Everything that applies to one sample: how to read it, the config in
/// force for it, and the report's wording.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleSetup {
    /// How to read the sample file.
    pub read: ReadOptions,
    /// The user's config with the sample's settings over it.
    pub config: Config,
    /// The report's wording.
    pub report: ReportText,
    /// Sample columns to show beside the lowest-graded cases in reports.
    pub report_columns: Vec<String>,
    /// The settings file read, if there was one.
    pub file: Option<PathBuf>,
}

impl SampleSetup {
    /// No settings file: the user's config as it is.
    pub fn plain(config: Config) -> Self {
        Self {
            read: ReadOptions::default(),
            config,
            report: ReportText::default(),
            report_columns: Vec::new(),
            file: None,
        }
    }

    /// The bundled demo's own settings: the published inspection it mirrors
    /// (23 good, 23 requiring improvement, 28 inadequate of 74) is its
    /// reference, on the scale it was graded on, unless the user's config
    /// names another reference.
    pub fn demo(config: Config) -> Self {
        let mut config = config;
        if config.reference.is_none() && config.scale == Scale::hmicfrs() {
            config.reference = Some(Reference::hmicfrs_default());
        }
        Self {
            report: ReportText {
                title: Some("Child protection case review (demo)".into()),
                organisation: None,
                period: None,
                method: Some(
                    "74 fictional cases, written to mirror a published inspection of a police force's child-protection work.".into(),
                ),
            },
            ..Self::plain(config)
        }
    }
}

/// The settings file of the sample at `sample`: `NAME.casebench.ron` in
/// the same folder.
pub fn settings_path(sample: &Path) -> PathBuf {
    let stem = sample
        .file_stem()
        .map_or_else(|| "sample".into(), |s| s.to_string_lossy().into_owned());
    sample.with_file_name(format!("{stem}.casebench.ron"))
}

/// Reads the settings of the sample at `sample` over the user's `config`;
/// no settings file means the config as it is. Errors carry the settings
/// file's line and column.
pub fn for_sample(sample: &Path, config: Config) -> Result<SampleSetup, ConfigError> {
    let path = settings_path(sample);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(SampleSetup::plain(config));
        }
        Err(reason) => return Err(ConfigError::Io { path, reason }),
    };
    parse(&text, &path, config)
}

/// Parses settings text named `path` over `config`.
pub fn parse(text: &str, path: &Path, config: Config) -> Result<SampleSetup, ConfigError> {
    let file: SettingsFile = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .map_err(|e| ConfigError::syntax(path, &e))?;
    let layer = ConfigFile {
        scale: file.scale,
        reference: file.reference,
        reference_label: file.reference_label,
        criteria: file.criteria,
        require_note_for: file.require_note_for,
        ..ConfigFile::default()
    };
    let config = layer
        .resolve_over(config)
        .map_err(|problems| ConfigError::Invalid {
            path: path.to_path_buf(),
            problems,
        })?;
    Ok(SampleSetup {
        read: ReadOptions {
            columns: file.columns,
            encoding: file.encoding,
            delimiter: file.delimiter,
            sheet: file.sheet,
        },
        config,
        report: file.report,
        report_columns: file.report_columns,
        file: Some(path.to_path_buf()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_sit_beside_the_sample() {
        assert_eq!(
            settings_path(Path::new("/data/force sample.csv")),
            Path::new("/data/force sample.casebench.ron")
        );
    }

    #[test]
    fn settings_override_the_config_for_their_sample() {
        let text = r#"(
            columns: { id: "Case Ref", category: "Team" },
            encoding: "windows-1252",
            delimiter: "semicolon",
            reference: { "good": 10, "requires_improvement": 5, "inadequate": 5 },
            reference_label: "last year",
            require_note_for: ["inadequate"],
            report: (title: "Missing children audit", organisation: "Northfield Police"),
            report_columns: ["Officer"],
        )"#;
        let setup = parse(text, Path::new("s.casebench.ron"), Config::default()).expect("parse");
        assert_eq!(setup.read.columns[&StandardField::Id], "Case Ref");
        assert_eq!(setup.read.encoding, Some(TextEncoding::Windows1252));
        let reference = setup.config.reference.expect("a reference");
        assert_eq!(
            (reference.counts, reference.label.as_str()),
            (vec![10, 5, 5], "last year")
        );
        assert_eq!(setup.config.require_note_for, ["inadequate"]);
        assert_eq!(
            setup.report.organisation.as_deref(),
            Some("Northfield Police")
        );
        assert_eq!(setup.report_columns, ["Officer"]);
    }

    #[test]
    fn the_published_reference_belongs_to_the_demo() {
        assert_eq!(SampleSetup::plain(Config::default()).config.reference, None);
        let demo = SampleSetup::demo(Config::default());
        assert_eq!(
            demo.config.reference.map(|r| r.counts),
            Some(vec![23, 23, 28])
        );
    }

    #[test]
    fn mistakes_are_positioned() {
        let e = parse(
            "(\n  colums: {},\n)",
            Path::new("s.casebench.ron"),
            Config::default(),
        )
        .expect_err("unknown key");
        assert!(matches!(e, ConfigError::Syntax { line: 2, .. }), "{e}");
        let e = parse(
            "(columns: { officer: \"x\" })",
            Path::new("s"),
            Config::default(),
        )
        .expect_err("unknown field");
        assert!(e.to_string().contains("officer"), "{e}");
    }
}
