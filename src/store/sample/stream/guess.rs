//! Guessing where a big file's second half begins before the checking
//! reader knows, so that its reader can start at once rather than wait
//! for the checker to reach the middle (at 1M cases, the first half was
//! done half a second before the second, one core idle meanwhile).
//!
//! The second half begins at the first line break outside quotes at or
//! after the middle. Whether the first line break there is outside quotes
//! only a reader from the start can tell for sure; the bytes after it
//! almost always tell too. Read both ways — a record begins after the
//! break, or a quoted field goes on — a well-formed CSV soon breaks the
//! rules of one: a quote inside an unquoted field, or a closing quote
//! followed by more text. The reading that keeps the rules longer wins.
//! A wrong guess costs only time: the checker's answer is awaited anyway,
//! and the second half is read again from there.

use std::io::{Read as _, Seek as _};

/// Bytes looked at after the middle.
const WINDOW: usize = 64 << 10;

/// Where the second half of `file` probably begins: the first record at
/// or after byte `middle`, for `separator`. `None` when there is no line
/// break near the middle, or the file cannot be read there.
pub(in crate::store::sample) fn split(
    file: &mut std::fs::File,
    middle: u64,
    separator: u8,
) -> Option<u64> {
    file.seek(std::io::SeekFrom::Start(middle)).ok()?;
    let mut window = Vec::with_capacity(WINDOW);
    file.take(WINDOW as u64).read_to_end(&mut window).ok()?;
    record_start(&window, separator).map(|at| middle + at as u64)
}

/// Where in `bytes` the first record after its first line break begins,
/// as far as `bytes` tell.
fn record_start(bytes: &[u8], separator: u8) -> Option<usize> {
    let after = memchr::memchr(b'\n', bytes)? + 1;
    let rest = &bytes[after..];
    let outside = Reading::new(State::FieldStart, separator).run(rest);
    let inside = Reading::new(State::Quoted, separator).run(rest);
    // A reading that keeps the rules to the end of the window beats one
    // that breaks them; of two that break them, the later breaker wins.
    let outside_wins = match (outside.broken, inside.broken) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => o >= i,
    };
    if outside_wins {
        Some(after)
    } else {
        inside.record.map(|r| after + r)
    }
}

/// Where a reading of CSV text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    FieldStart,
    /// In a field that is not quoted.
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// In a quoted field, just after a quote: it closes the field unless
    /// another quote follows.
    QuoteInQuoted,
}

/// One reading of some bytes, from an assumed state.
struct Reading {
    state: State,
    separator: u8,
}

/// What a reading found: where it first broke the rules of CSV, and where
/// the first record after its start begins.
struct Found {
    broken: Option<usize>,
    record: Option<usize>,
}

impl Reading {
    fn new(state: State, separator: u8) -> Self {
        Self { state, separator }
    }

    fn run(mut self, bytes: &[u8]) -> Found {
        let mut record = None;
        for (i, &b) in bytes.iter().enumerate() {
            let separates = b == self.separator;
            let breaks = b == b'\n';
            if breaks && record.is_none() && self.state != State::Quoted {
                record = Some(i + 1);
            }
            self.state = match (self.state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, _) | (State::FieldStart | State::QuoteInQuoted, b'"') => {
                    State::Quoted
                }
                // A carriage return before a line break changes nothing.
                (state, b'\r') => state,
                _ if separates || breaks => State::FieldStart,
                (State::FieldStart | State::Unquoted, _) if b != b'"' => State::Unquoted,
                // A quote inside an unquoted field, or text after a
                // closing quote.
                _ => {
                    return Found {
                        broken: Some(i),
                        record,
                    };
                }
            };
        }
        Found {
            broken: None,
            record,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::record_start;

    /// Where each record of `text` begins, as the CSV reader reads it.
    fn record_starts(text: &str) -> Vec<usize> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        reader
            .byte_records()
            .map(|r| r.expect("record").position().expect("position").byte() as usize)
            .collect()
    }

    /// Case files as they come: narratives over several lines, with
    /// separators, escaped quotes and blank-free line breaks inside quotes.
    fn case_file(cases: usize) -> String {
        let mut csv = String::from("id,title,category,summary\n");
        for i in 0..cases {
            let _ = write!(
                csv,
                "CP-{i:06},\"Child, {}: referral\",Missing,\"The \"\"voice of the child\"\" was not recorded.\nChecks were made, in {} hours.\nA plan was agreed.\"\n",
                i % 17,
                i % 48
            );
        }
        csv
    }

    #[test]
    fn the_record_after_any_middle_is_guessed_right_in_a_case_file() {
        let csv = case_file(60);
        let starts = record_starts(&csv);
        for middle in 0..csv.len() - 400 {
            let truth = starts.iter().copied().find(|&s| s > middle);
            let guess = record_start(&csv.as_bytes()[middle..], b',').map(|at| middle + at);
            assert_eq!(guess, truth, "middle at byte {middle}");
        }
    }

    #[test]
    fn a_line_break_inside_quotes_is_told_from_one_between_records() {
        let inside = b"x\nsecond line of a narrative\",Missing\nN2,\"t\",y\n";
        assert_eq!(
            record_start(inside, b','),
            Some(38),
            "after the quoted field ends"
        );
        let between = b"x\"\nN2,\"t\",y\nN3,\"u\",z\n";
        assert_eq!(record_start(between, b','), Some(3));
        let unquoted = b"x\nN2;t;y\nN3;u;z\n";
        assert_eq!(record_start(unquoted, b';'), Some(2), "no quotes at all");
        assert_eq!(record_start(b"no line break", b','), None);
    }
}
