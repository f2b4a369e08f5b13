//! Finding text regardless of case, without allocating for ASCII queries
//! (the common case, and the one that must stay fast on large samples).

/// Case-insensitive substring test without allocating for ASCII needles.
pub fn contains_ignoring_case(haystack: &str, needle_lower: &str) -> bool {
    if needle_lower.is_ascii() {
        find_ascii_ignoring_case(haystack.as_bytes(), needle_lower.as_bytes()).is_some()
    } else {
        haystack.to_lowercase().contains(needle_lower)
    }
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle`
/// (lower-case ASCII) in `haystack`.
pub fn find_ascii_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(pos) = memchr::memchr2(first, first.to_ascii_uppercase(), &haystack[from..]) {
        let at = from + pos;
        let tail = haystack.get(at + 1..at + needle.len())?;
        if tail.eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_search_ignores_case() {
        assert_eq!(
            find_ascii_ignoring_case(b"Appropriate Adult", b"adult"),
            Some(12)
        );
        assert_eq!(find_ascii_ignoring_case(b"abc", b"abcd"), None);
        assert_eq!(find_ascii_ignoring_case(b"aXa", b"xa"), Some(1));
        assert!(contains_ignoring_case("Straße", "straße"));
        assert!(!contains_ignoring_case("custody", "strip"));
    }
}
