//! Grading scales: ordered levels, best first.

use serde::{Deserialize, Serialize};

/// Position of a level in its scale (0 = best).
pub type LevelIdx = u8;

/// One grade on a scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Stable identifier used in files (`requires_improvement`).
    pub id: String,
    /// Label shown to the reviewer (`Requires improvement`).
    pub label: String,
    /// Words for the report sentence (`requiring improvement`).
    pub phrase: String,
    /// The key that grades a case at this level.
    pub key: char,
    /// Colour name or `#rrggbb`, interpreted by the theme.
    pub colour: String,
}

/// An ordered grading scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Short name (`hmicfrs`, `ofsted`, `care_inspectorate`, or a custom name).
    pub name: String,
    /// Levels, best first.
    pub levels: Vec<Level>,
}

impl Scale {
    /// Makes the scale's names inert (see [`super::text`]): a scale read
    /// from a config or a session is untrusted text that reaches the
    /// terminal, `summary` and reports.
    pub fn sanitize(&mut self) {
        use super::text::sanitize_line;
        self.name = sanitize_line(&self.name);
        for level in &mut self.levels {
            for text in [
                &mut level.id,
                &mut level.label,
                &mut level.phrase,
                &mut level.colour,
            ] {
                *text = sanitize_line(text);
            }
        }
    }
}

fn level(id: &str, label: &str, phrase: &str, key: char, colour: &str) -> Level {
    Level {
        id: id.into(),
        label: label.into(),
        phrase: phrase.into(),
        key,
        colour: colour.into(),
    }
}

/// Names of the built-in scales.
pub const PRESET_NAMES: [&str; 3] = ["hmicfrs", "ofsted", "care_inspectorate"];

impl Scale {
    /// The three-level HMICFRS scale used in police inspections (the default).
    pub fn hmicfrs() -> Self {
        Self {
            name: "hmicfrs".into(),
            levels: vec![
                level("good", "Good", "good", '1', "green"),
                level(
                    "requires_improvement",
                    "Requires improvement",
                    "requiring improvement",
                    '2',
                    "yellow",
                ),
                level("inadequate", "Inadequate", "inadequate", '3', "red"),
            ],
        }
    }

    /// The four-point Ofsted scale.
    pub fn ofsted() -> Self {
        Self {
            name: "ofsted".into(),
            levels: vec![
                level("outstanding", "Outstanding", "outstanding", '1', "cyan"),
                level("good", "Good", "good", '2', "green"),
                level(
                    "requires_improvement",
                    "Requires improvement to be good",
                    "requiring improvement to be good",
                    '3',
                    "yellow",
                ),
                level("inadequate", "Inadequate", "inadequate", '4', "red"),
            ],
        }
    }

    /// The six-point Care Inspectorate scale.
    pub fn care_inspectorate() -> Self {
        Self {
            name: "care_inspectorate".into(),
            levels: vec![
                level("excellent", "Excellent", "excellent", '1', "cyan"),
                level("very_good", "Very good", "very good", '2', "green"),
                level("good", "Good", "good", '3', "light green"),
                level("adequate", "Adequate", "adequate", '4', "yellow"),
                level("weak", "Weak", "weak", '5', "light red"),
                level(
                    "unsatisfactory",
                    "Unsatisfactory",
                    "unsatisfactory",
                    '6',
                    "red",
                ),
            ],
        }
    }

    /// A built-in scale by name.
    pub fn preset(name: &str) -> Option<Self> {
        match name {
            "hmicfrs" => Some(Self::hmicfrs()),
            "ofsted" => Some(Self::ofsted()),
            "care_inspectorate" => Some(Self::care_inspectorate()),
            _ => None,
        }
    }

    /// Number of levels.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// True for a scale without levels (never valid; see [`Scale::check`]).
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// The level at `idx`.
    pub fn level(&self, idx: LevelIdx) -> Option<&Level> {
        self.levels.get(usize::from(idx))
    }

    /// Position of the level with this id.
    pub fn position(&self, id: &str) -> Option<LevelIdx> {
        self.levels
            .iter()
            .position(|l| l.id == id)
            .and_then(|i| LevelIdx::try_from(i).ok())
    }

    /// The level graded by `key`.
    pub fn by_key(&self, key: char) -> Option<LevelIdx> {
        self.levels
            .iter()
            .position(|l| l.key == key)
            .and_then(|i| LevelIdx::try_from(i).ok())
    }

    /// Checks the scale is usable: 2 to 9 levels, unique non-empty ids,
    /// unique keys, non-empty labels. Returns a description of the first fault.
    pub fn check(&self) -> Result<(), String> {
        if !(2..=9).contains(&self.levels.len()) {
            return Err(format!(
                "a scale needs 2 to 9 levels, this one has {}",
                self.levels.len()
            ));
        }
        for (i, l) in self.levels.iter().enumerate() {
            if l.id.trim().is_empty() || l.label.trim().is_empty() {
                return Err(format!("level {} needs a non-empty id and label", i + 1));
            }
            if !l
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(format!(
                    "level id {:?} may only hold letters, digits, '_' and '-'",
                    l.id
                ));
            }
            if let Some(prev) = self.levels[..i].iter().find(|p| p.id == l.id) {
                return Err(format!("level id {:?} is used twice", prev.id));
            }
            if let Some(prev) = self.levels[..i].iter().find(|p| p.key == l.key) {
                return Err(format!(
                    "key {:?} grades both {:?} and {:?}",
                    l.key, prev.id, l.id
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_valid_and_ordered_best_first() {
        for name in PRESET_NAMES {
            let s = Scale::preset(name).expect("preset");
            assert_eq!(s.name, name);
            s.check().expect("valid preset");
        }
        assert_eq!(Scale::hmicfrs().len(), 3);
        assert_eq!(Scale::ofsted().len(), 4);
        assert_eq!(Scale::care_inspectorate().len(), 6);
        assert_eq!(Scale::hmicfrs().levels[0].id, "good");
        assert_eq!(Scale::preset("nope"), None);
    }

    #[test]
    fn lookups_by_id_and_key() {
        let s = Scale::hmicfrs();
        assert_eq!(s.position("inadequate"), Some(2));
        assert_eq!(s.by_key('2'), Some(1));
        assert_eq!(s.by_key('9'), None);
        assert_eq!(
            s.level(1).map(|l| l.phrase.as_str()),
            Some("requiring improvement")
        );
    }

    #[test]
    fn check_rejects_bad_scales() {
        let mut s = Scale::hmicfrs();
        s.levels.truncate(1);
        assert!(s.check().unwrap_err().contains("2 to 9"));
        let mut s = Scale::hmicfrs();
        s.levels[2].key = '1';
        assert!(s.check().unwrap_err().contains("grades both"));
        let mut s = Scale::hmicfrs();
        s.levels[1].id = "good".into();
        assert!(s.check().unwrap_err().contains("used twice"));
        let mut s = Scale::hmicfrs();
        s.levels[1].id = "a b".into();
        assert!(s.check().is_err());
    }
}
