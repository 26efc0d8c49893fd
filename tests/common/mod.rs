//! Helpers for the TUI tests: an App on the fixture pack (with its generator fixed, so
//! snapshots repeat), a stand-in for the runtime that answers effects with fixed ids and
//! times and keeps the sessions' saves so a test can write them into a real pool folder, and
//! rendering to plain text.

#![allow(dead_code)]

use std::path::Path;

use rand::SeedableRng;
use rand::rngs::StdRng;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wikken::i18n::Lang;
use wikken::pack::{Pack, check_file};
use wikken::store::{Answer, NewAnswer, Pool, PoolRecord, Pseudonym, Tally};
use wikken::tui::{Action, App, Effect, PhoneEffect, PoolState, Size, Theme, update};

pub const ME: &str = "aaaaaaaaaaaaaaaa";

thread_local! {
    /// The last report and pool records a session asked to save.
    static LAST_SESSION_SAVE: std::cell::RefCell<Option<(String, Vec<PoolRecord>)>> =
        const { std::cell::RefCell::new(None) };
}

thread_local! {
    /// Every session save asked for, in order: the session id and its pool records.
    static SESSION_SAVES: std::cell::RefCell<Vec<(String, Vec<PoolRecord>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The session saves asked for since the last call (session id and pool records each).
pub fn take_session_saves() -> Vec<(String, Vec<PoolRecord>)> {
    SESSION_SAVES.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// Writes session saves into a pool folder the way the runtime's `save_session` does: each
/// session appends, with the real pool writer, to its own file named by its session id,
/// only the records that are new or changed since that session's previous save, in the
/// order the save lists them. So ids that changed between saves would show up here as
/// extra records, and the file's line order is the order the trainer writes.
pub fn write_session_saves(pool: &Path, saves: &[(String, Vec<PoolRecord>)]) {
    let mut written: std::collections::HashMap<&str, Vec<PoolRecord>> = Default::default();
    for (session_id, records) in saves {
        let done = written.entry(session_id).or_default();
        for record in records {
            if !done.contains(record) {
                Pool::new(pool).append_session(session_id, record).expect("append");
                done.retain(|r| r.rid != record.rid);
                done.push(record.clone());
            }
        }
    }
}

/// The last report and pool records a session asked to save.
pub fn last_session_save() -> Option<(String, Vec<PoolRecord>)> {
    LAST_SESSION_SAVE.with(|l| l.borrow().clone())
}

pub fn fixture_pack() -> Pack {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/tui/oefen.ron");
    let checked = check_file(&path);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    checked.pack.expect("fixture pack")
}

pub fn app_with(lang: Lang, width: u16, height: u16) -> App {
    let mut app = App::new(
        lang.ui(),
        Theme { color: false },
        vec![fixture_pack()],
        Vec::new(),
        42,
        Size { width, height },
    );
    app.pool = PoolState::Ready(Box::default());
    // The trainer seeds its generator from the OS; snapshots and "verras me" need the same
    // sequence on every run, so the tests fix it here (and only here).
    app.rng = StdRng::seed_from_u64(42);
    app
}

pub fn app() -> App {
    app_with(Lang::Nl, 80, 24)
}

/// Applies actions, performing effects as the runtime would (with fixed ids and times).
pub fn press(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        let effects = update(app, action);
        perform(app, effects);
    }
}

/// Applies one action and returns its effects without performing them.
pub fn press_raw(app: &mut App, action: Action) -> Vec<Effect> {
    update(app, action)
}

thread_local! {
    /// Every phone effect asked for, in order (the phone server is not started here; the
    /// phone tests start a real one).
    static PHONE_EFFECTS: std::cell::RefCell<Vec<PhoneEffect>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The phone effects asked for since the last call.
pub fn take_phone_effects() -> Vec<PhoneEffect> {
    PHONE_EFFECTS.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

pub fn perform(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        let action = match effect {
            Effect::Phones(e) => {
                PHONE_EFFECTS.with(|s| s.borrow_mut().push(e));
                continue;
            }
            Effect::SaveAnswer(d) => {
                let answer = NewAnswer {
                    id: format!("antwoord-{}", app.answers.len() + 1),
                    pack: d.pack,
                    pack_version: d.pack_version,
                    dilemma: d.dilemma,
                    choice: d.choice,
                    reasoning: d.reasoning,
                    confidence: d.confidence,
                    share: d.share,
                    at: "2026-11-23T10:00:00Z".into(),
                };
                let full = Answer { first: answer.clone(), revised: None, revised_at: None };
                let record = PoolRecord::from_answer(&full, &Pseudonym(ME.into()));
                Action::AnswerSaved {
                    answer: Box::new(answer),
                    pool_record: Some(record),
                    pool_error: None,
                }
            }
            Effect::SaveSession { session_id, stem, report, records } => {
                SESSION_SAVES.with(|s| s.borrow_mut().push((session_id, records.clone())));
                LAST_SESSION_SAVE.with(|l| *l.borrow_mut() = Some((report, records)));
                Action::SessionSaved {
                    path: Some(std::path::PathBuf::from(format!("/data/sessions/{stem}.md"))),
                    error: None,
                }
            }
            Effect::SaveRevision { answer_id, choice } => {
                let a =
                    app.answers.iter().find(|a| a.first.id == answer_id).expect("answer").clone();
                let revised = Answer { revised: Some(choice.clone()), ..a };
                let record = PoolRecord::from_answer(&revised, &Pseudonym(ME.into()));
                Action::RevisionSaved {
                    answer_id,
                    choice,
                    at: "2026-11-23T10:05:00Z".into(),
                    pool_record: Some(record),
                    pool_error: None,
                }
            }
        };
        let more = update(app, action);
        perform(app, more);
    }
}

/// Types text into the editor, key by key.
pub fn type_text(app: &mut App, text: &str) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for c in text.chars() {
        let key = if c == '\n' {
            KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
        } else {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        };
        press(app, [Action::Edit(key)]);
    }
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn render(app: &App) -> String {
    let backend = TestBackend::new(app.size.width, app.size.height);
    let mut terminal = Terminal::new(backend).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A counted pool of these records.
pub fn pool_of(records: &[PoolRecord]) -> PoolState {
    let mut tally = Tally::new(true);
    for r in records {
        tally.add(r);
    }
    PoolState::Ready(Box::new(tally))
}

/// Pool records of `n` other participants choosing `choice` (with shared reasoning).
pub fn colleagues(
    n: usize,
    dilemma: &str,
    choice: &str,
    reasoning: Option<&str>,
) -> Vec<PoolRecord> {
    (0..n)
        .map(|i| PoolRecord {
            rid: format!("{choice}-{i}"),
            pack: "oefen".into(),
            v: 1,
            dilemma: dilemma.into(),
            first: choice.into(),
            revised: None,
            p: format!("{choice}{i:015}"),
            date: "2026-11-20".into(),
            reasoning: reasoning.map(|r| format!("{r} ({i})")),
        })
        .collect()
}

/// A pack of `n` made-up dilemmas ("Dilemma 1" …), three werkwijzen each, for screens that
/// must hold a long list: generated here so snapshots do not follow the bundled content.
pub fn long_pack(n: usize) -> Pack {
    let dilemma = |i: usize| {
        format!(
            r#"Dilemma(
            id: "d{i}",
            title: "Dilemma {i} over werk en inkomen",
            themes: ["thema {}", "samen"],
            case: "Een casus om de lijst mee te vullen.",
            question: "Wat doe jij?",
            options: [
                Option(id: "a", title: "Eerste werkwijze", text: "Je doet het een.", notes: [Note(kind: Praktijk, text: "Een.", sources: ["s"])]),
                Option(id: "b", title: "Tweede werkwijze", text: "Je doet het ander.", notes: [Note(kind: Praktijk, text: "Twee.", sources: ["s"])]),
                Option(id: "c", title: "Derde werkwijze", text: "Je doet iets anders.", notes: [Note(kind: Praktijk, text: "Drie.", sources: ["s"])]),
            ],
            notes: [Note(kind: Onderzoek, text: "Onderzoek.", sources: ["s"])],
            questions: ["Wat weegt?", "Wat zou je anders doen?"],
        )"#,
            i % 4
        )
    };
    let text = format!(
        r#"Pack(
    id: "lang",
    version: 1,
    language: "nl",
    title: "Lange pack",
    summary: "Veel dilemma's.",
    authors: ["Test"],
    license: None,
    sources: [Source(id: "s", citation: "Bron (2024).", url: None)],
    dilemmas: [{}],
)"#,
        (1..=n).map(dilemma).collect::<Vec<_>>().join(",\n        ")
    );
    let checked = wikken::pack::check_text(&text);
    checked.pack.unwrap_or_else(|| panic!("generated pack: {:?}", checked.diagnostics))
}

/// A trainer on these packs, pool loaded and empty, its generator fixed.
pub fn app_on(packs: Vec<Pack>, lang: Lang, width: u16, height: u16) -> App {
    let mut app =
        App::new(lang.ui(), Theme { color: false }, packs, Vec::new(), 42, Size { width, height });
    app.pool = PoolState::Ready(Box::default());
    app.rng = StdRng::seed_from_u64(42);
    app
}
