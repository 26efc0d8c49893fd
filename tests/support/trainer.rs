//! The trainer without a terminal, saving through its real save path
//! (`wikken::tui::perform`): an empty app and the stores for a data folder and a pool, as
//! participant `aaaaaaaaaaaaaaaa` with the clock fixed at 2026-11-23 10:00 UTC.

use std::path::Path;

use wikken::store::{Answer, FixedClock, Journal, NewAnswer, Pseudonym, SharedPool};
use wikken::tui::{App, Size, Stores, Theme};

/// An app with no packs, and the stores that write to `data` and `pool`.
pub fn trainer(data: &Path, pool: SharedPool) -> (App, Stores) {
    let stores = Stores {
        sessions: data.join("sessions"),
        written: Default::default(),
        journal: Journal::new(data),
        pool,
        who: Pseudonym("aaaaaaaaaaaaaaaa".into()),
        clock: Box::new(FixedClock::at("2026-11-23T10:00:00Z").expect("time")),
        lang: wikken::i18n::Lang::Nl,
        read_only: None,
    };
    let app = App::new(
        wikken::i18n::Lang::Nl.ui(),
        Theme::PLAIN,
        Vec::new(),
        Vec::new(),
        1,
        Size { width: 80, height: 24 },
    );
    (app, stores)
}

/// Saves an answer as the trainer does: the journal first ([`Action::AnswerSaved`]), then
/// the pool ([`Action::PoolWritten`], `None` when the journal write failed). Returns both
/// outcomes.
#[allow(dead_code)] // not every includer saves through the trainer
pub fn save_answer(
    stores: &Stores,
    draft: wikken::tui::Draft,
) -> (Option<wikken::tui::Action>, Option<wikken::tui::Action>) {
    use wikken::tui::{Action, Effect, perform};
    let saved = perform(Effect::SaveAnswer(draft), stores);
    let pooled = match &saved {
        Some(Action::AnswerSaved { answer }) => {
            let answer = wikken::store::Answer {
                first: (**answer).clone(),
                revised: None,
                revised_at: None,
            };
            perform(Effect::AddToPool(Box::new(answer)), stores)
        }
        _ => None,
    };
    (saved, pooled)
}

/// Writes an answer into the journal in `data`, as the trainer does; returns the journal's
/// answers.
#[allow(dead_code)] // not every includer writes journals
pub fn journal_answer(
    data: &Path,
    (pack, v): (&str, u32),
    dilemma: &str,
    choice: &str,
) -> Vec<Answer> {
    let journal = Journal::new(data);
    journal
        .add_answer(&NewAnswer {
            id: wikken::store::random_id(),
            pack: pack.into(),
            pack_version: v,
            dilemma: dilemma.into(),
            choice: choice.into(),
            reasoning: String::new(),
            confidence: None,
            share: false,
            at: "2026-11-23T10:00:00Z".into(),
        })
        .expect("journal");
    journal.load().0
}
