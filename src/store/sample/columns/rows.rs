//! Cases built from the rows of a table, a row at a time.

use super::Column;
use crate::model::case::{CaseCells, SampleBuilder, SourceColumn, StandardField};
use crate::store::sample::check::Draft;
use crate::store::sample::error::Problems;

/// Builds cases from the rows of a table whose columns are `columns`.
pub(crate) struct Rows {
    columns: Vec<Column>,
    /// The builder's number for each extra column's name, once used.
    names: Vec<Option<u32>>,
    extras: usize,
    builder: SampleBuilder,
    lines: Vec<usize>,
}

impl Rows {
    /// Rows under `headers`, read as `columns` say.
    pub(crate) fn new(headers: &[String], columns: Vec<Column>) -> Self {
        let mut builder = SampleBuilder::new();
        builder.set_columns(
            headers
                .iter()
                .zip(&columns)
                .filter(|(_, c)| !matches!(c, Column::Unnamed | Column::Repeated))
                .map(|(h, c)| SourceColumn {
                    header: h.trim().to_owned(),
                    field: match c {
                        Column::Field(f, _) => Some(*f),
                        _ => None,
                    },
                })
                .collect(),
        );
        Self {
            builder,
            ..Self::unindexed(columns)
        }
    }

    /// Rows read as `columns` say, for cases that will be appended to
    /// another [`Rows`]'s (the second half of a file read in two at once).
    pub(crate) fn unindexed(columns: Vec<Column>) -> Self {
        Self {
            names: vec![None; columns.len()],
            extras: columns
                .iter()
                .filter(|c| matches!(c, Column::Extra(_)))
                .count(),
            columns,
            builder: SampleBuilder::unindexed(),
            lines: Vec::new(),
        }
    }

    /// Makes room for about `cases` more cases (see
    /// [`SampleBuilder::reserve`]).
    pub(crate) fn reserve(&mut self, cases: usize) {
        self.builder.reserve(cases, self.extras);
    }

    /// Makes room for about `ids` more ids (see
    /// [`SampleBuilder::reserve_ids`]).
    pub(crate) fn reserve_ids(&mut self, ids: usize) {
        self.builder.reserve_ids(ids);
    }

    /// Bytes of case text held so far.
    pub(crate) fn bytes(&self) -> usize {
        self.builder.bytes()
    }

    /// The cases so far, to be appended later; the rows that follow go to
    /// a new builder.
    pub(crate) fn cut(&mut self) -> SampleBuilder {
        self.names.fill(None);
        std::mem::replace(&mut self.builder, SampleBuilder::unindexed())
    }

    /// Appends the cases of `parts` (the builders [`Rows::cut`] off
    /// another's rows, in order).
    pub(crate) fn append(&mut self, parts: Vec<SampleBuilder>) {
        for part in parts {
            self.builder.append(part);
        }
    }

    /// Number of columns.
    pub(crate) fn width(&self) -> usize {
        self.columns.len()
    }

    /// Adds the case in `cells`, found at `line` (a row of a sheet), if
    /// known: the streaming reader counts no lines, since a file with any
    /// problem goes back to the whole-text reader, which does.
    pub(crate) fn push<'c>(
        &mut self,
        cells_in: impl Iterator<Item = &'c str>,
        line: Option<usize>,
        problems: &mut Problems,
    ) {
        let mut cells = CaseCells {
            extra: Vec::with_capacity(self.extras),
            ..CaseCells::default()
        };
        for (n, (column, cell)) in self.columns.iter().zip(cells_in).enumerate() {
            let value = (!cell.trim().is_empty()).then_some(cell);
            match column {
                Column::Field(StandardField::Id, _) => cells.id = cell,
                Column::Field(StandardField::Title, _) => cells.title = value,
                Column::Field(StandardField::Category, _) => cells.category = value,
                Column::Field(StandardField::Opened, _) => cells.opened = value,
                Column::Field(StandardField::Summary, _) => cells.summary = value,
                Column::Extra(name) => {
                    if let Some(v) = value {
                        // Named when first used, so that names keep the
                        // order they are first seen in.
                        let named = &mut self.names[n];
                        let name = *named.get_or_insert_with(|| self.builder.name(name));
                        cells.extra.push((name, v));
                    }
                }
                Column::Repeated => {}
                Column::Unnamed => {
                    if !cell.trim().is_empty() {
                        problems.push(
                            line,
                            Some(n + 1),
                            &format!("a value in column {}, which has no header", n + 1),
                        );
                    }
                }
            }
        }
        self.builder.push_cells(&cells);
        self.lines.extend(line);
    }

    /// The draft sample and the line (row) of each case, where known.
    pub(crate) fn finish(self) -> (Draft, Vec<usize>) {
        let check_ids = self
            .columns
            .iter()
            .any(|c| matches!(c, Column::Field(StandardField::Id, _)));
        let draft = Draft {
            builder: self.builder,
            check_ids,
            ..Draft::default()
        };
        (draft, self.lines)
    }

    /// What each column became, for the report.
    pub(crate) fn uses(&self) -> &[Column] {
        &self.columns
    }
}
