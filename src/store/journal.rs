//! The private journal: everything this person answered, in `DATA/journal.jsonl`.
//!
//! Append-only: an answer is one line, a later revision ("zou je nu anders kiezen?") is
//! another line that refers to it. Reading folds them into [`Answer`]s. Nothing here leaves
//! DATA.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::StoreError;
use super::identity::Pseudonym;
use super::jsonl::{self, ReadWarning};

/// A new answer, as the trainer hands it to the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAnswer {
    /// Random id of this answer.
    pub id: String,
    /// Pack id.
    pub pack: String,
    /// Pack version the answer was given under.
    pub pack_version: u32,
    /// Dilemma id.
    pub dilemma: String,
    /// Chosen werkwijze id (never its position on screen).
    pub choice: String,
    /// The written reasoning; may be empty.
    pub reasoning: String,
    /// Confidence 1–5, if given.
    pub confidence: Option<u8>,
    /// Whether the reasoning may enter the pool anonymously.
    pub share: bool,
    /// RFC 3339 UTC time.
    pub at: String,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Record {
    Answer(NewAnswer),
    Revision { answer: String, choice: String, at: String },
}

/// An answer with its revision, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The answer as first given.
    pub first: NewAnswer,
    /// The werkwijze chosen after the spiegel, if the person changed their mind.
    pub revised: Option<String>,
    /// When the revision was made.
    pub revised_at: Option<String>,
}

impl Answer {
    /// The werkwijze that counts now: the revision, or else the first choice.
    pub fn current_choice(&self) -> &str {
        self.revised.as_deref().unwrap_or(&self.first.choice)
    }
}

/// The journal file of one person.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
    /// The participant whose journal this is, when writes must stop once they are erased.
    owner: Option<Pseudonym>,
}

impl Journal {
    /// The journal in the data folder `data`.
    pub fn new(data: &Path) -> Self {
        Journal { path: data.join("journal.jsonl"), owner: None }
    }

    /// The same journal, written only while `who` is this install's participant: once
    /// `forget` erased them (perhaps from another terminal, while a trainer was open),
    /// every write is refused with [`StoreError::Forgotten`] instead of starting a fresh
    /// journal with an orphan answer or revision in it.
    pub fn for_participant(self, who: Pseudonym) -> Self {
        Journal { owner: Some(who), ..self }
    }

    /// Whether this journal may still be written (see [`Journal::for_participant`]).
    fn still_open(&self) -> Result<(), StoreError> {
        let Some(owner) = &self.owner else { return Ok(()) };
        let id = self.path.with_file_name(super::identity::PARTICIPANT_FILE);
        match crate::fsx::read_capped(&id, 1024) {
            Ok(bytes) if String::from_utf8_lossy(&bytes).trim() == owner.0 => Ok(()),
            _ => Err(StoreError::Forgotten),
        }
    }

    /// Where the journal lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends an answer; on return it is on disk.
    pub fn add_answer(&self, answer: &NewAnswer) -> Result<(), StoreError> {
        self.append(&Record::Answer(answer.clone()))
    }

    /// The journal holds reasoning: its folder is owner-only (0700) and the file 0600, also
    /// when an older wikken made them with the default modes.
    fn append(&self, record: &Record) -> Result<(), StoreError> {
        self.still_open()?;
        if let Some(dir) = self.path.parent() {
            crate::fsx::create_private_dir(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        crate::fsx::make_private(&self.path).map_err(|e| StoreError::io(&self.path, e))?;
        jsonl::append(&self.path, record, true)
    }

    /// Appends a revision of an earlier answer; on return it is on disk.
    pub fn add_revision(&self, answer_id: &str, choice: &str, at: &str) -> Result<(), StoreError> {
        let record =
            Record::Revision { answer: answer_id.into(), choice: choice.into(), at: at.into() };
        self.append(&record)
    }

    /// The file listing every pool folder this person's answers were written to.
    pub fn pools_path(&self) -> PathBuf {
        self.path.with_file_name("pools")
    }

    /// Notes that this person's answers went to the pool at `location` (as
    /// [`PoolStore::location`](super::PoolStore::location) names it), so `forget` can find
    /// them later even when wikken is then pointed at another pool. Idempotent.
    pub fn remember_pool(&self, location: &str) -> Result<(), StoreError> {
        if location.contains('\n') || self.pools().iter().any(|l| l == location) {
            return Ok(());
        }
        self.still_open()?;
        jsonl::append_line(&self.pools_path(), format!("{location}\n").into_bytes(), true)
    }

    /// Every pool this person's answers were written to, as
    /// [`PoolStore::location`](super::PoolStore::location) names it (see
    /// [`Journal::remember_pool`]).
    pub fn pools(&self) -> Vec<String> {
        crate::fsx::read_capped(&self.pools_path(), 1 << 20)
            .map(|b| {
                String::from_utf8_lossy(&b)
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every answer, oldest first, with revisions applied; damaged lines are reported.
    /// Only the first revision of an answer counts (one revision is allowed).
    pub fn load(&self) -> (Vec<Answer>, Vec<ReadWarning>) {
        let (records, warnings) = jsonl::read_all::<Record>(&self.path);
        let mut answers: Vec<Answer> = Vec::new();
        for record in records {
            match record {
                Record::Answer(first) => {
                    answers.push(Answer { first, revised: None, revised_at: None })
                }
                Record::Revision { answer, choice, at } => {
                    if let Some(a) = answers.iter_mut().rev().find(|a| a.first.id == answer)
                        && a.revised.is_none()
                    {
                        a.revised = Some(choice);
                        a.revised_at = Some(at);
                    }
                }
            }
        }
        (answers, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn answer(id: &str, dilemma: &str, choice: &str) -> NewAnswer {
        NewAnswer {
            id: id.into(),
            pack: "p".into(),
            pack_version: 1,
            dilemma: dilemma.into(),
            choice: choice.into(),
            reasoning: "Omdat het kan.\nTweede regel.".into(),
            confidence: Some(4),
            share: false,
            at: "2026-11-23T09:00:00Z".into(),
        }
    }

    #[test]
    fn answers_and_one_revision_round_trip() {
        let dir = tempfile::tempdir().expect("tmp");
        let journal = Journal::new(dir.path());
        journal.add_answer(&answer("1", "d", "a")).expect("add");
        journal.add_answer(&answer("2", "e", "b")).expect("add");
        journal.add_revision("1", "c", "2026-11-23T09:05:00Z").expect("revise");
        journal.add_revision("1", "b", "2026-11-23T09:06:00Z").expect("second revision ignored");
        let (answers, warnings) = journal.load();
        assert!(warnings.is_empty());
        assert_eq!(answers.len(), 2);
        assert_eq!(answers[0].first, answer("1", "d", "a"));
        assert_eq!(answers[0].revised.as_deref(), Some("c"));
        assert_eq!(answers[0].current_choice(), "c");
        assert_eq!(answers[1].revised, None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(journal.path()), 0o600, "the journal holds reasoning");
            assert_eq!(mode(dir.path()), 0o700);
        }
    }

    #[test]
    fn a_journal_of_an_erased_participant_takes_nothing_more() {
        let dir = tempfile::tempdir().expect("tmp");
        let who = super::super::load_or_create_pseudonym(dir.path()).expect("id");
        let journal = Journal::new(dir.path()).for_participant(who);
        journal.add_answer(&answer("1", "d", "a")).expect("add");
        // `forget` ran in another terminal: the journal and the id are gone.
        std::fs::remove_file(journal.path()).expect("rm journal");
        std::fs::remove_file(dir.path().join("participant")).expect("rm id");
        let refused = journal.add_revision("1", "b", "2026-11-23T10:00:00Z");
        assert!(matches!(refused, Err(StoreError::Forgotten)), "{refused:?}");
        assert!(matches!(journal.remember_pool("/mnt/team"), Err(StoreError::Forgotten)));
        assert!(!journal.path().exists() && !journal.pools_path().exists());
        // A new participant (a later start) is not this journal's either.
        super::super::load_or_create_pseudonym(dir.path()).expect("new id");
        assert!(journal.add_answer(&answer("2", "d", "a")).is_err());
        assert!(!journal.path().exists());
    }

    #[test]
    fn example_journal_in_saves_loads() {
        let journal = Journal {
            path: Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/journal.jsonl"),
            owner: None,
        };
        let (answers, warnings) = journal.load();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(answers.len(), 2);
        assert_eq!(answers[0].revised.as_deref(), Some("c"));
        assert!(answers[1].first.share);
    }
}
