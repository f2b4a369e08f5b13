use super::*;
use KeyCode as K;
use KeyModifiers as M;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

fn key(s: &str) -> KeySpec {
    s.parse().expect("key")
}

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn parses_and_displays_canonically() {
    let table = "j=j J=J G=G ?=? /=/ -=- Ctrl--=Ctrl-- Ctrl-r=Ctrl-r ctrl-R=Ctrl-R \
        Ctrl-Down=Ctrl-Down Alt-x=Alt-x Shift-j=J Shift-?=? down=Down PageDown=PageDown \
        pageup=PageUp Home=Home End=End Enter=Enter Esc=Esc Tab=Tab Shift-BackTab=BackTab \
        Space=Space Backspace=Backspace Delete=Delete Insert=Insert F1=F1 F12=F12 \
        alt-ctrl-Left=Ctrl-Alt-Left Shift-Up=Shift-Up";
    for pair in table.split_whitespace() {
        let (text, canon) = pair.rsplit_once('=').expect("pair");
        let k = key(text);
        assert_eq!(k.to_string(), canon, "{text}");
        assert_eq!(key(canon), k, "round trip of {canon}");
    }
    assert_eq!(key(" ").to_string(), "Space");
    let ctrl_r = KeySpec::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(key("Ctrl-r"), ctrl_r);
}

#[test]
fn rejects_bad_names() {
    for bad in "|Ctrl-|Alt-|Ctrl-Shift-|F0|F13|PgDn|jk|\u{7}".split('|') {
        let e = bad.parse::<KeySpec>().expect_err(bad);
        assert!(e.to_string().contains("bad key"), "{e}");
    }
}

#[test]
fn matching_ignores_shift_on_chars() {
    let (none, shift, ctrl) = (M::NONE, M::SHIFT, M::CONTROL);
    assert!(key("G").matches(&ev(KeyCode::Char('G'), shift)));
    assert!(key("G").matches(&ev(KeyCode::Char('G'), none)));
    assert!(key("G").matches(&ev(KeyCode::Char('g'), shift)));
    assert!(!key("G").matches(&ev(KeyCode::Char('g'), none)));
    assert!(key("?").matches(&ev(KeyCode::Char('?'), shift)));
    assert!(key("Ctrl-r").matches(&ev(KeyCode::Char('r'), ctrl)));
    assert!(!key("Ctrl-r").matches(&ev(KeyCode::Char('r'), none)));
    assert!(!key("Down").matches(&ev(KeyCode::Down, ctrl)));
    assert!(key("BackTab").matches(&ev(KeyCode::BackTab, shift)));
    let mut release = ev(KeyCode::Char('j'), none);
    release.kind = KeyEventKind::Release;
    assert!(!key("j").matches(&release));
}

#[test]
fn defaults_have_no_conflicts_with_grade_keys() {
    let map = KeyMap::default();
    let grade = |c| (KeySpec::char(c), format!("grade {c}"));
    map.check(&"123456789".chars().map(grade).collect::<Vec<_>>())
        .expect("no conflicts");
    let cmd = |code, mods| map.command_for(&ev(code, mods), Context::Browse);
    assert_eq!(cmd(K::Char('J'), M::SHIFT), Some(Command::ScrollDown));
    assert_eq!(cmd(K::Char('j'), M::NONE), Some(Command::MoveDown));
    assert_eq!(cmd(K::F(1), M::NONE), Some(Command::Help));
    assert_eq!(cmd(K::Down, M::CONTROL), Some(Command::ScrollDown));
    assert_eq!(cmd(K::Char('x'), M::NONE), Some(Command::Export));
    assert_eq!(cmd(K::Char('z'), M::NONE), None);
    assert_eq!(map.keys(Command::Redo), &[key("Ctrl-r")]);
    for (c, _, _, keys) in INFO {
        assert_eq!(map.keys(c).len(), keys.len(), "every default of {c} parses");
    }
}

#[test]
fn check_reports_every_conflict() {
    let overrides = BTreeMap::from([
        (Command::ScrollDown, vec![key("j")]),
        (Command::Quit, vec![key("1"), key("q")]),
    ]);
    let map = KeyMap::with_overrides(&overrides);
    let reserved = vec![(KeySpec::char('1'), "grade Good".to_string())];
    let problems = map.check(&reserved).expect_err("conflicts");
    assert_eq!(
        problems,
        [
            "key \"j\" is bound to both move_down and scroll_down",
            "key \"1\" is bound to both quit and grade Good",
        ]
    );
    let map = KeyMap::with_overrides(&BTreeMap::from([(Command::Quit, vec![])]));
    let problems = map.check(&[]).expect_err("no quit");
    assert_eq!(problems, ["no key is bound to quit"]);
}

#[test]
fn overrides_replace_only_named_commands() {
    let quit = vec![key("q"), key("Ctrl-c")];
    let map = KeyMap::with_overrides(&BTreeMap::from([(Command::Quit, quit.clone())]));
    assert_eq!(map.keys(Command::Quit), quit);
    let down = KeyMap::default().keys(Command::MoveDown).to_vec();
    assert_eq!(map.keys(Command::MoveDown), down);
}

#[test]
fn help_rows_follow_command_order() {
    let rows = KeyMap::default().help_rows(Context::Browse);
    assert_eq!(rows.len(), 22);
    assert_eq!(rows[0], ("j/Down".to_string(), "next case"));
    assert_eq!(rows[2].0, "PageDown/Ctrl-d");
    assert_eq!(rows[21], ("q/Ctrl-c".to_string(), "quit (work is saved)"));
    let checklist = KeyMap::default().help_rows(Context::Checklist);
    let keys: Vec<&str> = checklist.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["j/Down", "k/Up", "y", "n", "a", "Backspace/Delete"]);
}

#[test]
fn contexts_share_keys_without_conflict() {
    let map = KeyMap::default();
    map.check(&[]).expect("defaults are consistent");
    let n = ev(K::Char('n'), M::NONE);
    assert_eq!(
        map.command_for(&n, Context::Browse),
        Some(Command::NextMatch)
    );
    assert_eq!(
        map.command_for(&n, Context::Checklist),
        Some(Command::AnswerNotMet)
    );
    assert_eq!(
        map.command_for(&ev(K::Char('q'), M::NONE), Context::Checklist),
        None
    );
    // A checklist key may not shadow movement inside the checklist.
    let clash = KeyMap::with_overrides(&BTreeMap::from([(Command::AnswerMet, vec![key("j")])]));
    let problems = clash.check(&[]).expect_err("clash");
    assert_eq!(
        problems,
        ["key \"j\" is bound to both move_down and answer_met"]
    );
}

#[test]
fn serde_uses_names_and_key_strings() {
    for (i, c) in Command::ALL.into_iter().enumerate() {
        assert_eq!(c as usize, i, "INFO follows declaration order");
        assert_eq!(ron::to_string(&c).expect("ron"), c.name());
    }
    let m: BTreeMap<Command, Vec<KeySpec>> =
        ron::from_str(r#"{ quit: ["q", "Ctrl-c"] }"#).expect("map");
    assert_eq!(m[&Command::Quit], vec![key("q"), key("Ctrl-c")]);
    let text = ron::to_string(&key("Ctrl-PageDown")).expect("ron");
    assert_eq!(text, "\"Ctrl-PageDown\"");
    let e = ron::from_str::<Vec<KeySpec>>("[\"j\",\n \"Ctrl-\"]").expect_err("bad key");
    assert_eq!(e.span.start.line, 2);
    assert!(e.to_string().contains("Ctrl-"), "{e}");
}

#[test]
fn the_readme_documents_every_default_key() {
    let readme = include_str!("../../README.md");
    for (c, _, _, keys) in INFO {
        for k in keys {
            assert!(
                readme.contains(&format!("`{k}`")),
                "README lacks the key `{k}` of {c}"
            );
        }
    }
}
