//! Finding where things are in RON and JSON text: the start of each case in
//! the `cases` array, and byte offsets as 1-based line:column.
//!
//! serde tells us *that* case 17 has an empty id but not *where* it is, so a
//! small scanner walks the text once more (only when there is a problem to
//! report). It understands just enough syntax to skip over strings (with
//! escapes), RON raw strings `r#"…"#`, RON character literals and RON
//! `//` and nested `/* */` comments while tracking bracket depth. It is only
//! run on text serde has accepted; on anything unexpected it gives up and
//! positions are reported as unknown.

/// Which syntax the scanner should expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// Rusty Object Notation: comments, raw strings, char literals, idents.
    Ron,
    /// JSON.
    Json,
}

/// Byte offset of the first significant character (after whitespace,
/// comments and RON `#![…]` attributes), if any.
pub(crate) fn first_token(text: &str, syntax: Syntax) -> Option<usize> {
    let mut s = Scanner::new(text, syntax);
    s.skip_top();
    s.peek().map(|_| s.pos)
}

/// Byte offsets where each element of the cases array starts: the top-level
/// list, or the array under the top-level `cases` key. `None` when the text
/// does not have the expected shape.
pub(crate) fn case_offsets(text: &str, syntax: Syntax) -> Option<Vec<usize>> {
    let mut s = Scanner::new(text, syntax);
    s.skip_top();
    if s.peek()? != b'[' {
        s.find_cases_array()?;
    }
    s.pos += 1; // the '['
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut expecting = true;
    loop {
        s.skip_trivia();
        let c = s.peek()?;
        if depth == 0 {
            match c {
                b']' => return Some(starts),
                b',' => {
                    expecting = true;
                    s.pos += 1;
                    continue;
                }
                _ if expecting => {
                    starts.push(s.pos);
                    expecting = false;
                }
                _ => {}
            }
        }
        match s.token()? {
            Token::Open => depth += 1,
            Token::Close => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
}

/// How to find the position of case number `i` when a problem needs it.
#[derive(Debug)]
pub(crate) enum Places {
    /// The line each case starts on (CSV knows this while reading).
    Lines(Vec<usize>),
    /// Scan the text for the cases array (RON and JSON), lazily.
    Scan(Syntax),
}

/// Resolves case numbers to line:column, scanning the text at most once.
#[derive(Debug)]
pub(crate) struct Locator<'a> {
    text: &'a str,
    places: Places,
    #[allow(
        clippy::option_option,
        reason = "not scanned yet / scanned, nothing usable / scanned"
    )]
    scanned: Option<Option<(Vec<usize>, LineIndex)>>,
}

impl<'a> Locator<'a> {
    /// A locator for the cases of `text`.
    pub(crate) fn new(text: &'a str, places: Places) -> Self {
        Self {
            text,
            places,
            scanned: None,
        }
    }

    /// 1-based line and column where case `idx` starts, as far as known.
    pub(crate) fn case(&mut self, idx: usize) -> (Option<usize>, Option<usize>) {
        match &self.places {
            Places::Lines(lines) => (lines.get(idx).copied().filter(|&l| l > 0), None),
            Places::Scan(syntax) => {
                let (text, syntax) = (self.text, *syntax);
                let scanned = self.scanned.get_or_insert_with(|| {
                    case_offsets(text, syntax).map(|o| (o, LineIndex::new(text)))
                });
                match scanned {
                    Some((offsets, index)) => match offsets.get(idx) {
                        Some(&offset) => {
                            let (line, column) = index.position(text, offset);
                            (Some(line), Some(column))
                        }
                        None => (None, None),
                    },
                    None => (None, None),
                }
            }
        }
    }
}

/// Start offsets of the lines of a text, for offset → line:column.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text` (one pass).
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self { starts }
    }

    /// 1-based line and column (in characters) of byte `offset` in `text`.
    pub(crate) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        (line, char_count(text, start, offset) + 1)
    }
}

/// Converts a column counted in bytes (as `serde_json` reports it: the
/// 1-based column of the last byte read, 0 at the start of a line) on
/// 1-based `line` to a column counted in characters.
pub(crate) fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        match text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
        {
            Some((i, _)) => i + 1,
            None => return byte_column.max(1),
        }
    };
    char_count(text, start, start + byte_column).max(1)
}

/// Characters in `text[start..end]`, rounding `end` down to a character
/// boundary and clamping it to the text.
fn char_count(text: &str, start: usize, end: usize) -> usize {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start..end).map_or(0, |s| s.chars().count())
}

enum Token {
    Open,
    Close,
    Str,
    Ident(usize, usize),
    Other,
}

struct Scanner<'a> {
    b: &'a [u8],
    pos: usize,
    ron: bool,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, syntax: Syntax) -> Self {
        Self {
            b: text.as_bytes(),
            pos: 0,
            ron: syntax == Syntax::Ron,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, s: &[u8]) -> bool {
        self.b[self.pos.min(self.b.len())..].starts_with(s)
    }

    /// Skips whitespace and (in RON) comments.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(b'/') if self.ron && self.at(b"//") => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                Some(b'/') if self.ron && self.at(b"/*") => {
                    let mut depth = 0usize;
                    while self.pos < self.b.len() {
                        if self.at(b"/*") {
                            depth += 1;
                            self.pos += 2;
                        } else if self.at(b"*/") {
                            depth -= 1;
                            self.pos += 2;
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.pos += 1;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips trivia and RON inner attributes such as `#![enable(…)]`.
    fn skip_top(&mut self) {
        self.skip_trivia();
        while self.ron && self.at(b"#![") {
            self.pos += 2;
            let mut depth = 0usize;
            while let Some(token) = self.token() {
                match token {
                    Token::Open => depth += 1,
                    Token::Close => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                self.skip_trivia();
            }
            self.skip_trivia();
        }
    }

    /// Moves to the '[' of the value of the top-level `cases` key.
    fn find_cases_array(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.skip_trivia();
            let start = self.pos;
            let token = self.token()?;
            match token {
                Token::Open => depth += 1,
                Token::Close => depth = depth.checked_sub(1)?,
                Token::Str | Token::Ident(..) if depth == 1 => {
                    let key = match token {
                        Token::Ident(a, b) => &self.b[a..b],
                        _ => &self.b[start..self.pos],
                    };
                    if key == b"cases" || key == b"\"cases\"" {
                        self.skip_trivia();
                        if self.peek() == Some(b':') {
                            self.pos += 1;
                            self.skip_trivia();
                            if self.peek() == Some(b'[') {
                                return Some(());
                            }
                        }
                    }
                }
                _ => {}
            }
            if depth == 0 && !matches!(token, Token::Ident(..)) {
                return None;
            }
        }
    }

    /// Consumes one token at the current position (no leading trivia).
    fn token(&mut self) -> Option<Token> {
        let c = self.peek()?;
        Some(match c {
            b'(' | b'[' | b'{' => {
                self.pos += 1;
                Token::Open
            }
            b')' | b']' | b'}' => {
                self.pos += 1;
                Token::Close
            }
            b'"' => {
                self.skip_quoted(b'"')?;
                Token::Str
            }
            b'\'' if self.ron => {
                self.skip_quoted(b'\'')?;
                Token::Other
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    self.pos += 1;
                }
                let word = &self.b[start..self.pos];
                if self.ron && (word == b"r" || word == b"br") && self.raw_string_follows() {
                    self.skip_raw_string()?;
                    Token::Str
                } else {
                    Token::Ident(start, self.pos)
                }
            }
            _ => {
                self.pos += 1;
                Token::Other
            }
        })
    }

    /// Skips a string or char literal delimited by `quote`, with escapes.
    fn skip_quoted(&mut self, quote: u8) -> Option<()> {
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                c if c == quote => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn raw_string_follows(&self) -> bool {
        let rest = &self.b[self.pos..];
        let hashes = rest.iter().take_while(|&&c| c == b'#').count();
        rest.get(hashes) == Some(&b'"')
    }

    /// Skips `#…#"…"#…#` (the `r` already consumed).
    fn skip_raw_string(&mut self) -> Option<()> {
        let hashes = self.b[self.pos..]
            .iter()
            .take_while(|&&c| c == b'#')
            .count();
        self.pos += hashes + 1;
        loop {
            if self.peek()? == b'"' {
                let closing = self.b[self.pos + 1..]
                    .iter()
                    .take(hashes)
                    .take_while(|&&c| c == b'#')
                    .count();
                if closing == hashes {
                    self.pos += 1 + hashes;
                    return Some(());
                }
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests;
