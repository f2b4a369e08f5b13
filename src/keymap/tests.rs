use super::*;
use KeyCode as K;
use KeyModifiers as M;

fn key(s: &str) -> KeySpec {
    s.parse().expect("key")
}

fn press(code: KeyCode, mods: KeyModifiers) -> KeySpec {
    KeySpec::new(code, mods)
}

fn overrides(list: &[(Context, Command, &[&str])]) -> Overrides {
    let mut o = Overrides::default();
    for (context, command, keys) in list {
        o.set(*context, *command, keys.iter().map(|k| key(k)).collect());
    }
    o
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
fn pressed_keys_normalise_shift_on_chars() {
    let (none, shift, ctrl) = (M::NONE, M::SHIFT, M::CONTROL);
    assert_eq!(press(K::Char('G'), shift), key("G"));
    assert_eq!(press(K::Char('G'), none), key("G"));
    assert_eq!(press(K::Char('g'), shift), key("G"));
    assert_ne!(press(K::Char('g'), none), key("G"));
    assert_eq!(press(K::Char('?'), shift), key("?"));
    assert_eq!(press(K::Char('r'), ctrl), key("Ctrl-r"));
    assert_ne!(press(K::Char('r'), none), key("Ctrl-r"));
    assert_ne!(press(K::Down, ctrl), key("Down"));
    assert_eq!(press(K::BackTab, shift), key("BackTab"));
}

#[test]
fn every_default_parses_and_is_free_of_grade_keys() {
    let map = KeyMap::default();
    let grade = |c| (KeySpec::char(c), format!("grade {c}"));
    map.check(&"123456789".chars().map(grade).collect::<Vec<_>>())
        .expect("no conflicts");
    for context in Context::ALL {
        for b in context.table() {
            assert_eq!(
                map.keys(context, b.command).len(),
                b.keys.len(),
                "every default of {context}.{} parses",
                b.command
            );
        }
    }
    let cmd = |code, mods| map.command_for(press(code, mods), Context::Browse);
    assert_eq!(cmd(K::Char('J'), M::SHIFT), Some(Command::ScrollDown));
    assert_eq!(cmd(K::Char('j'), M::NONE), Some(Command::MoveDown));
    assert_eq!(cmd(K::F(1), M::NONE), Some(Command::Help));
    assert_eq!(cmd(K::Down, M::CONTROL), Some(Command::ScrollDown));
    assert_eq!(cmd(K::Char('x'), M::NONE), Some(Command::Export));
    assert_eq!(cmd(K::Char('z'), M::NONE), None);
    assert_eq!(map.keys(Context::Browse, Command::Redo), &[key("Ctrl-r")]);
}

#[test]
fn check_reports_every_conflict_per_context() {
    let map = KeyMap::with_overrides(&overrides(&[
        (Context::Browse, Command::ScrollDown, &["j"]),
        (Context::Browse, Command::Quit, &["1", "q"]),
        (Context::Export, Command::Toggle, &["Tab"]),
    ]));
    let reserved = vec![(KeySpec::char('1'), "grade Good".to_string())];
    let problems = map.check(&reserved).expect_err("conflicts");
    assert_eq!(
        problems,
        [
            "keys.browse: key \"j\" is bound to both move_down and scroll_down",
            "keys.browse: key \"1\" is bound to both quit and grade Good",
            "keys.export: key \"Tab\" is bound to both next_field and toggle",
        ]
    );
    let map = KeyMap::with_overrides(&overrides(&[
        (Context::Browse, Command::Quit, &[]),
        (Context::Filter, Command::Close, &[]),
    ]));
    let problems = map.check(&[]).expect_err("no way out");
    assert_eq!(
        problems,
        [
            "keys.browse: no key is bound to quit, so there would be no way out",
            "keys.filter: no key is bound to close, so there would be no way out",
        ]
    );
}

#[test]
fn overrides_replace_only_named_commands_of_their_context() {
    let map = KeyMap::with_overrides(&overrides(&[(
        Context::Checklist,
        Command::MoveDown,
        &["Ctrl-n"],
    )]));
    assert_eq!(
        map.keys(Context::Checklist, Command::MoveDown),
        [key("Ctrl-n")]
    );
    assert_eq!(
        map.keys(Context::Browse, Command::MoveDown),
        [key("j"), key("Down")],
        "the same command elsewhere keeps its keys"
    );
}

#[test]
fn help_rows_follow_each_table() {
    let rows = KeyMap::default().help_rows(Context::Browse);
    assert_eq!(rows.len(), 32);
    assert_eq!(rows[0], ("j/Down".to_string(), "next case"));
    assert_eq!(rows[2].0, "PageDown/Ctrl-d");
    assert_eq!(rows[31], ("q/Ctrl-c".to_string(), "quit (work is saved)"));
    let checklist = KeyMap::default().help_rows(Context::Checklist);
    let rows: Vec<(&str, &str)> = checklist.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    assert_eq!(
        rows[..5],
        [
            ("y", "criterion met"),
            ("n", "criterion not met"),
            ("a", "criterion not applicable"),
            ("Backspace/Delete", "clear the answer"),
            ("j/Down", "next criterion"),
        ]
    );
}

#[test]
fn footers_name_the_keys_as_bound() {
    let map = KeyMap::default();
    assert_eq!(map.footer(Context::Help), "j/k scroll · Esc close");
    assert_eq!(
        map.footer(Context::Export),
        "Enter export · Tab next field · →/← change · Esc cancel"
    );
    let rebound = KeyMap::with_overrides(&overrides(&[
        (Context::Help, Command::MoveDown, &["Ctrl-n"]),
        (Context::Filter, Command::Close, &["x"]),
    ]));
    assert_eq!(rebound.footer(Context::Help), "Ctrl-n/k scroll · Esc close");
    assert_eq!(
        rebound.footer(Context::Filter),
        "Space tick · Enter apply · x cancel"
    );
}

#[test]
fn contexts_share_keys_without_conflict() {
    let map = KeyMap::default();
    let n = KeySpec::char('n');
    assert_eq!(
        map.command_for(n, Context::Browse),
        Some(Command::NextMatch)
    );
    assert_eq!(
        map.command_for(n, Context::Checklist),
        Some(Command::AnswerNotMet)
    );
    assert_eq!(
        map.command_for(KeySpec::char('q'), Context::Checklist),
        None
    );
    // A checklist key may not shadow movement inside the checklist.
    let clash = KeyMap::with_overrides(&overrides(&[(
        Context::Checklist,
        Command::AnswerMet,
        &["j"],
    )]));
    let problems = clash.check(&[]).expect_err("clash");
    assert_eq!(
        problems,
        ["keys.checklist: key \"j\" is bound to both answer_met and move_down"]
    );
}

#[test]
fn config_text_names_contexts_and_refuses_foreign_commands_with_a_position() {
    let o: Overrides =
        ron::from_str(r#"{ browse: { quit: ["q", "Ctrl-c"] }, export: { toggle: ["t"] } }"#)
            .expect("overrides");
    let map = KeyMap::with_overrides(&o);
    assert_eq!(map.keys(Context::Export, Command::Toggle), [key("t")]);
    let e = ron::from_str::<Overrides>("{\n  browse: {\n    toggle: [\"t\"] } }")
        .expect_err("toggle is not a browse command");
    assert_eq!(e.span.start.line, 3, "{e}");
    assert!(
        e.to_string()
            .contains("toggle is not a command of the browse keys"),
        "{e}"
    );
    let e = ron::from_str::<Overrides>("{ main: {} }").expect_err("no such context");
    assert!(e.to_string().contains("main"), "{e}");
    let text = ron::to_string(&key("Ctrl-PageDown")).expect("ron");
    assert_eq!(text, "\"Ctrl-PageDown\"");
    let e = ron::from_str::<Vec<KeySpec>>("[\"j\",\n \"Ctrl-\"]").expect_err("bad key");
    assert_eq!(e.span.start.line, 2);
    assert!(e.to_string().contains("Ctrl-"), "{e}");
}

#[test]
fn the_readme_documents_every_default_key() {
    let readme = include_str!("../../README.md");
    for context in Context::ALL {
        for b in context.table() {
            for k in b.keys {
                assert!(
                    readme.contains(&format!("`{k}`")),
                    "README lacks the key `{k}` of {context}.{}",
                    b.command
                );
            }
        }
    }
}
