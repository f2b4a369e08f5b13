//! Asking for the reviewer's name at the first start, when no name is known
//! (no `--reviewer`, none in the config, no login name): every grade is
//! recorded under it and each reviewer keeps their own session, so it is
//! asked once on the terminal, before the review screen, and saved in the
//! config if the reviewer agrees.

use std::io::{BufRead, IsTerminal as _, Write};
use std::path::Path;

use anyhow::Context as _;

use crate::config::{Config, set_reviewer};
use crate::model::text::sanitize_line;

/// What the reviewer answered.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    /// The name given (sanitised); `None` when left empty.
    name: Option<String>,
    /// Whether to save it in the config.
    save: bool,
}

/// Asks for the name on the terminal and saves it in `config_file` if the
/// reviewer says so. `None` without a terminal or when no name is given.
pub fn ask_once(config_file: &Path) -> anyhow::Result<Option<String>> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Ok(None);
    }
    let answer = ask(
        &mut std::io::stdin().lock(),
        &mut std::io::stdout().lock(),
        config_file,
    )
    .context("could not ask for your name")?;
    if let (Some(name), true) = (&answer.name, answer.save) {
        save(config_file, name)?;
        super::say(&format!(
            "saved; change it with `reviewer:` in {}",
            sanitize_line(&config_file.display().to_string())
        ));
    }
    Ok(answer.name)
}

/// The conversation itself, on any input and output.
fn ask(
    input: &mut impl BufRead,
    out: &mut impl Write,
    config_file: &Path,
) -> std::io::Result<Answer> {
    writeln!(
        out,
        "casebench records who graded each case, and keeps one review per reviewer."
    )?;
    write!(out, "Your name (Enter to go on as \"reviewer\"): ")?;
    out.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    let name = sanitize_line(line.trim());
    if name.is_empty() {
        return Ok(Answer {
            name: None,
            save: false,
        });
    }
    write!(
        out,
        "Save \"{name}\" as your name in {}? [Y/n] ",
        sanitize_line(&config_file.display().to_string())
    )?;
    out.flush()?;
    line.clear();
    input.read_line(&mut line)?;
    let save = !matches!(line.trim().to_ascii_lowercase().as_str(), "n" | "no");
    Ok(Answer {
        name: Some(name),
        save,
    })
}

/// Sets `reviewer` in the config file (created if missing), keeping every
/// other byte of it, and only if the result still reads as a config: a
/// file that cannot be read or would not parse is left as it is.
fn save(config_file: &Path, name: &str) -> anyhow::Result<()> {
    let shown = sanitize_line(&config_file.display().to_string());
    let text = match std::fs::read_to_string(config_file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("could not read {shown}")),
    };
    let new = set_reviewer::with_reviewer(&text, name)
        .with_context(|| format!("could not save your name in {shown}"))?;
    Config::parse(&new, config_file)
        .with_context(|| format!("{shown} would not read back with your name in it"))?;
    if let Some(dir) = config_file.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("could not create {shown}"))?;
    }
    let temp = config_file.with_extension("ron.saving");
    std::fs::write(&temp, new).with_context(|| format!("could not write {shown}"))?;
    std::fs::rename(&temp, config_file).with_context(|| format!("could not write {shown}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conversation(typed: &str) -> (Answer, String) {
        let mut out = Vec::new();
        let answer = ask(&mut typed.as_bytes(), &mut out, Path::new("/c/config.ron")).expect("ask");
        (answer, String::from_utf8(out).expect("utf-8"))
    }

    #[test]
    fn a_name_is_asked_and_saving_is_the_default() {
        let (answer, said) = conversation("  Siobhán O'Brien \n\n");
        assert_eq!(
            answer,
            Answer {
                name: Some("Siobhán O'Brien".into()),
                save: true
            }
        );
        assert!(
            said.contains("Save \"Siobhán O'Brien\" as your name in /c/config.ron? [Y/n]"),
            "{said}"
        );
        assert!(!conversation("Ann\nn\n").0.save);
        assert_eq!(
            conversation("\n").0.name,
            None,
            "Enter alone goes on unnamed"
        );
        assert_eq!(conversation("").0.name, None, "end of input too");
    }

    #[test]
    fn a_name_that_could_act_on_the_terminal_is_made_inert() {
        let (answer, _) = conversation("Ann\u{1b}[2J\nn\n");
        assert_eq!(
            answer.name.as_deref().map(|n| n.contains('\u{1b}')),
            Some(false)
        );
    }

    #[test]
    fn saving_keeps_the_config_and_creates_a_missing_one() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("casebench/config.ron");
        save(&file, "Ann").expect("save");
        let text = std::fs::read_to_string(&file).expect("read");
        let config = Config::parse(&text, &file).expect("reads back");
        assert_eq!(config.reviewer.as_deref(), Some("Ann"));
        std::fs::write(&file, "// mine\n(\n    theme: \"monochrome\",\n)\n").expect("write");
        save(&file, "Bea").expect("save");
        assert_eq!(
            std::fs::read_to_string(&file).expect("read"),
            "// mine\n(\n    reviewer: \"Bea\",\n    theme: \"monochrome\",\n)\n"
        );
    }

    #[test]
    fn a_config_that_does_not_read_is_left_alone() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("config.ron");
        let broken = "(\n    theme: \"no such theme\",\n)\n";
        std::fs::write(&file, broken).expect("write");
        assert!(save(&file, "Ann").is_err());
        assert_eq!(std::fs::read_to_string(&file).expect("read"), broken);
    }
}
