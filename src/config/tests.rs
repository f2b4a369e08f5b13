//! Tests of config parsing and resolution, against `config.example.ron` and
//! the fixtures in `tests/fixtures/config/`.

use std::path::{Path, PathBuf};

use super::*;
use crate::keymap::{Command, Context, KeySpec};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../tests/fixtures/config/", $name))
    };
}

fn parse_ok(text: &str) -> Config {
    parse(text, Path::new("test.ron")).unwrap_or_else(|e| panic!("{e}"))
}

fn parse_err(text: &str) -> ConfigError {
    parse(text, Path::new("test.ron")).expect_err("should fail")
}

fn key(s: &str) -> KeySpec {
    s.parse().expect("key")
}

#[test]
fn example_file_equals_defaults() {
    let example = parse_ok(include_str!("../../config.example.ron"));
    let d = Config::default();
    // Field by field first, for readable failures.
    assert_eq!(example.reviewer, d.reviewer);
    assert_eq!(example.scale, d.scale);
    assert_eq!(example.reference, d.reference);
    assert_eq!(example.criteria, d.criteria);
    assert_eq!(example.require_note_for, d.require_note_for);
    assert_eq!(example.auto_advance, d.auto_advance);
    assert_eq!(example.theme, d.theme);
    for context in Context::ALL {
        for b in context.table() {
            let c = b.command;
            assert_eq!(
                example.keys.keys(context, c),
                d.keys.keys(context, c),
                "keys of {context}.{c}"
            );
        }
    }
    assert_eq!(example.confidence, d.confidence);
    assert_eq!(example, d);
}

#[test]
fn defaults_match_the_design() {
    let d = Config::default();
    assert_eq!(d.scale.name, "hmicfrs");
    // The published 23/23/28 belongs to the demo, not to every sample.
    assert_eq!(d.reference, None);
    let r = crate::config::sample::SampleSetup::demo(d.clone())
        .config
        .reference
        .expect("the demo's reference");
    assert_eq!(r.label, "published inspection (74 cases)");
    assert_eq!(r.counts, vec![23, 23, 28]);
    assert_eq!(r.total(), 74);
    let ids: Vec<_> = d.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "initial_risk",
            "timely_inquiries",
            "voice_of_child",
            "appropriate_adult",
            "alternative_accommodation",
            "online_exploitation",
            "information_sharing",
            "supervision"
        ]
    );
    assert!(d.criteria.iter().all(|c| c.description.is_some()));
    assert!(d.auto_advance);
    assert_eq!(d.confidence, 0.95);
}

#[test]
fn empty_file_means_defaults() {
    assert_eq!(parse_ok(fixture!("empty.ron")), Config::default());
    assert_eq!(parse_ok("  // nothing\n()\n"), Config::default());
}

#[test]
fn unknown_key_reports_line_and_column() {
    let e = parse_err(fixture!("unknown_key.ron"));
    let ConfigError::Syntax {
        line,
        col,
        ref message,
        ..
    } = e
    else {
        panic!("{e:?}")
    };
    assert_eq!((line, col), (3, 5), "{e}");
    assert!(message.contains("auto_advanse"), "{message}");
    assert!(e.to_string().starts_with("test.ron:3:5: "), "{e}");
}

#[test]
fn wrong_type_reports_line_and_column() {
    let e = parse_err(fixture!("wrong_type.ron"));
    let ConfigError::Syntax { line, .. } = e else {
        panic!("{e:?}")
    };
    assert_eq!(line, 4, "{e}");
    assert!(e.to_string().starts_with("test.ron:4:"), "{e}");
}

#[test]
fn bad_key_name_is_a_positioned_error() {
    let e = parse_err(fixture!("bad_key.ron"));
    let msg = e.to_string();
    assert!(matches!(e, ConfigError::Syntax { line: 3, .. }), "{msg}");
    assert!(msg.contains("\"Ctrl-\""), "{msg}");
    let e = parse_err("(keys: { browse: { jump: [\"j\"] } })");
    assert!(matches!(e, ConfigError::Syntax { line: 1, .. }), "{e}");
    // The old flat form names a command where a context belongs.
    let e = parse_err("(keys: { quit: [\"q\"] })");
    assert!(matches!(e, ConfigError::Syntax { line: 1, .. }), "{e}");
}

#[test]
fn conflicting_keys_are_all_reported() {
    let e = parse_err(fixture!("conflicting_keys.ron"));
    let ConfigError::Invalid { ref problems, .. } = e else {
        panic!("{e:?}")
    };
    assert_eq!(problems.len(), 2, "{e}");
    assert!(problems[0].contains("move_down") && problems[0].contains("scroll_down"));
    assert!(problems[1].contains("help") && problems[1].contains("grade Good"));
    assert!(
        e.to_string().lines().all(|l| l.starts_with("test.ron: ")),
        "{e}"
    );
}

#[test]
fn overriding_one_command_keeps_the_others() {
    let c = parse_ok(fixture!("override_quit.ron"));
    assert_eq!(c.reviewer.as_deref(), Some("A. Inspector"));
    let browse = |c: &Config, cmd| c.keys.keys(Context::Browse, cmd).to_vec();
    assert_eq!(browse(&c, Command::Quit), [key("q"), key("Ctrl-c")]);
    for b in Context::Browse
        .table()
        .iter()
        .filter(|b| b.command != Command::Quit)
    {
        assert_eq!(browse(&c, b.command), browse(&Config::default(), b.command));
    }
    assert_eq!(c.scale, Config::default().scale);
}

#[test]
fn ofsted_preset_drops_the_default_reference() {
    let c = parse_ok(fixture!("ofsted.ron"));
    assert_eq!(c.scale, Scale::ofsted());
    assert_eq!(c.reference, None);
    assert_eq!(c.require_note_for, ["inadequate", "requires_improvement"]);
    let e = parse_err("(scale: Preset(\"ofstead\"))");
    assert!(matches!(e, ConfigError::Syntax { line: 1, .. }), "{e}");
    assert!(e.to_string().contains("care_inspectorate"), "{e}");
}

#[test]
fn custom_scale_with_everything_set() {
    let c = parse_ok(fixture!("custom_scale.ron"));
    assert_eq!(c.scale.name, "pass_fail");
    assert_eq!(c.scale.by_key('z'), Some(1));
    let r = c.reference.expect("reference");
    assert_eq!(r.counts, vec![40, 10]);
    assert_eq!(r.label, "last year's audit (50 cases)");
    assert_eq!(c.criteria.len(), 1);
    assert_eq!(c.criteria[0].description, None);
    assert_eq!(c.require_note_for, ["fail"]);
    assert!(!c.auto_advance);
    assert_eq!(c.theme, ThemeName::Monochrome);
    assert_eq!(c.confidence, 0.9);
}

#[test]
fn reference_must_fit_the_scale() {
    let e = parse_err(fixture!("reference_unknown_level.ron"));
    let ConfigError::Invalid { ref problems, .. } = e else {
        panic!("{e:?}")
    };
    assert_eq!(problems.len(), 2, "{e}");
    assert!(
        problems[0].contains("no count for level \"inadequate\""),
        "{e}"
    );
    assert!(problems[1].contains("\"poor\""), "{e}");
    // A preset scale with the default reference's levels is incomplete.
    let e = parse_err(
        "(scale: Preset(\"ofsted\"), reference: { \"good\": 1, \"requires_improvement\": 1, \"inadequate\": 1 })",
    );
    assert!(e.to_string().contains("outstanding"), "{e}");
    let c = parse_ok("(reference: {})");
    assert_eq!(c.reference, None);
    let c = parse_ok(
        "(reference: { \"good\": 1, \"requires_improvement\": 2, \"inadequate\": 3 }, reference_label: \"my label\")",
    );
    assert_eq!(c.reference.map(|r| r.label).as_deref(), Some("my label"));
    assert!(
        parse_err("(reference: { \"good\": 0, \"requires_improvement\": 0, \"inadequate\": 0 })")
            .to_string()
            .contains("a reference count of 0")
    );
}

#[test]
fn theme_names_parse() {
    assert_eq!(
        parse_ok(fixture!("theme.ron")).theme,
        ThemeName::HighContrast
    );
    for t in ThemeName::ALL {
        assert_eq!(t.as_str().parse::<ThemeName>(), Ok(t));
        assert_eq!(
            ron::to_string(&t).expect("ron"),
            format!("{:?}", t.as_str())
        );
    }
    let e = parse_err("(\n theme: \"dark\")");
    assert!(matches!(e, ConfigError::Syntax { line: 2, .. }), "{e}");
    assert!(e.to_string().contains("unknown theme \"dark\""), "{e}");
    assert!(e.to_string().contains("high_contrast"), "{e}");
}

#[test]
fn semantic_checks() {
    let msg = |t: &str| parse_err(t).to_string();
    assert!(msg("(require_note_for: [\"poor\"])").contains("\"poor\""));
    assert!(msg("(confidence: 1.0)").contains("confidence"));
    assert!(msg("(confidence: 0.0)").contains("confidence"));
    assert!(
        msg("(criteria: [(id: \"a\", label: \"A\"), (id: \"a\", label: \"B\")])")
            .contains("used twice")
    );
    assert!(msg("(criteria: [(id: \" \", label: \"A\")])").contains("empty id"));
    assert!(msg("(criteria: [(id: \"a\", label: \"A\", extra: 1)])").starts_with("test.ron:1:"));
    let bad_scale = "(scale: Custom((name: \"x\", levels: [(id: \"a\", label: \"A\", phrase: \"a\", key: 'a', colour: \"red\")])), reference: {})";
    assert!(msg(bad_scale).contains("2 to 9"));
    // Grade keys clash with the default `g` (first).
    let clash = "(scale: Custom((name: \"x\", levels: [(id: \"a\", label: \"A\", phrase: \"a\", key: 'g', colour: \"red\"), (id: \"b\", label: \"B\", phrase: \"b\", key: 'b', colour: \"red\")])))";
    assert!(msg(clash).contains("keys.browse: key \"g\" is bound to both first and grade A"));
    assert_eq!(parse_ok("(reviewer: \"  \")").reviewer, None);
    assert_eq!(
        parse_ok("(reviewer: Some(\"R\"))").reviewer.as_deref(),
        Some("R")
    );
}

#[test]
fn load_follows_the_missing_file_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.ron");
    let paths = |config_file: PathBuf, config_explicit| Paths {
        config_file,
        config_explicit,
        data_dir: dir.path().to_path_buf(),
    };
    assert_eq!(
        load(&paths(missing.clone(), false)).expect("defaults"),
        Config::default()
    );
    let e = load(&paths(missing.clone(), true)).expect_err("missing");
    assert!(matches!(e, ConfigError::Missing { .. }));
    assert!(e.to_string().contains("nope.ron"), "{e}");
    let file = dir.path().join("config.ron");
    std::fs::write(&file, fixture!("theme.ron")).expect("write");
    let c = Config::load(&paths(file.clone(), true)).expect("load");
    assert_eq!(c.theme, ThemeName::HighContrast);
    std::fs::write(&file, fixture!("unknown_key.ron")).expect("write");
    let e = load(&paths(file.clone(), false)).expect_err("bad");
    assert!(
        e.to_string()
            .starts_with(&format!("{}:3:5:", file.display())),
        "{e}"
    );
    let e = load(&paths(dir.path().to_path_buf(), false)).expect_err("a folder");
    assert!(matches!(e, ConfigError::Io { .. }), "{e}");
}

#[test]
fn a_reference_count_of_zero_is_refused_where_it_is_written() {
    let e = parse_err(
        "(\n    reference: {\n        \"good\": 10,\n        \"requires_improvement\": 0,\n        \"inadequate\": 5,\n    },\n)",
    );
    let ConfigError::Syntax { line, .. } = e else {
        panic!("{e:?}")
    };
    assert_eq!(line, 4, "{e}");
    assert!(
        e.to_string()
            .contains("a reference count of 0 cannot be compared with"),
        "{e}"
    );
}
