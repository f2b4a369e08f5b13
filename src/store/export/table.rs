//! The report's three tables (breakdown, grades by area of practice,
//! criteria) as a format-neutral model, built once from the [`Report`] and
//! drawn by the Markdown and the HTML writer alike.
//!
//! Cell text is plain, possibly untrusted text: each writer escapes every
//! cell (header and body) with its own `escape`.

use super::report::Report;
use crate::model::breakdown::{AnswerCounts, CategoryRow};
use crate::model::figures::pct1;

/// How a cell's text is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Figures.
    Right,
}

/// How a cell's text stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// As it is.
    Plain,
    /// Bold in Markdown (in HTML the total row's style makes it bold).
    Strong,
    /// A placeholder such as "(no category)": greyed out in HTML.
    Muted,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Plain text, escaped by the writer.
    pub text: String,
    /// In a header, the column's alignment (Markdown aligns whole columns);
    /// in a body row, the cell's own (HTML aligns cell by cell).
    pub align: Align,
    /// How the text stands out.
    pub emphasis: Emphasis,
}

impl Cell {
    /// Left-aligned plain text.
    pub fn left(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            align: Align::Left,
            emphasis: Emphasis::Plain,
        }
    }

    /// Right-aligned plain text (a figure).
    pub fn right(text: impl std::fmt::Display) -> Self {
        Self {
            text: format!("{text}"),
            align: Align::Right,
            emphasis: Emphasis::Plain,
        }
    }

    /// The same cell in bold.
    #[must_use]
    pub fn strong(self) -> Self {
        Self {
            emphasis: Emphasis::Strong,
            ..self
        }
    }

    /// The same cell greyed out.
    #[must_use]
    pub fn muted(self) -> Self {
        Self {
            emphasis: Emphasis::Muted,
            ..self
        }
    }
}

/// One body row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The cells, one per column.
    pub cells: Vec<Cell>,
    /// True for the closing total row (`class="total"` in HTML).
    pub total: bool,
}

/// A table: a header row and body rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column headings; their alignment is the column's.
    pub header: Vec<Cell>,
    /// Body rows, the total row last.
    pub rows: Vec<Row>,
}

/// Grade, cases, percentage and interval per level (and the reference's
/// counts when there is one), then the total graded.
pub fn breakdown(r: &Report<'_>) -> Table {
    let s = &r.summary;
    let mut header = vec![
        Cell::left("Grade"),
        Cell::right("Cases"),
        Cell::right("%"),
        Cell::left(format!("{} interval", r.confidence())),
    ];
    if let Some(reference) = &s.reference {
        header.push(Cell::right(format!("Reference: {}", reference.label)));
    }
    let mut rows: Vec<Row> = r
        .scale
        .levels
        .iter()
        .map(|level| {
            let id = &level.id;
            let interval = s.intervals.get(id).map_or_else(
                || "–".to_owned(),
                |i| format!("{}–{}", pct1(i.low), pct1(i.high)),
            );
            let mut cells = vec![
                Cell::left(level.label.as_str()),
                Cell::right(s.counts.get(id).copied().unwrap_or(0)),
                Cell::right(format!("{}%", s.percent.get(id).copied().unwrap_or(0))),
                Cell::right(interval),
            ];
            if let Some(reference) = &s.reference {
                cells.push(Cell::right(format!(
                    "{} ({}%)",
                    reference.counts.get(id).copied().unwrap_or(0),
                    reference.percent.get(id).copied().unwrap_or(0)
                )));
            }
            Row {
                cells,
                total: false,
            }
        })
        .collect();
    let mut total = vec![
        Cell::left("Total graded").strong(),
        Cell::right(s.graded).strong(),
        Cell::right(if s.graded > 0 { "100%" } else { "–" }),
        Cell::left(""),
    ];
    if let Some(reference) = &s.reference {
        total.push(Cell::right(reference.total));
    }
    rows.push(Row {
        cells: total,
        total: true,
    });
    Table { header, rows }
}

/// Graded cases per level (with each area's percentages), graded and not
/// graded per area of practice, then all areas; `None` without cases.
pub fn categories(r: &Report<'_>) -> Option<Table> {
    let b = &r.breakdown;
    if b.categories.is_empty() {
        return None;
    }
    let header = std::iter::once(Cell::left("Area of practice"))
        .chain(r.scale.levels.iter().map(|l| Cell::right(l.label.as_str())))
        .chain([Cell::right("Graded"), Cell::right("Not graded")])
        .collect();
    let mut rows: Vec<Row> = b
        .categories
        .iter()
        .map(|row| {
            let name = row
                .category
                .as_deref()
                .map_or_else(|| Cell::left("(no category)").muted(), Cell::left);
            category_row(name, row, false)
        })
        .collect();
    let all = CategoryRow {
        category: None,
        counts: b.level_counts.clone(),
        ungraded: b.total.saturating_sub(b.level_counts.iter().sum()),
    };
    rows.push(category_row(Cell::left("All areas").strong(), &all, true));
    Some(Table { header, rows })
}

fn category_row(name: Cell, row: &CategoryRow, total: bool) -> Row {
    let graded = row.graded();
    let cells = std::iter::once(name)
        .chain(row.counts.iter().enumerate().map(|(level, count)| {
            if graded > 0 {
                Cell::right(format!("{count} ({}%)", row.percent(level)))
            } else {
                Cell::right(count)
            }
        }))
        .chain([Cell::right(graded), Cell::right(row.ungraded)])
        .collect();
    Row { cells, total }
}

/// Answers per criterion, then all criteria; `None` without a checklist.
pub fn criteria(r: &Report<'_>) -> Option<Table> {
    let b = &r.breakdown;
    if b.criteria.is_empty() {
        return None;
    }
    let header = std::iter::once(Cell::left("Criterion"))
        .chain(
            [
                "Met",
                "Not met",
                "Not applicable",
                "Unanswered",
                "Met where applicable",
            ]
            .map(Cell::right),
        )
        .collect();
    let mut rows: Vec<Row> = b
        .criteria
        .iter()
        .zip(&r.criterion_labels)
        .map(|(row, label)| {
            criterion_row(
                Cell::left(label.as_str()),
                &row.overall,
                b.unanswered(row),
                false,
            )
        })
        .collect();
    let all = b.all_criteria();
    let asked = b.total * b.criteria.len() as u64;
    let unanswered = asked.saturating_sub(all.answered());
    rows.push(criterion_row(
        Cell::left("All criteria").strong(),
        &all,
        unanswered,
        true,
    ));
    Some(Table { header, rows })
}

fn criterion_row(label: Cell, a: &AnswerCounts, unanswered: u64, total: bool) -> Row {
    let rate = a
        .met_percent()
        .map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
    let cells = vec![
        label,
        Cell::right(a.met),
        Cell::right(a.not_met),
        Cell::right(a.not_applicable),
        Cell::right(unanswered),
        Cell::right(rate),
    ];
    Row { cells, total }
}

/// A small table with every kind of cell, for the writers' tests.
#[cfg(test)]
pub fn example() -> Table {
    Table {
        header: vec![Cell::left("Area"), Cell::right("<n|m>")],
        rows: vec![
            Row {
                cells: vec![Cell::left("(none)").muted(), Cell::right(3)],
                total: false,
            },
            Row {
                cells: vec![Cell::left("All").strong(), Cell::left("")],
                total: true,
            },
        ],
    }
}
