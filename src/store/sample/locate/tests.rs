use super::*;

fn lines_cols(text: &str, syntax: Syntax) -> Vec<(usize, usize)> {
    let index = LineIndex::new(text);
    case_offsets(text, syntax)
        .expect("offsets")
        .into_iter()
        .map(|o| index.position(text, o))
        .collect()
}

#[test]
fn finds_elements_of_a_top_level_list() {
    let text = "[\n  {\"id\": \"a,]\"},\n  {\"id\": \"b\\\"}\"} , {}\n]";
    assert_eq!(
        lines_cols(text, Syntax::Json),
        vec![(2, 3), (3, 3), (3, 20)]
    );
}

#[test]
fn finds_the_cases_key_of_an_object_and_skips_other_keys() {
    let text = "{\"name\": \"cases\", \"x\": {\"cases\": [1]},\n \"cases\": [\n {\"id\": \"é\"}, {\"id\": 2}]}";
    assert_eq!(lines_cols(text, Syntax::Json), vec![(3, 2), (3, 15)]);
}

#[test]
fn skips_ron_comments_raw_strings_and_char_literals() {
    let text = concat!(
        "#![enable(implicit_some)]\n",
        "// cases: [ (nope) ]\n",
        "Sample(name: r#\"a \"cases\": [\"#, /* (, /* nested ] */ */\n",
        "  cases: [ // ( not a case\n",
        "    (id: \"1\", c: ')', s: r\"]\"), Case(id: \"2\"),\n",
        "    ( id: \"3\" ),\n",
        "  ],\n",
        ")"
    );
    assert_eq!(lines_cols(text, Syntax::Ron), vec![(5, 5), (5, 33), (6, 5)]);
    assert_eq!(first_token(text, Syntax::Ron), text.find("Sample"));
}

#[test]
fn gives_up_on_unexpected_shapes() {
    assert_eq!(case_offsets("{\"cases\": 5}", Syntax::Json), None);
    assert_eq!(case_offsets("[ {\"id\": 1}", Syntax::Json), None);
    assert_eq!(case_offsets("[]", Syntax::Json), Some(vec![]));
}

#[test]
fn byte_columns_become_character_columns() {
    let text = "ab\néé x";
    assert_eq!(char_column(text, 2, 6), 4);
    assert_eq!(char_column(text, 1, 0), 1);
    assert_eq!(LineIndex::new(text).position(text, 7), (2, 3));
}
