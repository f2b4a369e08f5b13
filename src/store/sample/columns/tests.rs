use super::*;

fn mapped(headers: &[&str], options: &ReadOptions) -> (Vec<Column>, Vec<String>) {
    let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    let mut problems = Problems::default();
    let columns = map(&headers, options, Some(1), &mut problems);
    let list = problems
        .into_error("f")
        .map(|e| e.problems().iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    (columns, list)
}

fn field(f: StandardField) -> Column {
    Column::Field(f, Decided::Recognised)
}

#[test]
fn a_force_export_is_recognised_by_its_own_names() {
    let (columns, problems) = mapped(
        &[
            "Case Ref",
            "Date Opened",
            "Area",
            "Summary",
            "Officer",
            "Risk Level",
        ],
        &ReadOptions::default(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        columns,
        [
            field(StandardField::Id),
            field(StandardField::Opened),
            field(StandardField::Category),
            field(StandardField::Summary),
            Column::Extra("Officer".into()),
            Column::Extra("Risk Level".into()),
        ]
    );
    let (columns, _) = mapped(
        &["URN", "Area of practice", "Narrative", "Headline"],
        &ReadOptions::default(),
    );
    assert_eq!(
        columns,
        [
            field(StandardField::Id),
            field(StandardField::Category),
            field(StandardField::Summary),
            field(StandardField::Title),
        ]
    );
}

#[test]
fn two_claimants_are_an_error_that_says_how_to_choose() {
    let (_, problems) = mapped(&["Ref", "Case ID", "Area"], &ReadOptions::default());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains(r#"columns "Ref", "Case ID" could each be the id"#)
            && problems[0].contains(r#"--column id="Ref""#),
        "{problems:?}"
    );
    // An exact name settles it.
    let (columns, problems) = mapped(&["Ref", "ID"], &ReadOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(columns[1], field(StandardField::Id));
    assert_eq!(columns[0], Column::Extra("Ref".into()));
}

#[test]
fn an_explicit_mapping_wins_and_a_missing_column_lists_the_columns() {
    let options = ReadOptions {
        columns: [(StandardField::Id, "Crime No".to_owned())].into(),
        ..ReadOptions::default()
    };
    let (columns, problems) = mapped(&["Ref", "Crime No", "Area"], &options);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        columns[1],
        Column::Field(StandardField::Id, Decided::Explicit)
    );
    assert_eq!(columns[0], Column::Extra("Ref".into()), "not an id now");
    let (_, problems) = mapped(&["Ref", "Area"], &options);
    assert_eq!(
        problems,
        [r#"1: no column "Crime No" for the id; the columns are: "Ref", "Area""#]
    );
}

#[test]
fn no_id_column_lists_the_columns_and_the_fix() {
    let (_, problems) = mapped(&["Crime No", "Area"], &ReadOptions::default());
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains(r#"("Crime No", "Area")"#)
            && problems[0].contains(r#"--column id="Crime No""#)
            && problems[0].contains(r#"columns: { id: "Crime No" }"#),
        "{problems:?}"
    );
}
