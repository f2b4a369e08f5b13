//! Key bindings of the browsing mode: commands, key names and the key map.
//!
//! Keys are written as strings such as `"j"`, `"G"`, `"?"`, `"Ctrl-r"` or
//! `"PageDown"`. A user's config overrides only the commands it names, and
//! the help overlay is generated from [`KeyMap::help_rows`].

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};

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

    /// The first key of `c` as shown to the reviewer ("" when unbound):
    /// what the status line and overlay footers name.
    pub fn first_key(&self, c: Command) -> String {
        self.keys(c)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
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

mod key;
#[cfg(test)]
mod tests;

pub use key::{KeyParseError, KeySpec};
