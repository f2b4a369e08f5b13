//! Journey: a reviewer's own file, as a force's system exports it (its own
//! column names, Windows-1252, semicolons), opened with no flags, graded,
//! and given back as a spreadsheet.

use calamine::Reader as _;

use super::harness::Env;

#[test]
fn a_force_export_opens_as_it_is_and_comes_back_as_xlsx() {
    let env = Env::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/samples/force_cp1252.csv");
    let sample = env.write("force.csv", std::fs::read(fixture).expect("fixture"));
    let sample = sample.to_string_lossy().into_owned();
    let mut app = env.open(&[&sample]);
    // "Case Ref" values are the ids, "Area" the areas, and the status says
    // how the file was read.
    app.wait_for_all(&["┌ FR-001 ", "│FR-002", "Missing from", " 0/3 graded"]);
    app.wait_for_status("read as windows-1252 (the file is not UTF-8)");
    app.send("3");
    app.wait_for_all(&[" 1/3 graded", "┌ FR-002 "]);
    app.send("x");
    app.wait_for("Export");
    app.send("\x1b[C");
    app.wait_for("‹xlsx›");
    app.send("\r");
    let name = app.exported_file();
    app.check(
        std::path::Path::new(&name)
            .extension()
            .is_some_and(|e| e == "xlsx"),
        "the file is an xlsx",
    );
    app.send("q");
    assert!(app.wait_exit().success());

    let path = env.root().join(&name);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("a workbook");
    let cases = book.worksheet_range("Cases").expect("a Cases sheet");
    let rows: Vec<Vec<String>> = cases
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    let col = |name: &str| {
        rows[0]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]))
    };
    assert_eq!(rows.len(), 4, "header and three cases");
    assert_eq!(rows[1][col("id")], "FR-001");
    assert_eq!(rows[1][col("grade")], "inadequate");
    assert_eq!(
        rows[1][col("Officer")],
        "PC Example",
        "the force's own columns come back"
    );
    assert_eq!(rows[2][col("Risk Level")], "Medium");
    assert!(book.worksheet_range("Summary").is_ok(), "a Summary sheet");
}
