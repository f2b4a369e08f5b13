//! The case table of a version 2 snapshot: every case with something
//! recorded, one line each, tab-separated under a header line, held in one
//! RON string. A snapshot of 100,000 graded cases parses in a few tens of
//! milliseconds this way, against a third of a second as a RON list of
//! structures (version 1, still read). The journal stays one RON entry per
//! line.
//!
//! Columns, in order: `id`, `grade` (a level id), `flagged` (`yes` or
//! empty), `by` and `at` (who last changed the case, and when, RFC 3339),
//! `graded_by` and `graded_at` (who gave the grade, and when), `outside`
//! (`yes` when the case is no longer in the sample), `criteria`
//! (`criterion=answer` pairs separated by commas; answers `met`,
//! `not_met`, `not_applicable`) and `note`. An empty cell is nothing
//! recorded. A `%`, a tab, a line break, any other control character, `"`
//! and `\` are written as `%` and two hex digits (`%09` for a tab), and so
//! are `,` and `=` in a criterion's id, so that the string needs no RON
//! escapes and reads as a table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::Timestamp;

use super::CaseState;
use crate::model::change::Answer;

/// The table's first line.
const HEADER: &str = "id\tgrade\tflagged\tby\tat\tgraded_by\tgraded_at\toutside\tcriteria\tnote";

/// How many cells each line has.
const COLUMNS: usize = 10;

/// The table of `cases`, starting and ending with a line break.
pub(super) fn write(cases: &[CaseState]) -> String {
    let mut out = String::with_capacity(cases.len() * 80 + HEADER.len() + 2);
    out.push('\n');
    out.push_str(HEADER);
    out.push('\n');
    for case in cases {
        let text = |out: &mut String, s: Option<&str>| escape(out, s.unwrap_or(""), b"");
        let yes = |out: &mut String, b: bool| out.push_str(if b { "yes" } else { "" });
        let time = |out: &mut String, t: Option<Timestamp>| {
            if let Some(t) = t {
                let _ = write!(out, "{t}");
            }
        };
        escape(&mut out, &case.id, b"");
        out.push('\t');
        text(&mut out, case.grade.as_deref());
        out.push('\t');
        yes(&mut out, case.flagged);
        out.push('\t');
        text(&mut out, case.by.as_deref());
        out.push('\t');
        time(&mut out, case.at);
        out.push('\t');
        text(&mut out, case.graded_by.as_deref());
        out.push('\t');
        time(&mut out, case.graded_at);
        out.push('\t');
        yes(&mut out, case.outside);
        out.push('\t');
        for (k, (criterion, answer)) in case.criteria.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            escape(&mut out, criterion, b",=");
            out.push('=');
            out.push_str(answer.name());
        }
        out.push('\t');
        escape(&mut out, &case.note, b"");
        out.push('\n');
    }
    out
}

/// The cases of a table written by [`write()`]; an error names the line of
/// the table (its header is line 1) and what is wrong with it.
pub(super) fn read(table: &str) -> Result<Vec<CaseState>, String> {
    read_where(table, |_| true)
}

/// [`read`], only the cases whose id `wanted` takes: the others are not
/// parsed (their id is read, unescaped if it needs to be).
pub(super) fn read_where(
    table: &str,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<CaseState>, String> {
    let mut lines = table.strip_prefix('\n').unwrap_or(table).lines();
    if lines.next() != Some(HEADER) {
        return Err(format!(
            "the case table does not start with its header line `{}`",
            HEADER.replace('\t', " ")
        ));
    }
    let mut cases = Vec::with_capacity(table.len() / 80);
    for (k, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let id = line.split('\t').next().unwrap_or(line);
        let takes = if id.contains('%') {
            unescape(id).map_or(true, |id| wanted(&id))
        } else {
            wanted(id)
        };
        if !takes {
            continue;
        }
        let case =
            row(line).map_err(|problem| format!("line {} of the case table: {problem}", k + 2))?;
        cases.push(case);
    }
    Ok(cases)
}

/// One line of the table.
fn row(line: &str) -> Result<CaseState, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [
        id,
        grade,
        flagged,
        by,
        at,
        graded_by,
        graded_at,
        outside,
        criteria,
        note,
    ] = cells[..]
    else {
        return Err(format!("{} cells, {COLUMNS} expected", cells.len()));
    };
    let id = unescape(id)?;
    if id.is_empty() {
        return Err("no case id".into());
    }
    let within = |what: &str, e: String| format!("case `{id}`, {what}: {e}");
    let text = |what: &str, cell: &str| -> Result<Option<String>, String> {
        let value = unescape(cell).map_err(|e| within(what, e))?;
        Ok(Some(value).filter(|v| !v.is_empty()))
    };
    let yes = |what: &str, cell: &str| match cell {
        "" => Ok(false),
        "yes" => Ok(true),
        other => Err(within(
            what,
            format!("`{other}` is neither `yes` nor empty"),
        )),
    };
    let time = |what: &str, cell: &str| -> Result<Option<Timestamp>, String> {
        if cell.is_empty() {
            return Ok(None);
        }
        cell.parse()
            .map(Some)
            .map_err(|e| within(what, format!("`{cell}` is not a time ({e})")))
    };
    Ok(CaseState {
        grade: text("grade", grade)?,
        flagged: yes("flagged", flagged)?,
        by: text("by", by)?,
        at: time("at", at)?,
        graded_by: text("graded_by", graded_by)?,
        graded_at: time("graded_at", graded_at)?,
        outside: yes("outside", outside)?,
        criteria: answers(criteria).map_err(|e| within("criteria", e))?,
        note: unescape(note).map_err(|e| within("note", e))?,
        id,
    })
}

/// The `criterion=answer` pairs of a criteria cell.
fn answers(cell: &str) -> Result<BTreeMap<String, Answer>, String> {
    let mut out = BTreeMap::new();
    for pair in cell.split(',').filter(|p| !p.is_empty()) {
        let (criterion, answer) = pair
            .split_once('=')
            .ok_or_else(|| format!("`{pair}` is not criterion=answer"))?;
        let answer = Answer::from_name(answer)
            .ok_or_else(|| format!("`{answer}` is not met, not_met or not_applicable"))?;
        out.insert(unescape(criterion)?, answer);
    }
    Ok(out)
}

/// Appends `text` to `out`, with `%`, control characters, `"`, `\` and the
/// bytes of `also` written as `%` and two hex digits.
fn escape(out: &mut String, text: &str, also: &[u8]) {
    let special =
        |b: u8| b == b'%' || b == b'"' || b == b'\\' || b < 0x20 || b == 0x7f || also.contains(&b);
    let mut rest = text;
    while let Some(at) = rest.bytes().position(special) {
        out.push_str(&rest[..at]);
        let _ = write!(out, "%{:02X}", rest.as_bytes()[at]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// The text `cell` stands for (see [`escape`]).
fn unescape(cell: &str) -> Result<String, String> {
    if !cell.contains('%') {
        return Ok(cell.to_owned());
    }
    let bytes = cell.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let code = cell
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or_else(|| {
                    format!("`%` at byte {} is not followed by two hex digits", i + 1)
                })?;
            out.push(code);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "an escape stands for bytes that are not UTF-8".into())
}

/// Serde glue for [`super::SessionFile::cases`]: written as the table,
/// read from the table or (version 1) from a list of cases.
pub(super) mod serde_table {
    use serde::de::{SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    use super::CaseState;

    /// Writes `cases` as the table.
    pub fn serialize<S: Serializer>(cases: &[CaseState], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::write(cases))
    }

    /// Reads the table, or a version 1 list of cases.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<CaseState>, D::Error> {
        d.deserialize_any(Cases)
    }

    struct Cases;

    impl<'de> Visitor<'de> for Cases {
        type Value = Vec<CaseState>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("the case table (a string) or a list of cases")
        }

        fn visit_str<E: serde::de::Error>(self, table: &str) -> Result<Self::Value, E> {
            super::read(table).map_err(E::custom)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut cases = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(case) = seq.next_element()? {
                cases.push(case);
            }
            Ok(cases)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str) -> CaseState {
        CaseState {
            id: id.into(),
            grade: None,
            flagged: false,
            note: String::new(),
            criteria: BTreeMap::new(),
            by: None,
            at: None,
            graded_by: None,
            graded_at: None,
            outside: false,
        }
    }

    #[test]
    fn every_field_comes_back_as_written() {
        let at: Timestamp = "2026-03-04T09:10:11.123456789Z".parse().expect("time");
        let full = CaseState {
            grade: Some("requires_improvement".into()),
            flagged: true,
            note: "Two lines,\nwith a\ttab, 100% \"quoted\" \\ and \u{1b}[31m".into(),
            criteria: BTreeMap::from([
                ("voice_of_child".into(), Answer::NotMet),
                ("odd,id=x%".into(), Answer::NotApplicable),
                ("initial_risk".into(), Answer::Met),
            ]),
            by: Some("Zoë Okafor".into()),
            at: Some(at),
            graded_by: Some("Rita\tR".into()),
            graded_at: Some(at),
            outside: true,
            ..case("CP-0001 \"a\"")
        };
        let cases = vec![full, case("CP-0002"), case("%41")];
        let table = write(&cases);
        assert!(!table.contains('"') && !table.contains('\\'), "{table}");
        assert_eq!(
            table.lines().count(),
            5,
            "a blank, the header, one line a case"
        );
        assert_eq!(read(&table).expect("read"), cases);
    }

    #[test]
    fn the_table_reads_as_a_table() {
        let mut c = case("CP-1");
        c.grade = Some("good".into());
        c.by = Some("ann".into());
        c.at = Some("2026-01-01T09:00:00Z".parse().expect("time"));
        c.criteria.insert("initial_risk".into(), Answer::Met);
        c.note = "ok".into();
        assert_eq!(
            write(&[c]),
            format!(
                "\n{HEADER}\nCP-1\tgood\t\tann\t2026-01-01T09:00:00Z\t\t\t\tinitial_risk=met\tok\n"
            )
        );
    }

    #[test]
    fn a_damaged_line_is_named() {
        let good = write(&[case("A")]);
        let cases = |lines: &str| read(&format!("{good}{lines}"));
        let err = |lines: &str| cases(lines).expect_err(lines);
        assert_eq!(cases("\n").expect("blank lines are fine").len(), 1);
        assert!(err("B\tgood\n").starts_with("line 3 of the case table: 2 cells, 10 expected"));
        let time = err("B\t\t\t\tyesterday\t\t\t\t\t\n");
        assert!(
            time.contains("case `B`, at: `yesterday` is not a time"),
            "{time}"
        );
        let flag = err("B\t\tmaybe\t\t\t\t\t\t\t\n");
        assert!(
            flag.contains("`maybe` is neither `yes` nor empty"),
            "{flag}"
        );
        let answer = err("B\t\t\t\t\t\t\t\tx=perhaps\t\n");
        assert!(
            answer.contains("`perhaps` is not met, not_met or not_applicable"),
            "{answer}"
        );
        let escape = err("B\t\t\t\t\t\t\t\t\t50%\n");
        assert!(escape.contains("case `B`, note: `%` at byte 3"), "{escape}");
        assert!(err("%FF\t\t\t\t\t\t\t\t\t\n").contains("not UTF-8"));
        assert!(err("\t\t\t\t\t\t\t\t\t\n").contains("no case id"));
        let header = read("\nid\tgrade\n").expect_err("wrong header");
        assert!(
            header.contains("does not start with its header"),
            "{header}"
        );
    }
}
