use super::*;
use proptest::prelude::*;

/// What reading `text` gave, as the reader at `fast` or the `csv`
/// crate's reads it: the draft, each case's line, the table read,
/// and every problem with its place.
fn read_with(text: &str, fast: bool) -> (String, Vec<String>) {
    let mut problems = Problems::default();
    let delimiter = (Delimiter::COMMA, false);
    let options = ReadOptions::default();
    let progress = Progress::default();
    let found = if fast {
        fast_records(text, delimiter, &options, (&mut problems, &progress))
    } else {
        let reader = reader(delimiter.0).from_reader(text.as_bytes());
        records(
            reader,
            delimiter,
            &options,
            (&mut problems, &progress),
            text,
        )
    };
    let problems: Vec<String> = problems.into_error("f").map_or_else(Vec::new, |e| {
        e.problems().iter().map(ToString::to_string).collect()
    });
    (format!("{found:?}"), problems)
}

/// Pieces of CSV: text, separators, quotes (in place or not), blank
/// lines, returns and line breaks.
fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => Just("a"),
        1 => Just("é"),
        1 => Just(" "),
        3 => Just(","),
        2 => Just("\""),
        1 => Just("\"\""),
        2 => Just("\n"),
        1 => Just("\n\n"),
        1 => Just("\r\n"),
        1 => Just("\r"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn regular_text_is_read_by_the_fast_reader_as_the_csv_crate_reads_it(
        pieces in proptest::collection::vec(piece(), 0..40),
        header in "(id|ID),(title|summary|x),?",
    ) {
        let text = format!("{header}\n{}", pieces.concat());
        let regular = check_quotes(&text, Delimiter::COMMA, &mut Problems::default());
        if regular {
            prop_assert_eq!(read_with(&text, true), read_with(&text, false), "{:?}", text);
        }
    }
}

#[test]
fn a_record_is_placed_on_its_own_line_after_crlf_and_blank_lines() {
    // The `csv` crate began a record at the line feed of the CRLF
    // before it, and at the first of the blank lines before it: a line
    // or more too early.
    for fast in [true, false] {
        let problems = |text: &str| read_with(text, fast).1;
        assert_eq!(
            problems("id,title\r\nA,x\r\nB\r\n"),
            ["3:2: expected 2 fields (as in the header), found 1"],
            "fast {fast}"
        );
        assert_eq!(
            problems("id,title\n\n\r\n\nB,x,y\n"),
            ["5:5: expected 2 fields (as in the header), found 3"],
            "fast {fast}"
        );
        assert_eq!(
            problems("\r\nid,title\r\n\"A\r\n\",x\r\nB\r\n"),
            ["5:2: expected 2 fields (as in the header), found 1"],
            "fast {fast}"
        );
    }
}

#[test]
fn only_regular_text_is_left_to_the_fast_reader() {
    let regular = |text: &str| check_quotes(text, Delimiter::COMMA, &mut Problems::default());
    assert!(regular("id,s\r\nA,\"x,\r\n\"\"y\"\"\"\r\n\nB,\n"));
    assert!(!regular("id,s\nA,5\" tall\n"), "a quote mid-field");
    assert!(
        !regular("id,s\nA,\"x\"y\"z\"\n"),
        "a quote after a closed one"
    );
    assert!(!regular("id,s\rA,x\n"), "a lone return");
    assert!(!regular("id,s\nA,\"x\n"), "an unclosed quote");
    assert!(
        !regular("id,s\nA,\"x\r\""),
        "a lone return inside quotes, at the end of the last field"
    );
}

#[test]
fn the_separator_is_sniffed() {
    let d = |text: &str| sniff(text, Delimiter::COMMA).name();
    assert_eq!(d("id;title;area\nA;b;c\nB;\"x;y\";z\n"), "semicolon");
    assert_eq!(d("id\ttitle\nA\tb, c\n"), "tab");
    assert_eq!(d("id|title\nA|b\n"), "pipe");
    assert_eq!(d("id,title\nA,\"b; c\"\n"), "comma");
    assert_eq!(d("id\nA\n"), "comma", "one column: the usual one");
    assert_eq!(sniff("id\nA\n", Delimiter::TAB).name(), "tab");
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let mut problems = Problems::default();
    let text = "id,area,summary\nA1,DA,fine\nA2,DA,\"unclosed quote\nA3,DA,x\nA4,DA,y\n";
    check_quotes(text, Delimiter::COMMA, &mut problems);
    let list: Vec<String> = problems
        .into_error("f")
        .expect("a problem")
        .problems()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(list.len(), 1);
    assert!(
        list[0].starts_with("3:7: unclosed quote") && list[0].contains("the 3 lines after it"),
        "{list:?}"
    );
    let mut fine = Problems::default();
    check_quotes(
        "id,s\nA,\"say \"\"hi\"\"\nthen go\"\nB,5\" tall\n",
        Delimiter::COMMA,
        &mut fine,
    );
    assert!(
        fine.into_error("f").is_none(),
        "closed quotes and a quote mid-field"
    );
}
