//! Set the `reviewer` key of a casebench RON config file while keeping every
//! other byte (comments, layout, other keys) exactly as the user wrote it.
//!
//! A full RON parse would lose comments and formatting, so this works on a
//! light token stream instead: it only needs to know where strings, chars and
//! comments are (so their contents are never mistaken for syntax) and how deep
//! in brackets each token sits.

/// Why the reviewer could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetReviewerError {
    /// A string, character or block comment is never closed.
    #[error("the {what} starting on line {line} is never closed")]
    Unterminated {
        /// What is not closed ("string").
        what: &'static str,
        /// Where it starts.
        line: usize,
    },
    /// There is no `( ... )` struct at the top level of the file.
    #[error("the config file has no `( ... )` struct to set the reviewer in")]
    NoStruct,
    /// The `(` that opens the config struct is never closed.
    #[error("the `(` on line {line} that opens the config is never closed")]
    Unclosed {
        /// Where the `(` is.
        line: usize,
    },
    /// `ron` could not write the name as a string literal.
    #[error("could not write the reviewer name as RON: {0}")]
    Literal(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Open(u8),
    Close,
    Comma,
    Colon,
    /// A line break outside comments and strings; only used to decide how to insert.
    Newline,
    Word,
    /// Strings, chars, numbers and other punctuation: opaque values.
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

fn line_of(text: &str, pos: usize) -> usize {
    text[..pos].matches('\n').count() + 1
}

/// Index just past the closing `quote`, skipping `\` escapes (so `"\""` and `'\''` end right).
fn skip_quoted(b: &[u8], mut i: usize, quote: u8) -> Option<usize> {
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            _ if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Index just past the block comment opening at `i`. RON block comments
/// nest, so the levels are counted.
fn skip_block_comment(b: &[u8], mut i: usize) -> Option<usize> {
    let mut level = 0;
    loop {
        if b[i..].starts_with(b"/*") {
            (level, i) = (level + 1, i + 2);
        } else if b[i..].starts_with(b"*/") {
            (level, i) = (level - 1, i + 2);
            if level == 0 {
                return Some(i);
            }
        } else if i < b.len() {
            i += 1;
        } else {
            return None;
        }
    }
}

/// Splits `text` into tokens, dropping whitespace and comments. Every token
/// starts and ends on a char boundary, so spans can slice `text`.
fn tokenize(text: &str) -> Result<Vec<Tok>, SetReviewerError> {
    let b = text.as_bytes();
    let unterminated = |what, pos| SetReviewerError::Unterminated {
        what,
        line: line_of(text, pos),
    };
    let is_word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    let (mut toks, mut i) = (Vec::new(), 0);
    while i < b.len() {
        let start = i;
        let kind = match b[i] {
            b'\n' => {
                i += 1;
                Kind::Newline
            }
            c if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                // Stop before the '\n' so the line break is still seen.
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_block_comment(b, i).ok_or_else(|| unterminated("block comment", start))?;
                continue;
            }
            b'"' => {
                i = skip_quoted(b, i + 1, b'"').ok_or_else(|| unterminated("string", start))?;
                Kind::Other
            }
            b'\'' => {
                // `'''` is the quote character itself, not an empty char.
                let from = if b.get(i + 1) == Some(&b'\'') {
                    i + 2
                } else {
                    i + 1
                };
                i = skip_quoted(b, from, b'\'').ok_or_else(|| unterminated("character", start))?;
                Kind::Other
            }
            c @ (b'(' | b'[' | b'{') => {
                i += 1;
                Kind::Open(c)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Kind::Close
            }
            b',' | b':' => {
                i += 1;
                if b[start] == b',' {
                    Kind::Comma
                } else {
                    Kind::Colon
                }
            }
            c if is_word(&c) => {
                i += b[i..].iter().take_while(|c| is_word(c)).count();
                let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
                match &b[start..i] {
                    // Raw string `r#"…"#`: ends at `"` plus the same number of `#`.
                    // (A `b"…"` byte string needs nothing special: `b`, then a string.)
                    b"r" | b"br" if b.get(i + hashes) == Some(&b'"') => {
                        let close = format!("\"{}", "#".repeat(hashes));
                        let body = i + hashes + 1;
                        let len = text[body..]
                            .find(&close)
                            .ok_or_else(|| unterminated("raw string", start))?;
                        i = body + len + close.len();
                        Kind::Other
                    }
                    // Raw identifier such as `r#reviewer` or `r#a.b`.
                    b"r" if hashes == 1 => {
                        i += 1 + b[i + 1..]
                            .iter()
                            .take_while(|&&c| is_word(&c) || b".+-".contains(&c))
                            .count();
                        Kind::Word
                    }
                    _ => Kind::Word,
                }
            }
            _ => {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                Kind::Other
            }
        };
        toks.push(Tok {
            kind,
            start,
            end: i,
        });
    }
    Ok(toks)
}

/// Indentation of the first non-blank line at or after `from`, so an inserted
/// line lines up with its neighbours; four spaces if that line is the one with
/// the struct's closing `)` (at byte `close`), which sits one level out.
fn indent_at(text: &str, from: usize, close: usize) -> &str {
    let mut line_start = from;
    for line in text[from..].split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - body.len()];
        if !body.trim().is_empty() {
            return if line_start + indent.len() == close {
                "    "
            } else {
                indent
            };
        }
        line_start += line.len();
    }
    "    "
}

/// Returns `text` with the top-level `reviewer` key of the config struct set
/// to the string `name`, changing nothing else.
///
/// An existing `reviewer: …` entry has just its value replaced; otherwise the
/// entry is added as the struct's first. Text with no tokens at all (empty, or
/// only whitespace and comments) gets a new struct after its comments.
pub fn with_reviewer(text: &str, name: &str) -> Result<String, SetReviewerError> {
    let literal = ron::to_string(&name).map_err(|e| SetReviewerError::Literal(e.to_string()))?;
    let toks = tokenize(text)?;
    // Line breaks only matter when inserting; the structure is in the rest.
    let sig: Vec<Tok> = toks
        .iter()
        .copied()
        .filter(|t| t.kind != Kind::Newline)
        .collect();

    if sig.is_empty() {
        let comments = if text.trim().is_empty() { "" } else { text };
        // A trailing `// comment` without a newline would swallow the struct.
        let sep = if comments.is_empty() || comments.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        return Ok(format!("{comments}{sep}(\n    reviewer: {literal},\n)\n"));
    }

    // The config struct is the first `(` outside any brackets; this skips the
    // parentheses of `#![enable(...)]`, which sit inside `[ ]`.
    let mut depth = 0;
    let open = sig
        .iter()
        .position(|t| {
            match t.kind {
                Kind::Open(b'(') if depth == 0 => return true,
                Kind::Open(_) => depth += 1,
                Kind::Close => depth -= 1,
                _ => {}
            }
            false
        })
        .ok_or(SetReviewerError::NoStruct)?;

    // Walk the struct's entries. Only a word right after `(` or a top-level
    // `,` and followed by `:` is a key; deeper tokens belong to other values.
    let (mut depth, mut at_key) = (0, true);
    let (mut key, mut value, mut close) = (None, None, None);
    for (i, t) in sig.iter().enumerate().skip(open + 1) {
        if depth > 0 {
            match t.kind {
                Kind::Open(_) => depth += 1,
                Kind::Close => depth -= 1,
                _ => {}
            }
            continue;
        }
        // The value of `reviewer` is every token up to the next `,` or `)` here.
        if let (Some(k), None, Kind::Comma | Kind::Close) = (key, value, t.kind) {
            value = Some((k + 2, i));
        }
        match t.kind {
            Kind::Close => {
                close = Some(i);
                break;
            }
            Kind::Open(_) => depth += 1,
            Kind::Word
                if at_key
                    && key.is_none()
                    && matches!(&text[t.start..t.end], "reviewer" | "r#reviewer")
                    && sig.get(i + 1).is_some_and(|n| n.kind == Kind::Colon) =>
            {
                key = Some(i);
            }
            _ => {}
        }
        at_key = t.kind == Kind::Comma;
    }
    let close = close.ok_or_else(|| SetReviewerError::Unclosed {
        line: line_of(text, sig[open].start),
    })?;

    let (from, to, new) = if let Some((first, end)) = value {
        if first < end {
            // Replace from the value's first token to its last, so whitespace
            // and comments before the `,` or `)` stay where they are.
            (sig[first].start, sig[end - 1].end, literal)
        } else {
            // `reviewer: ,` has no value at all; put one after the colon.
            let colon_end = sig[first - 1].end;
            (colon_end, colon_end, format!(" {literal}"))
        }
    } else {
        let after_open = sig[open].end;
        // A line break before the first entry means one entry per line: add
        // a whole line after the `(` line (after any comment on it).
        let newline = toks.iter().find(|t| {
            t.kind == Kind::Newline && t.start >= after_open && t.end <= sig[open + 1].start
        });
        match newline {
            Some(nl) => {
                let eol = if text[..nl.end].ends_with("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                let indent = indent_at(text, nl.end, sig[close].start);
                (nl.end, nl.end, format!("{indent}reviewer: {literal},{eol}"))
            }
            None if open + 1 == close => (after_open, after_open, format!("reviewer: {literal}")),
            None => (after_open, after_open, format!("reviewer: {literal}, ")),
        }
    };
    Ok(format!("{}{new}{}", &text[..from], &text[to..]))
}

#[cfg(test)]
mod tests;
