//! Turning the raw bytes of a sample file into text: BOM removal and UTF-8
//! checking, reporting each line that holds invalid bytes.

use std::borrow::Cow;

use super::error::Problems;

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Returns the text of `bytes` without a leading BOM. Invalid UTF-8 is
/// recorded in `problems` (once per line, at the first bad byte) and
/// replaced by U+FFFD so parsing can go on and find further problems.
pub(crate) fn decode<'a>(bytes: &'a [u8], problems: &mut Problems) -> Cow<'a, str> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let (mut line, mut column, mut reported) = (1usize, 1usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        text.push_str(valid);
        for c in valid.chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        let invalid = chunk.invalid();
        if invalid.is_empty() {
            continue;
        }
        if reported != line {
            reported = line;
            let hex: Vec<String> = invalid.iter().map(|b| format!("0x{b:02X}")).collect();
            problems.push(
                Some(line),
                Some(column),
                &format!(
                    "invalid UTF-8 (byte {}); save the file as UTF-8",
                    hex.join(" ")
                ),
            );
        }
        text.push(char::REPLACEMENT_CHARACTER);
        column += 1;
    }
    Cow::Owned(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (String, Vec<String>) {
        let mut problems = Problems::default();
        let text = decode(bytes, &mut problems).into_owned();
        let list = match problems.into_error("f") {
            Some(e) => e.problems().iter().map(ToString::to_string).collect(),
            None => Vec::new(),
        };
        (text, list)
    }

    #[test]
    fn strips_a_bom_and_borrows_valid_text() {
        let mut problems = Problems::default();
        let text = decode(b"\xEF\xBB\xBFid\n", &mut problems);
        assert!(matches!(text, Cow::Borrowed("id\n")));
        assert!(problems.into_error("f").is_none());
    }

    #[test]
    fn reports_each_line_with_invalid_bytes_once() {
        let (text, problems) = run(b"ok\nca\xE9 \xE9\nfine\n\xFF\xFE");
        assert_eq!(text, "ok\nca\u{FFFD} \u{FFFD}\nfine\n\u{FFFD}\u{FFFD}");
        assert_eq!(
            problems,
            vec![
                "2:3: invalid UTF-8 (byte 0xE9); save the file as UTF-8",
                "4:1: invalid UTF-8 (byte 0xFF); save the file as UTF-8",
            ]
        );
    }

    #[test]
    fn columns_count_characters() {
        let (_, problems) = run("é€\u{1F600}"
            .as_bytes()
            .iter()
            .copied()
            .chain([0xC3])
            .collect::<Vec<_>>()
            .as_slice());
        assert_eq!(
            problems,
            vec!["1:4: invalid UTF-8 (byte 0xC3); save the file as UTF-8"]
        );
    }
}
