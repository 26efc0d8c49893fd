//! The shared screen on a projector: from about 140 columns (or with `--beamer`, or `b`) the
//! question and the step's instruction stay on screen, text stands in a column of at most
//! 90 characters, and the result fills the width with counts in block digits three rows
//! high. Snapshots at 200×50 and 240×67; the longest bar spans most of the width.

mod common;

use common::*;
use insta::assert_snapshot;
use wikken::i18n::Lang;
use wikken::tui::{Action, App, Beamer};

/// A three-person session on the fixture pack's first dilemma, voted 1, 2, 1 and revealed.
fn revealed(width: u16, height: u16) -> App {
    let mut app = app_with(Lang::Nl, width, height);
    app.today = "2026-11-23".into();
    setup_session(&mut app, 3, "", 0, false, &[0]);
    press(&mut app, [Action::Enter, Action::Enter]);
    for pick in [1, 2, 1] {
        press(&mut app, [Action::Enter, Action::Pick(pick)]);
    }
    press(&mut app, [Action::Enter]);
    app
}

/// The longest run of █ on any row of the screen.
fn longest_bar(screen: &str) -> usize {
    screen
        .lines()
        .map(|l| l.split(|c| c != '█').map(|run| run.chars().count()).max().unwrap_or(0))
        .max()
        .unwrap_or(0)
}

#[test]
fn the_reveal_fills_a_projected_screen() {
    let app = revealed(200, 50);
    assert!(app.projector(), "200 columns are a projector");
    let screen = render(&app);
    assert_snapshot!("projector_reveal_200x50", screen);
    let bar = longest_bar(&screen);
    assert!(bar * 100 >= 200 * 70, "the longest bar spans {bar} of 200 columns:\n{screen}");
    // The counts in block digits: three rows of half blocks, not "2 (67%)" at body size.
    assert!(!screen.contains("2 (67%)"), "{screen}");
    // The question and the step's instruction are on screen.
    let question = app.packs[0].dilemmas[0].question.to_string();
    assert!(screen.contains(question.trim()), "{screen}");
    assert!(screen.contains("Onthul de verdeling"), "{screen}");
}

#[test]
fn before_and_after_on_a_projector() {
    let mut app = revealed(240, 67);
    press(&mut app, [Action::Enter]);
    for pick in [2, 2, 1] {
        press(&mut app, [Action::Enter, Action::Pick(pick)]);
    }
    press(&mut app, [Action::Enter]);
    let screen = render(&app);
    assert_snapshot!("projector_before_after_240x67", screen);
    assert!(screen.contains("Voor en na"), "{screen}");
    assert!(screen.contains("voor") && screen.contains("na"), "{screen}");
}

#[test]
fn text_stands_in_a_readable_column_on_a_projector() {
    let mut app = app_with(Lang::Nl, 200, 50);
    app.today = "2026-11-23".into();
    setup_session(&mut app, 3, "", 0, false, &[0]);
    press(&mut app, [Action::Enter]);
    let screen = render(&app);
    assert_snapshot!("projector_case_200x50", screen);
    // No line of the case runs wider than the column (plus its scrollbar).
    let case = app.packs[0].dilemmas[0].case.to_string();
    let word = case.split_whitespace().nth(3).expect("a word");
    for line in screen.lines().filter(|l| l.contains(word)) {
        let text = line.trim();
        assert!(text.chars().count() <= 92, "{} columns: {text}", text.chars().count());
    }
}

#[test]
fn the_facilitator_can_switch_projector_mode() {
    let mut app = revealed(120, 35);
    assert!(!app.projector());
    press(&mut app, [Action::ToggleBeamer]);
    assert_eq!(app.beamer, Beamer::On);
    assert!(app.projector());
    let on = render(&app);
    assert!(longest_bar(&on) * 2 >= 100, "half the width at least:\n{on}");
    press(&mut app, [Action::ToggleBeamer]);
    assert!(!app.projector());
    // `--beamer` starts it on whatever the width.
    let mut app = revealed(100, 35);
    app.beamer = Beamer::On;
    assert!(render(&app).contains("Onthul de verdeling"));
}

#[test]
fn phones_and_votes_in_block_digits_on_a_projector() {
    use wikken::phone::PhoneEvent;
    let mut app = app_with(Lang::Nl, 200, 50);
    app.today = "2026-11-23".into();
    setup_session(&mut app, 6, "", 2, false, &[0]);
    press(&mut app, [Action::Enter]);
    press(
        &mut app,
        [Action::PhonesReady {
            url: "http://192.168.178.23:48213/j/K7QF3M".into(),
            code: "K7QF3M".into(),
        }],
    );
    press(
        &mut app,
        (0..7).map(|phone| Action::Phone(PhoneEvent::Joined { phone, late_for: None })),
    );
    // From the join screen to the case, then to the vote.
    press(&mut app, [Action::Enter, Action::Enter]);
    let screen = render(&app);
    assert!(screen.contains("telefoons") && screen.contains("stemmen"), "{screen}");
    assert!(screen.contains("deelnemers verwacht"), "{screen}");
    // 7 phones for 6 participants: the warning stands on screen before any reveal.
    assert!(screen.contains("Let op: 7 telefoons voor 6 deelnemers"), "{screen}");
    let band: Vec<&str> = screen.lines().filter(|l| l.contains('▀') || l.contains('█')).collect();
    assert!(band.len() >= 3, "the counts in block digits:\n{screen}");
    assert_snapshot!("projector_phones_200x50", screen);
}
