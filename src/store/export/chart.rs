//! The inline SVG bar chart of the HTML report: one horizontal bar per
//! level (its share of the graded cases, in the level's colour) with the
//! reference share as a tick mark. No external references of any kind.

use std::fmt::Write as _;

use super::report::Report;
use super::xml::escape;

const WIDTH: u32 = 640;
const LABEL_W: u32 = 190;
const BAR_W: u32 = 330;
const ROW_H: u32 = 34;
const BAR_H: u32 = 20;
const TOP: u32 = 8;
const LEGEND_LINE: u32 = 16;
/// Longest level label drawn beside a bar (in characters); longer ones are
/// cut with an ellipsis (the bar's tooltip has the whole label).
const MAX_LABEL: usize = 26;

/// The chart as an `<svg>` element.
#[allow(
    clippy::many_single_char_names,
    reason = "x/y/w/h geometry reads like the SVG it writes"
)]
pub fn svg(r: &Report<'_>) -> String {
    let s = &r.summary;
    let rows = r.scale.levels.len() as u32;
    let legend_y = TOP + rows * ROW_H + 16;
    let legend_lines = if s.reference.is_some() { 2 } else { 1 };
    let height = legend_y + (legend_lines - 1) * LEGEND_LINE + 8;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" aria-labelledby="chart-title">"#
    );
    let _ = writeln!(
        out,
        r#"<title id="chart-title">Share of graded cases at each grade{}</title>"#,
        if s.reference.is_some() {
            ", with the reference share marked"
        } else {
            ""
        }
    );
    // Axis guides at 0, 25, 50, 75 and 100 %.
    for q in 0..=4u32 {
        let x = LABEL_W + BAR_W * q / 4;
        let _ = writeln!(
            out,
            r##"<line x1="{x}" y1="{TOP}" x2="{x}" y2="{}" stroke="#ddd" stroke-width="1"/>"##,
            TOP + rows * ROW_H
        );
    }
    for (i, (n, level)) in (0u32..).zip(&r.scale.levels).enumerate() {
        let y = TOP + n * ROW_H + (ROW_H - BAR_H) / 2;
        let count = s.counts.get(&level.id).copied().unwrap_or(0);
        let share = if s.graded > 0 {
            count as f64 / s.graded as f64
        } else {
            0.0
        };
        let w = (share * f64::from(BAR_W)).round();
        let text_y = y + BAR_H / 2 + 5;
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{text_y}" text-anchor="end">{}</text>"#,
            LABEL_W - 8,
            escape(&shorten(&level.label, MAX_LABEL))
        );
        let _ = writeln!(
            out,
            r#"<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR_H}" fill="{}"><title>{}: {count} ({}%)</title></rect>"#,
            colour(&level.colour, i),
            escape(&level.label),
            s.percent.get(&level.id).copied().unwrap_or(0)
        );
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{text_y}">{count} ({}%)</text>"#,
            LABEL_W + BAR_W + 8,
            s.percent.get(&level.id).copied().unwrap_or(0)
        );
        if let Some(reference) = &s.reference {
            let rc = reference.counts.get(&level.id).copied().unwrap_or(0);
            let rshare = if reference.total > 0 {
                rc as f64 / reference.total as f64
            } else {
                0.0
            };
            let x = f64::from(LABEL_W) + (rshare * f64::from(BAR_W)).round();
            let _ = writeln!(
                out,
                r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#000" stroke-width="3"><title>Reference: {rc} ({}%)</title></line>"##,
                y - 4,
                y + BAR_H + 4,
                reference.percent.get(&level.id).copied().unwrap_or(0)
            );
        }
    }
    let _ = writeln!(
        out,
        r##"<rect x="{LABEL_W}" y="{}" width="14" height="10" fill="#888"/><text x="{}" y="{legend_y}" class="legend">share of the {} graded cases</text>"##,
        legend_y - 9,
        LABEL_W + 20,
        s.graded
    );
    if let Some(reference) = &s.reference {
        let y = legend_y + LEGEND_LINE;
        let _ = writeln!(
            out,
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000" stroke-width="3"/><text x="{}" y="{y}" class="legend">share in the {}</text>"##,
            LABEL_W + 7,
            y - 11,
            LABEL_W + 7,
            y + 2,
            LABEL_W + 20,
            escape(&reference.label)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// `text` cut to `max` characters, ending in `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A CSS colour for a level: its configured colour when it is `#rrggbb` or
/// a known name, else one of a fallback palette by position. Never copies
/// configured text into the file unchecked.
pub fn colour(name: &str, position: usize) -> String {
    const FALLBACK: [&str; 6] = [
        "#2e7d32", "#f9a825", "#c62828", "#1565c0", "#6a1b9a", "#00838f",
    ];
    let hex = name
        .strip_prefix('#')
        .filter(|h| h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()));
    if let Some(h) = hex {
        return format!("#{}", h.to_ascii_lowercase());
    }
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let known = match key.as_str() {
        "black" => "#000000",
        "red" => "#c62828",
        "green" => "#2e7d32",
        "yellow" => "#f9a825",
        "blue" => "#1565c0",
        "magenta" => "#8e24aa",
        "cyan" => "#00838f",
        "gray" | "grey" => "#9e9e9e",
        "darkgray" | "darkgrey" => "#616161",
        "lightred" => "#ef5350",
        "lightgreen" => "#66bb6a",
        "lightyellow" => "#fdd835",
        "lightblue" => "#42a5f5",
        "lightmagenta" => "#ce93d8",
        "lightcyan" => "#4dd0e1",
        "white" => "#eeeeee",
        _ => FALLBACK[position % FALLBACK.len()],
    };
    known.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("Good", 26), "Good");
        assert_eq!(
            shorten("Requires improvement to be good", 26),
            "Requires improvement to b…"
        );
    }

    #[test]
    fn colours_are_checked() {
        assert_eq!(colour("#A0b1C2", 0), "#a0b1c2");
        assert_eq!(colour("light green", 0), "#66bb6a");
        assert_eq!(colour("Green", 5), "#2e7d32");
        assert_eq!(colour("\"/><script>", 0), "#2e7d32");
        assert_eq!(colour("#12345g", 2), "#c62828");
    }
}
