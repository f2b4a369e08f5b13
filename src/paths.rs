//! Where casebench finds its config file and keeps its data (DESIGN §2).
//!
//! The config file is, in order: the `--config` argument, the
//! `CASEBENCH_CONFIG` environment variable, or `config.ron` in the platform
//! config folder. The data folder is `CASEBENCH_DATA_DIR` or the platform
//! data folder. On Linux the platform folders follow `XDG_CONFIG_HOME` and
//! `XDG_DATA_HOME`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Environment variable naming a config file.
pub const CONFIG_ENV: &str = "CASEBENCH_CONFIG";
/// Environment variable naming the data folder.
pub const DATA_DIR_ENV: &str = "CASEBENCH_DATA_DIR";
/// File name of the config file inside the platform config folder.
pub const CONFIG_FILE_NAME: &str = "config.ron";

/// Resolved locations of casebench's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The config file to read (it may not exist).
    pub config_file: PathBuf,
    /// True when the user named the config file (`--config` or
    /// `CASEBENCH_CONFIG`): then a missing file is an error, whereas a
    /// missing default file just means the defaults.
    pub config_explicit: bool,
    /// The folder holding casebench's data (sessions and backups).
    pub data_dir: PathBuf,
}

/// Why the paths could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum PathsError {
    /// The platform folders are unknown (no home folder) and no override
    /// was given.
    #[error("cannot find a home folder for casebench's {0}; set {CONFIG_ENV} and {DATA_DIR_ENV}")]
    NoHome(&'static str),
}

impl Paths {
    /// Resolves the paths from `--config` (if given) and the process
    /// environment.
    pub fn resolve(config_override: Option<&Path>) -> Result<Paths, PathsError> {
        Self::resolve_with(config_override, |name| std::env::var_os(name))
    }

    /// Like [`Paths::resolve`], with the environment read through `env`
    /// (so tests need not touch the process environment). An empty variable
    /// counts as unset.
    pub fn resolve_with(
        config_override: Option<&Path>,
        env: impl Fn(&str) -> Option<OsString>,
    ) -> Result<Paths, PathsError> {
        let var = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let project = || directories::ProjectDirs::from("", "", "casebench");
        let (config_file, config_explicit) = if let Some(path) = config_override
            .map(Path::to_path_buf)
            .or_else(|| var(CONFIG_ENV))
        {
            (path, true)
        } else {
            let dirs = project().ok_or(PathsError::NoHome("config file"))?;
            (dirs.config_dir().join(CONFIG_FILE_NAME), false)
        };
        let data_dir = match var(DATA_DIR_ENV) {
            Some(path) => path,
            None => project()
                .ok_or(PathsError::NoHome("data folder"))?
                .data_dir()
                .to_path_buf(),
        };
        Ok(Paths {
            config_file,
            config_explicit,
            data_dir,
        })
    }

    /// The folder holding saved sessions (`data_dir/sessions`).
    pub fn sessions_dir(&self) -> PathBuf {
        self.data_dir.join("sessions")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn override_beats_env_which_beats_platform() {
        let env = env_of(&[(CONFIG_ENV, "/env/config.ron"), (DATA_DIR_ENV, "/env/data")]);
        let p = Paths::resolve_with(Some(Path::new("/arg/c.ron")), &env).expect("paths");
        assert_eq!(p.config_file, PathBuf::from("/arg/c.ron"));
        assert!(p.config_explicit);
        assert_eq!(p.data_dir, PathBuf::from("/env/data"));
        assert_eq!(p.sessions_dir(), PathBuf::from("/env/data/sessions"));

        let p = Paths::resolve_with(None, &env).expect("paths");
        assert_eq!(p.config_file, PathBuf::from("/env/config.ron"));
        assert!(p.config_explicit);
    }

    #[test]
    fn platform_defaults_when_nothing_is_set() {
        // Empty values count as unset.
        let env = env_of(&[(CONFIG_ENV, ""), (DATA_DIR_ENV, "")]);
        // Without a home folder (unusual) the error names the overrides.
        match Paths::resolve_with(None, env) {
            Ok(p) => {
                assert!(!p.config_explicit);
                assert!(p.config_file.ends_with(CONFIG_FILE_NAME));
                assert!(p.config_file.to_string_lossy().contains("casebench"));
                assert!(p.data_dir.to_string_lossy().contains("casebench"));
                assert!(p.sessions_dir().ends_with("sessions"));
            }
            Err(e) => assert!(e.to_string().contains(CONFIG_ENV)),
        }
    }

    #[test]
    fn data_dir_env_alone() {
        let p = Paths::resolve_with(
            Some(Path::new("c.ron")),
            env_of(&[(DATA_DIR_ENV, "rel/data")]),
        )
        .expect("paths");
        assert_eq!(p.data_dir, PathBuf::from("rel/data"));
        assert_eq!(p.config_file, PathBuf::from("c.ron"));
    }
}
