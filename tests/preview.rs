//! The preview's state without a terminal: reloads keep every screen on its dilemma, a
//! broken save keeps the last good version and lists its problems with line:col, the
//! spiegel shows a sample chart marked "voorbeeld", and no key asks the loop to write.

mod common;

use common::render;
use wikken::i18n::Lang;
use wikken::pack::check_text;
use wikken::tui::{Action, App, Screen, Theme, preview, update};

const OEFEN: &str = include_str!("packs/tui/oefen.ron");

fn preview_app() -> App {
    let mut app = preview::app(Lang::Nl.ui(), Theme::PLAIN, "oefen.ron".into());
    update(&mut app, Action::Resize(100, 32));
    load(&mut app, OEFEN);
    app
}

fn load(app: &mut App, text: &str) {
    assert!(update(app, Action::PreviewLoaded(Box::new(check_text(text)))).is_empty());
}

/// Every action a trainer might press in the preview: none asks for an effect.
fn press(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        let label = format!("{action:?}");
        assert!(update(app, action).is_empty(), "{label} asked the preview to write");
    }
}

fn shown_dilemma(app: &App) -> String {
    let d = match app.screen() {
        Screen::Dilemma(s) => s.dilemma,
        Screen::Spiegel(s) => s.dilemma,
        other => panic!("no dilemma on screen: {other:?}"),
    };
    app.packs[0].dilemmas[d].id.value.clone()
}

#[test]
fn a_reload_stays_on_the_same_dilemma_even_when_the_dilemmas_move() {
    let mut app = preview_app();
    press(&mut app, [Action::Down, Action::Enter]);
    assert_eq!(shown_dilemma(&app), "huisbezoek");
    press(&mut app, [Action::Pick(2)]);
    assert!(matches!(app.screen(), Screen::Spiegel(_)));

    // The author moves "huisbezoek" to the front and adds a werkwijze to it.
    let pack = check_text(OEFEN).pack.expect("fixture");
    let first = &pack.dilemmas[0];
    let start = OEFEN.find("        Dilemma(\n            id: \"te-laat\"").expect("first");
    let second = OEFEN.find("        Dilemma(\n            id: \"huisbezoek\"").expect("second");
    let end = OEFEN.rfind("    ],\n)").expect("end");
    let moved = format!(
        "{}{}{}{}",
        &OEFEN[..start],
        &OEFEN[second..end],
        &OEFEN[start..second],
        &OEFEN[end..]
    );
    load(&mut app, &moved);
    assert_eq!(app.packs[0].dilemmas[0].id.as_str(), "huisbezoek");
    assert_eq!(shown_dilemma(&app), "huisbezoek", "the spiegel follows its dilemma");
    press(&mut app, [Action::Back]);
    assert_eq!(shown_dilemma(&app), "huisbezoek", "and so does the dilemma below it");
    assert_ne!(first.id.as_str(), "huisbezoek");
}

#[test]
fn a_broken_save_keeps_the_last_good_version_and_lists_its_problems() {
    let mut app = preview_app();
    press(&mut app, [Action::Enter]);
    let before = render(&app);
    let broken = OEFEN.replacen("title: \"Oefenpack\"", "title: “Oefenpack”", 1);
    load(&mut app, &broken);
    let screen = render(&app);
    assert!(screen.contains("De aanvraag die te laat kwam"), "{screen}");
    assert!(screen.contains("laatste versie die wel laadde"), "{screen}");
    let diag = &check_text(&broken).diagnostics[0];
    assert!(screen.contains(&format!("{}:{} fout:", diag.pos.line, diag.pos.col)), "{screen}");
    load(&mut app, OEFEN);
    assert_eq!(render(&app), before, "the fixed file looks as before");
}

#[test]
fn the_spiegel_marks_its_chart_as_a_sample_and_records_nothing() {
    let mut app = preview_app();
    press(&mut app, [Action::Enter, Action::Pick(1)]);
    let screen = render(&app);
    assert!(screen.contains("VOORBEELD"), "{screen}");
    assert!(screen.contains("geen echte antwoorden"), "{screen}");
    assert!(screen.contains("wordt niets bewaard"), "{screen}");
    // Choosing again, the next dilemma, surprise: all in memory.
    press(&mut app, [Action::Revise, Action::Pick(2), Action::Next, Action::Surprise]);
    assert!(app.answers.is_empty(), "the preview has no journal");
}

#[test]
fn werkwijzen_are_in_file_order_in_the_preview() {
    let app = preview_app();
    assert_eq!(app.option_order(0, 0), [0, 1, 2]);
}
