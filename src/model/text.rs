//! Making untrusted case text inert before it can reach a terminal.
//!
//! Case files come from other systems and may hold control characters, ANSI
//! escape sequences or bidirectional overrides. Everything read from a sample
//! passes through [`sanitize`] once, at load, so the rest of the program only
//! ever handles text that is safe to draw or print.

use std::fmt::Write as _;

/// Returns `text` with every character that could act on a terminal made
/// visible and inert.
///
/// Line feeds are kept (narratives are multi-line); `\r\n` and lone `\r`
/// become `\n`; tabs become four spaces. Every other control character (C0,
/// DEL, C1), bidirectional override or isolate, and zero-width joiner-like
/// format character is replaced by its escaped form, e.g. `\u{1b}`.
pub fn sanitize(text: &str) -> String {
    if is_all_plain(text) {
        return text.to_owned();
    }
    escape(text)
}

/// [`sanitize`] for text already owned: clean text (the usual case) is
/// returned as it is, without a copy.
pub fn sanitize_owned(text: String) -> String {
    if is_all_plain(&text) {
        text
    } else {
        escape(&text)
    }
}

/// True when nothing in `text` needs escaping. Printable ASCII, the common
/// case in case files, is checked a byte at a time.
fn is_all_plain(text: &str) -> bool {
    // Branch-free over fixed chunks, so that the compiler vectorises it.
    let plain = |b: u8| (b.wrapping_sub(0x20) < 0x5f) || (b == b'\n');
    let mut chunks = text.as_bytes().chunks_exact(32);
    let ascii = chunks
        .by_ref()
        .all(|c| c.iter().fold(true, |ok, &b| ok & plain(b)))
        && chunks.remainder().iter().all(|&b| plain(b));
    ascii || text.chars().all(is_plain)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\t' => out.push_str("    "),
            c if is_plain(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    out
}

/// Like [`sanitize`] but for single-line values (ids, titles, categories,
/// field names): line breaks become spaces as well.
pub fn sanitize_line(text: &str) -> String {
    line(sanitize(text))
}

/// Appends `text` to `out` sanitised (on one line if `one_line`), copying
/// clean text (the usual case) straight in, with no string between.
pub fn sanitize_into(out: &mut String, text: &str, one_line: bool) {
    if is_all_plain(text) && !(one_line && text.contains('\n')) {
        out.push_str(text);
    } else if one_line {
        out.push_str(&sanitize_line(text));
    } else {
        out.push_str(&escape(text));
    }
}

/// [`sanitize_line`] for text already owned.
pub fn sanitize_line_owned(text: String) -> String {
    line(sanitize_owned(text))
}

fn line(clean: String) -> String {
    if clean.contains('\n') {
        clean.replace('\n', " ")
    } else {
        clean
    }
}

/// True for characters that are safe to send to a terminal as they are.
#[inline]
fn is_plain(c: char) -> bool {
    c == '\n' || !(c.is_control() || is_format_hazard(c))
}

/// Unicode format characters that reorder or hide text: bidi embeddings,
/// overrides and isolates, the line/paragraph separators some terminals
/// treat as breaks, and invisible characters that make two different ids
/// look alike (zero-width spaces and joiners, word joiners and invisible
/// operators, the soft hyphen, tag characters).
fn is_format_hazard(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061c}'
            | '\u{00ad}'
            | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(
            sanitize("Girl, 14 – missing\nsecond line"),
            "Girl, 14 – missing\nsecond line"
        );
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize("csi\u{9b}x"), "csi\\u{9b}x");
    }

    #[test]
    fn invisible_characters_become_visible() {
        assert_eq!(sanitize("CP-0\u{200b}01"), "CP-0\\u{200b}01");
        assert_eq!(sanitize("a\u{200d}b\u{2060}c"), "a\\u{200d}b\\u{2060}c");
        assert_eq!(sanitize("soft\u{ad}hyphen"), "soft\\u{ad}hyphen");
        assert_eq!(sanitize("tag\u{e0041}"), "tag\\u{e0041}");
    }

    #[test]
    fn bidi_overrides_become_visible() {
        assert_eq!(sanitize("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(sanitize("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn line_endings_and_tabs_are_normalised() {
        assert_eq!(sanitize("a\r\nb\rc\td"), "a\nb\nc    d");
        assert_eq!(sanitize_line("a\r\nb"), "a b");
        assert_eq!(sanitize_line_owned("a\nb".to_owned()), "a b");
        assert_eq!(sanitize_owned("é\u{1b}".to_owned()), "é\\u{1b}");
        assert_eq!(sanitize_owned("plain".to_owned()), "plain");
    }

    #[test]
    fn sanitised_text_contains_no_controls() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let clean = sanitize(&all);
        assert!(clean.chars().all(|c| c == '\n' || !c.is_control()));
        assert!(!clean.contains('\u{202e}'));
    }

    #[test]
    fn the_fast_check_agrees_with_the_character_rule() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            // Alone (remainder path) and inside a 40-byte run (chunk path).
            let padded = format!("{}{c}{}", "a".repeat(20), "b".repeat(20));
            assert_eq!(is_all_plain(&c.to_string()), is_plain(c), "{c:?}");
            assert_eq!(is_all_plain(&padded), is_plain(c), "{c:?} in a run");
        }
    }
}
