//! Keys of our own: a key code and modifiers, parsed from `"Ctrl-r"`-style
//! strings and printed back. The terminal layer turns the terminal's key
//! events into these, so nothing below it depends on the terminal library.

use std::fmt;
use std::ops::{BitOr, BitOrAssign, Sub};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A key on the keyboard, without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A character key (`' '` is the space bar).
    Char(char),
    /// A function key, F1 to F12.
    F(u8),
    /// Cursor down.
    Down,
    /// Cursor up.
    Up,
    /// Cursor left.
    Left,
    /// Cursor right.
    Right,
    /// Page down.
    PageDown,
    /// Page up.
    PageUp,
    /// Home.
    Home,
    /// End.
    End,
    /// Enter (Return).
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
}

/// Held modifier keys: Ctrl, Alt and Shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct KeyModifiers(u8);

impl KeyModifiers {
    /// No modifier.
    pub const NONE: Self = Self(0);
    /// Ctrl.
    pub const CONTROL: Self = Self(1);
    /// Alt (Meta).
    pub const ALT: Self = Self(2);
    /// Shift.
    pub const SHIFT: Self = Self(4);

    /// Whether every modifier of `other` is held.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any modifier of `other` is held.
    pub fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }
}

impl BitOr for KeyModifiers {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Self(self.0 | rhs.0)
    }
}

impl BitOrAssign for KeyModifiers {
    fn bitor_assign(&mut self, rhs: Self) {
        self.0 |= rhs.0;
    }
}

impl Sub for KeyModifiers {
    type Output = Self;
    fn sub(self, rhs: Self) -> Self {
        Self(self.0 & !rhs.0)
    }
}

/// One key with its modifiers, e.g. `Ctrl-r`: a binding in the key map,
/// and a key as pressed.
///
/// Normalised on construction: a shifted letter is its uppercase char
/// without SHIFT, and SHIFT is dropped from other chars and from `BackTab`,
/// so two specs that match the same key presses are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    code: KeyCode,
    mods: KeyModifiers,
}

/// Named keys accepted in key strings, with their canonical spelling.
const NAMED: [(&str, KeyCode); 16] = [
    ("Down", KeyCode::Down),
    ("Up", KeyCode::Up),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageDown", KeyCode::PageDown),
    ("PageUp", KeyCode::PageUp),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

/// What a key string may be, for error messages.
const EXPECTED: &str = "expected a single character, Down, Up, Left, Right, PageDown, PageUp, \
    Home, End, Enter, Esc, Tab, BackTab, Space, Backspace, Delete, Insert or F1..F12, \
    optionally after Ctrl-, Alt- or Shift-";

/// Modifier prefixes, in canonical order.
const PREFIXES: [(&str, KeyModifiers); 3] = [
    ("Ctrl-", KeyModifiers::CONTROL),
    ("Alt-", KeyModifiers::ALT),
    ("Shift-", KeyModifiers::SHIFT),
];

impl KeySpec {
    /// A key with modifiers, normalised (see the type's documentation).
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Self {
        match code {
            KeyCode::Char(c) => {
                let c = if mods.contains(KeyModifiers::SHIFT) {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                };
                Self {
                    code: KeyCode::Char(c),
                    mods: mods - KeyModifiers::SHIFT,
                }
            }
            KeyCode::BackTab => Self {
                code,
                mods: mods - KeyModifiers::SHIFT,
            },
            _ => Self { code, mods },
        }
    }

    /// A plain character key, e.g. a grade key.
    pub fn char(c: char) -> Self {
        Self::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    /// The key code.
    pub fn code(&self) -> KeyCode {
        self.code
    }

    /// The key as a footer names it: arrows as arrows, else as in files.
    pub fn short(&self) -> String {
        let arrow = match self.code {
            KeyCode::Down => "↓",
            KeyCode::Up => "↑",
            KeyCode::Left => "←",
            KeyCode::Right => "→",
            _ => return self.to_string(),
        };
        let mut text = self.to_string();
        text.truncate(text.len() - format!("{:?}", self.code).len());
        text.push_str(arrow);
        text
    }

    /// The modifiers (never SHIFT for chars).
    pub fn mods(&self) -> KeyModifiers {
        self.mods
    }
}

/// Why a key string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad key {text:?}: {reason}")]
pub struct KeyParseError {
    text: String,
    reason: &'static str,
}

impl FromStr for KeySpec {
    type Err = KeyParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason| KeyParseError {
            text: text.into(),
            reason,
        };
        let mut rest = text;
        let mut mods = KeyModifiers::NONE;
        'prefixes: loop {
            for (prefix, m) in PREFIXES {
                if let Some(tail) = strip_prefix_ignore_case(rest, prefix) {
                    if tail.is_empty() {
                        return Err(fail("a key name must follow the modifier"));
                    }
                    mods |= m;
                    rest = tail;
                    continue 'prefixes;
                }
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(fail("empty key name")),
            (Some(c), None) if c.is_control() => {
                return Err(fail("control characters are not keys"));
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => named_key(rest).ok_or_else(|| fail(EXPECTED))?,
        };
        Ok(KeySpec::new(code, mods))
    }
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn named_key(name: &str) -> Option<KeyCode> {
    if let Some((_, code)) = NAMED.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return Some(*code);
    }
    let n: u8 = strip_prefix_ignore_case(name, "F")?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (prefix, m) in PREFIXES {
            if self.mods.contains(m) {
                f.write_str(prefix)?;
            }
        }
        if let Some((name, _)) = NAMED.iter().find(|(_, c)| *c == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl Serialize for KeySpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KeySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
