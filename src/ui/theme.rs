//! Every colour and style the screen uses, in one place.

use std::str::FromStr as _;

use ratatui::style::{Color, Modifier, Style};

use crate::app::case_text::CaseStyles;
use crate::config::ThemeName;
use crate::model::scale::Level;

/// The resolved styles for one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    name: ThemeName,
    colour: bool,
}

impl Theme {
    /// The theme `name`; `no_color` (the `NO_COLOR` convention) turns every
    /// colour off whatever the theme.
    pub const fn new(name: ThemeName, no_color: bool) -> Self {
        Self {
            name,
            colour: !no_color && !matches!(name, ThemeName::Monochrome),
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.colour {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    fn high(self) -> bool {
        self.name == ThemeName::HighContrast
    }

    /// Panel borders.
    pub fn border(&self) -> Style {
        if self.high() {
            self.fg(Color::White)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    /// Panel titles.
    pub fn title(&self) -> Style {
        self.fg(if self.high() {
            Color::White
        } else {
            Color::Cyan
        })
        .add_modifier(Modifier::BOLD)
    }

    /// Secondary text: field names, hints, reference figures.
    pub fn muted(&self) -> Style {
        if self.colour && !self.high() {
            Style::new().fg(Color::DarkGray)
        } else if self.colour {
            Style::new().fg(Color::Gray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Field labels in the case view.
    pub fn label(&self) -> Style {
        self.fg(if self.high() {
            Color::White
        } else {
            Color::Blue
        })
        .add_modifier(Modifier::BOLD)
    }

    /// The selected row of the case list.
    pub fn selected(&self) -> Style {
        if self.colour {
            let bg = if self.high() {
                Color::White
            } else {
                Color::Rgb(48, 52, 70)
            };
            let style = Style::new().bg(bg).add_modifier(Modifier::BOLD);
            if self.high() {
                style.fg(Color::Black)
            } else {
                style
            }
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// A key name in the status line and help.
    pub fn key(&self) -> Style {
        self.fg(if self.high() {
            Color::White
        } else {
            Color::Yellow
        })
        .add_modifier(Modifier::BOLD)
    }

    /// A grade, in its level's configured colour.
    pub fn level(&self, level: &Level) -> Style {
        let style = match Color::from_str(&level.colour) {
            Ok(c) => self.fg(c),
            Err(_) => Style::new(),
        };
        if self.high() || !self.colour {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    /// The flag marker.
    pub fn flag(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    /// "saved".
    pub fn saved(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A failed save or an error.
    pub fn error(&self) -> Style {
        if self.colour {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A warning notice.
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Search matches.
    pub fn highlight(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// The inspection-style sentence.
    pub fn sentence(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }
}

impl CaseStyles for Theme {
    fn label(&self) -> Style {
        Theme::label(self)
    }
    fn muted(&self) -> Style {
        Theme::muted(self)
    }
    fn flag(&self) -> Style {
        Theme::flag(self)
    }
    fn level(&self, level: &Level) -> Style {
        Theme::level(self, level)
    }
    fn highlight(&self) -> Style {
        Theme::highlight(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scale::Scale;

    #[test]
    fn no_color_and_monochrome_use_no_colours() {
        let scale = Scale::hmicfrs();
        for theme in [
            Theme::new(ThemeName::Default, true),
            Theme::new(ThemeName::Monochrome, false),
        ] {
            for style in [
                theme.border(),
                theme.title(),
                theme.key(),
                theme.level(&scale.levels[0]),
                theme.error(),
                theme.selected(),
            ] {
                assert_eq!(style.fg, None);
                assert_eq!(style.bg, None);
            }
        }
    }

    #[test]
    fn level_colours_come_from_the_scale() {
        let scale = Scale::hmicfrs();
        let theme = Theme::new(ThemeName::Default, false);
        assert_eq!(theme.level(&scale.levels[0]).fg, Some(Color::Green));
        assert_eq!(theme.level(&scale.levels[2]).fg, Some(Color::Red));
    }
}
