//! Terminal-escape payloads in every field of a sample, in every sample
//! format, through every output: the review screens, the summary (text and
//! JSON) and every export format. No output may carry a payload raw.
//!
//! The families are those of the attack run in issue 9: CSI, OSC (title
//! and clipboard), DCS, APC, a C1 control, BEL, backspace and carriage
//! return overwriting, DEL, bidirectional overrides and isolates, and
//! invisible characters (zero-width, soft hyphen, tags).

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::testing::{app_with, cmd, run};
use crate::app::{Action, App};
use crate::config::Config;
use crate::keymap::Command;
use crate::model::case::Sample;
use crate::store::export::{ExportOptions, Format as ExportFormat, Input, render};
use crate::store::sample::{Format as SampleFormat, parse_sample};

/// One payload per family, each carrying the text `PWN` so a test can
/// tell the field reached the output at all.
const PAYLOADS: [(&str, &str); 11] = [
    ("CSI colour", "\u{1b}[31mPWN"),
    ("OSC title", "\u{1b}]0;PWN\u{7}"),
    ("OSC 52 clipboard", "\u{1b}]52;c;UFdO\u{1b}\\PWN"),
    ("DCS", "\u{1b}P1$rPWN\u{1b}\\"),
    ("APC", "\u{1b}_PWN\u{1b}\\"),
    ("C1 CSI", "\u{9b}31mPWN"),
    ("BEL", "PWN\u{7}\u{7}"),
    ("overwrite", "ok\rPWN\u{8}\u{8}"),
    ("DEL", "PWN\u{7f}"),
    ("bidi", "\u{202e}PWN\u{2066}x\u{2069}"),
    ("invisible", "P\u{200b}W\u{ad}N\u{2060}\u{e0041}"),
];

/// The sample fields a payload is put in, by column (CSV) or key (JSON).
const FIELDS: [&str; 6] = ["id", "title", "category", "opened", "summary", "worker"];

/// A character no output may carry raw. Line feed and tab are layout; a
/// carriage return is allowed only as half of a CSV's CRLF (checked apart).
fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c,
            '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
            | '\u{e0000}'..='\u{e007f}')
}

fn assert_inert(text: &str, what: &str) {
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| forbidden(c)) {
        let from = text.floor_char_boundary(at.saturating_sub(30));
        let to = text.ceil_char_boundary((at + 30).min(text.len()));
        panic!("{what}: raw {c:?} at byte {at}: {:?}", &text[from..to]);
    }
    for (at, _) in text.match_indices('\r') {
        assert!(
            text[at + 1..].starts_with('\n'),
            "{what}: a lone carriage return at byte {at}"
        );
    }
}

/// A sample of two cases, the first with `payload` in `field`. The payload
/// in the id keeps a plain prefix so ids stay unique and non-empty.
fn sample_text(format: SampleFormat, field: &str, payload: &str) -> String {
    let value = |f: &str, plain: &str| {
        if f == field {
            format!("{plain}{payload}")
        } else {
            plain.to_owned()
        }
    };
    let first = [
        value("id", "A-1"),
        value("title", "Title"),
        value("category", "Custody"),
        value("opened", "2024-01-02"),
        value("summary", "Narrative"),
        value("worker", "J. Doe"),
    ];
    if format == SampleFormat::Json {
        let case: serde_json::Map<String, serde_json::Value> = FIELDS
            .iter()
            .zip(first)
            .map(|(k, v)| ((*k).to_owned(), v.into()))
            .collect();
        let second = serde_json::json!({ "id": "B-2", "title": "Second" });
        return serde_json::to_string(&serde_json::json!([case, second])).expect("json");
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(FIELDS).expect("header");
    w.write_record(&first).expect("row");
    w.write_record(["B-2", "Second", "", "", "", ""])
        .expect("row");
    String::from_utf8(w.into_inner().expect("csv")).expect("utf-8")
}

fn screen(app: &mut App, width: u16, height: u16) -> String {
    run(app, &[Action::Resize(width, height)]);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let theme = crate::ui::theme::Theme::new(app.config().theme, false);
    terminal
        .draw(|f| crate::ui::draw(f, app, &theme))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
}

/// Every screen a case's text appears on, graded and noted.
fn screens(sample: Sample) -> Vec<(&'static str, String)> {
    let mut app = app_with(sample, Config::default());
    run(&mut app, &[Action::Grade(0)]);
    run(&mut app, &[cmd(Command::First)]);
    let mut out = vec![("browse", screen(&mut app, 120, 40))];
    for (name, command) in [
        ("details", Command::Details),
        ("history", Command::History),
        ("filter picker", Command::Filter),
        ("checklist", Command::Criteria),
        ("note", Command::EditNote),
        ("export dialog", Command::Export),
    ] {
        run(&mut app, &[cmd(command)]);
        out.push((name, screen(&mut app, 120, 40)));
        run(&mut app, &[cmd(Command::Close)]);
    }
    out.push(("browse 80x24", screen(&mut app, 80, 24)));
    out
}

/// Every output of a sample graded with a note: exports and summaries.
fn outputs(sample: &Sample) -> Vec<(String, String)> {
    let config = Config::default();
    let mut review = crate::model::review::Review::new(config.scale.clone(), sample.len());
    let stamp = crate::model::review::Stamp {
        by: "R".into(),
        at: jiff::Timestamp::UNIX_EPOCH,
        cursor: None,
    };
    let first = sample.get(0).expect("case").id.to_string();
    for change in [
        crate::model::change::Change::Grade {
            case: first.clone(),
            from: None,
            to: Some("good".into()),
        },
        crate::model::change::Change::Note {
            case: first,
            from: String::new(),
            to: "a note".into(),
        },
    ] {
        review.edit(sample, change, stamp.clone()).expect("edit");
    }
    let input = Input::new(sample, &review, "R", &config);
    let mut out = Vec::new();
    for format in [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Ron,
        ExportFormat::Markdown,
        ExportFormat::Html,
        ExportFormat::Xlsx,
    ] {
        let bytes = render(format, &input, ExportOptions::default()).expect("export");
        let raw = String::from_utf8_lossy(&bytes).into_owned();
        let text = match format {
            ExportFormat::Xlsx => workbook_cells(&bytes),
            // The serialisers escape control characters themselves: the
            // strings they hold, decoded, must be inert too.
            ExportFormat::Json => raw.clone() + &json_strings(&raw),
            ExportFormat::Ron => {
                let value: ron::Value = ron::from_str(&raw).expect("ron");
                let json = serde_json::to_string(&value).expect("as json");
                raw.clone() + &json_strings(&json)
            }
            _ => raw,
        };
        out.push((format!("export {format:?}"), text));
    }
    let summary = input.summary();
    out.push((
        "summary".into(),
        crate::cli::summary::text(&summary, review.scale(), "R", "/s".as_ref()),
    ));
    let json = serde_json::to_string(&summary).expect("json");
    out.push(("summary --json".into(), json.clone() + &json_strings(&json)));
    out
}

/// Every string in a JSON document, decoded, one per line.
fn json_strings(json: &str) -> String {
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
                out.push_str(k);
                out.push('\n');
                walk(v, out);
            }),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).expect("json");
    let mut out = String::new();
    walk(&value, &mut out);
    out
}

/// Every cell of every sheet, as stored (what a spreadsheet would show).
fn workbook_cells(bytes: &[u8]) -> String {
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("workbook");
    let mut out = String::new();
    for (_, range) in book.worksheets() {
        for cell in range.cells() {
            out.push_str(&cell.2.to_string());
            out.push('\n');
        }
    }
    out
}

/// Runs `check` on every payload in every field of every sample format,
/// returning how many outputs it checked.
fn each_hostile_sample(check: impl Fn(Sample, &str) -> usize) -> usize {
    let mut tried = 0;
    for format in [SampleFormat::Csv, SampleFormat::Json] {
        for field in FIELDS {
            for (family, payload) in PAYLOADS {
                let text = sample_text(format, field, payload);
                let what = format!("{family} in `{field}` of a {format:?} sample");
                let sample = parse_sample(text.as_bytes(), format, "s", None)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                tried += check(sample, &what);
            }
        }
    }
    tried
}

#[test]
fn no_payload_reaches_an_export_or_summary_raw_from_any_field_of_any_format() {
    let tried = each_hostile_sample(|sample, what| {
        let outputs = outputs(&sample);
        for (output, text) in &outputs {
            assert_inert(text, &format!("{what}, {output}"));
        }
        // The field did reach the output (escaped): the check saw it.
        // (The invisible family is escaped between its letters.)
        assert!(
            what.starts_with("invisible") || outputs[0].1.contains("PWN"),
            "{what}: the CSV export does not show the field"
        );
        outputs.len()
    });
    // 2 formats × 6 fields × 11 families × (6 exports + 2 summaries).
    assert_eq!(tried, 2 * 6 * 11 * 8);
}

#[test]
fn no_payload_reaches_a_screen_raw_from_any_field_of_any_format() {
    let tried = each_hostile_sample(|sample, what| {
        let screens = screens(sample);
        for (name, text) in &screens {
            assert_inert(text, &format!("{what}, {name} screen"));
        }
        assert!(
            what.starts_with("invisible") || screens.iter().any(|(_, text)| text.contains("PWN")),
            "{what}: no screen shows the field"
        );
        screens.len()
    });
    // 2 formats × 6 fields × 11 families × 8 screens.
    assert_eq!(tried, 2 * 6 * 11 * 8);
}

#[test]
fn the_payload_check_catches_each_family_raw() {
    for (family, payload) in PAYLOADS {
        let caught = std::panic::catch_unwind(|| assert_inert(payload, family));
        assert!(caught.is_err(), "{family} would pass unnoticed");
    }
}
