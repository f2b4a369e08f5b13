//! Tests of the RON and JSON loaders.

use std::path::Path;

use super::*;

#[test]
fn ron_struct_form_loads_fields_and_extras_in_order() {
    let path = fixture("good.ron");
    let s = load("good.ron");
    assert_eq!(s.name, "Spring audit");
    assert_eq!(s.description.as_deref(), Some("Three cases, RON edition."));
    assert_eq!(s.source.path.as_deref(), Some(path.as_path()));
    let bytes = std::fs::read(&path).expect("read");
    assert_eq!(s.source.hash, content_hash(&bytes));
    let ids: Vec<&str> = s.cases().map(|c| c.id).collect();
    assert_eq!(ids, ["CP-001", "CP-002", "CP-003"]);

    let c1 = s.get(0).expect("case");
    assert_eq!(c1.title, Some("Girl, 14, missing from home"));
    assert_eq!(c1.opened, Some("2023-01-12"));
    assert_eq!(
        c1.summary,
        Some("First line.\nSecond line, with \"quotes\".")
    );
    assert_eq!(
        extras(&s, "CP-001"),
        pairs(&[
            ("age", "14"),
            ("looked_after", "true"),
            ("source", "School")
        ])
    );
    let c2 = s.get(1).expect("case");
    assert_eq!(
        c2.summary,
        Some("Raw \"text\" with ] and ) inside\nspanning two lines")
    );
    assert_eq!(c2.title, None);
    assert_eq!(
        extras(&s, "CP-002"),
        pairs(&[("worker", "A. Smith"), ("risk", "2.5")])
    );
    assert_eq!(s.get(2).expect("case").title, Some("Boy, 16"));
    assert_eq!(
        s.field_names().collect::<Vec<_>>(),
        ["age", "looked_after", "source", "worker", "risk"]
    );
}

#[test]
fn ron_list_form_takes_its_name_from_the_file_stem() {
    let text = "// leading comment\n[(id: \"A\", b: \"x\"), (id: \"B\")]";
    let s = parse_sample(
        text.as_bytes(),
        Format::Ron,
        "t",
        Some(Path::new("dir/my_sample.ron")),
    )
    .expect("valid");
    assert_eq!(s.name, "my_sample");
    assert_eq!(s.len(), 2);
    assert_eq!(extras(&s, "A"), pairs(&[("b", "x")]));
    let embedded = parse_sample(b"[(id: \"A\")]", Format::Ron, "embedded", None).expect("valid");
    assert_eq!(embedded.name, "embedded");
    assert_eq!(embedded.source.path, None);
}

#[test]
fn json_with_bom_loads_scalars_as_text_in_file_order() {
    let s = load("good.json");
    assert_eq!(s.name, "Summer audit");
    assert_eq!(s.description, None);
    assert_eq!(s.len(), 2);
    let j1 = s.get(0).expect("case");
    assert_eq!(j1.id, "J-1");
    assert_eq!(j1.title, Some("Téléphone"));
    assert_eq!(j1.summary, Some("one\ntwo"));
    assert_eq!(
        extras(&s, "J-1"),
        pairs(&[("zeta", "z"), ("alpha", "1"), ("flag", "false")])
    );
    assert_eq!(s.get(1).expect("case").category, Some("Multi-agency work"));
    assert_eq!(extras(&s, "J-2"), pairs(&[("score", "2.0")]));
}

#[test]
fn json_id_problems_carry_line_and_column() {
    assert_eq!(
        problems("dup_ids.json"),
        [
            "4:5: duplicate id `A-1` (first used on line 2)",
            "5:3: case has no `id`",
            "6:3: empty `id`",
            "7:3: case has no `id`",
            "8:3: duplicate id `A-2` (first used on line 3)",
        ]
    );
}

#[test]
fn ron_id_problems_carry_line_and_column_past_comments() {
    assert_eq!(
        problems("problems.ron"),
        [
            "5:23: duplicate id `R-1` (first used on line 3)",
            "6:5: case has no `id`",
        ]
    );
}

#[test]
fn ron_syntax_error_has_its_position() {
    assert_eq!(problems("bad_syntax.ron"), ["5:20: Expected comma"]);
}

#[test]
fn json_syntax_error_has_its_position() {
    assert_eq!(problems("bad_syntax.json"), ["5:18: expected `,` or `}`"]);
    // Columns count characters, not bytes.
    assert_eq!(
        parse_problems("[{\"title\": \"éé\" x}]", Format::Json),
        ["1:17: expected `,` or `}`"]
    );
}

#[test]
fn nested_values_and_repeated_fields_are_errors_naming_the_field() {
    let list = problems("nested.json");
    assert_eq!(list.len(), 1);
    assert!(list[0].starts_with("2:"), "{list:?}");
    assert!(list[0].contains("field `tags` holds a list"), "{list:?}");
    let list = parse_problems("[(id: \"A\", meta: (a: 1))]", Format::Ron);
    assert!(list[0].contains("field `meta` holds a map"), "{list:?}");
    let list = parse_problems("[{\"id\": \"A\", \"id\": \"B\"}]", Format::Json);
    assert!(list[0].contains("duplicate field `id`"), "{list:?}");
    let list = parse_problems("[{\"id\": \"A\", \"k\": 1, \"k\": 2}]", Format::Json);
    assert!(list[0].contains("duplicate field `k`"), "{list:?}");
    let list = parse_problems("{\"cases\": [], \"extra\": 1}", Format::Json);
    assert!(list[0].contains("unknown field `extra`"), "{list:?}");
}

#[test]
fn crlf_and_bom_give_the_same_sample_and_positions() {
    for (name, format) in [("good.ron", Format::Ron), ("good.json", Format::Json)] {
        let lf = std::fs::read(fixture(name)).expect("read");
        let mut crlf = b"\xEF\xBB\xBF".to_vec();
        for &b in lf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&lf) {
            if b == b'\n' {
                crlf.push(b'\r');
            }
            crlf.push(b);
        }
        let a = parse_sample(&lf, format, name, None).expect("lf");
        let b = parse_sample(&crlf, format, name, None).expect("crlf");
        assert!(a.cases().eq(b.cases()), "{name}");
        assert_eq!(
            a.field_names().collect::<Vec<_>>(),
            b.field_names().collect::<Vec<_>>()
        );
    }
    let lf = std::fs::read_to_string(fixture("dup_ids.json")).expect("read");
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let err = parse_sample(crlf.as_bytes(), Format::Json, "t", None).expect_err("dups");
    assert_eq!(
        err.problems()[0].to_string(),
        "4:5: duplicate id `A-1` (first used on line 2)"
    );
}
