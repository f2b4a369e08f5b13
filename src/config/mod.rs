//! The user's configuration: reviewer, scale, reference, criteria, keys.
//!
//! [`Config`] is the resolved form the app uses. It is read from a RON file
//! (documented key by key in `config.example.ron`) in which every key is
//! optional: a file overrides only what it names. casebench writes it only
//! to save the reviewer's name when asked to ([`set_reviewer`]).

mod error;
mod file;
pub mod sample;
pub mod set_reviewer;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::keymap::KeyMap;
use crate::model::scale::Scale;
use crate::paths::Paths;

pub use error::ConfigError;

/// The resolved configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Who is grading; `None` means "ask the OS" (or `--reviewer`).
    pub reviewer: Option<String>,
    /// The grading scale (default: HMICFRS good / requires improvement /
    /// inadequate).
    pub scale: Scale,
    /// The breakdown to compare the tally against, if any.
    pub reference: Option<Reference>,
    /// The practice criteria checklist, in display order.
    pub criteria: Vec<Criterion>,
    /// Ids of the levels whose grade requires a note.
    pub require_note_for: Vec<String>,
    /// After grading, move to the next ungraded case.
    pub auto_advance: bool,
    /// Sample columns the list shows beside id, grade and area, where the
    /// terminal is wide enough: standard fields (`opened`, `title`) or a
    /// sample's own column headings. Names a sample lacks are skipped.
    pub list_columns: Vec<String>,
    /// The colour theme.
    pub theme: ThemeName,
    /// Key bindings of the browsing mode.
    pub keys: KeyMap,
    /// Confidence level of the intervals in the tally (between 0 and 1).
    pub confidence: f64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            reviewer: None,
            scale: Scale::hmicfrs(),
            reference: None,
            criteria: Criterion::defaults(),
            require_note_for: Vec::new(),
            auto_advance: true,
            list_columns: vec!["opened".into(), "title".into()],
            theme: ThemeName::Default,
            keys: KeyMap::default(),
            confidence: DEFAULT_CONFIDENCE,
        }
    }
}

/// Default confidence level of the tally's intervals.
pub const DEFAULT_CONFIDENCE: f64 = 0.95;

impl Config {
    /// Reads the config file named by `paths`. A missing default file means
    /// the defaults; a missing file the user named is an error.
    pub fn load(paths: &Paths) -> Result<Config, ConfigError> {
        load(paths)
    }

    /// Parses config text; `origin` names the file in error messages.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, ConfigError> {
        parse(text, origin)
    }
}

/// Reads the config file named by `paths` (see [`Config::load`]).
pub fn load(paths: &Paths) -> Result<Config, ConfigError> {
    let path = &paths.config_file;
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !paths.config_explicit => {
            Ok(Config::default())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(ConfigError::Missing { path: path.clone() })
        }
        Err(e) => Err(ConfigError::Io {
            path: path.clone(),
            reason: e,
        }),
    }
}

/// Parses config text; `origin` names the file in error messages.
pub fn parse(text: &str, origin: &Path) -> Result<Config, ConfigError> {
    let file = file::ConfigFile::from_ron(text).map_err(|e| ConfigError::syntax(origin, &e))?;
    file.resolve().map_err(|problems| ConfigError::Invalid {
        path: origin.to_path_buf(),
        problems,
    })
}

/// A published breakdown to compare the tally against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Where the figures come from, e.g. `published inspection (74 cases)`.
    pub label: String,
    /// Number of cases per level, aligned with the scale's levels.
    pub counts: Vec<u64>,
}

impl Reference {
    /// The inspection that motivates casebench: 23 / 23 / 28 of 74 on the
    /// HMICFRS scale.
    pub fn hmicfrs_default() -> Self {
        Self {
            label: "published inspection (74 cases)".into(),
            counts: vec![23, 23, 28],
        }
    }

    /// Number of cases in the reference.
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

/// One item of the practice criteria checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable identifier used in sessions and exports.
    pub id: String,
    /// Short label shown in the checklist.
    pub label: String,
    /// One sentence saying what to look for.
    #[serde(default)]
    pub description: Option<String>,
}

impl Criterion {
    /// The default checklist, drawn from the areas the motivating
    /// inspection reported on.
    pub fn defaults() -> Vec<Criterion> {
        DEFAULT_CRITERIA
            .iter()
            .map(|(id, label, description)| Criterion {
                id: (*id).into(),
                label: (*label).into(),
                description: Some((*description).into()),
            })
            .collect()
    }
}

const DEFAULT_CRITERIA: [(&str, &str, &str); 8] = [
    (
        "initial_risk",
        "Initial assessment of risk",
        "The risk to the child was assessed promptly and recorded when the case was opened.",
    ),
    (
        "timely_inquiries",
        "Timeliness of inquiries",
        "Inquiries were started and completed without avoidable delay.",
    ),
    (
        "voice_of_child",
        "Voice of the child recorded",
        "The child's views, wishes and feelings were sought and recorded.",
    ),
    (
        "appropriate_adult",
        "Appropriate adult requested in time (custody)",
        "A child in custody had an appropriate adult requested without delay.",
    ),
    (
        "alternative_accommodation",
        "Alternative accommodation considered (custody)",
        "Alternative accommodation was sought so the child was not held overnight in custody.",
    ),
    (
        "online_exploitation",
        "Online exploitation investigated",
        "Signs of online sexual exploitation were recognised and investigated.",
    ),
    (
        "information_sharing",
        "Multi-agency information sharing",
        "Information was shared with partner agencies promptly and appropriately.",
    ),
    (
        "supervision",
        "Supervision and decision-making recorded",
        "Supervisors reviewed the case and the rationale for decisions was recorded.",
    ),
];

/// The colour theme, named in files as `"default"`, `"high_contrast"` or
/// `"monochrome"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeName {
    /// Colours on the terminal's default background.
    #[default]
    Default,
    /// Strong colours for low-vision use and projectors.
    HighContrast,
    /// No colours, only bold, reverse and underline.
    Monochrome,
}

impl ThemeName {
    /// Every theme.
    pub const ALL: [ThemeName; 3] = [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ];

    /// The name used in files (`high_contrast`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high_contrast",
            ThemeName::Monochrome => "monochrome",
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown theme name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown theme {0:?}, expected one of \"default\", \"high_contrast\", \"monochrome\"")]
pub struct UnknownTheme(pub String);

impl FromStr for ThemeName {
    type Err = UnknownTheme;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ThemeName::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownTheme(s.into()))
    }
}

impl Serialize for ThemeName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ThemeName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
