//! Reading a session's format version from its first bytes, so that a
//! large session is not parsed twice (once for the version, once in full).

/// The version of a session written the way casebench writes them
/// (`(version: 1, …`), read without parsing the rest; `None` when the text
/// does not start that way.
pub fn sniff_version(text: &str) -> Option<u32> {
    let (name, rest) = first_field(text)?;
    if name != "version" {
        return None;
    }
    let digits = rest.trim_start();
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse().ok()
}

/// The sample identity (with how the sample is read) of a session written
/// the way casebench writes them (`(version: 1, sample: (…), …`), read
/// without parsing the rest; `None` when the text does not start that way.
pub fn sniff_sample_info(text: &str) -> Option<super::SampleInfo> {
    use serde::Deserialize as _;
    let (name, rest) = first_field(text)?;
    if name != "version" {
        return None;
    }
    let rest = skip_blank(rest)?;
    let rest = skip_blank(&rest[rest.find(',')? + 1..])?;
    let value = skip_blank(rest.strip_prefix("sample")?)?.strip_prefix(':')?;
    let mut de = ron::de::Deserializer::from_str(value).ok()?;
    super::SampleInfo::deserialize(&mut de).ok()
}

/// [`sniff_sample_info`] of the session file at `path`, from its first
/// bytes only (a snapshot of 100,000 graded cases is tens of megabytes).
pub fn sniff_sample_info_at(path: &std::path::Path) -> Option<super::SampleInfo> {
    let head = crate::store::read_head(path, 16 << 10).ok()?;
    sniff_sample_info(&String::from_utf8_lossy(&head))
}

/// The name of the first field of a RON struct at the top of `text`
/// (after whitespace, comments, `#![…]` attributes and an optional struct
/// name) and the text after its colon, if the text starts that way.
fn first_field(text: &str) -> Option<(&str, &str)> {
    let mut rest = skip_blank(text)?;
    while let Some(attr) = rest.strip_prefix("#![") {
        rest = skip_blank(&attr[attr.find(']')? + 1..])?;
    }
    let ident = |s: &str| s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
    if !rest.starts_with('(') {
        let end = ident(rest)?;
        rest = skip_blank(&rest[end..])?;
    }
    let rest = skip_blank(rest.strip_prefix('(')?)?;
    let end = ident(rest).filter(|&e| e > 0)?;
    let (name, after) = rest.split_at(end);
    let value = skip_blank(after)?.strip_prefix(':')?;
    Some((name, value))
}

/// `text` without leading whitespace and (nested block or line) comments;
/// `None` if a comment does not end.
fn skip_blank(mut text: &str) -> Option<&str> {
    loop {
        text = text.trim_start();
        if let Some(rest) = text.strip_prefix("//") {
            text = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if text.starts_with("/*") {
            let mut depth = 0usize;
            let mut i = 0;
            let bytes = text.as_bytes();
            loop {
                match bytes.get(i..i + 2)? {
                    b"/*" => {
                        depth += 1;
                        i += 2;
                    }
                    b"*/" => {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => i += 1,
                }
            }
            text = &text[i..];
        } else {
            return Some(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_field_reads_past_comments_attributes_and_names() {
        let name = |t| first_field(t).map(|f| f.0);
        assert_eq!(name("(\n  version: 1,\n)"), Some("version"));
        assert_eq!(
            name("// c\n/* a /* nested */ b */ #![enable(implicit_some)]\nSession ( version : 1)"),
            Some("version")
        );
        assert_eq!(name("(name: \"x\", cases: [])"), Some("name"));
        assert_eq!(name("[(id: \"A\")]"), None);
        assert_eq!(name("/* unterminated"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn version_is_read_from_the_first_bytes() {
        assert_eq!(sniff_version("(\n  version: 1,\n  sample: ("), Some(1));
        assert_eq!(sniff_version("(version: 12, x: 1)"), Some(12));
        assert_eq!(sniff_version("(sample: (), version: 1)"), None);
        assert_eq!(sniff_version("(version: \"1\")"), None);
    }
}
