//! The settings file: `config.toml` in the platform config folder (on Linux
//! `~/.config/wikken/config.toml`), or the file named by `WIKKEN_CONFIG`. Flags and
//! environment variables win over it.
//!
//! ```toml
//! pool = "/mnt/team/wikken-pool"   # the team's shared pool folder
//! threshold = 5                    # anonymity threshold k (never below 3)
//! lang = "nl"                      # interface language: nl or en
//! packs = ["/mnt/team/packs"]      # extra pack folders (relative to this file's folder)
//! ```
//!
//! A Windows path goes between single quotes (`pool = 'S:\Team\wikken-pool'`, TOML's
//! literal string) or with forward slashes: between double quotes a backslash starts an
//! escape, so `"S:\Team"` does not parse and `"S:\new"` would hold a line break. Both
//! mistakes are refused with a hint that says so ([`ConfigError::is_backslash_mistake`]).

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
        /// The line that failed has a backslash between double quotes.
        backslash: bool,
    },
    /// A folder setting holds a control character: a Windows path between double quotes,
    /// where `\n` or `\t` became a line break or a tab.
    #[error("{path}: {key}: {value:?}")]
    ControlCharacter {
        /// The file.
        path: PathBuf,
        /// The setting (`pool` or `packs`).
        key: &'static str,
        /// The folder as TOML read it.
        value: String,
    },
}

impl ConfigError {
    /// Whether the mistake is a Windows path's backslashes between double quotes, so the
    /// message can show the right form.
    pub fn is_backslash_mistake(&self) -> bool {
        match self {
            ConfigError::Parse { backslash, .. } => *backslash,
            ConfigError::ControlCharacter { .. } => true,
            ConfigError::Read { .. } => false,
        }
    }
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
    let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.into(),
        message: e.to_string(),
        backslash: e.span().is_some_and(|span| backslash_in_quotes(&text, span.start)),
    })?;
    let folders = config.pool.iter().map(|p| ("pool", p));
    for (key, dir) in folders.chain(config.packs.iter().map(|p| ("packs", p))) {
        let value = dir.to_string_lossy();
        if value.chars().any(char::is_control) {
            let value = value.into_owned();
            return Err(ConfigError::ControlCharacter { path: path.into(), key, value });
        }
    }
    let base = path.parent().unwrap_or(Path::new(""));
    for dir in &mut config.packs {
        if dir.is_relative() {
            *dir = base.join(&*dir);
        }
    }
    Ok(config)
}

/// Whether the line holding byte `at` has a backslash after a double quote.
fn backslash_in_quotes(text: &str, at: usize) -> bool {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text.get(start..end)
        .and_then(|line| line.split_once('"'))
        .is_some_and(|(_, quoted)| quoted.contains('\\'))
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
        std::fs::write(&path, "pol = \"/x\"\n").expect("write");
        let err = load(&path).expect_err("unknown key").to_string();
        assert!(err.contains("pol"), "{err}");
    }

    /// A team's pool on a network drive, written the ways a Windows user would.
    #[test]
    fn windows_paths_need_single_quotes_or_forward_slashes() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("config.toml");
        let read = |toml: &str| {
            std::fs::write(&path, toml).expect("write");
            load(&path)
        };
        let literal = read("pool = 'S:\\Team\\wikken-pool'\n").expect("literal string");
        assert_eq!(literal.pool, Some(PathBuf::from("S:\\Team\\wikken-pool")));
        let slashes = read("pool = \"S:/Team/wikken-pool\"\n").expect("forward slashes");
        assert_eq!(slashes.pool, Some(PathBuf::from("S:/Team/wikken-pool")));
        let doubled = read("pool = \"S:\\\\Team\\\\wikken pool\"\n").expect("escaped");
        assert_eq!(doubled.pool, Some(PathBuf::from("S:\\Team\\wikken pool")));

        let invalid = read("lang = \"nl\"\npool = \"S:\\Team\\wikken-pool\"\n").expect_err("\\T");
        assert!(invalid.is_backslash_mistake(), "{invalid}");
        let tab = read("pool = \"S:\\team\"\n").expect_err("\\t is a tab");
        assert!(tab.is_backslash_mistake(), "{tab}");
        assert!(matches!(tab, ConfigError::ControlCharacter { key: "pool", .. }), "{tab}");
        let packs = read("packs = ['ok', \"S:\\new\"]\n").expect_err("\\n in packs");
        assert!(matches!(packs, ConfigError::ControlCharacter { key: "packs", .. }), "{packs}");
        let other = read("pool = \"/team\"\nthreshold = \"vijf\"\n").expect_err("type");
        assert!(!other.is_backslash_mistake(), "{other}");
    }
}
