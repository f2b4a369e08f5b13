//! Reading a journal line the way casebench writes it, without the RON
//! parser: a crash can leave a hundred thousand lines to read, and the
//! parser takes about 6 µs a line. Only the exact form `ron::to_string`
//! gives an entry (no spaces, every field in order, texts without
//! escapes) is read here; anything else, a note with a line break for
//! one, goes to the parser, which also words what is wrong with a
//! damaged line.

use crate::model::change::{Answer, Change, Entry, Origin};

/// The entry `body` holds, if it is in the exact form casebench writes
/// and its texts need no escapes undone; `None` sends it to the parser.
/// Never a different entry from the parser's.
pub(super) fn read(body: &str) -> Option<Entry> {
    let mut at = Reader(body);
    at.tag("(seq:")?;
    let seq = at.number()?;
    at.tag(",at:")?;
    let when = at.text()?.parse().ok()?;
    at.tag(",by:")?;
    let by = at.text()?.to_owned();
    at.tag(",origin:")?;
    let origin = match at.word()? {
        "Edit" => Origin::Edit,
        "Undo" => Origin::Undo,
        "Redo" => Origin::Redo,
        "Imported" => Origin::Imported,
        _ => return None,
    };
    at.tag(",change:")?;
    let change = change(&mut at)?;
    at.tag(",cursor:")?;
    let cursor = at.maybe(Reader::text).ok()?.map(str::to_owned);
    at.tag(")")?;
    at.0.is_empty().then_some(Entry {
        seq,
        at: when,
        by,
        origin,
        change,
        cursor,
    })
}

/// A change, as `Kind(field:value,…)`.
fn change(at: &mut Reader<'_>) -> Option<Change> {
    let kind = at.word()?;
    at.tag("(case:")?;
    let case = at.text()?.to_owned();
    let change = match kind {
        "Grade" => {
            at.tag(",from:")?;
            let from = at.maybe(Reader::text).ok()?.map(str::to_owned);
            at.tag(",to:")?;
            let to = at.maybe(Reader::text).ok()?.map(str::to_owned);
            Change::Grade { case, from, to }
        }
        "Note" => {
            at.tag(",from:")?;
            let from = at.text()?.to_owned();
            at.tag(",to:")?;
            let to = at.text()?.to_owned();
            Change::Note { case, from, to }
        }
        "Criterion" => {
            at.tag(",criterion:")?;
            let criterion = at.text()?.to_owned();
            at.tag(",from:")?;
            let from = at.maybe(Reader::answer).ok()?;
            at.tag(",to:")?;
            let to = at.maybe(Reader::answer).ok()?;
            Change::Criterion {
                case,
                criterion,
                from,
                to,
            }
        }
        "Flag" => {
            at.tag(",to:")?;
            let to = match at.word()? {
                "true" => true,
                "false" => false,
                _ => return None,
            };
            Change::Flag { case, to }
        }
        _ => return None,
    };
    at.tag(")")?;
    Some(change)
}

/// What is left of the line to read.
struct Reader<'a>(&'a str);

impl<'a> Reader<'a> {
    /// Steps over `tag`, which must come next.
    fn tag(&mut self, tag: &str) -> Option<()> {
        self.0 = self.0.strip_prefix(tag)?;
        Some(())
    }

    /// A whole number in decimal digits, as written (no leading zero).
    fn number(&mut self) -> Option<u64> {
        let end = self.0.find(|c: char| !c.is_ascii_digit())?;
        let (digits, rest) = self.0.split_at(end);
        self.0 = rest;
        if digits.len() > 1 && digits.starts_with('0') {
            return None;
        }
        digits.parse().ok()
    }

    /// A name (`Edit`, `Grade`, `Some`, `true`): ASCII letters.
    fn word(&mut self) -> Option<&'a str> {
        let end = self.0.find(|c: char| !c.is_ascii_alphabetic())?;
        let (word, rest) = self.0.split_at(end);
        self.0 = rest;
        (!word.is_empty()).then_some(word)
    }

    /// A quoted text holding no escape nor control character (which the
    /// writer would have escaped): between its quotes, as it is.
    fn text(&mut self) -> Option<&'a str> {
        let inner = self.0.strip_prefix('"')?;
        let end = inner.find(|c: char| c == '"' || c == '\\' || c.is_control())?;
        let (text, rest) = inner.split_at(end);
        self.0 = rest.strip_prefix('"')?;
        Some(text)
    }

    /// A criterion's answer.
    fn answer(&mut self) -> Option<Answer> {
        match self.word()? {
            "Met" => Some(Answer::Met),
            "NotMet" => Some(Answer::NotMet),
            "NotApplicable" => Some(Answer::NotApplicable),
            _ => None,
        }
    }

    /// `None`, or `Some(…)` of what `value` reads.
    fn maybe<T>(
        &mut self,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Result<Option<T>, Refused> {
        if let Some(rest) = self.0.strip_prefix("None") {
            self.0 = rest;
            return Ok(None);
        }
        let some = || {
            self.tag("Some(")?;
            let v = value(self)?;
            self.tag(")")?;
            Some(v)
        };
        some().map(Some).ok_or(Refused)
    }
}

/// A line not in the form read here.
struct Refused;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn text() -> impl Strategy<Value = String> {
        // Plain ids and names, and texts RON must escape or may not.
        prop_oneof![
            "[A-Za-z0-9 _-]{0,12}",
            "[a-z\"\\\\\n\t\u{e9}\u{202e}\u{1b}(),:]{0,8}",
        ]
    }

    fn answer() -> impl Strategy<Value = Option<Answer>> {
        prop_oneof![
            Just(None),
            Just(Some(Answer::Met)),
            Just(Some(Answer::NotMet)),
            Just(Some(Answer::NotApplicable)),
        ]
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            (
                text(),
                proptest::option::of(text()),
                proptest::option::of(text())
            )
                .prop_map(|(case, from, to)| Change::Grade { case, from, to }),
            (text(), text(), text()).prop_map(|(case, from, to)| Change::Note { case, from, to }),
            (text(), text(), answer(), answer()).prop_map(|(case, criterion, from, to)| {
                Change::Criterion {
                    case,
                    criterion,
                    from,
                    to,
                }
            }),
            (text(), any::<bool>()).prop_map(|(case, to)| Change::Flag { case, to }),
        ]
    }

    fn entry() -> impl Strategy<Value = Entry> {
        let origin = prop_oneof![
            Just(Origin::Edit),
            Just(Origin::Undo),
            Just(Origin::Redo),
            Just(Origin::Imported),
        ];
        (
            any::<u64>(),
            0_i64..4_000_000_000,
            0_i32..1_000_000_000,
            text(),
            origin,
            change(),
            proptest::option::of(text()),
        )
            .prop_map(|(seq, secs, nanos, by, origin, change, cursor)| Entry {
                seq,
                at: jiff::Timestamp::new(secs, nanos).unwrap_or_default(),
                by,
                origin,
                change,
                cursor,
            })
    }

    proptest! {
        #[test]
        fn a_line_read_here_is_the_entry_the_parser_reads(entry in entry()) {
            let body = ron::to_string(&entry).expect("encode");
            let parsed: Entry = ron::from_str(&body).expect("parse");
            if let Some(read) = read(&body) {
                prop_assert_eq!(&read, &parsed);
            }
            // Every prefix and the line with a byte more are refused or
            // read as the parser reads them.
            for cut in (0..body.len()).filter(|&i| body.is_char_boundary(i)) {
                let short = &body[..cut];
                if let Some(read) = read(short) {
                    prop_assert_eq!(Some(read), ron::from_str::<Entry>(short).ok());
                }
            }
            let longer = format!("{body})");
            prop_assert!(read(&longer).is_none());
        }
    }

    #[test]
    fn lines_as_casebench_writes_them_are_read_here() {
        let lines = [
            r#"(seq:1,at:"2026-01-01T09:00:00Z",by:"bench",origin:Edit,change:Grade(case:"CP-000001",from:None,to:Some("good")),cursor:Some("CP-000001"))"#,
            r#"(seq:2,at:"2026-01-01T09:00:00.5Z",by:"Ann Lee",origin:Undo,change:Flag(case:"A",to:true),cursor:None)"#,
            r#"(seq:3,at:"2026-01-01T09:00:00Z",by:"a",origin:Imported,change:Criterion(case:"A",criterion:"voice",from:Some(NotMet),to:None),cursor:Some("B"))"#,
            r#"(seq:4,at:"2026-01-01T09:00:00Z",by:"a",origin:Redo,change:Note(case:"A",from:"",to:"Seen alone"),cursor:Some("A"))"#,
        ];
        for line in lines {
            let parsed: Entry = ron::from_str(line).expect("parse");
            assert_eq!(read(line), Some(parsed), "{line}");
        }
        // Escapes, spaces, other forms: left to the parser.
        for line in [
            r#"(seq:4,at:"2026-01-01T09:00:00Z",by:"a",origin:Edit,change:Note(case:"A",from:"",to:"two\nlines"),cursor:None)"#,
            r#"(seq: 1,at:"2026-01-01T09:00:00Z",by:"a",origin:Edit,change:Flag(case:"A",to:true),cursor:None)"#,
            r#"Entry(seq:1,at:"2026-01-01T09:00:00Z",by:"a",origin:Edit,change:Flag(case:"A",to:true),cursor:None)"#,
        ] {
            assert_eq!(read(line), None, "{line}");
        }
    }
}
