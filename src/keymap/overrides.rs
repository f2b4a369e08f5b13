//! The `keys` section of a config file: per context, the commands whose
//! keys it replaces. A command that the context does not read is refused
//! while parsing, so the error carries the file's line and column.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};

use super::{Command, Context, KeySpec};

/// Per context, the commands whose keys a config replaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides(BTreeMap<Context, BTreeMap<Command, Vec<KeySpec>>>);

impl Overrides {
    /// Replaces the keys of `command` in `context`.
    pub fn set(&mut self, context: Context, command: Command, keys: Vec<KeySpec>) {
        self.0.entry(context).or_default().insert(command, keys);
    }

    /// Every (context, command, keys) named.
    pub fn iter(&self) -> impl Iterator<Item = (Context, Command, &[KeySpec])> {
        self.0.iter().flat_map(|(&context, commands)| {
            commands
                .iter()
                .map(move |(&command, keys)| (context, command, keys.as_slice()))
        })
    }
}

impl<'de> Deserialize<'de> for Overrides {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ContextsVisitor)
    }
}

struct ContextsVisitor;

impl<'de> Visitor<'de> for ContextsVisitor {
    type Value = Overrides;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map from context (browse, checklist, note, search, filter, history, details, help, export) to its key bindings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Overrides, A::Error> {
        let mut out = Overrides::default();
        while let Some(context) = map.next_key::<Context>()? {
            let commands = map.next_value_seed(CommandsOf(context))?;
            out.0.insert(context, commands);
        }
        Ok(out)
    }
}

/// Reads one context's bindings, refusing commands it does not read.
struct CommandsOf(Context);

impl<'de> DeserializeSeed<'de> for CommandsOf {
    type Value = BTreeMap<Command, Vec<KeySpec>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for CommandsOf {
    type Value = BTreeMap<Command, Vec<KeySpec>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a map from command to a list of keys")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let context = self.0;
        let mut out = BTreeMap::new();
        while let Some(command) = map.next_key::<Command>()? {
            if !context.reads(command) {
                let names: Vec<&str> = context.table().iter().map(|b| b.command.name()).collect();
                return Err(A::Error::custom(format!(
                    "{command} is not a command of the {context} keys (they are: {})",
                    names.join(", ")
                )));
            }
            out.insert(command, map.next_value()?);
        }
        Ok(out)
    }
}
