//! Key bindings of the browsing mode: commands, key names and the key map.
//!
//! Keys are written as strings such as `"j"`, `"G"`, `"?"`, `"Ctrl-r"` or
//! `"PageDown"`. A user's config overrides only the commands it names, and
//! the help overlay is generated from [`KeyMap::help_rows`].

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a key can do in the browsing mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Select the next case.
    MoveDown,
    /// Select the previous case.
    MoveUp,
    /// Move one page down the case list.
    PageDown,
    /// Move one page up the case list.
    PageUp,
    /// Select the first case.
    First,
    /// Select the last case.
    Last,
    /// Scroll the narrative pane down.
    ScrollDown,
    /// Scroll the narrative pane up.
    ScrollUp,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Edit the current case's rationale note.
    EditNote,
    /// Open the practice criteria checklist.
    Criteria,
    /// Flag or unflag the current case for discussion.
    Flag,
    /// Search the cases.
    Search,
    /// Jump to the next search match.
    NextMatch,
    /// Jump to the previous search match.
    PreviousMatch,
    /// Choose which cases the list shows.
    Filter,
    /// Show the tally details.
    Details,
    /// Show the history of changes.
    History,
    /// Export the graded sample or a report.
    Export,
    /// Show the help overlay.
    Help,
    /// Quit (the session is saved).
    Quit,
    /// Checklist: the criterion was met.
    AnswerMet,
    /// Checklist: the criterion was not met.
    AnswerNotMet,
    /// Checklist: the criterion does not apply.
    AnswerNotApplicable,
    /// Checklist: clear the answer.
    AnswerClear,
}

/// Where a command's keys are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The main screen.
    Browse,
    /// The criteria checklist (movement keys also work there).
    Checklist,
}

/// Number of commands.
const COUNT: usize = 26;

/// Each command's config name, help description and default keys (DESIGN
/// §4), in help order (which is also declaration order).
#[rustfmt::skip]
const INFO: [(Command, &str, &str, &[&str]); COUNT] = [
    (Command::MoveDown, "move_down", "next case", &["j", "Down"]),
    (Command::MoveUp, "move_up", "previous case", &["k", "Up"]),
    (Command::PageDown, "page_down", "page down the case list", &["PageDown", "Ctrl-d"]),
    (Command::PageUp, "page_up", "page up the case list", &["PageUp", "Ctrl-u"]),
    (Command::First, "first", "first case", &["g", "Home"]),
    (Command::Last, "last", "last case", &["G", "End"]),
    (Command::ScrollDown, "scroll_down", "scroll the narrative down", &["J", "Ctrl-Down"]),
    (Command::ScrollUp, "scroll_up", "scroll the narrative up", &["K", "Ctrl-Up"]),
    (Command::Undo, "undo", "undo the last change", &["u"]),
    (Command::Redo, "redo", "redo the change last undone", &["Ctrl-r"]),
    (Command::EditNote, "edit_note", "write the rationale note (Esc saves)", &["i", "Enter"]),
    (Command::Criteria, "criteria", "practice criteria checklist", &["c"]),
    (Command::Flag, "flag", "flag for discussion / unflag", &["f"]),
    (Command::Search, "search", "search cases and notes", &["/"]),
    (Command::NextMatch, "next_match", "next search match", &["n"]),
    (Command::PreviousMatch, "previous_match", "previous search match", &["N"]),
    (Command::Filter, "filter", "filter the list (ungraded, grade, area, flagged)", &["F"]),
    (Command::Details, "details", "tally details: grade × area, criteria, intervals", &["t"]),
    (Command::History, "history", "history of changes", &["H"]),
    (Command::Export, "export", "export the graded sample or a report", &["x"]),
    (Command::Help, "help", "show this help", &["?", "F1"]),
    (Command::Quit, "quit", "quit (work is saved)", &["q", "Ctrl-c"]),
    (Command::AnswerMet, "answer_met", "criterion met", &["y"]),
    (Command::AnswerNotMet, "answer_not_met", "criterion not met", &["n"]),
    (Command::AnswerNotApplicable, "answer_not_applicable", "criterion not applicable", &["a"]),
    (Command::AnswerClear, "answer_clear", "clear the answer", &["Backspace", "Delete"]),
];

impl Command {
    /// Every command, in the order the help lists them.
    pub const ALL: [Command; COUNT] = {
        let mut all = [Command::MoveDown; COUNT];
        let mut i = 0;
        while i < all.len() {
            all[i] = INFO[i].0;
            i += 1;
        }
        all
    };

    /// The name used in config files (`move_down`).
    pub fn name(&self) -> &'static str {
        INFO[*self as usize].1
    }

    /// What the command does, as shown in the help.
    pub fn description(&self) -> &'static str {
        INFO[*self as usize].2
    }

    /// Whether the command's keys are read in `context`.
    pub fn active_in(&self, context: Context) -> bool {
        let checklist = matches!(
            self,
            Command::AnswerMet
                | Command::AnswerNotMet
                | Command::AnswerNotApplicable
                | Command::AnswerClear
        );
        match context {
            Context::Browse => !checklist,
            Context::Checklist => checklist || matches!(self, Command::MoveDown | Command::MoveUp),
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One key with its modifiers, e.g. `Ctrl-r`.
///
/// Normalised on construction: a shifted letter is its uppercase char
/// without SHIFT, and SHIFT is dropped from other chars and from `BackTab`,
/// so two specs that match the same key presses are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
        let mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
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

    /// The modifiers (never SHIFT for chars).
    pub fn mods(&self) -> KeyModifiers {
        self.mods
    }

    /// True when the key event is a press (or repeat) of this key. A typed
    /// uppercase char matches with or without SHIFT; SHIFT is ignored for
    /// other chars such as `?`.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        ev.kind != KeyEventKind::Release && *self == KeySpec::new(ev.code, ev.modifiers)
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

/// Which keys run which command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    keys: BTreeMap<Command, Vec<KeySpec>>,
}

impl Default for KeyMap {
    /// The default bindings (DESIGN §4).
    fn default() -> Self {
        let keys = INFO
            .iter()
            .map(|(c, _, _, keys)| (*c, keys.iter().filter_map(|k| k.parse().ok()).collect()))
            .collect();
        Self { keys }
    }
}

impl KeyMap {
    /// The defaults with the named commands' keys replaced.
    pub fn with_overrides(overrides: &BTreeMap<Command, Vec<KeySpec>>) -> KeyMap {
        let mut map = KeyMap::default();
        for (c, specs) in overrides {
            map.keys.insert(*c, specs.clone());
        }
        map
    }

    /// The keys bound to `c`, in the order they were given.
    pub fn keys(&self, c: Command) -> &[KeySpec] {
        self.keys.get(&c).map_or(&[], Vec::as_slice)
    }

    /// The command a key event runs in `context`, if any.
    pub fn command_for(&self, ev: &KeyEvent, context: Context) -> Option<Command> {
        Command::ALL
            .into_iter()
            .filter(|c| c.active_in(context))
            .find(|c| self.keys(*c).iter().any(|k| k.matches(ev)))
    }

    /// Checks that no key runs two commands or is also one of `reserved`
    /// (key, description) — e.g. the scale's grade keys, "grade Good" — and
    /// that `quit` has a key. Reports every problem found.
    pub fn check(&self, reserved: &[(KeySpec, String)]) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for context in [Context::Browse, Context::Checklist] {
            let mut seen: Vec<(KeySpec, Command)> = Vec::new();
            for c in Command::ALL.into_iter().filter(|c| c.active_in(context)) {
                for key in self.keys(c) {
                    match seen.iter().find(|(k, _)| k == key) {
                        Some((_, other)) if *other == c => {}
                        Some((_, other)) => {
                            let problem = format!("key \"{key}\" is bound to both {other} and {c}");
                            if !problems.contains(&problem) {
                                problems.push(problem);
                            }
                        }
                        None => seen.push((*key, c)),
                    }
                }
            }
            if context == Context::Browse {
                for (key, what) in reserved {
                    for (_, c) in seen.iter().filter(|(k, _)| k == key) {
                        problems.push(format!("key \"{key}\" is bound to both {c} and {what}"));
                    }
                }
            }
        }
        if self.keys(Command::Quit).is_empty() {
            problems.push("no key is bound to quit".into());
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// One row per command of `context` in [`Command::ALL`] order: its keys
    /// joined with `/` (or `(none)`), and its description. The help overlay
    /// shows these.
    pub fn help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        Command::ALL
            .into_iter()
            .filter(|c| c.active_in(context))
            .map(|c| {
                let keys: Vec<String> = self.keys(c).iter().map(ToString::to_string).collect();
                let keys = if keys.is_empty() {
                    "(none)".into()
                } else {
                    keys.join("/")
                };
                (keys, c.description())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyCode as K;
    use KeyModifiers as M;

    fn key(s: &str) -> KeySpec {
        s.parse().expect("key")
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn parses_and_displays_canonically() {
        let table = "j=j J=J G=G ?=? /=/ -=- Ctrl--=Ctrl-- Ctrl-r=Ctrl-r ctrl-R=Ctrl-R \
            Ctrl-Down=Ctrl-Down Alt-x=Alt-x Shift-j=J Shift-?=? down=Down PageDown=PageDown \
            pageup=PageUp Home=Home End=End Enter=Enter Esc=Esc Tab=Tab Shift-BackTab=BackTab \
            Space=Space Backspace=Backspace Delete=Delete Insert=Insert F1=F1 F12=F12 \
            alt-ctrl-Left=Ctrl-Alt-Left Shift-Up=Shift-Up";
        for pair in table.split_whitespace() {
            let (text, canon) = pair.rsplit_once('=').expect("pair");
            let k = key(text);
            assert_eq!(k.to_string(), canon, "{text}");
            assert_eq!(key(canon), k, "round trip of {canon}");
        }
        assert_eq!(key(" ").to_string(), "Space");
        let ctrl_r = KeySpec::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(key("Ctrl-r"), ctrl_r);
    }

    #[test]
    fn rejects_bad_names() {
        for bad in "|Ctrl-|Alt-|Ctrl-Shift-|F0|F13|PgDn|jk|\u{7}".split('|') {
            let e = bad.parse::<KeySpec>().expect_err(bad);
            assert!(e.to_string().contains("bad key"), "{e}");
        }
    }

    #[test]
    fn matching_ignores_shift_on_chars() {
        let (none, shift, ctrl) = (M::NONE, M::SHIFT, M::CONTROL);
        assert!(key("G").matches(&ev(KeyCode::Char('G'), shift)));
        assert!(key("G").matches(&ev(KeyCode::Char('G'), none)));
        assert!(key("G").matches(&ev(KeyCode::Char('g'), shift)));
        assert!(!key("G").matches(&ev(KeyCode::Char('g'), none)));
        assert!(key("?").matches(&ev(KeyCode::Char('?'), shift)));
        assert!(key("Ctrl-r").matches(&ev(KeyCode::Char('r'), ctrl)));
        assert!(!key("Ctrl-r").matches(&ev(KeyCode::Char('r'), none)));
        assert!(!key("Down").matches(&ev(KeyCode::Down, ctrl)));
        assert!(key("BackTab").matches(&ev(KeyCode::BackTab, shift)));
        let mut release = ev(KeyCode::Char('j'), none);
        release.kind = KeyEventKind::Release;
        assert!(!key("j").matches(&release));
    }

    #[test]
    fn defaults_have_no_conflicts_with_grade_keys() {
        let map = KeyMap::default();
        let grade = |c| (KeySpec::char(c), format!("grade {c}"));
        map.check(&"123456789".chars().map(grade).collect::<Vec<_>>())
            .expect("no conflicts");
        let cmd = |code, mods| map.command_for(&ev(code, mods), Context::Browse);
        assert_eq!(cmd(K::Char('J'), M::SHIFT), Some(Command::ScrollDown));
        assert_eq!(cmd(K::Char('j'), M::NONE), Some(Command::MoveDown));
        assert_eq!(cmd(K::F(1), M::NONE), Some(Command::Help));
        assert_eq!(cmd(K::Down, M::CONTROL), Some(Command::ScrollDown));
        assert_eq!(cmd(K::Char('x'), M::NONE), Some(Command::Export));
        assert_eq!(cmd(K::Char('z'), M::NONE), None);
        assert_eq!(map.keys(Command::Redo), &[key("Ctrl-r")]);
        for (c, _, _, keys) in INFO {
            assert_eq!(map.keys(c).len(), keys.len(), "every default of {c} parses");
        }
    }

    #[test]
    fn check_reports_every_conflict() {
        let overrides = BTreeMap::from([
            (Command::ScrollDown, vec![key("j")]),
            (Command::Quit, vec![key("1"), key("q")]),
        ]);
        let map = KeyMap::with_overrides(&overrides);
        let reserved = vec![(KeySpec::char('1'), "grade Good".to_string())];
        let problems = map.check(&reserved).expect_err("conflicts");
        assert_eq!(
            problems,
            [
                "key \"j\" is bound to both move_down and scroll_down",
                "key \"1\" is bound to both quit and grade Good",
            ]
        );
        let map = KeyMap::with_overrides(&BTreeMap::from([(Command::Quit, vec![])]));
        let problems = map.check(&[]).expect_err("no quit");
        assert_eq!(problems, ["no key is bound to quit"]);
    }

    #[test]
    fn overrides_replace_only_named_commands() {
        let quit = vec![key("q"), key("Ctrl-c")];
        let map = KeyMap::with_overrides(&BTreeMap::from([(Command::Quit, quit.clone())]));
        assert_eq!(map.keys(Command::Quit), quit);
        let down = KeyMap::default().keys(Command::MoveDown).to_vec();
        assert_eq!(map.keys(Command::MoveDown), down);
    }

    #[test]
    fn help_rows_follow_command_order() {
        let rows = KeyMap::default().help_rows(Context::Browse);
        assert_eq!(rows.len(), 22);
        assert_eq!(rows[0], ("j/Down".to_string(), "next case"));
        assert_eq!(rows[2].0, "PageDown/Ctrl-d");
        assert_eq!(rows[21], ("q/Ctrl-c".to_string(), "quit (work is saved)"));
        let checklist = KeyMap::default().help_rows(Context::Checklist);
        let keys: Vec<&str> = checklist.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["j/Down", "k/Up", "y", "n", "a", "Backspace/Delete"]);
    }

    #[test]
    fn contexts_share_keys_without_conflict() {
        let map = KeyMap::default();
        map.check(&[]).expect("defaults are consistent");
        let n = ev(K::Char('n'), M::NONE);
        assert_eq!(
            map.command_for(&n, Context::Browse),
            Some(Command::NextMatch)
        );
        assert_eq!(
            map.command_for(&n, Context::Checklist),
            Some(Command::AnswerNotMet)
        );
        assert_eq!(
            map.command_for(&ev(K::Char('q'), M::NONE), Context::Checklist),
            None
        );
        // A checklist key may not shadow movement inside the checklist.
        let clash = KeyMap::with_overrides(&BTreeMap::from([(Command::AnswerMet, vec![key("j")])]));
        let problems = clash.check(&[]).expect_err("clash");
        assert_eq!(
            problems,
            ["key \"j\" is bound to both move_down and answer_met"]
        );
    }

    #[test]
    fn serde_uses_names_and_key_strings() {
        for (i, c) in Command::ALL.into_iter().enumerate() {
            assert_eq!(c as usize, i, "INFO follows declaration order");
            assert_eq!(ron::to_string(&c).expect("ron"), c.name());
        }
        let m: BTreeMap<Command, Vec<KeySpec>> =
            ron::from_str(r#"{ quit: ["q", "Ctrl-c"] }"#).expect("map");
        assert_eq!(m[&Command::Quit], vec![key("q"), key("Ctrl-c")]);
        let text = ron::to_string(&key("Ctrl-PageDown")).expect("ron");
        assert_eq!(text, "\"Ctrl-PageDown\"");
        let e = ron::from_str::<Vec<KeySpec>>("[\"j\",\n \"Ctrl-\"]").expect_err("bad key");
        assert_eq!(e.span.start.line, 2);
        assert!(e.to_string().contains("Ctrl-"), "{e}");
    }

    #[test]
    fn the_readme_documents_every_default_key() {
        let readme = include_str!("../README.md");
        for (c, _, _, keys) in INFO {
            for k in keys {
                assert!(
                    readme.contains(&format!("`{k}`")),
                    "README lacks the key `{k}` of {c}"
                );
            }
        }
    }
}
