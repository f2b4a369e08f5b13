//! The export dialog: choose a format, redaction and a file; confirm before
//! replacing an existing file. Writing happens in the terminal layer
//! ([`Effect::Export`]); its outcome comes back as
//! [`super::Action::Exported`].

use jiff::Timestamp;
use ratatui_textarea::{CursorMove, TextArea};

use super::ExportFailure;
use super::effect::Effect;
use super::{Action, App, Mode, Notice};
use crate::keymap::{Command, Context};
use crate::store::export::Format;

/// Which row of the dialog has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The format chooser.
    Format,
    /// The redaction switch.
    Redact,
    /// The file name.
    Path,
}

/// The export dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    /// Selected row.
    pub field: Field,
    /// Chosen format.
    pub format: Format,
    /// Leave out case text and notes.
    pub redact: bool,
    /// The file to write (relative paths are relative to where casebench runs).
    pub path: TextArea<'static>,
    /// Set when the file exists: the next Enter replaces it.
    pub confirm_overwrite: bool,
    /// The last failure, shown in the dialog.
    pub error: Option<String>,
    /// While the file is written in the background: the percentage
    /// written. Keys wait until it is done.
    pub writing: Option<u8>,
}

impl ExportDialog {
    /// A dialog proposing `<sample>-<date>.csv`.
    pub fn new(app: &App, now: Timestamp) -> Self {
        let stem = app
            .session
            .sample
            .source
            .path
            .as_deref()
            .and_then(|p| p.file_stem())
            .map_or_else(|| "demo".to_owned(), |s| s.to_string_lossy().into_owned());
        let date = now
            .to_zoned_datetime(app.time_zone().clone())
            .strftime("%Y-%m-%d")
            .to_string();
        let format = Format::Csv;
        let mut path = TextArea::new(vec![format!("{stem}-{date}.{}", format.extension())]);
        path.move_cursor(CursorMove::End);
        Self {
            field: Field::Format,
            format,
            redact: false,
            path,
            confirm_overwrite: false,
            error: None,
            writing: None,
        }
    }

    /// Whether keys are being typed into the file name.
    pub fn typing(&self) -> bool {
        self.field == Field::Path
    }

    /// The file name as typed.
    pub fn path_text(&self) -> String {
        self.path.lines().concat()
    }

    /// Switches format, carrying the file name's extension along.
    fn set_format(&mut self, format: Format) {
        let text = self.path_text();
        let old = format!(".{}", self.format.extension());
        if let Some(stem) = text.strip_suffix(&old) {
            self.path = TextArea::new(vec![format!("{stem}.{}", format.extension())]);
            self.path.move_cursor(CursorMove::End);
        }
        self.format = format;
    }
}

/// Handles a command or typed key while the dialog is open.
#[allow(
    clippy::needless_pass_by_value,
    reason = "actions travel by value through the dispatch, as into update"
)]
pub fn handle(app: &mut App, mut dialog: Box<ExportDialog>, action: Action) -> Vec<Effect> {
    if dialog.writing.is_some() {
        // The file is being written: the choices it was asked with stand,
        // and closing asks it to stop.
        let effects = match action {
            Action::Command(Command::Close) => vec![Effect::CancelExport],
            _ => Vec::new(),
        };
        app.mode = Mode::Export(dialog);
        return effects;
    }
    match action {
        Action::Command(Command::Close) if dialog.confirm_overwrite => {
            dialog.confirm_overwrite = false;
            dialog.error = None;
        }
        Action::Command(Command::Close) => return Vec::new(),
        Action::Command(Command::Confirm) => {
            let path = dialog.path_text();
            if path.trim().is_empty() {
                dialog.error = Some("type a file name".into());
            } else {
                let effect = Effect::Export {
                    format: dialog.format,
                    path: path.trim().into(),
                    redact: dialog.redact,
                    overwrite: dialog.confirm_overwrite,
                };
                app.mode = Mode::Export(dialog);
                return vec![effect];
            }
        }
        Action::Command(command) => change(&mut dialog, command),
        Action::Type(key)
            if dialog.typing() && dialog.path.input(super::text_entry::input(key)) =>
        {
            dialog.changed();
        }
        _ => {}
    }
    app.mode = Mode::Export(dialog);
    Vec::new()
}

/// Moves between fields or changes the selected field's value.
fn change(dialog: &mut ExportDialog, command: Command) {
    let fields = [Field::Format, Field::Redact, Field::Path];
    let at = fields.iter().position(|f| *f == dialog.field).unwrap_or(0);
    let step = |format: Format, forward: bool| {
        let i = Format::ALL.iter().position(|f| *f == format).unwrap_or(0);
        let len = Format::ALL.len();
        Format::ALL[if forward { i + 1 } else { i + len - 1 } % len]
    };
    match (dialog.field, command) {
        (_, Command::NextField) => dialog.field = fields[(at + 1) % fields.len()],
        (_, Command::PreviousField) => {
            dialog.field = fields[(at + fields.len() - 1) % fields.len()];
        }
        (Field::Format, Command::NextOption | Command::Toggle) => {
            dialog.set_format(step(dialog.format, true));
        }
        (Field::Format, Command::PreviousOption) => dialog.set_format(step(dialog.format, false)),
        (Field::Redact, Command::NextOption | Command::PreviousOption | Command::Toggle) => {
            dialog.redact = !dialog.redact;
        }
        _ => return,
    }
    dialog.changed();
}

impl ExportDialog {
    /// Any change of choice asks again before replacing a file.
    fn changed(&mut self) {
        self.confirm_overwrite = false;
        self.error = None;
    }
}

/// Takes in how far an export written in the background has got.
pub fn progressed(app: &mut App, percent: u8) {
    if let Mode::Export(dialog) = &mut app.mode {
        dialog.writing = Some(percent.min(100));
    }
}

/// Takes in the outcome of an export the terminal layer ran.
pub fn finished(app: &mut App, result: Result<std::path::PathBuf, ExportFailure>) {
    let keys = &app.session.config.keys;
    let (replace, back) = (
        keys.first_key(Context::Export, Command::Confirm),
        keys.first_key(Context::Export, Command::Close),
    );
    let Mode::Export(dialog) = &mut app.mode else {
        return;
    };
    dialog.writing = None;
    match result {
        Ok(path) => {
            let what = if dialog.format.is_report() {
                "report"
            } else {
                "graded sample"
            };
            let redacted = if dialog.redact { " (redacted)" } else { "" };
            app.status.notice = Some(Notice::Info(format!(
                "exported the {what}{redacted} to {}",
                path.display()
            )));
            app.mode = Mode::Browse;
        }
        Err(ExportFailure::Exists(path)) => {
            dialog.confirm_overwrite = true;
            dialog.error = Some(format!(
                "{} exists: {replace} replaces it, {back} goes back",
                path.display()
            ));
        }
        Err(ExportFailure::Failed(e)) => dialog.error = Some(e),
        Err(ExportFailure::Cancelled) => {
            app.status.notice = Some(Notice::Info("export cancelled: nothing was written".into()));
            app.mode = Mode::Browse;
        }
    }
}
