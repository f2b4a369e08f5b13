//! The file form of the config (every key optional) and its resolution
//! into a [`Config`] over the defaults.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Deserializer};

use super::{Config, Criterion, Reference, ThemeName};
use crate::keymap::{KeyMap, KeySpec, Overrides};
use crate::model::scale::{PRESET_NAMES, Scale};
use crate::model::text::sanitize_line;

/// The config file as written: only the keys it names override defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default, rename = "Config")]
pub(super) struct ConfigFile {
    pub(super) reviewer: Option<String>,
    pub(super) scale: Option<ScaleSpec>,
    pub(super) reference: Option<BTreeMap<String, ReferenceCount>>,
    pub(super) reference_label: Option<String>,
    pub(super) criteria: Option<Vec<Criterion>>,
    pub(super) require_note_for: Option<Vec<String>>,
    pub(super) auto_advance: Option<bool>,
    pub(super) list_columns: Option<Vec<String>>,
    pub(super) theme: Option<ThemeName>,
    pub(super) confidence: Option<f64>,
    pub(super) keys: Option<Overrides>,
}

/// `Preset("ofsted")` or `Custom((name: …, levels: […]))`.
#[derive(Debug, Deserialize)]
pub(super) enum ScaleSpec {
    Preset(PresetScale),
    Custom(Scale),
}

/// A preset scale, checked by name while parsing (so an unknown name is
/// reported with its line and column).
#[derive(Debug)]
pub(super) struct PresetScale(Scale);

impl<'de> Deserialize<'de> for PresetScale {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Scale::preset(&name).map(PresetScale).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown scale preset {name:?}, expected one of {}",
                quoted_list(&PRESET_NAMES)
            ))
        })
    }
}

/// One level's count in a reference breakdown: at least 1, checked while
/// parsing so that a 0 is reported with its line and column. (A level with
/// no cases in the reference would make every breakdown with a case at that
/// level impossible under it, and the comparison could not be made.)
#[derive(Debug, Clone, Copy)]
pub(super) struct ReferenceCount(pub(super) u64);

impl<'de> Deserialize<'de> for ReferenceCount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match u64::deserialize(d)? {
            0 => Err(serde::de::Error::custom(
                "a reference count of 0 cannot be compared with: a level the reference never saw makes every graded case at that level impossible under it; give each level at least 1, or leave the reference out",
            )),
            n => Ok(ReferenceCount(n)),
        }
    }
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Label given to a reference the file does not label.
const DEFAULT_REFERENCE_LABEL: &str = "reference";

impl ConfigFile {
    /// Parses RON text; `Some(…)` may be omitted around optional values.
    pub(super) fn from_ron(text: &str) -> Result<Self, ron::error::SpannedError> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
    }

    /// Applies the file over the defaults, or lists every problem found.
    pub(super) fn resolve(self) -> Result<Config, Vec<String>> {
        self.resolve_over(Config::default())
    }

    /// Applies the file over `base` (the defaults for a user's config; the
    /// user's config for a sample's settings), or lists every problem
    /// found. A new scale drops a reference made for the old one.
    pub(super) fn resolve_over(self, base: Config) -> Result<Config, Vec<String>> {
        let mut problems = Vec::new();
        let mut scale = match self.scale {
            Some(ScaleSpec::Preset(PresetScale(s)) | ScaleSpec::Custom(s)) => s,
            None => base.scale.clone(),
        };
        // A config is untrusted text too: nothing in it may act on a terminal.
        scale.sanitize();
        if let Err(e) = scale.check() {
            problems.push(format!("scale {:?}: {e}", scale.name));
        }
        let reference = match self.reference {
            Some(map) if map.is_empty() => None,
            Some(map) => {
                let label = self
                    .reference_label
                    .unwrap_or_else(|| DEFAULT_REFERENCE_LABEL.into());
                resolve_reference(&scale, map, label, &mut problems)
            }
            None if scale == base.scale => base.reference.map(|mut r| {
                if let Some(label) = self.reference_label {
                    r.label = label;
                }
                r
            }),
            None => None,
        };
        let mut criteria = self.criteria.unwrap_or(base.criteria);
        for c in &mut criteria {
            c.id = sanitize_line(&c.id);
            c.label = sanitize_line(&c.label);
            c.description = c.description.as_deref().map(sanitize_line);
        }
        check_criteria(&criteria, &mut problems);
        let require_note_for = self.require_note_for.unwrap_or(base.require_note_for);
        for id in &require_note_for {
            if scale.position(id).is_none() {
                problems.push(format!(
                    "require_note_for names level {id:?}, which scale {:?} does not have (levels: {})",
                    scale.name,
                    level_list(&scale)
                ));
            }
        }
        let confidence = self.confidence.unwrap_or(base.confidence);
        if !(confidence > 0.0 && confidence < 1.0) {
            problems.push(format!(
                "confidence must be between 0 and 1 (exclusive), not {confidence}"
            ));
        }
        let keys = match &self.keys {
            Some(overrides) => KeyMap::with_overrides(overrides),
            None => base.keys,
        };
        let reserved: Vec<(KeySpec, String)> = scale
            .levels
            .iter()
            .map(|l| (KeySpec::char(l.key), format!("grade {}", l.label)))
            .collect();
        if let Err(conflicts) = keys.check(&reserved) {
            problems.extend(conflicts);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            reviewer: self
                .reviewer
                .map(|r| sanitize_line(r.trim()))
                .filter(|r| !r.is_empty())
                .or(base.reviewer),
            scale,
            reference: reference.map(|mut r| {
                r.label = sanitize_line(&r.label);
                r
            }),
            criteria,
            require_note_for,
            auto_advance: self.auto_advance.unwrap_or(base.auto_advance),
            list_columns: self
                .list_columns
                .map(|c| c.iter().map(|c| sanitize_line(c.trim())).collect())
                .unwrap_or(base.list_columns),
            theme: self.theme.unwrap_or(base.theme),
            keys,
            confidence,
        })
    }
}

fn level_list(scale: &Scale) -> String {
    let ids: Vec<&str> = scale.levels.iter().map(|l| l.id.as_str()).collect();
    quoted_list(&ids)
}

/// Aligns a level-id → count map with the scale's levels.
fn resolve_reference(
    scale: &Scale,
    map: BTreeMap<String, ReferenceCount>,
    label: String,
    problems: &mut Vec<String>,
) -> Option<Reference> {
    let before = problems.len();
    let mut map: BTreeMap<String, u64> = map.into_iter().map(|(k, v)| (k, v.0)).collect();
    let mut counts = Vec::with_capacity(scale.len());
    for level in &scale.levels {
        match map.remove(&level.id) {
            Some(n) => counts.push(n),
            None => problems.push(format!(
                "reference has no count for level {:?} of scale {:?}",
                level.id, scale.name
            )),
        }
    }
    for id in map.keys() {
        problems.push(format!(
            "reference names level {id:?}, which scale {:?} does not have (levels: {})",
            scale.name,
            level_list(scale)
        ));
    }
    (problems.len() == before).then_some(Reference { label, counts })
}

fn check_criteria(criteria: &[Criterion], problems: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for (i, c) in criteria.iter().enumerate() {
        if c.id.trim().is_empty() {
            problems.push(format!("criterion {} has an empty id", i + 1));
        } else if !seen.insert(c.id.as_str()) {
            problems.push(format!("criterion id {:?} is used twice", c.id));
        }
        if c.label.trim().is_empty() {
            problems.push(format!("criterion {:?} has an empty label", c.id));
        }
    }
}
