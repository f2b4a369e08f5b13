//! Every colour and style the screen uses, in one place.

use std::str::FromStr as _;

use ratatui::style::{Color, Modifier, Style};

use crate::app::case_text::CaseStyles;
use crate::config::ThemeName;
use crate::model::scale::Level;

/// The default theme's colours. Terminals draw on black, white and
/// everything between, and named colours (`Blue`, `DarkGray`) look
/// different on each; these are mid-tones whose relative luminance (about
/// 0.18) gives at least 4.5:1 contrast (WCAG AA) against both pure black
/// and pure white, so every text colour is readable on dark and light
/// terminals alike (a test computes it).
mod palette {
    use ratatui::style::Color;

    pub const GREY: Color = Color::Rgb(0x75, 0x75, 0x75);
    pub const BLUE: Color = Color::Rgb(0x38, 0x70, 0xe0);
    pub const CYAN: Color = Color::Rgb(0x22, 0x81, 0x8a);
    pub const GREEN: Color = Color::Rgb(0x22, 0x87, 0x33);
    pub const AMBER: Color = Color::Rgb(0x9c, 0x6b, 0x17);
    pub const RED: Color = Color::Rgb(0xbd, 0x55, 0x55);
    pub const MAGENTA: Color = Color::Rgb(0xc4, 0x31, 0xc4);
    pub const LIME: Color = Color::Rgb(0x54, 0x82, 0x14);
    pub const ORANGE: Color = Color::Rgb(0xc2, 0x54, 0x1d);
    /// Background of search matches (black text on it).
    pub const MATCH: Color = Color::Rgb(0xf0, 0xc8, 0x3c);

    /// A scale's colour name as the palette has it (names the palette
    /// lacks, and `#rrggbb`, are used as written).
    pub fn named(name: &str) -> Option<Color> {
        let name: String = name
            .chars()
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        Some(match name.as_str() {
            "green" => GREEN,
            "lightgreen" => LIME,
            "yellow" | "lightyellow" => AMBER,
            "red" => RED,
            "lightred" => ORANGE,
            "blue" | "lightblue" => BLUE,
            "cyan" | "lightcyan" => CYAN,
            "magenta" | "lightmagenta" => MAGENTA,
            "gray" | "grey" | "darkgray" | "darkgrey" => GREY,
            _ => return None,
        })
    }
}

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
            self.fg(palette::GREY)
        }
    }

    /// Panel titles.
    pub fn title(&self) -> Style {
        self.fg(if self.high() {
            Color::White
        } else {
            palette::CYAN
        })
        .add_modifier(Modifier::BOLD)
    }

    /// Secondary text: field names, hints, reference figures.
    pub fn muted(&self) -> Style {
        if self.colour && !self.high() {
            Style::new().fg(palette::GREY)
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
            palette::BLUE
        })
        .add_modifier(Modifier::BOLD)
    }

    /// The selected row of the case list: reverse video, which swaps the
    /// terminal's own foreground and background and so reads on light and
    /// dark terminals alike (a fixed background colour did not).
    pub fn selected(&self) -> Style {
        if self.high() && self.colour {
            Style::new()
                .bg(Color::White)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A key name in the status line and help.
    pub fn key(&self) -> Style {
        self.fg(if self.high() {
            Color::White
        } else {
            palette::AMBER
        })
        .add_modifier(Modifier::BOLD)
    }

    /// A grade, in its level's configured colour.
    pub fn level(&self, level: &Level) -> Style {
        let colour = if self.high() {
            Color::from_str(&level.colour).ok()
        } else {
            palette::named(&level.colour).or_else(|| Color::from_str(&level.colour).ok())
        };
        let style = colour.map_or_else(Style::new, |c| self.fg(c));
        if self.high() || !self.colour {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    /// The flag marker.
    pub fn flag(&self) -> Style {
        self.fg(if self.high() {
            Color::Magenta
        } else {
            palette::MAGENTA
        })
        .add_modifier(Modifier::BOLD)
    }

    /// "saved".
    pub fn saved(&self) -> Style {
        self.fg(if self.high() {
            Color::Green
        } else {
            palette::GREEN
        })
    }

    /// A failed save or an error.
    pub fn error(&self) -> Style {
        if self.colour {
            Style::new()
                .fg(Color::White)
                .bg(if self.high() {
                    Color::Red
                } else {
                    palette::RED
                })
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A warning notice.
    pub fn warning(&self) -> Style {
        self.fg(if self.high() {
            Color::Yellow
        } else {
            palette::AMBER
        })
        .add_modifier(Modifier::BOLD)
    }

    /// Search matches.
    pub fn highlight(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::Black).bg(if self.high() {
                Color::Yellow
            } else {
                palette::MATCH
            })
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
        assert_eq!(theme.level(&scale.levels[0]).fg, Some(palette::GREEN));
        assert_eq!(theme.level(&scale.levels[2]).fg, Some(palette::RED));
        let mut custom = scale.levels[0].clone();
        custom.colour = "#123456".into();
        assert_eq!(theme.level(&custom).fg, Some(Color::Rgb(0x12, 0x34, 0x56)));
    }

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(colour: Color) -> f64 {
        let Color::Rgb(red, green, blue) = colour else {
            panic!("{colour:?} is not an RGB colour: its contrast depends on the terminal")
        };
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(red) + 0.7152 * lin(green) + 0.0722 * lin(blue)
    }

    fn contrast(a: Color, b: Color) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_text_colour_of_the_default_theme_reads_on_black_and_on_white() {
        let theme = Theme::new(ThemeName::Default, false);
        let (black, white) = (Color::Rgb(0, 0, 0), Color::Rgb(255, 255, 255));
        let mut styles = vec![
            ("border", theme.border()),
            ("title", theme.title()),
            ("muted", theme.muted()),
            ("label", theme.label()),
            ("selected", theme.selected()),
            ("key", theme.key()),
            ("flag", theme.flag()),
            ("saved", theme.saved()),
            ("error", theme.error()),
            ("warning", theme.warning()),
            ("highlight", theme.highlight()),
            ("sentence", theme.sentence()),
        ];
        for scale in [
            Scale::hmicfrs(),
            Scale::ofsted(),
            Scale::care_inspectorate(),
        ] {
            for level in &scale.levels {
                styles.push(("level", theme.level(level)));
            }
        }
        for (name, style) in styles {
            match (style.fg, style.bg) {
                // On the terminal's own background, whatever it is.
                (Some(fg), None) => {
                    for bg in [black, white] {
                        let c = contrast(fg, bg);
                        assert!(c >= 4.5, "{name}: {fg:?} on {bg:?} is {c:.2}:1");
                    }
                }
                // A fixed pair.
                (Some(fg), Some(bg)) => {
                    let fg = if fg == Color::White {
                        white
                    } else if fg == Color::Black {
                        black
                    } else {
                        fg
                    };
                    let c = contrast(fg, bg);
                    assert!(c >= 4.5, "{name}: {fg:?} on {bg:?} is {c:.2}:1");
                }
                // The terminal's own colours (or reversed): readable by
                // construction.
                (None, None) => {}
                (None, Some(bg)) => {
                    panic!("{name}: a background {bg:?} under the terminal's own text")
                }
            }
        }
    }
}
