//! The key table: no key means two things in one place, every key a footer names does
//! what it says on that screen, and the help lists every binding.

mod common;

use common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use wikken::i18n::Lang;
use wikken::tui::keys::{self, ALL_PLACES, Binding, Does, Key};
use wikken::tui::{Action, App, Screen, action_for};

/// Every key a person can press that the table could mean: printable ASCII, the named keys,
/// F1–F12 and Ctrl with a letter.
fn every_key() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> =
        (' '..='~').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)).collect();
    for code in [
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
    ] {
        keys.push(KeyEvent::new(code, KeyModifiers::NONE));
    }
    keys.extend((1..=12).map(|n| KeyEvent::new(KeyCode::F(n), KeyModifiers::NONE)));
    keys.extend(('a'..='z').map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    keys
}

#[test]
fn no_key_means_two_things_in_one_place() {
    for lang in [Lang::Nl, Lang::En] {
        let ui = lang.ui();
        for place in ALL_PLACES {
            let bindings: Vec<&Binding> = keys::layers(place)
                .into_iter()
                .flat_map(|p| keys::table(p).iter())
                .filter(|b| !matches!(b.does, Does::Edit))
                .collect();
            for key in every_key() {
                let taking: Vec<String> = bindings
                    .iter()
                    .filter(|b| b.action(key, ui).is_some())
                    .map(|b| b.entry(ui))
                    .collect();
                assert!(taking.len() <= 1, "{place:?}: {key:?} is bound by {taking:?}");
            }
        }
    }
}

/// A key the binding names (its first), as pressed.
fn press_of(binding: &Binding, app: &App) -> KeyEvent {
    let key = binding
        .keys
        .iter()
        .find(|k| !matches!(k, Key::Alias(_) | Key::Text))
        .unwrap_or_else(|| panic!("{binding:?} names no key"));
    match *key {
        Key::Show(code) => KeyEvent::new(code, KeyModifiers::NONE),
        Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
        Key::Digits(from, _) => {
            KeyEvent::new(KeyCode::Char(char::from(b'0' + from)), KeyModifiers::NONE)
        }
        Key::Yes => KeyEvent::new(KeyCode::Char(app.ui.yes_keys[0]), KeyModifiers::NONE),
        Key::No => KeyEvent::new(KeyCode::Char(app.ui.no_keys[0]), KeyModifiers::NONE),
        Key::Alias(_) | Key::Text => unreachable!(),
    }
}

/// Each named key of a binding, as pressed.
fn presses_of(binding: &Binding, app: &App) -> Vec<KeyEvent> {
    binding
        .keys
        .iter()
        .filter(|k| !matches!(k, Key::Alias(_) | Key::Text))
        .map(|k| {
            let single = Binding { keys: std::slice::from_ref(k), ..binding.clone() };
            press_of(&single, app)
        })
        .collect()
}

/// What can be seen of a press: the screen, whether it quit, and the effects it asked for.
fn outcome(app: &mut App, key: KeyEvent) -> (String, bool, usize) {
    let Some(action) = action_for(app, &Event::Key(key)) else {
        return (render(app), app.quit, 0);
    };
    let effects = press_raw(app, action);
    (render(app), app.quit, effects.len())
}

/// A named way to reach a place: made afresh for every key tried there.
type Place = (&'static str, fn() -> App);

/// Places to stand.
fn places() -> Vec<Place> {
    fn session(telling: bool) -> App {
        let mut app = app();
        app.today = "2026-11-23".into();
        setup_session(&mut app, 3, "", usize::from(telling), false, &[0]);
        press(&mut app, [Action::Enter]);
        assert!(matches!(app.screen(), Screen::Session(_)));
        app
    }
    fn voted() -> App {
        let mut app = session(false);
        press(&mut app, [Action::Enter]);
        for pick in [1, 2, 1] {
            press(&mut app, [Action::Enter, Action::Pick(pick)]);
        }
        app
    }
    fn spiegel() -> App {
        let mut app = app();
        press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
        type_text(&mut app, "Omdat.");
        press(&mut app, [Action::Submit]);
        assert!(matches!(app.screen(), Screen::Spiegel(_)));
        app
    }
    vec![
        ("home", app),
        ("pack", || {
            let mut app = app();
            press(&mut app, [Action::Enter]);
            app
        }),
        ("dilemma", || {
            let mut app = app();
            press(&mut app, [Action::Enter, Action::Enter]);
            app
        }),
        ("editor", || {
            let mut app = app();
            press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
            type_text(&mut app, "Omdat.");
            app
        }),
        ("confidence", || {
            let mut app = app();
            press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1), Action::NextField]);
            app
        }),
        ("share", || {
            let mut app = app();
            press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
            press(&mut app, [Action::NextField, Action::NextField]);
            app
        }),
        ("spiegel", spiegel),
        ("revising", || {
            let mut app = spiegel();
            press(&mut app, [Action::Revise]);
            app
        }),
        ("history", || {
            let mut app = spiegel();
            press(&mut app, [Action::Next, Action::Pick(1)]);
            press(&mut app, [Action::Submit, Action::Yes, Action::History]);
            assert_eq!(app.answers.len(), 2);
            app
        }),
        ("answer", || {
            let mut app = spiegel();
            press(&mut app, [Action::History, Action::Enter]);
            app
        }),
        ("development", || {
            let mut app = spiegel();
            press(&mut app, [Action::Development]);
            app
        }),
        ("question", || {
            let mut app = app();
            press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
            type_text(&mut app, "Omdat.");
            press(&mut app, [Action::Quit]);
            app
        }),
        ("help", || {
            let mut app = app();
            press(&mut app, [Action::Help]);
            app
        }),
        ("setup", || {
            let mut app = app();
            press(&mut app, [Action::StartSession]);
            app
        }),
        ("stage", || session(false)),
        ("handover", || {
            let mut app = session(false);
            press(&mut app, [Action::Enter]);
            app
        }),
        ("ballot", || {
            let mut app = session(false);
            press(&mut app, [Action::Enter, Action::Enter]);
            app
        }),
        ("voted", voted),
        ("reveal", || {
            let mut app = voted();
            press(&mut app, [Action::Enter]);
            app
        }),
        ("tally", || {
            let mut app = session(true);
            press(&mut app, [Action::Enter]);
            app
        }),
        ("notes", || {
            let mut app = voted();
            press(&mut app, [Action::Enter, Action::EditNotes]);
            app
        }),
        ("redo", || {
            let mut app = voted();
            press(&mut app, [Action::Redo]);
            app
        }),
    ]
}

#[test]
fn every_key_a_footer_names_works_there() {
    for (name, make) in places() {
        let app = make();
        let named = keys::footer_bindings(&app, usize::from(app.size.width) - 1);
        assert!(!named.is_empty(), "{name}: an empty footer");
        for binding in named {
            // The key the footer names reaches this binding (nothing earlier shadows it)…
            let key = press_of(binding, &app);
            let got = action_for(&app, &Event::Key(key));
            let own = binding.action(key, app.ui);
            assert_eq!(format!("{got:?}"), format!("{own:?}"), "{name}: {}", binding.entry(app.ui));
            // …and one of its keys changes what is on screen, quits or saves.
            let worked = presses_of(binding, &app).into_iter().any(|key| {
                let mut before = make();
                let seen = render(&before);
                let (after, quit, effects) = outcome(&mut before, key);
                after != seen || quit || effects > 0
            });
            assert!(worked, "{name}: '{}' does nothing\n{}", binding.entry(app.ui), render(&app));
        }
    }
}

#[test]
fn the_help_lists_every_binding_of_every_place() {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = app_with(lang, 80, 24);
        press(&mut app, [Action::Help]);
        let doc = wikken::tui::widgets::overlay::help_document(&app, 74);
        let text: Vec<String> = doc
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
            .collect();
        for place in ALL_PLACES {
            assert!(text.iter().any(|l| l.contains(place.heading(lang))), "{place:?} missing");
            for b in keys::table(place).iter().filter(|b| !matches!(b.does, Does::Edit)) {
                let (caption, label) = (b.caption(app.ui), b.label.text(lang));
                assert!(
                    text.iter().any(|l| l.contains(&caption) && l.contains(label)),
                    "{lang:?} {place:?}: {caption} {label} not in the help"
                );
            }
        }
    }
}

#[test]
fn footers_at_80x24_keep_what_a_newcomer_needs() {
    // Rank 1 keys are the ones a newcomer needs; at 80 columns every place shows them all.
    for (name, make) in places() {
        let app = make();
        let named = keys::footer_bindings(&app, 79);
        for b in keys::current(&app).into_iter().filter(|b| b.rank == 1) {
            assert!(
                named.iter().any(|n| std::ptr::eq(*n, b)),
                "{name}: '{}' dropped from the footer at 80 columns",
                b.entry(app.ui)
            );
        }
    }
}
