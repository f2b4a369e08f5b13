//! Turning the raw bytes of a sample file into text: the encoding (a BOM,
//! else UTF-8, else Windows-1252 for text files that allow it, or the one
//! asked for), then checks that nothing in the text can make a case vanish
//! or merge unseen: NUL bytes and byte order marks in the middle of a file.

use std::borrow::Cow;

use super::error::Problems;
use super::options::TextEncoding;

/// The text of a file and how it was read.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text, without a byte order mark.
    pub(crate) text: Cow<'a, str>,
    /// The encoding it was read in.
    pub(crate) encoding: TextEncoding,
    /// Whether the file starts with a byte order mark.
    pub(crate) bom: bool,
    /// Whether the encoding was chosen because the file is not UTF-8.
    pub(crate) fallback: bool,
}

/// Reads `bytes` as text. `forced` is the encoding asked for; otherwise a
/// BOM decides, else UTF-8, else (when `legacy` allows, as for CSV files
/// saved by Excel) Windows-1252. Problems go to `problems` with their line
/// and column.
pub(crate) fn decode_text<'a>(
    bytes: &'a [u8],
    forced: Option<TextEncoding>,
    legacy: bool,
    problems: &mut Problems,
) -> Decoded<'a> {
    let by_bom = encoding_rs::Encoding::for_bom(bytes);
    let bom_encoding = by_bom.and_then(|(e, _)| {
        [
            TextEncoding::Utf8,
            TextEncoding::Utf16Le,
            TextEncoding::Utf16Be,
        ]
        .into_iter()
        .find(|t| t.encoding() == e)
    });
    let encoding = forced.or(bom_encoding);
    let body = match by_bom {
        Some((e, len)) if encoding.is_none_or(|t| t.encoding() == e) => &bytes[len..],
        _ => bytes,
    };
    let bom = body.len() < bytes.len();
    let (text, encoding, fallback) = match encoding {
        None | Some(TextEncoding::Utf8) => match std::str::from_utf8(body) {
            Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8, false),
            Err(_) if legacy && encoding.is_none() => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                (text, TextEncoding::Windows1252, true)
            }
            Err(_) => (
                Cow::Owned(utf8_lossy(body, problems)),
                TextEncoding::Utf8,
                false,
            ),
        },
        Some(other) => {
            let (text, malformed) = other.encoding().decode_without_bom_handling(body);
            if malformed {
                problems.push(
                    None,
                    None,
                    &format!("the file is not valid {other}: some bytes could not be read"),
                );
            }
            (text, other, false)
        }
    };
    check_text(&text, problems);
    Decoded {
        text,
        encoding,
        bom,
        fallback,
    }
}

/// Reports NUL characters and byte order marks after the start: both are
/// signs of two files run together or of a wrong encoding, and either can
/// hide a case.
fn check_text(text: &str, problems: &mut Problems) {
    for (needle, what) in [
        (
            '\0',
            "a NUL character (is the file in another encoding, e.g. --encoding utf-16le?)",
        ),
        (
            '\u{FEFF}',
            "a byte order mark in the middle of the file (were two files joined?)",
        ),
    ] {
        let mut from = 0;
        while let Some(at) = text[from..].find(needle) {
            let at = from + at;
            let (line, column) = line_and_column(text, at);
            problems.push(Some(line), Some(column), what);
            from = at + needle.len_utf8();
            if problems.is_full() {
                return;
            }
        }
    }
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
pub(crate) fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Invalid UTF-8 is recorded in `problems` (once per line, at the first bad
/// byte) and replaced by U+FFFD so parsing can go on and find further
/// problems.
fn utf8_lossy(bytes: &[u8], problems: &mut Problems) -> String {
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
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strict UTF-8, as RON and JSON samples are read.
    fn decode<'a>(bytes: &'a [u8], problems: &mut Problems) -> Cow<'a, str> {
        decode_text(bytes, Some(TextEncoding::Utf8), false, problems).text
    }

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

    fn legacy(bytes: &[u8]) -> (Decoded<'_>, Vec<String>) {
        let mut problems = Problems::default();
        let decoded = decode_text(bytes, None, true, &mut problems);
        let list = problems
            .into_error("f")
            .map(|e| e.problems().iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        (decoded, list)
    }

    #[test]
    fn windows_1252_is_read_when_the_bytes_are_not_utf8() {
        // Curly quotes and a pound sign as Excel writes them on Windows.
        let (d, problems) = legacy(b"id;note\nA1;\x93quoted\x94 \xA35\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(d.encoding, TextEncoding::Windows1252);
        assert!(d.fallback);
        assert_eq!(d.text, "id;note\nA1;\u{201C}quoted\u{201D} \u{A3}5\n");
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "id\tnote\nA1\tcafé\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (d, problems) = legacy(&bytes);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!((d.encoding, d.bom), (TextEncoding::Utf16Le, true));
        assert_eq!(d.text, "id\tnote\nA1\tcafé\n");
    }

    #[test]
    fn a_nul_or_a_bom_inside_the_file_is_a_positioned_problem() {
        let (_, problems) = legacy("id\nA\u{0}1\nB\n\u{FEFF}id\nC\n".as_bytes());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("2:2: a NUL character"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("4:1: a byte order mark in the middle"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_forced_encoding_wins() {
        let mut problems = Problems::default();
        let d = decode_text(
            b"id\n\xE9\n",
            Some(TextEncoding::Windows1252),
            false,
            &mut problems,
        );
        assert_eq!((d.text.as_ref(), d.fallback), ("id\n\u{E9}\n", false));
    }
}
