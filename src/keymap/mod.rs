//! Key bindings: a key table per context (mode of the screen), key names,
//! and the key map that a user's config patches.
//!
//! Keys are written as strings such as `"j"`, `"G"`, `"?"`, `"Ctrl-r"` or
//! `"PageDown"`. A config overrides only the commands it names, context by
//! context; the help, the status line's hints and every overlay's footer
//! are generated from the map, so a rebinding shows everywhere.

mod command;
mod context;
mod key;
mod overrides;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

pub use command::Command;
pub use context::{Binding, Context, FooterItem, Unbound};
pub use key::{KeyCode, KeyModifiers, KeyParseError, KeySpec};
pub use overrides::Overrides;

/// Which keys run which command, in every context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    keys: BTreeMap<(Context, Command), Vec<KeySpec>>,
}

impl Default for KeyMap {
    /// The default bindings of every context.
    fn default() -> Self {
        let keys = Context::ALL
            .into_iter()
            .flat_map(|context| {
                context.table().iter().map(move |b| {
                    let keys = b.keys.iter().filter_map(|k| k.parse().ok()).collect();
                    ((context, b.command), keys)
                })
            })
            .collect();
        Self { keys }
    }
}

impl KeyMap {
    /// The defaults with the named commands' keys replaced, context by
    /// context. Commands a context does not read were refused when the
    /// overrides were read.
    pub fn with_overrides(overrides: &Overrides) -> KeyMap {
        let mut map = KeyMap::default();
        for (context, command, keys) in overrides.iter() {
            if context.reads(command) {
                map.keys.insert((context, command), keys.to_vec());
            }
        }
        map
    }

    /// The keys bound to `command` in `context`, in the order given.
    pub fn keys(&self, context: Context, command: Command) -> &[KeySpec] {
        self.keys
            .get(&(context, command))
            .map_or(&[], Vec::as_slice)
    }

    /// The first key of `command` in `context` as shown to the reviewer
    /// ("" when unbound).
    pub fn first_key(&self, context: Context, command: Command) -> String {
        self.keys(context, command)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// The command `key` runs in `context`, if any.
    pub fn command_for(&self, key: KeySpec, context: Context) -> Option<Command> {
        context
            .table()
            .iter()
            .map(|b| b.command)
            .find(|&c| self.keys(context, c).contains(&key))
    }

    /// Checks every context: no key runs two commands; on the main screen
    /// no key is also one of `reserved` (key, description) — the scale's
    /// grade keys, "grade Good"; and every context keeps a way out (quit,
    /// close, save the note). Reports every problem found.
    pub fn check(&self, reserved: &[(KeySpec, String)]) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for context in Context::ALL {
            let mut seen: Vec<(KeySpec, Command)> = Vec::new();
            for binding in context.table() {
                let c = binding.command;
                for key in self.keys(context, c) {
                    match seen.iter().find(|(k, _)| k == key) {
                        Some((_, other)) if *other == c => {}
                        Some((_, other)) => problems.push(format!(
                            "keys.{context}: key \"{key}\" is bound to both {other} and {c}"
                        )),
                        None => seen.push((*key, c)),
                    }
                }
            }
            if context == Context::Browse {
                for (key, what) in reserved {
                    for (_, c) in seen.iter().filter(|(k, _)| k == key) {
                        problems.push(format!(
                            "keys.{context}: key \"{key}\" is bound to both {c} and {what}"
                        ));
                    }
                }
            }
            if let Some(required) = context.required()
                && self.keys(context, required).is_empty()
            {
                problems.push(format!(
                    "keys.{context}: no key is bound to {required}, so there would be no way out"
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// One row per command of `context`, in table order: its keys joined
    /// with `/` (or `(none)`), and what it does there. The help shows these.
    pub fn help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        context
            .table()
            .iter()
            .map(|b| {
                let keys: Vec<String> = self
                    .keys(context, b.command)
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let keys = if keys.is_empty() {
                    "(none)".into()
                } else {
                    keys.join("/")
                };
                (keys, b.what)
            })
            .collect()
    }

    /// The footer of `context`'s overlay: "Enter choose · Esc cancel",
    /// naming each command's first key; unbound commands are left out.
    pub fn footer(&self, context: Context) -> String {
        context
            .footer()
            .iter()
            .filter_map(|(commands, word)| {
                let keys: Vec<String> = commands
                    .iter()
                    .filter_map(|&c| self.keys(context, c).first())
                    .map(KeySpec::short)
                    .collect();
                (!keys.is_empty()).then(|| format!("{} {word}", keys.join("/")))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
