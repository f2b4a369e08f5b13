//! Numbers and times as casebench writes them everywhere: reports, the
//! text summary, the review screen and `agree` share one rule for each.

use jiff::Timestamp;

/// A time as the report shows it: `2025-03-03 09:00 UTC`.
pub fn date(at: Timestamp) -> String {
    at.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// A p-value to three decimals, or `p < 0.001`.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_owned()
    } else {
        format!("p = {p:.3}")
    }
}

/// A confidence level as a percentage, `95%` or `99.9%`: one rule for every
/// output.
pub fn confidence(level: f64) -> String {
    format!("{}%", trim_number(level * 100.0))
}

/// A proportion as a percentage with one decimal: `27.6%`.
pub fn pct1(p: f64) -> String {
    format!("{:.1}%", p * 100.0)
}

/// A number without a trailing `.0` (95 rather than 95.0, but 99.9).
pub fn trim_number(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0")
        .map_or_else(|| s.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_formatters() {
        assert_eq!(p_value(0.0004), "p < 0.001");
        assert_eq!(p_value(0.41234), "p = 0.412");
        assert_eq!(pct1(0.276_475), "27.6%");
        assert_eq!(trim_number(95.0), "95");
        assert_eq!(trim_number(99.9), "99.9");
        assert_eq!(confidence(0.95), "95%");
        assert_eq!(confidence(0.999), "99.9%");
        let t: Timestamp = "2025-03-03T09:00:30Z".parse().expect("time");
        assert_eq!(date(t), "2025-03-03 09:00 UTC");
    }
}
