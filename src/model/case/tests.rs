//! Samples built, indexed and read back.

use super::*;

fn fields(id: &str, extra: &[(&str, &str)]) -> CaseFields {
    CaseFields {
        id: id.into(),
        title: Some(format!("Title {id}")),
        extra: extra
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect(),
        ..CaseFields::default()
    }
}

/// A builder holding cases `C0`, `C1`… up to `n` of them.
fn numbered(n: usize) -> SampleBuilder {
    let mut b = SampleBuilder::new();
    for i in 0..n {
        b.push(fields(&format!("C{i}"), &[]));
    }
    b
}

fn finish(b: SampleBuilder) -> Sample {
    b.finish(
        "s",
        None,
        SampleSource {
            path: None,
            hash: content_hash(b""),
        },
    )
}

#[test]
fn builder_interns_field_names_and_indexes_ids() {
    let mut b = SampleBuilder::new();
    b.push(fields("A", &[("age", "14"), ("source", "school")]));
    b.push(fields("B", &[("source", "GP")]));
    let s = finish(b);
    assert_eq!(s.len(), 2);
    assert_eq!(s.position("B"), Some(1));
    assert_eq!(s.position("C"), None);
    let b_case = s.get(1).expect("case B");
    assert_eq!(
        s.extra_fields(b_case).collect::<Vec<_>>(),
        vec![("source", "GP")]
    );
    assert_eq!(s.field_names().collect::<Vec<_>>(), vec!["age", "source"]);
}

#[test]
fn a_repeated_id_finds_its_first_case_among_many() {
    let mut b = numbered(10_000);
    b.push(fields("C42", &[]));
    let s = finish(b);
    assert_eq!(s.position("C42"), Some(42));
    assert_eq!(s.position("C9999"), Some(9999));
    assert_eq!(s.position("C10000"), None);
    assert_eq!(s.clone().position("C7"), Some(7));
    // In order or not, repeated or missing: as `position` finds them.
    let ids = ["C9998", "C9999", "C42", "C43", "C10000", "C0", "C1"];
    let expected: Vec<_> = ids.iter().map(|id| s.position(id)).collect();
    assert_eq!(s.positions(ids).collect::<Vec<_>>(), expected);
}

#[test]
fn positions_of_ids_in_any_order_are_those_of_the_index() {
    let b = numbered(100);
    let s = finish(b);
    let ids: Vec<String> = [5, 6, 7, 99, 0, 1, 50, 50, 49]
        .iter()
        .map(|i| format!("C{i}"))
        .chain(["C100".to_owned(), "C2".to_owned()])
        .collect();
    let found: Vec<_> = s.positions(ids.iter().map(String::as_str)).collect();
    let expected: Vec<_> = ids.iter().map(|id| s.position(id)).collect();
    assert_eq!(found, expected);
    assert_eq!(found[..4], [Some(5), Some(6), Some(7), Some(99)]);
}

#[test]
fn many_positions_found_on_two_threads_are_those_of_the_index() {
    let b = numbered(60_000);
    let s = finish(b);
    // Every third case in order, with a missing id, a repeat and a case
    // out of order among them, more than one thread's worth.
    let ids: Vec<String> = (0..60_000)
        .step_by(3)
        .flat_map(|i| match i {
            30_000 => vec!["C59999".to_owned(), format!("C{i}"), format!("C{i}")],
            45_000 => vec!["gone".to_owned()],
            _ => vec![format!("C{i}")],
        })
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let expected: Vec<_> = ids.iter().map(|id| s.position(id)).collect();
    assert_eq!(s.positions_of(&ids), expected);
    assert_eq!(s.positions_of(&ids[..5]), expected[..5]);
}

#[test]
fn builder_sanitises_every_field() {
    let mut b = SampleBuilder::new();
    b.push(CaseFields {
        id: " X\u{1b}1 ".into(),
        title: Some("t\u{202e}".into()),
        summary: Some("line\r\nnext\u{7}".into()),
        extra: vec![("k\u{1b}".into(), "v\u{1b}".into())],
        ..CaseFields::default()
    });
    let s = b.finish(
        "n",
        None,
        SampleSource {
            path: None,
            hash: String::new(),
        },
    );
    let c = s.get(0).expect("case");
    assert_eq!(c.id, "X\\u{1b}1");
    assert_eq!(c.title, Some("t\\u{202e}"));
    assert_eq!(c.summary, Some("line\nnext\\u{7}"));
    assert_eq!(
        s.extra_fields(c).collect::<Vec<_>>(),
        vec![("k\\u{1b}", "v\\u{1b}")]
    );
}

#[test]
fn content_hash_is_stable() {
    assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
    assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
    assert!(content_hash(b"").starts_with("xxh3-128:"));
}

#[test]
fn borrowed_cells_are_stored_as_owned_fields_are() {
    // (id, title, category, summary, extra)
    let rows = [
        (
            " A1 ",
            Some("t\u{202e}\nx"),
            Some(" Area "),
            Some("line\r\nnext\u{7}"),
            "v\u{1b}",
        ),
        ("B\u{1b}", None, Some("plain"), None, "two\nlines"),
        ("C", Some("ok"), None, Some("ok"), ""),
    ];
    let mut owned = SampleBuilder::new();
    let mut borrowed = SampleBuilder::new();
    for (id, title, category, summary, extra) in rows {
        owned.push(CaseFields {
            id: id.into(),
            title: title.map(str::to_owned),
            category: category.map(str::to_owned),
            summary: summary.map(str::to_owned),
            extra: vec![("k\u{1b}".into(), extra.into())],
            ..CaseFields::default()
        });
        let name = borrowed.name("k\u{1b}");
        borrowed.push_cells(&CaseCells {
            id,
            title,
            category,
            summary,
            extra: vec![(name, extra)],
            ..CaseCells::default()
        });
    }
    let (owned, borrowed) = (finish(owned), finish(borrowed));
    assert!(owned.cases().eq(borrowed.cases()));
    for (a, b) in owned.cases().zip(borrowed.cases()) {
        assert!(owned.extra_fields(a).eq(borrowed.extra_fields(b)));
    }
    assert_eq!(owned.get(0).and_then(|c| c.category), Some("Area"));
}

#[test]
fn ids_are_found_by_how_they_start_ignoring_ascii_case() {
    let mut b = SampleBuilder::new();
    for id in ["ab-2", "AB", "Ab-10", "b-1", "ab-1", "äb", "a"] {
        b.push(fields(id, &[]));
    }
    let s = finish(b);
    let ids = |prefix: &str| -> Vec<&str> {
        s.starting_with(prefix)
            .iter()
            .map(|&i| s.id(i).unwrap_or_default())
            .collect()
    };
    assert_eq!(ids("ab"), ["AB", "ab-1", "Ab-10", "ab-2"], "equal first");
    assert_eq!(ids("AB-1"), ["ab-1", "Ab-10"]);
    assert_eq!(ids("a"), ["a", "AB", "ab-1", "Ab-10", "ab-2"]);
    assert_eq!(ids("ä"), ["äb"], "other letters compared as written");
    assert_eq!(ids("Ä"), Vec::<&str>::new());
    assert_eq!(ids("c"), Vec::<&str>::new());
    assert_eq!(ids(""), ["a", "AB", "ab-1", "Ab-10", "ab-2", "b-1", "äb"]);
}

#[test]
fn cases_appended_in_parts_read_as_if_pushed_in_one() {
    // Empty fields at the edges of parts, an empty part, extra fields
    // named in another order in each part, and a repeated id.
    let case = |i: usize| {
        let mut f = fields(&format!("C{i}"), &[("n", &i.to_string())]);
        if i.is_multiple_of(3) {
            f.title = None;
            f.extra.insert(0, ("odd".into(), String::new()));
        }
        f.summary = i.is_multiple_of(2).then(|| format!("summary {i}\nline"));
        // Areas in runs that go on across the parts' edges (3 and 4), one
        // first met in a later part (9), and cases with none.
        f.category = ["A", "A", "", "B", "B", "A", "", "", "B", "C"]
            .get(i)
            .filter(|a| !a.is_empty())
            .map(|a| (*a).to_owned());
        f
    };
    let cuts = [0, 0, 1, 4, 4, 9, 10];
    let mut whole = SampleBuilder::new();
    (0..10).for_each(|i| whole.push(case(i)));
    whole.push(case(3));
    let mut joined = SampleBuilder::new();
    (0..cuts[1]).for_each(|i| joined.push(case(i)));
    for part in cuts.windows(2).skip(1) {
        let mut cut = SampleBuilder::unindexed();
        (part[0]..part[1]).for_each(|i| cut.push(case(i)));
        joined.append(cut);
    }
    let mut last = SampleBuilder::unindexed();
    last.push(case(3));
    joined.append(last);
    let (whole, joined) = (finish(whole), finish(joined));
    assert_eq!(joined.len(), 11);
    assert!(whole.cases().eq(joined.cases()));
    for (a, b) in whole.cases().zip(joined.cases()) {
        assert!(whole.extra_fields(a).eq(joined.extra_fields(b)), "{a:?}");
    }
    assert_eq!(joined.get(9).and_then(|c| c.summary), None);
    assert_eq!(
        joined.get(8).and_then(|c| c.summary),
        Some("summary 8\nline")
    );
    assert_eq!(joined.position("C7"), Some(7));
    assert_eq!(joined.position("C3"), Some(3), "a repeat finds the first");
    assert_eq!(joined.areas(), whole.areas());
    assert_eq!(
        joined.areas(),
        ["A".into(), "B".into(), "C".into()] as [Box<str>; 3]
    );
}

#[test]
fn areas_are_listed_once_each_in_first_seen_order() {
    let mut b = SampleBuilder::new();
    let areas = [
        Some("Custody"),
        Some("Custody"),
        None,
        Some(" Online "),
        Some("Custody"),
        Some("Online"),
        Some("   "),
        None,
    ];
    for (i, area) in areas.into_iter().enumerate() {
        b.push(CaseFields {
            id: format!("C{i}"),
            category: area.map(str::to_owned),
            ..CaseFields::default()
        });
    }
    let s = finish(b);
    assert_eq!(
        s.areas(),
        ["Custody".into(), "Online".into()] as [Box<str>; 2]
    );
    let mut seen: Vec<&str> = Vec::new();
    for area in s.cases().filter_map(|c| c.category) {
        if !seen.contains(&area) {
            seen.push(area);
        }
    }
    assert!(
        seen.iter().copied().eq(s.areas().iter().map(|a| &**a)),
        "as the cases show them"
    );
}

proptest::proptest! {
    #[test]
    fn ids_are_ordered_as_their_lowercase_bytes_ties_in_sample_order(
        ids in proptest::collection::vec("(CASE-|case-|x)?[0-9aAbB]{0,10}", 0..60),
    ) {
        let mut b = SampleBuilder::new();
        for id in &ids {
            b.push(fields(id, &[]));
        }
        let s = finish(b);
        let lower = |i: CaseIdx| s.id(i).unwrap_or_default().to_ascii_lowercase();
        let mut expected: Vec<CaseIdx> = (0..s.len() as CaseIdx).collect();
        expected.sort_by_key(|&i| lower(i));
        proptest::prop_assert_eq!(s.order_ids(), expected.as_slice());
    }
}
