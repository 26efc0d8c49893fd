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
//!
//! A Windows path goes between single quotes (`pool = 'S:\Team\wikken-pool'`, TOML's
//! literal string) or with forward slashes: between double quotes a backslash starts an
//! escape, so `"S:\Team"` does not parse and `"S:\new"` would hold a line break. Both
//! mistakes are refused with a hint that says so ([`ConfigProblem::is_backslash_mistake`]).

use std::path::{Path, PathBuf};

use toml::Table;

/// Settings from the config file; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The shared pool folder.
    pub pool: Option<PathBuf>,
    /// Anonymity threshold k.
    pub threshold: Option<u32>,
    /// Interface language.
    pub lang: Option<String>,
    /// Extra pack folders, loaded after the person's own pack folder. A relative folder is
    /// taken relative to the folder of the settings file, not to wherever wikken started.
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

/// The settings a config file may hold.
pub const SETTINGS: [&str; 7] =
    ["pool", "threshold", "lang", "packs", "wet_max_age", "theme", "tekst"];

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
    /// Not valid TOML, an unknown setting, or a value of the wrong kind (said in the
    /// person's language by `crate::i18n::CliText::config_failed`).
    #[error("{}:{line}: {problem:?}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The line the problem is on (1-based).
        line: usize,
        /// What is wrong.
        problem: ConfigProblem,
    },
}

/// What is wrong in a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// A `\` in a `"…"` text, which TOML reads as the start of an escape: a Windows path
    /// such as `"C:\Users\…"`.
    Backslash,
    /// Not TOML; the parser's own (English) words.
    Syntax(String),
    /// A setting wikken does not have, with the nearest one it does.
    Unknown {
        /// The name written.
        name: String,
        /// The setting it looks like.
        suggestion: Option<String>,
    },
    /// A setting with the wrong kind of value.
    WrongType {
        /// The setting (one of [`SETTINGS`]).
        name: &'static str,
    },
    /// A folder setting holds a control character: a Windows path between double quotes,
    /// where `\n` or `\t` became a line break or a tab (`"S:\team"` parses, as a tab).
    ControlCharacter {
        /// The setting (`pool` or `packs`).
        name: &'static str,
    },
}

impl ConfigProblem {
    /// Whether the mistake is a Windows path's backslashes between double quotes, so the
    /// message shows the forms that work.
    pub fn is_backslash_mistake(&self) -> bool {
        matches!(self, ConfigProblem::Backslash | ConfigProblem::ControlCharacter { .. })
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
    let invalid = |line: usize, problem: ConfigProblem| ConfigError::Invalid {
        path: path.into(),
        line,
        problem,
    };
    let table: Table = text.parse().map_err(|e: toml::de::Error| {
        let before = e.span().and_then(|span| text.get(..span.start));
        let line = before.map_or(1, |t| t.matches('\n').count() + 1);
        let written = text.lines().nth(line - 1).unwrap_or_default();
        let problem = if written.contains('"') && written.contains('\\') {
            ConfigProblem::Backslash
        } else {
            ConfigProblem::Syntax(e.message().trim().to_string())
        };
        invalid(line, problem)
    })?;
    let line_of = |key: &str| {
        text.lines()
            .position(|l| {
                l.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('='))
            })
            .map_or(1, |i| i + 1)
    };
    let mut config = Config::default();
    for (key, value) in &table {
        let wrong = |name: &'static str| invalid(line_of(name), ConfigProblem::WrongType { name });
        match key.as_str() {
            "pool" => config.pool = Some(value.as_str().ok_or_else(|| wrong("pool"))?.into()),
            "threshold" => {
                let k = value.as_integer().and_then(|k| u32::try_from(k).ok());
                config.threshold = Some(k.ok_or_else(|| wrong("threshold"))?);
            }
            "lang" => config.lang = Some(value.as_str().ok_or_else(|| wrong("lang"))?.to_string()),
            "packs" => {
                let dirs = value.as_array().ok_or_else(|| wrong("packs"))?;
                for dir in dirs {
                    config.packs.push(dir.as_str().ok_or_else(|| wrong("packs"))?.into());
                }
            }
            "wet_max_age" => {
                let months = value.as_integer().and_then(|m| u32::try_from(m).ok());
                config.wet_max_age = Some(months.ok_or_else(|| wrong("wet_max_age"))?);
            }
            "tekst" => config.tekst = Some(value.as_bool().ok_or_else(|| wrong("tekst"))?),
            "theme" => {
                config.theme = Some(value.as_str().ok_or_else(|| wrong("theme"))?.to_string());
            }
            other => {
                let suggestion = crate::pack::did_you_mean(other, SETTINGS);
                let name = other.to_string();
                return Err(invalid(line_of(other), ConfigProblem::Unknown { name, suggestion }));
            }
        }
    }
    let folders = config.pool.iter().map(|p| ("pool", p));
    for (name, dir) in folders.chain(config.packs.iter().map(|p| ("packs", p))) {
        if dir.to_string_lossy().chars().any(char::is_control) {
            return Err(invalid(line_of(name), ConfigProblem::ControlCharacter { name }));
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
        std::fs::write(&path, "theme = \"licht\"\n").expect("write");
        assert_eq!(load(&path).expect("valid").theme.as_deref(), Some("licht"));
        std::fs::write(&path, "tekst = true\n").expect("write");
        assert_eq!(load(&path).expect("valid").tekst, Some(true));
        std::fs::write(&path, "pol = \"/x\"\n").expect("write");
        let Err(ConfigError::Invalid { line: 1, problem, .. }) = load(&path) else {
            panic!("unknown key")
        };
        assert_eq!(
            problem,
            ConfigProblem::Unknown { name: "pol".into(), suggestion: Some("pool".into()) }
        );
    }

    #[test]
    fn a_windows_path_and_wrong_values_are_named_with_their_line() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("config.toml");
        let problem = |text: &str| {
            std::fs::write(&path, text).expect("write");
            match load(&path) {
                Err(ConfigError::Invalid { line, problem, .. }) => (line, problem),
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            problem("lang = \"nl\"\npool = \"C:\\Users\\ineke\\pool\"\n"),
            (2, ConfigProblem::Backslash)
        );
        assert_eq!(
            problem("threshold = \"vijf\"\n"),
            (1, ConfigProblem::WrongType { name: "threshold" })
        );
        assert_eq!(
            problem("lang = \"nl\"\npacks = \"/map\"\n"),
            (2, ConfigProblem::WrongType { name: "packs" })
        );
        assert!(matches!(problem("lang = nl\n"), (1, ConfigProblem::Syntax(_))));
        // The ways that do work for a Windows path.
        std::fs::write(
            &path,
            "pool = 'C:\\Users\\ineke'\npacks = [\"C:/packs\", \"D:\\\\team\"]\n",
        )
        .expect("write");
        let config = load(&path).expect("valid");
        assert_eq!(config.pool, Some(PathBuf::from("C:\\Users\\ineke")));
        assert_eq!(config.packs.len(), 2);
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

        let problem = |toml: &str| match read(toml) {
            Err(ConfigError::Invalid { line, problem, .. }) => (line, problem),
            other => panic!("{other:?}"),
        };
        let (line, invalid) = problem("lang = \"nl\"\npool = \"S:\\Team\\wikken-pool\"\n");
        assert!(line == 2 && invalid.is_backslash_mistake(), "{invalid:?}");
        let (line, tab) = problem("pool = \"S:\\team\"\n");
        assert_eq!((line, &tab), (1, &ConfigProblem::ControlCharacter { name: "pool" }));
        assert!(tab.is_backslash_mistake());
        let (line, packs) = problem("lang = \"nl\"\npacks = ['ok', \"S:\\new\"]\n");
        assert_eq!((line, packs), (2, ConfigProblem::ControlCharacter { name: "packs" }));
        let (_, other) = problem("pool = \"/team\"\nthreshold = \"vijf\"\n");
        assert!(!other.is_backslash_mistake(), "{other:?}");
    }
}
