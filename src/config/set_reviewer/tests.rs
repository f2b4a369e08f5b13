//! Setting the reviewer in config text: every other byte kept.

use super::*;
use serde::Deserialize;

/// The keys the tests look at; all others are ignored, as every key is optional.
#[derive(Debug, Deserialize)]
struct Cfg {
    #[serde(default)]
    reviewer: Option<String>,
    #[serde(default)]
    scale: Option<ron::Value>,
    #[serde(default)]
    theme: Option<String>,
}

const EXAMPLE: &str = include_str!("../../../config.example.ron");

fn parse(text: &str) -> Cfg {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
        .unwrap_or_else(|e| panic!("does not parse: {e}\n{text}"))
}

fn lit(name: &str) -> String {
    ron::to_string(&name).unwrap()
}

/// Sets the reviewer, checks the exact output and that RON reads the name back.
fn check(before: &str, name: &str, expected: &str) -> Cfg {
    let after = with_reviewer(before, name).unwrap();
    assert_eq!(after, expected, "input:\n{before}");
    let cfg = parse(&after);
    assert_eq!(cfg.reviewer.as_deref(), Some(name), "output:\n{after}");
    cfg
}

#[test]
fn replaces_none_in_example_file() {
    let name = "Siobhán O'Brien";
    let expected = EXAMPLE.replacen(
        "    reviewer: None,",
        &format!("    reviewer: {},", lit(name)),
        1,
    );
    assert_ne!(expected, EXAMPLE);
    let cfg = check(EXAMPLE, name, &expected);
    assert_eq!(cfg.scale, parse(EXAMPLE).scale);
    assert_eq!(cfg.theme.as_deref(), Some("default"));
}

#[test]
fn inserts_into_example_file_without_reviewer() {
    let before = EXAMPLE.replacen("    reviewer: None,\n", "", 1);
    assert!(
        before.contains("`--reviewer NAME` wins"),
        "comments still mention reviewer"
    );
    let expected = before.replacen("\n(\n", "\n(\n    reviewer: \"Ann\",\n", 1);
    check(&before, "Ann", &expected);
}

#[test]
fn replaces_value_anywhere_keeping_surroundings() {
    check(
        r#"(scale: Preset("ofsted"), reviewer: Some("old") /* keep */ , theme: "x")"#,
        "new",
        r#"(scale: Preset("ofsted"), reviewer: "new" /* keep */ , theme: "x")"#,
    );
    check(
        "(\n    scale: Preset(\"ofsted\"),\n    reviewer: \"old\" // who\n)\n",
        "new",
        "(\n    scale: Preset(\"ofsted\"),\n    reviewer: \"new\" // who\n)\n",
    );
    // A struct name before the `(` is allowed (ron checks it matches).
    check("Cfg(reviewer: None)", "x", r#"Cfg(reviewer: "x")"#);
    check("(r#reviewer: None)", "x", r#"(r#reviewer: "x")"#);
}

#[test]
fn leaves_nested_quoted_and_commented_reviewer_alone() {
    let body = r##"    // reviewer: "in a comment"
/* reviewer: None, /* nested ( */ ) */
theme: "reviewer: (, \"x\"",
scale: Custom((name: "r", levels: [(id: "reviewer", label: "(", phrase: ",", key: '(', colour: "green")], reviewer: None)),
other: (reviewer: None, key: ''', k2: '\'', k3: ')', raw: r#"reviewer: ")"#, bytes: b"(", rawb: br"\"),
)
"##;
    let before = format!("(\n{body}");
    let cfg = check(&before, "Bo", &format!("(\n    reviewer: \"Bo\",\n{body}"));
    assert_eq!(cfg.theme.as_deref(), Some("reviewer: (, \"x\""));
}

#[test]
fn awkward_names_round_trip() {
    let names = [
        "Siobhán O'Brien",
        r#"a"b\c"#,
        "tab\tline\nbell\u{7}",
        "",
        "\"#",
        "😀 ), reviewer: x",
    ];
    for name in names {
        let l = lit(name);
        check("(reviewer: None)", name, &format!("(reviewer: {l})"));
        check(
            "(\n    theme: \"x\",\n)\n",
            name,
            &format!("(\n    reviewer: {l},\n    theme: \"x\",\n)\n"),
        );
        // Replacing a reviewer that was set before works just the same.
        let once = with_reviewer(EXAMPLE, "first").unwrap();
        assert_eq!(
            with_reviewer(&once, name).unwrap(),
            with_reviewer(EXAMPLE, name).unwrap()
        );
    }
}

#[test]
fn empty_struct_and_one_line_struct() {
    check("()", "x", r#"(reviewer: "x")"#);
    check("(\n)\n", "x", "(\n    reviewer: \"x\",\n)\n");
    check(
        r#"(scale: Preset("ofsted"))"#,
        "x",
        r#"(reviewer: "x", scale: Preset("ofsted"))"#,
    );
    check(
        "( // tail\n  theme: \"d\",\n)",
        "x",
        "( // tail\n  reviewer: \"x\",\n  theme: \"d\",\n)",
    );
    check(
        "(\r\n\ttheme: \"d\",\r\n)\r\n",
        "x",
        "(\r\n\treviewer: \"x\",\r\n\ttheme: \"d\",\r\n)\r\n",
    );
    // The line break inside the comment does not count as a new line.
    check(
        "( /* a\n b */ theme: \"d\")",
        "x",
        "(reviewer: \"x\",  /* a\n b */ theme: \"d\")",
    );
}

#[test]
fn empty_or_comment_only_file() {
    let fresh = "(\n    reviewer: \"x\",\n)\n";
    check("", "x", fresh);
    check(" \n\t\n", "x", fresh);
    check("// nothing yet", "x", &format!("// nothing yet\n{fresh}"));
    check("/* a */\n", "x", &format!("/* a */\n{fresh}"));
}

#[test]
fn extension_header_is_kept() {
    let before = "#![enable(implicit_some)]\n// settings\n(\n    scale: Preset(\"ofsted\"),\n)\n";
    let after = with_reviewer(before, "x").unwrap();
    assert_eq!(
        after,
        "#![enable(implicit_some)]\n// settings\n(\n    reviewer: \"x\",\n    scale: Preset(\"ofsted\"),\n)\n"
    );
    // The header alone enables bare optional values for plain `ron::from_str`.
    let cfg: Cfg = ron::from_str(&after).unwrap();
    assert_eq!(cfg.reviewer.as_deref(), Some("x"));
    check(
        "#![enable(implicit_some)] (reviewer: None)",
        "x",
        "#![enable(implicit_some)] (reviewer: \"x\")",
    );
}

#[test]
fn errors() {
    let err = |t: &str| with_reviewer(t, "x").unwrap_err();
    assert_eq!(err("[1, 2]"), SetReviewerError::NoStruct);
    assert_eq!(err("#![enable(implicit_some)]"), SetReviewerError::NoStruct);
    assert_eq!(
        err("\n(reviewer: None"),
        SetReviewerError::Unclosed { line: 2 }
    );
    assert_eq!(
        err("(theme: \"x)"),
        SetReviewerError::Unterminated {
            what: "string",
            line: 1
        }
    );
    assert_eq!(
        err("(/* a /* b */)"),
        SetReviewerError::Unterminated {
            what: "block comment",
            line: 1
        }
    );
    assert_eq!(
        err("(\nk: 'x)"),
        SetReviewerError::Unterminated {
            what: "character",
            line: 2
        }
    );
    assert_eq!(
        err("NoStruct").to_string(),
        "the config file has no `( ... )` struct to set the reviewer in"
    );
    assert_eq!(
        err("(").to_string(),
        "the `(` on line 1 that opens the config is never closed"
    );
}
