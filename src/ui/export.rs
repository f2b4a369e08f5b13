//! The export dialog.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::popup;
use super::theme::Theme;
use crate::app::App;
use crate::app::export::{ExportDialog, Field};
use crate::keymap::{Command, Context};
use crate::store::export::Format;

/// Draws the dialog over `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, app: &App, theme: &Theme, dialog: &ExportDialog) {
    let keys = &app.config().keys;
    let footer = if dialog.writing.is_some() {
        format!("{} cancel", keys.first_key(Context::Export, Command::Close))
    } else if dialog.confirm_overwrite {
        format!(
            "{} replace · {} back",
            keys.first_key(Context::Export, Command::Confirm),
            keys.first_key(Context::Export, Command::Close)
        )
    } else {
        keys.footer(Context::Export)
    };
    let inner = popup::frame(
        frame,
        area,
        (area.width.saturating_sub(6).min(76), 10),
        "Export",
        &footer,
        theme,
    );
    let [format_row, redact_row, path_row, _, message_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let label = |field: Field, text: &'static str| {
        let style = if dialog.field == field {
            theme.selected()
        } else {
            theme.label()
        };
        Span::styled(format!(" {text:<7} "), style)
    };
    let mut formats = vec![label(Field::Format, "Format")];
    for format in Format::ALL {
        let chosen = format == dialog.format;
        let text = if chosen {
            format!("‹{}›", format.name())
        } else {
            format!(" {} ", format.name())
        };
        formats.push(Span::styled(
            text,
            if chosen { theme.key() } else { theme.muted() },
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(formats)), format_row);
    let mark = if dialog.redact { "[x]" } else { "[ ]" };
    let redact = Line::from(vec![
        label(Field::Redact, "Redact"),
        Span::styled(format!(" {mark} "), theme.key()),
        Span::styled(
            "leave out titles, narratives, notes and extra fields",
            theme.muted(),
        ),
    ]);
    frame.render_widget(Paragraph::new(redact), redact_row);
    let [path_label, path_input] =
        Layout::horizontal([Constraint::Length(10), Constraint::Fill(1)]).areas(path_row);
    frame.render_widget(
        Paragraph::new(Line::from(label(Field::Path, "File"))),
        path_label,
    );
    frame.render_widget(&dialog.path, path_input);
    let message = match (&dialog.error, dialog.writing) {
        (_, Some(percent)) => Line::styled(
            format!(" writing… {percent}% · the review goes on once the file is written"),
            theme.key(),
        ),
        (Some(e), None) => Line::styled(format!(" {e}"), theme.warning()),
        (None, None) => Line::styled(
            " The file is created private (0600). Relative names are from where casebench runs.",
            theme.muted(),
        ),
    };
    frame.render_widget(
        Paragraph::new(message).wrap(Wrap { trim: true }),
        message_row,
    );
}
