//! What a key can ask for: one command enum for every context, each command
//! with the name config files use.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A bindable command. Which commands a context reads, with what default
/// keys, is in [`super::Context::table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Select the next case, criterion or entry; scroll down a line.
    MoveDown,
    /// Select the previous one; scroll up a line.
    MoveUp,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// The first case or entry; the top.
    First,
    /// The last case or entry; the end.
    Last,
    /// Scroll the narrative down.
    ScrollDown,
    /// Scroll the narrative up.
    ScrollUp,
    /// Go to a case by its id.
    GoTo,
    /// Show the messages shown so far.
    Messages,
    /// Go back to where the last jump came from.
    JumpBack,
    /// Go forward again along the jumps.
    JumpForward,
    /// Page the case view down (its height less two lines of overlap).
    PageCaseDown,
    /// Page the case view up.
    PageCaseUp,
    /// Switch the movement keys between the list and the case view.
    Focus,
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
    /// Choose the column the list is sorted on.
    Sort,
    /// Choose the columns the list shows.
    Columns,
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
    /// Note editor: save the note and close the editor.
    SaveNote,
    /// Accept what the overlay or dialog offers (apply a filter, go to a
    /// case, keep a search, export).
    Confirm,
    /// Close the overlay or dialog (cancel a search).
    Close,
    /// Dialog: the next field.
    NextField,
    /// Dialog: the previous field.
    PreviousField,
    /// Dialog: the next option of the field.
    NextOption,
    /// Dialog: the previous option of the field.
    PreviousOption,
    /// Dialog: switch the field on or off (or on to its next option).
    Toggle,
}

/// Every command with its config name.
const NAMES: [(Command, &str); 43] = [
    (Command::MoveDown, "move_down"),
    (Command::MoveUp, "move_up"),
    (Command::PageDown, "page_down"),
    (Command::PageUp, "page_up"),
    (Command::First, "first"),
    (Command::Last, "last"),
    (Command::ScrollDown, "scroll_down"),
    (Command::ScrollUp, "scroll_up"),
    (Command::GoTo, "go_to"),
    (Command::Messages, "messages"),
    (Command::JumpBack, "jump_back"),
    (Command::JumpForward, "jump_forward"),
    (Command::PageCaseDown, "page_case_down"),
    (Command::PageCaseUp, "page_case_up"),
    (Command::Focus, "focus"),
    (Command::Undo, "undo"),
    (Command::Redo, "redo"),
    (Command::EditNote, "edit_note"),
    (Command::Criteria, "criteria"),
    (Command::Flag, "flag"),
    (Command::Search, "search"),
    (Command::NextMatch, "next_match"),
    (Command::PreviousMatch, "previous_match"),
    (Command::Filter, "filter"),
    (Command::Sort, "sort"),
    (Command::Columns, "columns"),
    (Command::Details, "details"),
    (Command::History, "history"),
    (Command::Export, "export"),
    (Command::Help, "help"),
    (Command::Quit, "quit"),
    (Command::AnswerMet, "answer_met"),
    (Command::AnswerNotMet, "answer_not_met"),
    (Command::AnswerNotApplicable, "answer_not_applicable"),
    (Command::AnswerClear, "answer_clear"),
    (Command::SaveNote, "save_note"),
    (Command::Confirm, "confirm"),
    (Command::Close, "close"),
    (Command::NextField, "next_field"),
    (Command::PreviousField, "previous_field"),
    (Command::NextOption, "next_option"),
    (Command::PreviousOption, "previous_option"),
    (Command::Toggle, "toggle"),
];

impl Command {
    /// The name used in config files (`move_down`).
    pub fn name(self) -> &'static str {
        NAMES[self as usize].1
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_in_declaration_order_and_match_serde() {
        for (i, (command, name)) in NAMES.iter().enumerate() {
            assert_eq!(*command as usize, i, "{name}");
            let serialised = ron::to_string(command).expect("serialise");
            assert_eq!(serialised, *name);
        }
    }
}
