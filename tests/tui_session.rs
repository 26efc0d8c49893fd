//! The intervisie session on screen: snapshots of the set-up, a voting turn, the blank
//! hand-over, the counter, the reveal (80×24 and 120×35), before/after, the tally, notes and
//! the closing screen; and the flow through `update`, checking that names typed in the
//! set-up never reach what is saved.

mod common;

use common::*;
use insta::assert_snapshot;
use wikken::i18n::Lang;
use wikken::tui::{Action, App, Screen};

/// Set-up: first dilemma on the agenda, 3 participants named Anna, Bram and Cem.
fn start(app: &mut App, telling: bool) {
    press(app, [Action::StartSession, Action::Down, Action::Toggle, Action::Down, Action::Down]);
    press(app, [Action::Left, Action::Left, Action::Left, Action::Down]);
    type_text(app, "Anna, Bram, Cem");
    press(app, [Action::Down]);
    if telling {
        press(app, [Action::Toggle]);
    }
    press(app, [Action::Down, Action::Down]);
}

fn session_app(telling: bool) -> App {
    let mut app = app();
    app.today = "2026-11-23".into();
    start(&mut app, telling);
    app
}

fn begin(app: &mut App) {
    press(app, [Action::Enter]);
    assert!(matches!(app.screen(), Screen::Session(_)));
}

fn vote(app: &mut App, picks: &[u8]) {
    for &p in picks {
        press(app, [Action::Enter, Action::Pick(p)]);
    }
}

#[test]
fn setup_screen() {
    let app = session_app(false);
    assert_snapshot!(render(&app));
}

#[test]
fn handover_turn_counter_reveal_compare_notes_end() {
    let mut app = session_app(false);
    begin(&mut app);
    assert_snapshot!("session_case", render(&app));
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_handover", render(&app));
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_voting_turn", render(&app));
    press(&mut app, [Action::Pick(1)]);
    let blank = render(&app);
    assert!(blank.contains("Beurt van Bram"), "{blank}");
    assert!(
        !blank.contains("Anna") && !blank.contains("De regel volgen"),
        "nothing of Anna's vote shows"
    );
    vote(&mut app, &[2, 1]);
    assert_snapshot!("session_all_voted", render(&app));
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_reveal", render(&app));
    press(&mut app, [Action::Panel(wikken::tui::Panel::Questions)]);
    assert_snapshot!("session_reveal_with_questions", render(&app));
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[2, 2, 1]);
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_before_after", render(&app));
    press(&mut app, [Action::Enter, Action::Enter]);
    type_text(&mut app, "We toetsen samen.");
    assert_snapshot!("session_notes", render(&app));
    press(&mut app, [Action::Submit, Action::Enter]);
    assert_snapshot!("session_end", render(&app));

    let (report, records) = last_session_save().expect("saved");
    assert!(report.contains("We toetsen samen."));
    assert!(report.contains("| De hardheidsclausule toepassen |"));
    assert_eq!(records.len(), 3);
    assert_eq!(records.iter().filter(|r| r.revised.is_some()).count(), 1, "only Anna moved");
    for name in ["Anna", "Bram", "Cem"] {
        assert!(!report.contains(name), "{name} in the report");
        assert!(records.iter().all(|r| !format!("{r:?}").contains(name)), "{name} in the pool");
    }

    // Empty notes do not trap the facilitator in the notes step.
    let mut other = session_app(false);
    begin(&mut other);
    press(&mut other, [Action::Enter]);
    vote(&mut other, &[1, 1, 2]);
    press(&mut other, [Action::Enter, Action::Enter]);
    vote(&mut other, &[1, 1, 2]);
    press(&mut other, [Action::Enter, Action::Enter, Action::Enter, Action::Submit, Action::Enter]);
    assert!(render(&other).contains("De sessie is afgelopen"), "{}", render(&other));
}

#[test]
fn large_screen_reveal() {
    let mut app = app_with(Lang::Nl, 120, 35);
    app.today = "2026-11-23".into();
    start(&mut app, false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 2, 3]);
    press(&mut app, [Action::Enter]);
    assert_snapshot!(render(&app));
}

#[test]
fn tally_mode_and_mismatch_confirmation() {
    let mut app = session_app(true);
    begin(&mut app);
    press(&mut app, [Action::Enter, Action::Pick(2), Action::Down, Action::Pick(1)]);
    assert_snapshot!("session_tally", render(&app));
    press(&mut app, [Action::Enter]);
    let screen = render(&app);
    assert!(
        screen.contains("Er zijn 3 stemmen ingevoerd voor 3 deelnemers")
            || screen.contains("Bespreken"),
        "{screen}"
    );
    // 2 + 1 = 3 adds up: straight to the discussion.
    assert!(screen.contains("Bespreken"), "{screen}");
}

#[test]
fn few_voters_warn_before_reveal_and_skip_and_redo_work() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1]);
    press(&mut app, [Action::Skip, Action::Skip]);
    // Redo Anna's vote: she pressed the wrong key.
    press(&mut app, [Action::Redo, Action::Up, Action::Up, Action::Enter]);
    assert!(render(&app).contains("Beurt van Anna"));
    vote(&mut app, &[3]);
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_few_voters", render(&app));
    press(&mut app, [Action::Yes]);
    assert!(render(&app).contains("1 stemmen"));
}

#[test]
fn quitting_midway_keeps_what_was_voted() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 1, 2]);
    press(&mut app, [Action::Enter, Action::Quit]);
    assert!(render(&app).contains("Sessie stoppen?"));
    press(&mut app, [Action::Yes]);
    let (report, records) = last_session_save().expect("saved");
    assert!(report.contains("De sessie is voor het einde gestopt."));
    assert_eq!(records.len(), 3);
    assert!(render(&app).contains("/data/sessions/2026-11-23-oefen.md"));
    press(&mut app, [Action::Quit]);
    assert!(app.quit);
}
