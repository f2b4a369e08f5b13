//! Test helpers: apps on small generated samples, driven by actions.
#![allow(
    clippy::missing_panics_doc,
    reason = "test helpers panic to fail the test"
)]

use jiff::Timestamp;

use super::{Action, App, Effect, update};
use crate::config::Config;
use crate::keymap::{Command, KeySpec};
use crate::model::case::{CaseFields, Sample, SampleBuilder, SampleSource};

/// A sample of `n` cases `CP-001`… with titles, categories and narratives.
pub fn sample(n: usize) -> Sample {
    let categories = [
        "Missing from home or care",
        "Detained in custody",
        "Domestic abuse",
    ];
    let mut b = SampleBuilder::new();
    for i in 1..=n {
        b.push(CaseFields {
            id: format!("CP-{i:03}"),
            title: Some(format!("Case number {i}")),
            category: Some(categories[i % categories.len()].into()),
            opened: Some("2026-01-02".into()),
            summary: Some(format!(
                "Narrative of case {i}.\nSecond line of the narrative."
            )),
            extra: vec![("child_age".into(), format!("{}", 8 + i % 9))],
        });
    }
    b.finish(
        "Test sample",
        None,
        SampleSource {
            path: None,
            hash: "h".into(),
        },
    )
}

/// An app on `sample` with default config, reviewer "tester", UTC times.
pub fn app_on(sample: Sample) -> App {
    app_with(sample, Config::default())
}

/// An app on `sample` with `config`, reviewer "tester", UTC times.
pub fn app_with(sample: Sample, config: Config) -> App {
    App::starting(
        sample,
        config,
        "tester".into(),
        "/tmp/test.session.ron".into(),
    )
    .with_time_zone(jiff::tz::TimeZone::UTC)
}

/// A fixed time for reproducible entries.
pub fn now() -> Timestamp {
    Timestamp::from_second(1_780_000_000).expect("valid")
}

/// Runs actions, returning every effect. Writes succeed: each change to
/// persist is reported saved, as the terminal layer would.
pub fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions
        .iter()
        .flat_map(|a| {
            let effects = update(app, a.clone(), now());
            acknowledge(app, &effects);
            effects
        })
        .collect()
}

/// Reports every change in `effects` as saved, and sorts at once, as the
/// terminal layer does for a small sample.
fn acknowledge(app: &mut App, effects: &[Effect]) {
    for effect in effects {
        match effect {
            Effect::Persist(entries) => {
                for entry in entries {
                    update(app, Action::Saved(entry.seq), now());
                }
            }
            Effect::Sort(job) => {
                if let Some(sorted) = job.clone().run() {
                    update(app, sorted, now());
                }
            }
            _ => {}
        }
    }
}

/// Presses keys (`"Esc"`, `"j"`, `"Ctrl-r"`), each resolved through the key
/// map of the mode the app is in at that moment, as the terminal layer does;
/// returns every effect.
pub fn press(app: &mut App, keys: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in keys {
        let key: KeySpec = key.parse().expect("key name");
        if let Some(action) = super::input::action_for_key(app, key) {
            let new = update(app, action, now());
            acknowledge(app, &new);
            effects.extend(new);
        }
    }
    effects
}

/// Shorthand for a command action.
pub fn cmd(c: Command) -> Action {
    Action::Command(c)
}
