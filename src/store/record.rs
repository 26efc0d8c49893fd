//! What a pool holds, whatever keeps it: the anonymised record, where a record came from,
//! and the names that tell a folder pool's files apart. A leaf module: the folder pool,
//! the tally and bundles all use it, and it uses none of them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::identity::Pseudonym;
use super::journal::Answer;

/// Files written by `import` start with this; their records come from other teams.
pub const IMPORT_PREFIX: &str = "import-";

/// One anonymised answer (contract 3): no name, no time of day, reasoning only if shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolRecord {
    /// Random record id; a revision repeats it.
    pub rid: String,
    /// Pack id.
    pub pack: String,
    /// Pack version.
    pub v: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// First choice (werkwijze id).
    pub first: String,
    /// Revised choice, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<String>,
    /// Participant pseudonym.
    pub p: String,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Reasoning, only when the person chose to share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

impl PoolRecord {
    /// The anonymised record of a journal answer: the answer id doubles as record id (the
    /// journal is private, so only its owner could link the two), the date without time,
    /// and the reasoning only if the person chose to share it.
    pub fn from_answer(answer: &Answer, who: &Pseudonym) -> Self {
        let a = &answer.first;
        PoolRecord {
            rid: a.id.clone(),
            pack: a.pack.clone(),
            v: a.pack_version,
            dilemma: a.dilemma.clone(),
            first: a.choice.clone(),
            revised: answer.revised.clone(),
            p: who.0.clone(),
            date: a.at.get(..10).unwrap_or(&a.at).to_string(),
            reasoning: (a.share && !a.reasoning.trim().is_empty()).then(|| a.reasoning.clone()),
        }
    }
}

/// Whether a pool file was written by an import (its records come from other teams).
pub fn is_import_file(path: &Path) -> bool {
    Origin::of_file(path) == Origin::Imported
}

/// Session files start with this; their records are a group's votes, counted apart.
pub const SESSION_PREFIX: &str = "session-";

/// The name of the team's pack folder inside a folder pool (see [`PoolLocation::packs_dir`](super::PoolLocation::packs_dir)).
pub const PACKS_DIR: &str = "packs";

/// Where a pool record came from, told by its file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// A participant's own answers (`<pseudonym>.jsonl`).
    Own,
    /// An intervisie session's votes (`session-<id>.jsonl`): everyone in the room saw
    /// their distribution, so they never help the team's own answers over the threshold.
    Session,
    /// Another team's answers from a bundle (`import-….jsonl`).
    Imported,
}

impl Origin {
    /// The origin of the records in a pool file.
    pub fn of_file(path: &Path) -> Origin {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if name.starts_with(IMPORT_PREFIX) {
            Origin::Imported
        } else if name.starts_with(SESSION_PREFIX) {
            Origin::Session
        } else {
            Origin::Own
        }
    }
}

/// A record of pack "p" version 1, dilemma "d", for the store's unit tests.
#[cfg(test)]
pub(crate) fn test_record(
    rid: &str,
    p: &str,
    first: &str,
    revised: Option<&str>,
    date: &str,
) -> PoolRecord {
    PoolRecord {
        rid: rid.into(),
        pack: "p".into(),
        v: 1,
        dilemma: "d".into(),
        first: first.into(),
        revised: revised.map(Into::into),
        p: p.into(),
        date: date.into(),
        reasoning: None,
    }
}

/// The `.jsonl` files of a pool folder, sorted.
pub fn pool_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    Ok(files)
}
