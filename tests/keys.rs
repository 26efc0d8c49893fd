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
        for place in ALL_PLACES.into_iter().chain(keys::BEWERK_PLACES) {
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

// The form editor (`wikken bewerk`): its own places in the same table.

fn editor() -> wikken::tui::bewerk::State {
    editor_of(&wikken::pack::starter_pack("p"))
}

fn editor_of(text: &str) -> wikken::tui::bewerk::State {
    let (pack, comments) = wikken::pack::read_with_comments(text).expect("pack reads");
    wikken::tui::bewerk::State::new(
        Lang::Nl,
        wikken::tui::Theme::PLAIN,
        "p.ron".into(),
        text,
        pack,
        comments,
        "2026-12-07".into(),
    )
}

fn render_editor(state: &wikken::tui::bewerk::State) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| wikken::tui::bewerk::view::render(state, f.area(), f.buffer_mut()))
        .expect("draw");
    format!("{:?}", terminal.backend().buffer())
}

type EditorPlace = (&'static str, fn() -> wikken::tui::bewerk::State);

/// Places to stand in the editor.
fn editor_places() -> Vec<EditorPlace> {
    use wikken::tui::bewerk::{Cursor, Item, update};
    fn at(item: Item, field: &'static str, open: bool) -> wikken::tui::bewerk::State {
        let mut state = editor();
        state.cursor = Cursor { item, field: Some(field) };
        if open {
            update(&mut state, Action::Enter);
        }
        state
    }
    vec![
        ("outline", editor),
        ("outline on a dilemma", || at(Item::Dilemma(0), "title", false)),
        ("one-line text", || at(Item::Dilemma(0), "title", true)),
        ("text", || at(Item::Dilemma(0), "case", true)),
        ("picker", || at(Item::Note(0, None, 0), "sources", true)),
        ("question", || {
            let mut state = at(Item::Dilemma(0), "title", false);
            update(&mut state, Action::Remove);
            state
        }),
        ("save question", || {
            let text = wikken::pack::starter_pack("p").replacen(
                "license: Some(",
                "license: Some(/* ? */ ",
                1,
            );
            let mut state = editor_of(&text);
            update(&mut state, Action::Submit);
            state
        }),
        ("help", || {
            let mut state = editor();
            update(&mut state, Action::Help);
            state
        }),
    ]
}

/// Each named key of a binding, as pressed in the editor.
fn editor_presses(binding: &Binding, ui: &wikken::i18n::UiText) -> Vec<KeyEvent> {
    binding
        .keys
        .iter()
        .filter_map(|k| match *k {
            Key::Show(code) => Some(KeyEvent::new(code, KeyModifiers::NONE)),
            Key::Ctrl(c) => Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
            Key::Digits(from, _) => {
                Some(KeyEvent::new(KeyCode::Char(char::from(b'0' + from)), KeyModifiers::NONE))
            }
            Key::Yes => Some(KeyEvent::new(KeyCode::Char(ui.yes_keys[0]), KeyModifiers::NONE)),
            Key::No => Some(KeyEvent::new(KeyCode::Char(ui.no_keys[0]), KeyModifiers::NONE)),
            Key::Alias(_) | Key::Text => None,
        })
        .collect()
}

#[test]
fn every_key_an_editor_footer_names_works_there() {
    for (name, make) in editor_places() {
        let state = make();
        let place = wikken::tui::bewerk::place(&state);
        let named = keys::fitting(keys::table(place).iter().collect(), state.ui, 79);
        assert!(!named.is_empty(), "{name}: an empty footer");
        for binding in named {
            let presses = editor_presses(binding, state.ui);
            assert!(!presses.is_empty(), "{name}: {} names no key", binding.entry(state.ui));
            // The key the footer names reaches this binding…
            let got = wikken::tui::bewerk::action_for(&state, &Event::Key(presses[0]));
            let own = binding.action(presses[0], state.ui);
            assert_eq!(
                format!("{got:?}"),
                format!("{own:?}"),
                "{name}: {}",
                binding.entry(state.ui)
            );
            // …and one of its keys changes what is on screen, quits or saves.
            let worked = presses.into_iter().any(|key| {
                let mut state = make();
                let before = render_editor(&state);
                let Some(action) = wikken::tui::bewerk::action_for(&state, &Event::Key(key)) else {
                    return false;
                };
                let effects = wikken::tui::bewerk::update(&mut state, action);
                render_editor(&state) != before || state.quit || !effects.is_empty()
            });
            assert!(worked, "{name}: '{}' does nothing", binding.entry(state.ui));
        }
        // Rank 1 keys all fit at 80 columns.
        for b in keys::table(place).iter().filter(|b| b.rank == 1) {
            let named = keys::fitting(keys::table(place).iter().collect(), state.ui, 79);
            assert!(
                named.iter().any(|n| std::ptr::eq(*n, b)),
                "{name}: '{}' dropped from the footer at 80 columns",
                b.entry(state.ui)
            );
        }
    }
}

#[test]
fn the_editor_help_lists_every_binding_of_its_places() {
    for lang in [Lang::Nl, Lang::En] {
        let mut state = editor();
        state.ui = lang.ui();
        let doc = wikken::tui::bewerk::view::help_document(&state, 74);
        let text: Vec<String> = doc
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>())
            .collect();
        for place in keys::BEWERK_PLACES {
            assert!(text.iter().any(|l| l.contains(place.heading(lang))), "{place:?} missing");
            for b in keys::table(place).iter().filter(|b| !matches!(b.does, Does::Edit)) {
                let (caption, label) = (b.caption(state.ui), b.label.text(lang));
                assert!(
                    text.iter().any(|l| l.contains(&caption) && l.contains(label)),
                    "{lang:?} {place:?}: {caption} {label} not in the editor's help"
                );
            }
        }
    }
}
