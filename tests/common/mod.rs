//! Helpers for the TUI tests: an App on the fixture pack (with its generator fixed, so
//! snapshots repeat), the trainer's real save path into a private temporary data folder and
//! a memory pool (or a folder the test chooses), the sessions' saves as they were asked
//! for, and rendering to plain text.

#![allow(dead_code)]

use std::path::Path;

use rand::SeedableRng;
use rand::rngs::StdRng;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use wikken::i18n::Lang;
use wikken::pack::{Pack, check_file};

use wikken::store::{FixedClock, Journal, MemoryPool, PoolRecord, Pseudonym, SharedPool, Tally};
use wikken::tui::{Action, App, Effect, PhoneEffect, PoolState, Size, Stores, Theme, update};

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

/// The stores the trainer's real save path writes to in a test: a private data folder of
/// its own (journal, session reports), a pool in memory unless the test chose another
/// (see [`use_pool`]), participant [`ME`] and a clock fixed at 2026-11-23 10:00 UTC.
/// Every test runs on its own thread, so each gets its own.
struct TestStores {
    _data: tempfile::TempDir,
    stores: Stores,
    memory: Arc<MemoryPool>,
}

thread_local! {
    static STORES: std::cell::RefCell<Option<TestStores>> = const { std::cell::RefCell::new(None) };
}

fn with_stores<T>(f: impl FnOnce(&mut TestStores) -> T) -> T {
    STORES.with(|s| {
        let mut s = s.borrow_mut();
        let stores = s.get_or_insert_with(|| {
            let data = tempfile::tempdir().expect("tmp");
            let memory = Arc::new(MemoryPool::new());
            let clock = FixedClock::at("2026-11-23T10:00:00Z").expect("time");
            let stores = Stores {
                sessions: data.path().join("sessions"),
                written: Default::default(),
                journal: Journal::new(data.path()),
                pool: memory.clone(),
                who: Pseudonym(ME.into()),
                clock: Box::new(clock),
                lang: Lang::Nl,
                read_only: None,
            };
            TestStores { _data: data, stores, memory }
        });
        f(stores)
    })
}

/// Saves from now on go to `pool` (a folder, say) instead of the memory pool.
pub fn use_pool(pool: SharedPool) {
    with_stores(|s| s.stores.pool = pool);
}

/// The memory pool this test's saves went to (unless [`use_pool`] chose another).
pub fn memory_pool() -> Arc<MemoryPool> {
    with_stores(|s| s.memory.clone())
}

/// This test's private data folder (journal, session reports).
pub fn data_dir() -> std::path::PathBuf {
    with_stores(|s| s.stores.journal.path().parent().expect("data").to_path_buf())
}

/// The session saves asked for since the last call (session id and pool records each).
pub fn take_session_saves() -> Vec<(String, Vec<PoolRecord>)> {
    SESSION_SAVES.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// The last report and pool records a session asked to save.
pub fn last_session_save() -> Option<(String, Vec<PoolRecord>)> {
    LAST_SESSION_SAVE.with(|l| l.borrow().clone())
}

pub fn fixture_pack() -> Pack {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/tui/oefen.ron");
    let checked = check_file(&path);
    // Its second case is short on purpose (small screens for the snapshots): the length
    // hint is the one thing `check` may say about it.
    let length_hint = |d: &&wikken::pack::Diagnostic| {
        matches!(d.kind, wikken::pack::DiagnosticKind::CaseLength { .. })
    };
    let other: Vec<_> = checked.diagnostics.iter().filter(|d| !length_hint(d)).collect();
    assert!(other.is_empty(), "{other:?}");
    checked.pack.expect("fixture pack")
}

pub fn app_with(lang: Lang, width: u16, height: u16) -> App {
    let mut app = App::new(
        lang.ui(),
        Theme::PLAIN,
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

/// Performs effects through the trainer's real save path ([`wikken::tui::perform`]) into
/// this test's stores, and feeds what happened back into `update`, as the runtime does.
pub fn perform(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Effect::Phones(e) = effect {
            PHONE_EFFECTS.with(|s| s.borrow_mut().push(e));
            continue;
        }
        if let Effect::SaveSession { session_id, report, records, .. } = &effect {
            SESSION_SAVES.with(|s| s.borrow_mut().push((session_id.clone(), records.clone())));
            LAST_SESSION_SAVE.with(|l| *l.borrow_mut() = Some((report.clone(), records.clone())));
        }
        let Some(action) = with_stores(|s| wikken::tui::perform(effect, &s.stores)) else {
            continue;
        };
        // The report is on disk in this test's data folder; the screen names it as if DATA
        // were /data, so snapshots do not depend on where the temporary folder is.
        let action = match action {
            Action::SessionSaved { path: Some(path), error, votes } => Action::SessionSaved {
                path: Some(Path::new("/data/sessions").join(path.file_name().expect("name"))),
                error,
                votes,
            },
            other => other,
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
    let mut app = App::new(lang.ui(), Theme::PLAIN, packs, Vec::new(), 42, Size { width, height });
    app.pool = PoolState::Ready(Box::default());
    app.rng = StdRng::seed_from_u64(42);
    app
}

/// The set-up row the cursor is on.
pub fn setup_row(app: &App) -> wikken::tui::SetupRow {
    match app.screen() {
        wikken::tui::Screen::SessionSetup(s) => {
            let rows = s.rows(app.packs[s.pack].dilemmas.len());
            rows[s.row.min(rows.len() - 1)]
        }
        _ => panic!("not on the set-up screen"),
    }
}

/// Moves the set-up's cursor to `row` with ↑/↓, as a person would, whatever the form's
/// order.
pub fn setup_go(app: &mut App, row: wikken::tui::SetupRow) {
    let target = match app.screen() {
        wikken::tui::Screen::SessionSetup(s) => s
            .rows(app.packs[s.pack].dilemmas.len())
            .iter()
            .position(|r| *r == row)
            .expect("a row of this form"),
        _ => panic!("not on the set-up screen"),
    };
    for _ in 0..500 {
        let at = match app.screen() {
            wikken::tui::Screen::SessionSetup(s) => s.row,
            _ => panic!("left the set-up"),
        };
        match at.cmp(&target) {
            std::cmp::Ordering::Equal => return,
            std::cmp::Ordering::Less => press(app, [Action::Down]),
            std::cmp::Ordering::Greater => press(app, [Action::Up]),
        }
    }
    panic!("could not reach {row:?}");
}

/// Fills in the set-up: `participants` people named `names` (may be empty), `mode_steps`
/// presses of → on the voting mode (1: telling, 2: eigen telefoon), the method changed when
/// `moreel`, and the pack's dilemmas `agenda` ticked; leaves the cursor on the start button.
pub fn setup_session(
    app: &mut App,
    participants: usize,
    names: &str,
    mode_steps: usize,
    moreel: bool,
    agenda: &[usize],
) {
    use wikken::tui::SetupRow;
    if !matches!(app.screen(), wikken::tui::Screen::SessionSetup(_)) {
        press(app, [Action::StartSession]);
    }
    setup_go(app, SetupRow::Participants);
    for _ in participants..6 {
        press(app, [Action::Left]);
    }
    for _ in 6..participants {
        press(app, [Action::Right]);
    }
    if !names.is_empty() {
        setup_go(app, SetupRow::Names);
        type_text(app, names);
    }
    setup_go(app, SetupRow::Mode);
    for _ in 0..mode_steps {
        press(app, [Action::Right]);
    }
    if moreel {
        setup_go(app, SetupRow::Method);
        press(app, [Action::Right]);
    }
    for &d in agenda {
        setup_go(app, SetupRow::Dilemma(d));
        press(app, [Action::Toggle]);
    }
    setup_go(app, SetupRow::Start);
}
