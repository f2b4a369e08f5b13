//! The order a person expects text in: ignoring case, numbers by value
//! (CP-9 before CP-10), dates by date however they are written.

/// A byte string that sorts `text` as a person would: ignoring case, with
/// runs of digits in numeric order (CP-9 before CP-10), and dates in date
/// order whether written 2025-06-12, 12/06/2025 or 12.06.2025 (dates
/// before text). Made once per case so that sorting compares bytes.
pub fn sort_key(text: &str) -> Vec<u8> {
    let text = text.trim();
    if let Some((y, m, d)) = date(text) {
        return format!("\u{1}{y:04}-{m:02}-{d:02}").into_bytes();
    }
    let mut key = Vec::with_capacity(text.len() + 4);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut digits = String::from(c);
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            let digits = digits.trim_start_matches('0');
            // A digit run sorts by its length first, then its digits: the
            // marker '0' keeps numbers before letters as in ASCII.
            key.push(b'0');
            key.push(u8::try_from(digits.len()).unwrap_or(u8::MAX));
            key.extend_from_slice(digits.as_bytes());
        } else if c.is_ascii() {
            key.push(c.to_ascii_lowercase() as u8);
        } else {
            for lower in c.to_lowercase() {
                let mut buf = [0; 4];
                key.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    key
}

/// A date written year first (2025-06-12) or day first (12/06/2025,
/// 12.06.2025, 12-06-2025), as (year, month, day).
fn date(text: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    let [first, middle, last] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = if first.len() == 4 {
        (number(first)?, number(middle)?, number(last)?)
    } else if last.len() == 4 {
        (number(last)?, number(middle)?, number(first)?)
    } else {
        return None;
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(values: &[&str]) -> Vec<String> {
        let mut v: Vec<&str> = values.to_vec();
        v.sort_by_key(|s| sort_key(s));
        v.into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn numbers_in_text_sort_as_numbers() {
        assert_eq!(
            sorted(&["CP-10", "cp-9", "CP-100", "CP-009a", "CP-1"]),
            ["CP-1", "cp-9", "CP-009a", "CP-10", "CP-100"]
        );
    }

    #[test]
    fn dates_sort_in_date_order_whichever_way_they_are_written() {
        assert_eq!(
            sorted(&["03/02/2025", "2025-01-15", "1.12.2024", "2025-02-03x"]),
            ["1.12.2024", "2025-01-15", "03/02/2025", "2025-02-03x"]
        );
        assert_eq!(date("31/13/2025"), None, "no month 13");
        assert_eq!(date("12/06/25"), None, "two-digit years are text");
    }

    #[test]
    fn text_sorts_ignoring_case() {
        assert_eq!(
            sorted(&["online", "Custody", "Missing", "custody"]),
            ["Custody", "custody", "Missing", "online"]
        );
    }
}
