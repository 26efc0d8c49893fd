//! The update logic without a terminal: what each key does to the state and which effects
//! it asks for.

mod common;

use common::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wikken::tui::{Action, Confirm, Effect, Field, Overlay, PoolState, Screen, action_for};

fn open_first_dilemma(app: &mut wikken::tui::App) {
    press(app, [Action::Enter, Action::Enter]);
    assert!(matches!(app.screen(), Screen::Dilemma(_)));
}

#[test]
fn saved_choice_is_the_option_id_not_its_position() {
    let mut app = app();
    open_first_dilemma(&mut app);
    let order = app.option_order(0, 0);
    assert_ne!(order, vec![0, 1, 2], "seed 42 shuffles this dilemma; pick another seed if not");
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "Omdat.");
    let effects = press_raw(&mut app, Action::Submit);
    let expected = app.packs[0].dilemmas[0].options[order[0]].id.value.clone();
    match effects.as_slice() {
        [Effect::SaveAnswer(draft)] => {
            assert_eq!(draft.choice, expected);
            assert_eq!(draft.reasoning, "Omdat.");
            assert_eq!(
                (draft.pack.as_str(), draft.pack_version, draft.dilemma.as_str()),
                ("oefen", 1, "te-laat")
            );
        }
        other => panic!("expected one save, got {other:?}"),
    }
}

#[test]
fn option_order_is_stable_per_person_and_differs_between_people() {
    let a = app();
    assert_eq!(a.option_order(0, 0), a.option_order(0, 0));
    let orders: std::collections::HashSet<Vec<usize>> = (0..20u64)
        .map(|seed| {
            let mut other = app();
            other.order_seed = seed;
            other.option_order(0, 0)
        })
        .collect();
    assert!(orders.len() > 1, "every seed gave the same order");
}

#[test]
fn the_trainers_generator_is_seeded_from_the_os_not_from_the_participant() {
    use rand::Rng as _;
    // Same participant (same order seed), two starts: "verras me", shared reasoning and a
    // session's written order must not be predictable from the participant's id. Two equal
    // OS-seeded 64-bit draws happen with chance 2^-64.
    let new = || {
        wikken::tui::App::new(
            wikken::i18n::Lang::Nl.ui(),
            wikken::tui::Theme::PLAIN,
            vec![fixture_pack()],
            Vec::new(),
            42,
            wikken::tui::Size { width: 80, height: 24 },
        )
    };
    let (mut a, mut b) = (new(), new());
    assert_ne!(a.rng.next_u64(), b.rng.next_u64());
    assert_eq!(a.option_order(0, 0), b.option_order(0, 0), "the werkwijze order stays derived");
}

#[test]
fn enter_on_the_dilemma_first_shows_the_werkwijzen() {
    // At 80x16 the first werkwijze starts below the fold.
    let mut app = app_with(wikken::i18n::Lang::Nl, 80, 16);
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Enter]);
    let Screen::Dilemma(s) = app.screen() else { panic!("still on the dilemma") };
    assert!(s.scroll > 0, "scrolled to the werkwijzen");
    press(&mut app, [Action::Enter]);
    assert!(matches!(app.screen(), Screen::Reasoning(_)));
}

#[test]
fn screen_does_not_move_on_until_the_answer_is_saved() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(2)]);
    type_text(&mut app, "Tekst");
    let effects = press_raw(&mut app, Action::Submit);
    assert_eq!(effects.len(), 1);
    let Screen::Reasoning(r) = app.screen() else { panic!("reasoning until saved") };
    assert!(r.saving);
    // Keys wait while saving.
    press_raw(&mut app, Action::Back);
    assert!(matches!(app.screen(), Screen::Reasoning(_)));
    perform(&mut app, effects);
    assert!(matches!(app.screen(), Screen::Spiegel(_)));
    assert_eq!(app.answers.len(), 1);
    // Back from the spiegel returns to the pack, not to the answered dilemma.
    press(&mut app, [Action::Back]);
    assert!(matches!(app.screen(), Screen::Pack(_)));
}

#[test]
fn failed_save_keeps_the_text_and_says_why() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "Belangrijk");
    press_raw(&mut app, Action::Submit);
    press(&mut app, [Action::SaveFailed("schijf vol".into())]);
    let Screen::Reasoning(r) = app.screen() else { panic!("stays") };
    assert!(!r.saving);
    assert_eq!(r.text(), "Belangrijk");
    assert!(r.error.as_deref().is_some_and(|e| e.contains("schijf vol")));
    assert!(app.answers.is_empty());
}

#[test]
fn empty_reasoning_asks_once_then_saves() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    assert!(press_raw(&mut app, Action::Submit).is_empty());
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::EmptyReasoning)));
    press(&mut app, [Action::No]);
    assert_eq!(app.overlay, None);
    press_raw(&mut app, Action::Submit);
    let effects = press_raw(&mut app, Action::Yes);
    assert!(matches!(effects.as_slice(), [Effect::SaveAnswer(d)] if d.reasoning.is_empty()));
}

#[test]
fn leaving_or_quitting_with_typed_text_asks_first() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "x");
    press(&mut app, [Action::Back]);
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::Discard)));
    press(&mut app, [Action::No]);
    assert!(matches!(app.screen(), Screen::Reasoning(_)));
    press(&mut app, [Action::Quit]);
    assert_eq!(app.overlay, Some(Overlay::Confirm(Confirm::Quit)));
    press(&mut app, [Action::No]);
    assert!(!app.quit);
    press(&mut app, [Action::Quit, Action::Yes]);
    assert!(app.quit);
}

#[test]
fn quitting_without_typed_text_does_not_ask() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Quit]);
    assert!(app.quit);
}

#[test]
fn confidence_and_share_fields() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1), Action::NextField, Action::Right, Action::Right]);
    let Screen::Reasoning(r) = app.screen() else { panic!() };
    assert_eq!((r.focus, r.confidence), (Field::Confidence, Some(2)));
    press(&mut app, [Action::Pick(5), Action::Right, Action::NextField, Action::Toggle]);
    let Screen::Reasoning(r) = app.screen() else { panic!() };
    assert_eq!((r.confidence, r.share, r.focus), (Some(5), true, Field::Share));
    press(&mut app, [Action::PrevField, Action::Pick(0)]);
    let Screen::Reasoning(r) = app.screen() else { panic!() };
    assert_eq!(r.confidence, None);
}

#[test]
fn keys_in_the_editor_are_text_not_commands() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    let q = ratatui::crossterm::event::Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
    ));
    assert!(matches!(action_for(&app, &q), Some(Action::Edit(_))));
    let ctrl_s = ratatui::crossterm::event::Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    ));
    assert!(matches!(action_for(&app, &ctrl_s), Some(Action::Submit)));
    press(&mut app, [Action::Back]);
    assert!(matches!(action_for(&app, &q), Some(Action::Quit)));
}

#[test]
fn one_revision_only_and_same_choice_is_no_revision() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "a");
    press(&mut app, [Action::Submit, Action::Revise]);
    // Choosing the same werkwijze again changes nothing.
    assert!(press_raw(&mut app, Action::Pick(1)).is_empty());
    press(&mut app, [Action::Revise]);
    let effects = press_raw(&mut app, Action::Pick(2));
    assert!(matches!(effects.as_slice(), [Effect::SaveRevision { .. }]));
    perform(&mut app, effects);
    let first = app.packs[0].dilemmas[0].options[app.option_order(0, 0)[0]].id.value.clone();
    let second = app.packs[0].dilemmas[0].options[app.option_order(0, 0)[1]].id.value.clone();
    assert_eq!(app.answers[0].first.choice, first);
    assert_eq!(app.answers[0].revised.as_deref(), Some(second.as_str()));
    press(&mut app, [Action::Revise]);
    let Screen::Spiegel(s) = app.screen() else { panic!() };
    assert_eq!(s.revising, None, "a second revision is not offered");
    // The pool counts the revision in place: still one participant.
    let PoolState::Ready(tally) = &app.pool else { panic!() };
    let d = tally.distribution("oefen", 1, "te-laat");
    assert_eq!(d.participants, 1);
    assert_eq!(d.after.get(&second), Some(&1));
}

#[test]
fn surprise_picks_an_unanswered_dilemma() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "a");
    press(&mut app, [Action::Submit, Action::Back, Action::Back]);
    for _ in 0..10 {
        press(&mut app, [Action::Surprise]);
        let Screen::Dilemma(s) = app.screen() else { panic!("a dilemma") };
        assert_eq!(s.dilemma, 1, "only the unanswered dilemma");
        press(&mut app, [Action::Back]);
    }
}

#[test]
fn next_from_the_spiegel_opens_the_next_unanswered_dilemma() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "a");
    press(&mut app, [Action::Submit, Action::Next]);
    let Screen::Dilemma(s) = app.screen() else { panic!("a dilemma") };
    assert_eq!(s.dilemma, 1);
}

#[test]
fn theme_filter_cycles_through_themes_and_back_to_all() {
    let mut app = app();
    press(&mut app, [Action::Enter]);
    let themes = |app: &wikken::tui::App| match app.screen() {
        Screen::Pack(p) => p.theme.clone(),
        _ => panic!("pack"),
    };
    press(&mut app, [Action::Theme]);
    assert_eq!(themes(&app).as_deref(), Some("regels en ruimte"));
    assert_eq!(app.visible_dilemmas(0, Some("regels en ruimte")), vec![0]);
    press(&mut app, [Action::Theme]);
    assert_eq!(themes(&app).as_deref(), Some("vertrouwen"));
    press(&mut app, [Action::Theme]);
    assert_eq!(themes(&app), None);
}

#[test]
fn resize_keeps_scroll_within_the_document() {
    let mut app = app_with(wikken::i18n::Lang::Nl, 80, 24);
    open_first_dilemma(&mut app);
    press(&mut app, [wikken::tui::Action::Last]);
    press(&mut app, [Action::Resize(160, 60)]);
    let Screen::Dilemma(s) = app.screen() else { panic!() };
    assert_eq!(s.scroll, 0, "everything fits at 160x60");
    assert!(render(&app).contains("Werkwijzen"));
}

#[test]
fn home_never_pops_and_help_closes_on_any_key() {
    let mut app = app();
    press(&mut app, [Action::Back, Action::Back]);
    assert!(matches!(app.screen(), Screen::Home(_)));
    press(&mut app, [Action::Help]);
    assert_eq!(app.overlay, Some(Overlay::Help));
    press(&mut app, [Action::CloseOverlay]);
    assert_eq!(app.overlay, None);
}

#[test]
fn a_opens_my_answers_from_every_screen_outside_an_editor() {
    use ratatui::crossterm::event::Event;
    let a = Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE));
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "x");
    // In the editor `a` is text.
    assert!(matches!(action_for(&app, &a), Some(Action::Edit(_))));
    press(&mut app, [Action::Submit]);
    // Home, pack, dilemma, spiegel, one answer: `a` opens the list, Esc comes back.
    let mut screens = 0;
    for path in [
        vec![],
        vec![Action::Enter],
        vec![Action::Enter, Action::Enter],
        vec![Action::Enter, Action::Enter, Action::Pick(1), Action::NextField],
        vec![Action::History, Action::Enter],
    ] {
        let mut app = app_with_answer();
        press(&mut app, path);
        let before = std::mem::discriminant(app.screen());
        let action = action_for(&app, &a).expect("a means something");
        assert!(matches!(action, Action::History), "{action:?}");
        press(&mut app, [action]);
        assert!(matches!(app.screen(), Screen::History(_)), "{:?}", app.screen());
        press(&mut app, [Action::Back]);
        assert_eq!(std::mem::discriminant(app.screen()), before, "Esc returns");
        screens += 1;
    }
    assert_eq!(screens, 5);
    // The reasoning typed before `a` is still there after coming back.
    let mut app = app_with_answer();
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(2)]);
    type_text(&mut app, "Nog niet klaar");
    press(&mut app, [Action::NextField, Action::History, Action::Back]);
    let Screen::Reasoning(r) = app.screen() else { panic!("back in the reasoning") };
    assert_eq!(r.text(), "Nog niet klaar");
    // `o` and `m` likewise: my development and the dilemma of the month.
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let app = app_with_answer();
    assert!(matches!(action_for(&app, &key('o')), Some(Action::Development)));
    assert!(matches!(action_for(&app, &key('m')), Some(Action::Month)));
    // Never over a session: the shared screen shows no one's own answers.
    let mut app = app_with_answer();
    press(&mut app, [Action::StartSession, Action::History, Action::Development, Action::Month]);
    assert!(matches!(app.screen(), Screen::SessionSetup(_)));
}

/// The fixture app with one answer given and back on the home screen.
fn app_with_answer() -> wikken::tui::App {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "x");
    press(&mut app, [Action::Submit, Action::Back, Action::Back]);
    assert!(matches!(app.screen(), Screen::Home(_)));
    app
}

#[test]
fn a_save_under_way_is_shown_until_the_worker_answers() {
    let mut app = app();
    open_first_dilemma(&mut app);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "Omdat.");
    let effects = press_raw(&mut app, Action::Submit);
    assert_eq!(effects.len(), 1);
    assert!(app.saves.busy());
    assert!(render(&app).lines().next().unwrap_or_default().contains("wordt bewaard…"));
    // The worker's answer: the journal has it; the pool comes next, also on the worker.
    perform(&mut app, effects);
    assert!(!app.saves.busy(), "every save was answered");
    assert!(matches!(app.screen(), Screen::Spiegel(_)));
    assert!(!render(&app).contains("wordt bewaard"));
}
