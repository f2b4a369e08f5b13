//! Journeys of the reviewer's day: go to a case by its id and come back
//! along the jump list; read a whole case at 80×24 with Space; combine two
//! filters and sort.

use super::harness::{Env, graded};

#[test]
fn go_to_an_id_and_back_along_the_jump_list() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for_all(&[&graded(0), "┌ CP-001 "]);
    app.send("#");
    app.wait_for_status("go to #");
    app.send("cp-04");
    app.wait_for_status("→ CP-040 (10 ids start so)");
    app.send("0\r");
    app.wait_for("┌ CP-040 ");
    app.wait_for_status("went to CP-040");
    app.send("G");
    app.wait_for("┌ CP-074 ");
    app.send("\x0f"); // Ctrl-o
    app.wait_for("┌ CP-040 ");
    app.send("\x0f");
    app.wait_for("┌ CP-001 ");
    app.send("]");
    app.wait_for("┌ CP-040 ");
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn at_80x24_the_narrative_is_in_view_and_space_reads_on() {
    let env = Env::new();
    let mut app = env.spawn(&[], 80, 24);
    // The narrative's first words are on the first screen, and the keys
    // are shown from the first frame.
    app.wait_for_all(&["Narrative", "The foster carer reported", "? help"]);
    app.send(" ");
    app.wait_until("the case paged on", |s| {
        !s.contains("Narrative") && s.contains("A response officer attended")
    });
    app.send("b");
    app.wait_for_all(&["Narrative", "Category"]);
    app.send("q");
    assert!(app.wait_exit().success());
}

#[test]
fn half_a_note_survives_the_terminal_closing() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for(&graded(0));
    app.send("i");
    app.wait_for("Note for CP-001");
    app.send("Strategy discussion late");
    app.wait_for("Strategy discussion late");
    // Kept within about a second of typing.
    let draft = {
        let mut name = env.demo_session().into_os_string();
        name.push(".draft");
        std::path::PathBuf::from(name)
    };
    app.wait_until("the draft kept on disk", |_| {
        std::fs::read_to_string(&draft).is_ok_and(|t| t.contains("Strategy discussion late"))
    });
    app.kill_hard();
    let mut app = env.open(&[]);
    app.wait_for_all(&["Note for CP-001", "Strategy discussion late"]);
    app.wait_for_status("the note you were writing on CP-001");
    app.send("\x1b");
    app.wait_for_status("note saved");
    app.send("q");
    assert!(app.wait_exit().success());
    assert!(
        !draft.exists(),
        "the draft is forgotten once the note is saved"
    );
}

#[test]
fn combine_two_filters_and_sort() {
    let env = Env::new();
    let mut app = env.open(&[]);
    app.wait_for_all(&[&graded(0), "┌ CP-001 "]);
    app.send("1");
    app.wait_for(&graded(1));
    // Tick "ungraded" and "Missing from home or care" (five options
    // below it), then apply both.
    app.send("F");
    app.wait_for("┌ Show ");
    app.send("j ");
    app.send("jjjjj ");
    app.send("\r");
    app.wait_for_status("ungraded · Missing from home or care 16/74");
    app.wait_for("┌ Cases · filtered ");
    // Sort by opened (the seventh option), then again to reverse it.
    app.send("s");
    app.wait_for("┌ Sort by ");
    app.send("gjjjjjj\r");
    app.wait_for_status("by Opened ↑");
    app.send("s\r");
    app.wait_for_status("by Opened ↓");
    // The newest missing-from-home case not yet graded heads the list;
    // grading it moves on to the next one as listed, not in sample order.
    app.send("g");
    app.wait_for("┌ CP-067 ");
    app.send("2");
    app.wait_for_all(&["┌ CP-036 ", &graded(2)]);
    app.send("q");
    assert!(app.wait_exit().success());
}
