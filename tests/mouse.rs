//! Clicks: a click selects the row or werkwijze it lands on and a second click opens it; a
//! voter clicks a werkwijze on the ballot; the set-up's fields, agenda and start button take
//! clicks. Rendered on a TestBackend, so the targets are where the person sees them.

mod common;

use common::*;
use wikken::tui::{Action, App, Screen, SetupRow};

/// The first cell (column, row) of the screen showing `text`.
fn at(app: &App, text: &str) -> (u16, u16) {
    let screen = render(app);
    for (y, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(text) {
            let x = line[..byte].chars().count();
            return (x as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen:\n{screen}");
}

/// Clicks on `text` where it is drawn now.
fn click(app: &mut App, text: &str) {
    let (x, y) = at(app, text);
    let action = app.click(x, y).unwrap_or_else(|| panic!("nothing to click at {text:?}"));
    press(app, [action]);
}

#[test]
fn a_click_selects_and_a_second_click_opens() {
    let mut app = app();
    click(&mut app, "Mijn ontwikkeling");
    assert!(matches!(app.screen(), Screen::Home(_)), "the first click only selects");
    assert!(render(&app).lines().any(|l| l.contains('▶') && l.contains("Mijn ontwikkeling")));
    click(&mut app, "Mijn ontwikkeling");
    assert!(matches!(app.screen(), Screen::Development(_)));
    press(&mut app, [Action::Back]);
    // A pack, then its second dilemma, then a werkwijze.
    click(&mut app, "Oefenpack");
    click(&mut app, "Oefenpack");
    assert!(matches!(app.screen(), Screen::Pack(_)));
    let second = app.packs[0].dilemmas[1].title.to_string();
    click(&mut app, &second);
    click(&mut app, &second);
    assert!(matches!(app.screen(), Screen::Dilemma(_)));
    press(&mut app, [Action::PageDown, Action::PageDown]);
    let Screen::Dilemma(s) = app.screen() else { panic!("dilemma") };
    let d = &app.packs[s.pack].dilemmas[s.dilemma];
    let title = d.options[s.order[1]].title.to_string();
    click(&mut app, &title);
    let Screen::Dilemma(s) = app.screen() else { panic!("still the dilemma") };
    assert_eq!(s.selected, 1, "the clicked werkwijze is selected");
    click(&mut app, &title);
    assert!(matches!(app.screen(), Screen::Reasoning(_)), "a second click chooses it");
}

#[test]
fn the_setup_and_the_ballot_take_clicks() {
    let mut app = app();
    press(&mut app, [Action::StartSession]);
    let first = app.packs[0].dilemmas[0].title.to_string();
    click(&mut app, &first);
    assert!(render(&app).contains("[1]"), "a click ticks the dilemma:\n{}", render(&app));
    click(&mut app, "Deelnemers");
    assert_eq!(setup_row(&app), SetupRow::Participants);
    click(&mut app, "Start de sessie");
    assert!(matches!(app.screen(), Screen::Session(_)), "a click starts");
    // Case → the hand-over → the ballot: the voter clicks werkwijze 2.
    press(&mut app, [Action::Enter, Action::Enter, Action::Enter]);
    assert!(render(&app).contains("Niemand anders ziet je keuze"), "{}", render(&app));
    let werkwijze = app.packs[0].dilemmas[0].options[1].title.to_string();
    click(&mut app, &werkwijze);
    let Screen::Session(s) = app.screen() else { panic!("session") };
    assert_eq!(s.session.progress().0, 1, "one vote cast by the click");
}

#[test]
fn no_click_goes_through_a_question() {
    let mut app = app();
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
    type_text(&mut app, "Omdat.");
    press(&mut app, [Action::Quit]);
    let (x, y) = (5, 5);
    let _ = render(&app);
    let event = ratatui::crossterm::event::Event::Mouse(ratatui::crossterm::event::MouseEvent {
        kind: ratatui::crossterm::event::MouseEventKind::Down(
            ratatui::crossterm::event::MouseButton::Left,
        ),
        column: x,
        row: y,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    });
    assert!(wikken::tui::action_for(&app, &event).is_none());
}
