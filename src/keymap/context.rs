//! The key table of every context (one per mode of the screen): which
//! commands it reads, what each does there, and its default keys (DESIGN
//! §4); what it does with keys it does not bind; and the short footer of
//! keys its overlay shows.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Command;

/// Where keys are read: one context per mode of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// The main screen: moving through cases and grading them.
    Browse,
    /// The practice criteria checklist.
    Checklist,
    /// The note editor.
    Note,
    /// The search prompt.
    Search,
    /// The filter picker (and the column picker).
    Filter,
    /// The sort picker.
    Sort,
    /// The history of changes.
    History,
    /// The tally details overlay.
    Details,
    /// The help overlay.
    Help,
    /// The export dialog.
    Export,
}

/// What a context does with a key none of its commands is bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unbound {
    /// Nothing (on the main screen, a grade key grades).
    Ignored,
    /// It closes the overlay.
    Closes,
    /// It is typed into the text field.
    Typed,
}

/// One row of a key table: a command, what it does in this context, and
/// its default keys.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The command.
    pub command: Command,
    /// What it does here, for the help.
    pub what: &'static str,
    /// Default keys, as key strings.
    pub keys: &'static [&'static str],
}

const fn b(command: Command, what: &'static str, keys: &'static [&'static str]) -> Binding {
    Binding {
        command,
        what,
        keys,
    }
}

use Command as C;

const BROWSE: &[Binding] = &[
    b(C::MoveDown, "next case", &["j", "Down"]),
    b(C::MoveUp, "previous case", &["k", "Up"]),
    b(
        C::PageDown,
        "page down the case list",
        &["PageDown", "Ctrl-d"],
    ),
    b(C::PageUp, "page up the case list", &["PageUp", "Ctrl-u"]),
    b(C::First, "first case", &["g", "Home"]),
    b(C::GoTo, "go to a case by its id", &["#", ":"]),
    b(
        C::JumpBack,
        "back to where the last jump came from",
        &["Ctrl-o", "["],
    ),
    b(C::JumpForward, "forward again", &["]"]),
    b(C::Last, "last case", &["G", "End"]),
    b(
        C::ScrollDown,
        "scroll the narrative down",
        &["J", "Ctrl-Down"],
    ),
    b(C::ScrollUp, "scroll the narrative up", &["K", "Ctrl-Up"]),
    b(
        C::PageCaseDown,
        "page the case down (read on)",
        &["Space", "Ctrl-f"],
    ),
    b(C::PageCaseUp, "page the case up", &["b", "Ctrl-b"]),
    b(
        C::Focus,
        "switch j/k, g/G between the list and the case",
        &["Tab"],
    ),
    b(C::Undo, "undo the last change", &["u"]),
    b(C::Redo, "redo the change last undone", &["Ctrl-r"]),
    b(C::EditNote, "write the rationale note", &["i", "Enter"]),
    b(C::Criteria, "practice criteria checklist", &["c"]),
    b(C::Flag, "flag for discussion / unflag", &["f"]),
    b(C::Search, "search cases and notes", &["/"]),
    b(C::NextMatch, "next search match", &["n"]),
    b(C::PreviousMatch, "previous search match", &["N"]),
    b(
        C::Filter,
        "filter: ungraded, grade, area, flagged, search",
        &["F"],
    ),
    b(
        C::Sort,
        "sort the list by a column (again: reverse)",
        &["s"],
    ),
    b(C::Columns, "choose the list's columns", &["C"]),
    b(
        C::Details,
        "tally details: grade × area, criteria, intervals",
        &["t"],
    ),
    b(C::History, "history of changes", &["H"]),
    b(C::Messages, "the last 100 messages", &["M"]),
    b(C::Export, "export the graded sample or a report", &["x"]),
    b(C::Help, "show this help", &["?", "F1"]),
    b(C::Close, "clear the search and the message", &["Esc"]),
    b(C::Quit, "quit (work is saved)", &["q", "Ctrl-c"]),
];

const CHECKLIST: &[Binding] = &[
    b(C::AnswerMet, "criterion met", &["y"]),
    b(C::AnswerNotMet, "criterion not met", &["n"]),
    b(C::AnswerNotApplicable, "criterion not applicable", &["a"]),
    b(C::AnswerClear, "clear the answer", &["Backspace", "Delete"]),
    b(C::MoveDown, "next criterion", &["j", "Down"]),
    b(C::MoveUp, "previous criterion", &["k", "Up"]),
    b(C::First, "first criterion", &["g", "Home"]),
    b(C::Last, "last criterion", &["G", "End"]),
    b(C::Close, "close the checklist", &["Esc"]),
];

const NOTE: &[Binding] = &[
    b(C::SaveNote, "save the note and close the editor", &["Esc"]),
    b(
        C::Close,
        "discard the edit (asks first if you typed)",
        &["Ctrl-c"],
    ),
];

const SEARCH: &[Binding] = &[
    b(
        C::Confirm,
        "keep the search (n/N step through matches)",
        &["Enter"],
    ),
    b(
        C::Close,
        "cancel the search, back to where it began",
        &["Esc"],
    ),
];

const FILTER: &[Binding] = &[
    b(C::MoveDown, "next choice", &["j", "Down"]),
    b(C::MoveUp, "previous choice", &["k", "Up"]),
    b(C::PageDown, "page down", &["PageDown", "Ctrl-d"]),
    b(C::PageUp, "page up", &["PageUp", "Ctrl-u"]),
    b(C::First, "first choice", &["g", "Home"]),
    b(C::Last, "last choice", &["G", "End"]),
    b(
        C::Toggle,
        "tick or untick a condition or a column",
        &["Space"],
    ),
    b(
        C::Confirm,
        "apply: the ticked choices, else the highlighted one",
        &["Enter"],
    ),
    b(C::Close, "close without changing anything", &["Esc", "q"]),
];

const SORT: &[Binding] = &[
    b(C::MoveDown, "next column", &["j", "Down"]),
    b(C::MoveUp, "previous column", &["k", "Up"]),
    b(C::PageDown, "page down", &["PageDown", "Ctrl-d"]),
    b(C::PageUp, "page up", &["PageUp", "Ctrl-u"]),
    b(C::First, "sample order", &["g", "Home"]),
    b(C::Last, "last column", &["G", "End"]),
    b(
        C::Confirm,
        "sort by this column (on the sorted column: reverse)",
        &["Enter"],
    ),
    b(C::Close, "close without sorting", &["Esc", "q"]),
];

const HISTORY: &[Binding] = &[
    b(C::MoveDown, "older change", &["j", "Down"]),
    b(C::MoveUp, "newer change", &["k", "Up"]),
    b(C::PageDown, "page down", &["PageDown", "Ctrl-d"]),
    b(C::PageUp, "page up", &["PageUp", "Ctrl-u"]),
    b(C::First, "newest change", &["g", "Home"]),
    b(C::Last, "oldest change", &["G", "End"]),
    b(C::Confirm, "go to the case that changed", &["Enter"]),
    b(C::Close, "close the history", &["Esc", "q"]),
];

/// Help and details scroll alike.
const READER: &[Binding] = &[
    b(C::MoveDown, "scroll down", &["j", "Down", "J", "Ctrl-Down"]),
    b(C::MoveUp, "scroll up", &["k", "Up", "K", "Ctrl-Up"]),
    b(C::PageDown, "page down", &["PageDown", "Ctrl-d", "Space"]),
    b(C::PageUp, "page up", &["PageUp", "Ctrl-u"]),
    b(C::First, "top", &["g", "Home"]),
    b(C::Close, "close (so does any other key)", &["Esc", "q"]),
];

const EXPORT: &[Binding] = &[
    b(C::NextField, "next field", &["Tab", "Down"]),
    b(C::PreviousField, "previous field", &["BackTab", "Up"]),
    b(C::NextOption, "next format; redaction on/off", &["Right"]),
    b(
        C::PreviousOption,
        "previous format; redaction on/off",
        &["Left"],
    ),
    b(C::Toggle, "redaction on/off; next format", &["Space"]),
    b(
        C::Confirm,
        "export (again, to replace an existing file)",
        &["Enter"],
    ),
    b(
        C::Close,
        "cancel (or go back from replacing a file)",
        &["Esc"],
    ),
];

/// A footer item: the commands whose first keys are shown (joined with
/// `/`) and the word for them.
pub type FooterItem = (&'static [Command], &'static str);

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 10] = [
        Context::Browse,
        Context::Checklist,
        Context::Note,
        Context::Search,
        Context::Filter,
        Context::Sort,
        Context::History,
        Context::Details,
        Context::Help,
        Context::Export,
    ];

    /// The name used in config files (`browse`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Browse => "browse",
            Context::Checklist => "checklist",
            Context::Note => "note",
            Context::Search => "search",
            Context::Filter => "filter",
            Context::Sort => "sort",
            Context::History => "history",
            Context::Details => "details",
            Context::Help => "help",
            Context::Export => "export",
        }
    }

    /// How the help heads this context's keys.
    pub fn title(self) -> &'static str {
        match self {
            Context::Browse => "Main screen",
            Context::Checklist => "Criteria checklist",
            Context::Note => "Note editor",
            Context::Search => "Search prompt",
            Context::Filter => "Filter and column pickers",
            Context::Sort => "Sort picker",
            Context::History => "History",
            Context::Details => "Tally details",
            Context::Help => "Help",
            Context::Export => "Export dialog",
        }
    }

    /// The commands this context reads, with what they do and their default
    /// keys, in help order.
    pub fn table(self) -> &'static [Binding] {
        match self {
            Context::Browse => BROWSE,
            Context::Checklist => CHECKLIST,
            Context::Note => NOTE,
            Context::Search => SEARCH,
            Context::Filter => FILTER,
            Context::Sort => SORT,
            Context::History => HISTORY,
            Context::Details | Context::Help => READER,
            Context::Export => EXPORT,
        }
    }

    /// Whether this context reads `command`.
    pub fn reads(self, command: Command) -> bool {
        self.table().iter().any(|b| b.command == command)
    }

    /// What happens to a key no command of this context is bound to.
    pub fn unbound(self) -> Unbound {
        match self {
            Context::Browse
            | Context::Checklist
            | Context::Filter
            | Context::Sort
            | Context::History
            | Context::Export => Unbound::Ignored,
            Context::Note | Context::Search => Unbound::Typed,
            Context::Details | Context::Help => Unbound::Closes,
        }
    }

    /// Whether this context must keep a key for `command` (a way out).
    pub fn required(self) -> Option<Command> {
        match self {
            Context::Browse => Some(Command::Quit),
            Context::Note => Some(Command::SaveNote),
            _ => Some(Command::Close),
        }
    }

    /// The keys an overlay's footer names.
    pub fn footer(self) -> &'static [FooterItem] {
        match self {
            Context::Browse => &[],
            Context::Checklist => &[
                (&[C::AnswerMet], "met"),
                (&[C::AnswerNotMet], "not met"),
                (&[C::AnswerNotApplicable], "n/a"),
                (&[C::AnswerClear], "clear"),
                (&[C::Close], "close"),
            ],
            Context::Note => &[(&[C::SaveNote], "save and close"), (&[C::Close], "discard")],
            Context::Search => &[(&[C::Confirm], "keep"), (&[C::Close], "cancel")],
            Context::Filter => &[
                (&[C::Toggle], "tick"),
                (&[C::Confirm], "apply"),
                (&[C::Close], "cancel"),
            ],
            Context::Sort => &[
                (&[C::Confirm], "sort (again: reverse)"),
                (&[C::Close], "cancel"),
            ],
            Context::History => &[(&[C::Confirm], "go to case"), (&[C::Close], "close")],
            Context::Details | Context::Help => &[
                (&[C::MoveDown, C::MoveUp], "scroll"),
                (&[C::Close], "close"),
            ],
            Context::Export => &[
                (&[C::Confirm], "export"),
                (&[C::NextField], "next field"),
                (&[C::NextOption, C::PreviousOption], "change"),
                (&[C::Close], "cancel"),
            ],
        }
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
