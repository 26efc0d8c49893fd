//! The settings file: `config.toml` in the platform config folder (on Linux
//! `~/.config/wikken/config.toml`), or the file named by `WIKKEN_CONFIG`. Flags and
//! environment variables win over it.
//!
//! ```toml
//! pool = "/mnt/team/wikken-pool"   # the team's shared pool folder
//! threshold = 5                    # anonymity threshold k (never below 3)
//! lang = "nl"                      # interface language: nl or en
//! packs = ["/mnt/team/packs"]      # extra pack folders (relative to this file's folder)
//! wet_max_age = 12                 # `check` warns about Wet notes checked longer ago (0: never)
//! tekst = true                     # always the plain text mode (screen readers, pipes)
//! theme = "auto"                   # colours for the terminal's background: auto, licht, donker
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Settings from the config file; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The shared pool folder.
    pub pool: Option<PathBuf>,
    /// Anonymity threshold k.
    pub threshold: Option<u32>,
    /// Interface language.
    pub lang: Option<String>,
    /// Extra pack folders, loaded after the person's own pack folder. A relative folder is
    /// taken relative to the folder of the settings file, not to wherever wikken started.
    #[serde(default)]
    pub packs: Vec<PathBuf>,
    /// After how many months `wikken check` asks for a `Wet` note to be checked again (0:
    /// never); `--wet-max-age` wins.
    pub wet_max_age: Option<u32>,
    /// Always practise in the plain text mode (`wikken oefenen --tekst`): for a screen
    /// reader user who never wants the full screen.
    pub tekst: Option<bool>,
    /// Colours for the terminal's background: `auto` (ask the terminal), `licht` or `donker`.
    pub theme: Option<String>,
}

/// A config file that exists but cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Unreadable.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Not valid TOML or unknown settings.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
}

/// Where the config file is: `WIKKEN_CONFIG`, else the platform config folder.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("WIKKEN_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    Some(directories::ProjectDirs::from("nl", "", "wikken")?.config_dir().join("config.toml"))
}

/// Reads the config file; a missing file means no settings.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => return Err(ConfigError::Read { path: path.into(), source }),
    };
    let mut config: Config = toml::from_str(&text)
        .map_err(|e| ConfigError::Parse { path: path.into(), message: e.to_string() })?;
    let base = path.parent().unwrap_or(Path::new(""));
    for dir in &mut config.packs {
        if dir.is_relative() {
            *dir = base.join(&*dir);
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_refuses_unknown_ones() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("config.toml");
        assert_eq!(load(&path).expect("missing is fine"), Config::default());
        std::fs::write(&path, "pool = \"/team/pool\"\nthreshold = 7\n").expect("write");
        let config = load(&path).expect("valid");
        assert_eq!(config.pool.as_deref(), Some(Path::new("/team/pool")));
        assert_eq!(config.threshold, Some(7));
        std::fs::write(&path, "packs = [\"/team/packs\", \"eigen\"]\n").expect("write");
        let config = load(&path).expect("valid");
        assert_eq!(config.packs, [PathBuf::from("/team/packs"), dir.path().join("eigen")]);
        std::fs::write(&path, "wet_max_age = 24\n").expect("write");
        assert_eq!(load(&path).expect("valid").wet_max_age, Some(24));
        std::fs::write(&path, "tekst = true\n").expect("write");
        assert_eq!(load(&path).expect("valid").tekst, Some(true));
        std::fs::write(&path, "pol = \"/x\"\n").expect("write");
        let err = load(&path).expect_err("unknown key").to_string();
        assert!(err.contains("pol"), "{err}");
    }
}
