//! Snapshots of every screen at 80×24 (TestBackend), driven through `update` the way a
//! person would: home, pack, dilemma, reasoning, the spiegel below and above the anonymity
//! threshold, the revision, my answers, one answer, help, confirmations, a small window.

mod common;

use common::*;
use insta::assert_snapshot;
use wikken::i18n::Lang;
use wikken::tui::Action;

/// The display number of a werkwijze id in the first dilemma.
fn number_of(app: &wikken::tui::App, id: &str) -> u8 {
    let d = &app.packs[0].dilemmas[0];
    let pos = app.option_order(0, 0).iter().position(|&i| d.options[i].id.as_str() == id);
    pos.expect("option") as u8 + 1
}

fn answer_first_dilemma(app: &mut wikken::tui::App, choice: &str, reasoning: &str) {
    let n = number_of(app, choice);
    press(app, [Action::Enter, Action::Enter, Action::Pick(n)]);
    type_text(app, reasoning);
    press(app, [Action::Submit]);
}

#[test]
fn home() {
    assert_snapshot!(render(&app()));
}

#[test]
fn home_in_english() {
    assert_snapshot!(render(&app_with(Lang::En, 80, 24)));
}

#[test]
fn pack_with_an_answered_dilemma() {
    let mut app = app();
    answer_first_dilemma(&mut app, "regel", "Gelijk is gelijk.");
    press(&mut app, [Action::Back]);
    assert_snapshot!(render(&app));
}

#[test]
fn pack_filtered_by_theme() {
    let mut app = app();
    press(&mut app, [Action::Enter, Action::Theme]);
    assert_snapshot!(render(&app));
}

#[test]
fn dilemma_top() {
    let mut app = app();
    press(&mut app, [Action::Enter, Action::Enter]);
    assert_snapshot!(render(&app));
}

#[test]
fn dilemma_werkwijzen_in_view() {
    let mut app = app();
    press(&mut app, [Action::Enter, Action::Enter, Action::Down]);
    assert_snapshot!(render(&app));
}

#[test]
fn reasoning_being_written() {
    let mut app = app();
    let n = number_of(&app, "clausule");
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(n)]);
    type_text(&mut app, "Hij lag in het ziekenhuis.\nDat is overmacht.");
    press(&mut app, [Action::NextField, Action::Pick(4), Action::NextField, Action::Toggle]);
    assert_snapshot!(render(&app));
}

#[test]
fn empty_reasoning_asks_once() {
    let mut app = app();
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1), Action::Submit]);
    assert_snapshot!(render(&app));
}

#[test]
fn spiegel_below_threshold() {
    let mut app = app();
    app.pool = pool_of(&colleagues(2, "te-laat", "overleg", None));
    answer_first_dilemma(&mut app, "clausule", "Overmacht telt.");
    assert_snapshot!(render(&app));
}

#[test]
fn spiegel_with_distribution_and_shared_reasoning() {
    let mut app = app();
    let mut records = colleagues(3, "te-laat", "overleg", Some("Samen staan we sterker"));
    records.extend(colleagues(2, "te-laat", "regel", None));
    app.pool = pool_of(&records);
    answer_first_dilemma(&mut app, "clausule", "Overmacht telt.");
    assert_snapshot!("spiegel_distribution_top", render(&app));
    press(&mut app, [Action::PageDown, Action::PageDown]);
    assert_snapshot!("spiegel_distribution_further", render(&app));
}

#[test]
fn spiegel_revision_picker_and_result() {
    let mut app = app();
    answer_first_dilemma(&mut app, "regel", "Gelijk is gelijk.");
    press(&mut app, [Action::Revise]);
    assert_snapshot!("spiegel_revision_picker", render(&app));
    let n = number_of(&app, "overleg");
    press(&mut app, [Action::Pick(n)]);
    assert_snapshot!("spiegel_revised", render(&app));
}

#[test]
fn my_answers_and_one_answer() {
    let mut app = app();
    answer_first_dilemma(&mut app, "regel", "Gelijk is gelijk.\nOok hier.");
    let n = number_of(&app, "overleg");
    press(&mut app, [Action::Revise, Action::Pick(n)]);
    press(&mut app, [Action::Back, Action::Back, Action::History]);
    assert_snapshot!("my_answers", render(&app));
    press(&mut app, [Action::Enter]);
    assert_snapshot!("one_answer", render(&app));
}

#[test]
fn help_overlay() {
    let mut app = app();
    press(&mut app, [Action::Help]);
    assert_snapshot!(render(&app));
}

#[test]
fn quit_with_unsaved_reasoning_asks() {
    let mut app = app();
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
    type_text(&mut app, "Bijna klaar");
    press(&mut app, [Action::Quit]);
    assert_snapshot!(render(&app));
}

#[test]
fn window_too_small() {
    let app = app_with(Lang::Nl, 50, 12);
    assert_snapshot!(render(&app));
}

#[test]
fn large_window_uses_the_space() {
    let mut app = app_with(Lang::Nl, 120, 35);
    press(&mut app, [Action::Enter, Action::Enter]);
    assert_snapshot!(render(&app));
}

/// The spiegel's notes stand under the heading of their kind: research only under "Wat
/// onderzoek zegt", practice under "Uit de praktijk", the law with the month it was checked.
#[test]
fn spiegel_groups_notes_by_kind_of_knowledge() {
    let mut app = app_with(Lang::Nl, 100, 80);
    answer_first_dilemma(&mut app, "clausule", "Overmacht telt.");
    let screen = render(&app);
    assert_snapshot!("spiegel_notes_by_kind", screen);
    let at = |text: &str| screen.find(text).unwrap_or_else(|| panic!("{text} not shown"));
    // Dilemma notes: each section holds its own kind, in the fixed order.
    let research = at("\n  Wat onderzoek zegt");
    let practice = at("\n  Uit de praktijk");
    let law = at("\n  Wet en regels (stand november 2026)");
    assert!(research < practice && practice < law);
    assert!((research..practice).contains(&at("Medewerkers missen houvast")));
    assert!((practice..law).contains(&at("Bestuurders vragen zich af")));
    assert!(law < at("Afwijken mag alleen binnen de verordening"));
    // A werkwijze's onderbouwing is grouped the same way, under the werkwijze.
    assert!(at("Wat cliënten zeggen") < at("Inwoners willen dat hun situatie"));
    assert!(at("Wet en regels (stand december 2026)") < at("De clausule is er voor"));
}

#[test]
fn spiegel_after_a_revision_shows_where_colleagues_ended_up() {
    let mut app = app();
    let mut records = colleagues(3, "te-laat", "overleg", None);
    records.extend(colleagues(3, "te-laat", "regel", None));
    // Two colleagues revised from the rule to consulting first.
    for r in records.iter_mut().filter(|r| r.first == "regel").take(2) {
        r.revised = Some("overleg".into());
    }
    app.pool = pool_of(&records);
    answer_first_dilemma(&mut app, "regel", "Gelijk is gelijk.");
    let n = number_of(&app, "clausule");
    press(&mut app, [Action::Revise, Action::Pick(n)]);
    let screen = render(&app);
    assert_snapshot!("spiegel_chart_after_revision", screen);
    // "◀ jij" on the werkwijze held now, the first choice marked apart.
    let own = screen.lines().find(|l| l.contains("◀ jij")).expect("own mark");
    assert!(own.contains("na herziening") && own.contains(" 1 (14%)"), "{screen}");
    let first = screen.lines().find(|l| l.contains("◁ jouw eerste keuze")).expect("first mark");
    assert!(first.contains("eerste keuze") && first.contains(" 4 (57%)"), "{screen}");
    assert!(screen.contains("▶ ") && screen.contains("▷ "), "{screen}");
}

#[test]
fn the_reasoning_editor_keeps_a_quote_with_its_word() {
    let mut app = app();
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
    // The opening quote falls in the last column of the editor's first row at 80×24.
    type_text(
        &mut app,
        "Hij zei tegen mij dat het allemaal wel goed zou komen en toen zei ik \"nee, dat \
         geloof ik niet\" tegen hem.",
    );
    let screen = render(&app);
    let rows: Vec<&str> = screen
        .lines()
        .filter_map(|l| l.trim().strip_prefix('┃'))
        .map(|l| l.trim_end_matches('┃').trim())
        .collect();
    assert!(rows.iter().all(|r| !r.ends_with(" \"")), "a lone quote ends a row:\n{screen}");
    assert!(rows.iter().any(|r| r.starts_with("\"nee,")), "{screen}");
}

#[test]
fn help_fits_80x24_in_both_languages() {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = app_with(lang, 80, 24);
        press(&mut app, [Action::Help]);
        let screen = render(&app);
        // The keys of this screen come first, each whole on one row.
        let sections = wikken::tui::keys::help(&app);
        let (place, here) = &sections[0];
        assert!(screen.contains(place.heading(lang)), "{screen}");
        for (key, text) in here {
            assert!(
                screen.lines().any(|l| l.contains(key.as_str()) && l.contains(text)),
                "{lang:?}: {key} {text} does not fit on its row:\n{screen}"
            );
        }
        // The rest scrolls into view; the closing line is at the end.
        press(&mut app, [Action::Last]);
        assert!(render(&app).contains(lang.ui().help_close), "{}", render(&app));
        if lang == Lang::En {
            assert_snapshot!("help_overlay_in_english", screen);
        }
    }
}

#[test]
fn verras_me_has_the_cursor_on_its_own_line() {
    let mut app = app();
    // Below the pack: the dilemma of the month, then Verras me, each on its own line.
    for entry in ["Dilemma van de maand", "Verras me"] {
        press(&mut app, [Action::Down]);
        let screen = render(&app);
        let cursor = screen.lines().find(|l| l.contains('▶')).expect("a cursor");
        assert!(cursor.contains(entry), "{screen}");
    }
}

#[test]
fn pack_list_shows_where_you_are() {
    let mut app = app_on(vec![long_pack(24)], Lang::Nl, 80, 24);
    press(&mut app, [Action::Enter]);
    for _ in 0..8 {
        press(&mut app, [Action::Down]);
    }
    let screen = render(&app);
    assert!(screen.contains("9 van 24"), "{screen}");
    assert_snapshot!("pack_position_80x24", screen);
}

#[test]
fn one_answer_names_the_pack_by_its_title() {
    let mut app = app();
    answer_first_dilemma(&mut app, "regel", "Gelijk is gelijk.");
    press(&mut app, [Action::History, Action::Enter]);
    let screen = render(&app);
    assert!(screen.contains("· Oefenpack"), "{screen}");
    assert!(!screen.contains("· oefen\n"), "{screen}");
}

#[test]
fn at_60x16_cut_text_ends_in_an_ellipsis() {
    let mut app = app_with(Lang::En, 60, 16);
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
    let screen = render(&app);
    let confidence = screen.lines().find(|l| l.contains("Confidence:")).expect("confidence");
    assert!(confidence.ends_with('…'), "{screen}");
    let home = render(&app_with(Lang::Nl, 60, 16));
    let surprise = home.lines().find(|l| l.contains("Verras me")).expect("verras me");
    assert!(surprise.ends_with('…'), "{home}");
}

#[test]
fn read_only_home_says_why_and_what_to_do() {
    let mut app = app();
    let why = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    app.read_only =
        Some(app.ui.read_only(std::path::Path::new("/home/anna/.local/share/wikken"), &why));
    let screen = render(&app);
    assert_snapshot!("home_read_only", screen);
    assert!(screen.contains("geen schrijfrechten"), "{screen}");
    press(&mut app, [Action::Enter, Action::Enter, Action::Pick(1)]);
    assert!(render(&app).contains("alleen-lezen"), "the mark stays on every screen");
}

/// An answer from the journal, given on `at` (a date).
fn journal_answer(
    dilemma: &str,
    choice: &str,
    revised: Option<&str>,
    at: &str,
    confidence: Option<u8>,
    reasoning: &str,
) -> wikken::store::Answer {
    wikken::store::Answer {
        first: wikken::store::NewAnswer {
            id: format!("{dilemma}-{at}"),
            pack: "oefen".into(),
            pack_version: 1,
            dilemma: dilemma.into(),
            choice: choice.into(),
            reasoning: reasoning.into(),
            confidence,
            share: false,
            at: format!("{at}T09:00:00Z"),
        },
        revised: revised.map(String::from),
        revised_at: revised.map(|_| format!("{at}T09:05:00Z")),
    }
}

/// The fixture trainer with half a year of answers and a pool where one dilemma's
/// distribution is visible and the other's is not.
fn developing_app(width: u16, height: u16) -> wikken::tui::App {
    let mut app = app_with(Lang::Nl, width, height);
    app.today = "2026-06-15".into();
    app.answers = vec![
        journal_answer(
            "te-laat",
            "regel",
            Some("overleg"),
            "2026-01-12",
            Some(2),
            "Regel is regel.",
        ),
        journal_answer("huisbezoek", "langs", None, "2026-01-20", Some(4), "Controle hoort erbij."),
        journal_answer(
            "huisbezoek",
            "bellen",
            None,
            "2026-03-03",
            Some(3),
            "Eerst \"vertrouwen\" geven.",
        ),
        journal_answer(
            "te-laat",
            "clausule",
            None,
            "2026-05-28",
            Some(5),
            "Hij lag in het ziekenhuis.",
        ),
    ];
    let mut records = colleagues(4, "te-laat", "overleg", None);
    records.extend(colleagues(2, "te-laat", "clausule", None));
    records.extend(colleagues(2, "huisbezoek", "bellen", None));
    app.pool = pool_of(&records);
    app
}

#[test]
fn development_screen_at_80x24_and_120x35() {
    let mut app = developing_app(80, 24);
    press(&mut app, [Action::Development]);
    let top = render(&app);
    assert_snapshot!("development_80x24_top", top);
    assert!(top.contains("Mijn ontwikkeling") && top.contains("mei 2026"), "{top}");
    press(&mut app, [Action::PageDown]);
    assert_snapshot!("development_80x24_further", render(&app));
    press(&mut app, [Action::Last]);
    let end = render(&app);
    assert_snapshot!("development_80x24_end", end);
    assert!(end.contains("Thema 1 van 2"), "{end}");
    press(&mut app, [Action::Theme, Action::Last]);
    assert!(render(&app).contains("Thema 2 van 2"), "{}", render(&app));

    let mut wide = developing_app(120, 35);
    press(&mut wide, [Action::Development]);
    assert_snapshot!("development_120x35", render(&wide));
    // Only te-laat's distribution is visible (6 colleagues); huisbezoek's 2 are not.
    press(&mut wide, [Action::PageDown]);
    let screen = render(&wide);
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Bij 0 van de 2 antwoorden waarvan de verdeling zichtbaar is"),
        "{screen}"
    );
    assert!(flat.contains("Bij 2 antwoorden is de verdeling (nog) niet zichtbaar"), "{screen}");
}

#[test]
fn home_offers_the_dilemma_of_the_month() {
    let mut app = app();
    // The fixture's answers are given on 2026-11-23.
    app.today = "2026-11-23".into();
    let home = render(&app);
    assert_snapshot!("home_with_month_and_development", home);
    let pick = app.month_dilemma().expect("a dilemma this month");
    let title = app.packs[0].dilemmas[pick.dilemma].title.to_string();
    assert!(home.contains(&format!("Dilemma van de maand: {title}")), "{home}");
    press(&mut app, [Action::Month]);
    let wikken::tui::Screen::Dilemma(d) = app.screen() else { panic!("the month dilemma opens") };
    assert_eq!(d.dilemma, pick.dilemma);
    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "Deze maand.");
    press(&mut app, [Action::Submit, Action::Back, Action::Back]);
    let home = render(&app);
    assert!(home.contains(&format!("{title}  ✓ beantwoord")), "{home}");
}
