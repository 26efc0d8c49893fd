//! *Eigen telefoon* on the shared screen, without a network: snapshots of the set-up, the
//! join screen and the counts at 80×24 and 120×35; the QR code drawn in the terminal's
//! cells decoded back to the join address (through real fonts: `qr_terminal.rs`); and
//! `update` for the phone actions — what the phones are told to show, which votes count,
//! that more phones than people is a warning and never absorbed by `a`, that an overlay
//! loses none, that the server stops with the session, and that the counts never show
//! anything per phone.

mod common;

use common::*;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use wikken::i18n::Lang;
use wikken::phone::{Board, PhoneEvent};
use wikken::session::{StageKind, VoteMode};
use wikken::tui::{Action, App, PhoneEffect, Screen, SessionConfirm, SessionScreen, Theme};

const URL: &str = "http://192.168.178.23:48213/j/K7QF3M";

/// The set-up on *eigen telefoon* with the first dilemma and `participants` people.
fn setup_phones(app: &mut App, participants: usize) {
    setup_session(app, participants, "", 2, false, &[0]);
}

/// A started phone session whose server "listens" at [`URL`] (no network: the effect is
/// answered here as the loop would).
fn started(width: u16, height: u16, participants: usize) -> App {
    let mut app = app_with(Lang::Nl, width, height);
    app.today = "2026-11-23".into();
    setup_phones(&mut app, participants);
    take_phone_effects();
    press(&mut app, [Action::Enter]);
    press(&mut app, [Action::PhonesReady { url: URL.into(), code: "K7QF3M".into() }]);
    app
}

fn screen(app: &App) -> &SessionScreen {
    match app.screen() {
        Screen::Session(s) => s,
        _ => panic!("not in a session"),
    }
}

fn joined(app: &mut App, phones: std::ops::Range<u32>) {
    press(app, phones.map(|phone| Action::Phone(PhoneEvent::Joined { phone, late_for: None })));
}

/// Phones whose page was first opened while the round now open was already open.
fn joined_late(app: &mut App, phones: std::ops::Range<u32>) {
    let late_for = screen(app).session.round_key();
    assert!(late_for.is_some(), "a round is open");
    press(app, phones.map(|phone| Action::Phone(PhoneEvent::Joined { phone, late_for })));
}

fn to_vote(app: &mut App) {
    press(app, [Action::Enter]);
    while screen(app).session.current_stage().kind != StageKind::Vote {
        press(app, [Action::Enter]);
    }
}

fn vote(app: &mut App, phone: u32, option: &str) {
    let round = screen(app).session.round_key().expect("a round is open");
    press(app, [Action::Phone(PhoneEvent::Voted { phone, round, option: option.into() })]);
}

/// Decodes the QR code drawn on the screen from the cells' backgrounds, as a terminal
/// shows them: a cell is one module high and twice as high as wide; dark where its
/// background is black (in colour) or where it is not in reverse video (without colour,
/// on the usual dark terminal background).
fn decode_qr(app: &App) -> String {
    let backend = TestBackend::new(app.size.width, app.size.height);
    let mut terminal = Terminal::new(backend).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let (w, h) = (usize::from(buffer.area.width), usize::from(buffer.area.height));
    let dark = |x: usize, y: usize| {
        let cell = &buffer[(x as u16, y as u16)];
        if app.theme.color {
            cell.bg == Color::Black
        } else {
            !cell.modifier.contains(Modifier::REVERSED)
        }
    };
    // Four pixels per column, eight per row, and a dark margin around the whole screen.
    let (sx, sy, margin) = (4, 8, 8);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(
        w * sx + 2 * margin,
        h * sy + 2 * margin,
        |x, y| {
            let inside =
                (margin..margin + w * sx).contains(&x) && (margin..margin + h * sy).contains(&y);
            if inside && !dark((x - margin) / sx, (y - margin) / sy) { 255 } else { 0 }
        },
    );
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the screen");
    grids[0].decode().expect("the code decodes").1
}

#[test]
fn setup_offers_eigen_telefoon() {
    let mut app = app();
    setup_phones(&mut app, 6);
    let Screen::SessionSetup(s) = app.screen() else { panic!("set-up") };
    assert_eq!(s.mode, VoteMode::Telefoon);
    assert_snapshot!(render(&app));
}

#[test]
fn join_screen_at_120x35_decodes_to_the_address_and_80x24_says_how_to_make_room() {
    let mut app = started(120, 35, 6);
    joined(&mut app, 0..4);
    let shown = render(&app);
    assert!(shown.contains(URL) && shown.contains("Code: K7QF3M"), "{shown}");
    assert!(shown.contains("4 telefoons verbonden") && shown.contains("6 deelnemers verwacht"));
    assert_eq!(decode_qr(&app), URL.to_ascii_uppercase(), "in capitals: a smaller code");
    assert_snapshot!("join_120x35", shown);
    // In colour the same code, black on white.
    app.theme = Theme { color: true, background: wikken::tui::Background::Light };
    assert_eq!(decode_qr(&app), URL.to_ascii_uppercase());
    // 80×24 is too low for a code of whole cells: no unreadable code, the address, and
    // what to do.
    let mut app = started(80, 24, 6);
    joined(&mut app, 0..4);
    let shown = render(&app);
    assert!(shown.contains(URL) && shown.contains("Code: K7QF3M"), "{shown}");
    assert!(shown.contains("minstens 35 regels"), "{shown}");
    assert_snapshot!("join_80x24", shown);
}

#[test]
fn counts_while_phones_vote_at_80x24_and_120x35() {
    for (w, h) in [(80, 24), (120, 35)] {
        let mut app = started(w, h, 6);
        joined(&mut app, 0..5);
        to_vote(&mut app);
        joined_late(&mut app, 5..7);
        for (phone, option) in [(0, "regel"), (1, "clausule"), (2, "regel"), (3, "overleg")] {
            vote(&mut app, phone, option);
        }
        let shown = render(&app);
        assert!(shown.contains("4 van 6 gestemd"), "{shown}");
        assert!(shown.contains("5 telefoons · 4 stemmen"), "{shown}");
        assert!(shown.contains("6 deelnemers verwacht"));
        assert!(shown.contains("2 telefoons stemmen mee vanaf de volgende ronde"), "{shown}");
        assert!(!shown.contains("Let op"), "five phones for six people is no surplus");
        // Never the distribution, never anything per phone.
        for hidden in ["De regel volgen", "clausule", "overleg", "telefoon 1", "%"] {
            assert!(!shown.contains(hidden), "{hidden} on screen:\n{shown}");
        }
        if h >= 35 {
            assert_eq!(decode_qr(&app), URL.to_ascii_uppercase(), "latecomers can still scan");
        }
        assert_snapshot!(format!("phones_voting_{w}x{h}"), shown);
    }
}

#[test]
fn one_browser_with_six_cookie_jars_is_seen_and_never_absorbed() {
    // Three people; one of them opened the page in six private windows before the vote.
    let mut app = started(120, 35, 3);
    joined(&mut app, 0..8);
    let shown = render(&app);
    assert!(shown.contains("8 telefoons verbonden") && shown.contains("3 deelnemers verwacht"));
    assert!(shown.contains("Let op: 8 telefoons voor 3 deelnemers"), "{shown}");
    to_vote(&mut app);
    for phone in 0..8 {
        vote(&mut app, phone, if phone < 2 { "regel" } else { "overleg" });
    }
    let shown = render(&app);
    assert!(shown.contains("8 telefoons · 8 stemmen"), "{shown}");
    assert!(shown.contains("Let op: 8 telefoons voor 3 deelnemers"), "{shown}");
    // `a` does not make the surplus disappear without a question.
    press(&mut app, [Action::TakeJoined]);
    assert_eq!(screen(&app).confirm, Some(SessionConfirm::Participants(8)));
    let asked = render(&app);
    assert!(
        asked.contains("Echt 8 deelnemers?") && asked.contains("dubbele stemmen zijn."),
        "{asked}"
    );
    press(&mut app, [Action::No]);
    assert_eq!(screen(&app).session.setup.participants, 3, "nothing changed");
    // The reveal asks, and says the votes will not reach the pool.
    press(&mut app, [Action::Enter]);
    assert_eq!(screen(&app).confirm, Some(SessionConfirm::Total(8, 3)));
    let asked = render(&app);
    assert!(
        asked.contains("meer dan er mensen zijn") && asked.contains("Toch onthullen?"),
        "{asked}"
    );
    take_session_saves();
    press(&mut app, [Action::Yes]);
    let saves = take_session_saves();
    assert!(!saves.is_empty(), "the report is saved");
    assert!(saves.iter().all(|(_, records)| records.is_empty()), "nothing reaches the pool");
}

#[test]
fn starting_asks_for_the_server_and_the_phones_follow_the_session() {
    let mut app = app();
    app.listen = Some("127.0.0.1:0".parse().expect("addr"));
    setup_phones(&mut app, 3);
    take_phone_effects();
    press(&mut app, [Action::Enter]);
    assert_eq!(
        take_phone_effects(),
        vec![
            PhoneEffect::Start { listen: app.listen, lang: Lang::Nl },
            PhoneEffect::Publish(Board::Waiting)
        ]
    );
    joined(&mut app, 0..3);
    assert!(take_phone_effects().is_empty(), "joining changes nothing the phones see");
    to_vote(&mut app);
    let effects = take_phone_effects();
    let [PhoneEffect::Publish(Board::Vote { round, second, ballot })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((*round, *second, ballot.options.len()), (0, false, 3));
    assert_eq!(ballot.title, "De aanvraag die te laat kwam");
    for phone in 0..3 {
        vote(&mut app, phone, "regel");
    }
    press(&mut app, [Action::Enter]);
    assert_eq!(take_phone_effects(), vec![PhoneEffect::Publish(Board::Look)]);
    // The re-vote is marked as the second round on the phones.
    press(&mut app, [Action::Enter]);
    let effects = take_phone_effects();
    assert!(
        matches!(
            effects.as_slice(),
            [PhoneEffect::Publish(Board::Vote { round: 1, second: true, .. })]
        ),
        "{effects:?}"
    );
    // Stopping the session ends the phones' page; leaving its closing screen stops the
    // server, once.
    press(&mut app, [Action::Quit, Action::Yes]);
    assert_eq!(take_phone_effects(), vec![PhoneEffect::Publish(Board::Ended)]);
    press(&mut app, [Action::Enter]);
    assert_eq!(take_phone_effects(), vec![PhoneEffect::Stop]);
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn only_votes_for_the_open_round_from_phones_that_joined_before_it_count() {
    let mut app = started(80, 24, 4);
    joined(&mut app, 0..3);
    to_vote(&mut app);
    joined_late(&mut app, 3..4);
    let round = screen(&app).session.round_key().expect("open");
    let voted = |phone, round, option: &str| {
        Action::Phone(PhoneEvent::Voted { phone, round, option: option.into() })
    };
    press(&mut app, [voted(3, round, "regel")]);
    press(&mut app, [voted(0, round + 1, "regel")]);
    press(&mut app, [voted(0, round, "bestaat-niet")]);
    assert_eq!(screen(&app).session.progress(), (0, 4), "late, wrong round, unknown werkwijze");
    press(&mut app, [voted(0, round, "regel"), voted(0, round, "overleg")]);
    assert_eq!(screen(&app).session.progress(), (1, 4), "a change replaces");
    // A vote that arrives while the help overlay is open still counts.
    press(&mut app, [Action::Help]);
    press(&mut app, [voted(1, round, "regel")]);
    press(&mut app, [Action::CloseOverlay]);
    assert_eq!(screen(&app).session.progress(), (2, 4));
}

#[test]
fn the_facilitator_sets_the_number_or_takes_the_connected_count() {
    let mut app = started(80, 24, 6);
    joined(&mut app, 0..5);
    to_vote(&mut app);
    press(&mut app, [Action::Left, Action::Left]);
    assert_eq!(screen(&app).session.setup.participants, 4);
    press(&mut app, [Action::Right]);
    assert_eq!(screen(&app).session.setup.participants, 5);
    press(&mut app, [Action::Right, Action::TakeJoined]);
    assert_eq!(screen(&app).session.setup.participants, 5, "five phones joined");
    for phone in 0..4 {
        vote(&mut app, phone, "overleg");
    }
    // Four of five: the reveal asks first, with the phones' own question.
    press(&mut app, [Action::Enter]);
    assert_eq!(screen(&app).confirm, Some(SessionConfirm::Total(4, 5)));
    let shown = render(&app);
    assert!(shown.contains("4 van de 5 deelnemers hebben gestemd"), "{shown}");
    press(&mut app, [Action::Yes]);
    assert_eq!(screen(&app).session.current_stage().kind, StageKind::Discuss);
}

#[test]
fn a_server_that_cannot_start_says_why_and_what_to_do() {
    let mut app = started(80, 24, 6);
    let reason = app.st().phones_failed("het adres is bezet");
    press(&mut app, [Action::PhonesFailed(reason)]);
    let shown = render(&app);
    assert!(shown.contains("Telefoons kunnen niet verbinden"), "{shown}");
    assert!(shown.contains("--listen"), "{shown}");
}

#[test]
fn other_modes_ask_for_no_phone_server() {
    let mut app = app();
    setup_session(&mut app, 6, "", 0, false, &[0]);
    take_phone_effects();
    press(&mut app, [Action::Enter]);
    assert!(matches!(app.screen(), Screen::Session(_)));
    press(&mut app, [Action::Enter, Action::Enter]);
    assert!(take_phone_effects().is_empty());
    assert!(!render(&app).contains("telefoon"));
}

/// The set-up says which address the QR code will use, asks the operating system only once
/// phones are chosen, lets the facilitator pick another (a VPN beside the Wi-Fi), and the
/// server starts on the one picked; `--listen` skips the choice.
#[test]
fn the_set_up_shows_the_phones_address_and_the_facilitator_picks_another() {
    use wikken::phone::{AddressKind, Candidate};
    use wikken::tui::SetupRow;
    let mut app = app();
    press(&mut app, [Action::StartSession]);
    take_phone_effects();
    setup_go(&mut app, SetupRow::Mode);
    press(&mut app, [Action::Right]);
    assert!(take_phone_effects().is_empty(), "not asked before phones are chosen");
    assert!(!render(&app).contains("Adres"), "no address row without phones");
    press(&mut app, [Action::Right]);
    assert_eq!(take_phone_effects(), vec![PhoneEffect::FindAddresses]);
    let screen = render(&app);
    assert!(screen.contains("geen netwerk gevonden"), "until the answer comes:\n{screen}");

    let wifi = Candidate {
        ip: [192, 168, 1, 20].into(),
        interface: "Wi-Fi".into(),
        kind: AddressKind::Lan,
    };
    let vpn =
        Candidate { ip: [10, 8, 0, 2].into(), interface: "vpn0".into(), kind: AddressKind::Vpn };
    press(&mut app, [Action::AddressesFound(vec![wifi, vpn])]);
    let screen = render(&app);
    assert!(screen.contains("◀ 192.168.1.20 · Wi-Fi ▶"), "{screen}");
    assert!(screen.contains("adres 1 van 2"), "{screen}");
    assert_snapshot!("setup_phone_address_80x24", screen);

    setup_go(&mut app, SetupRow::Address);
    assert!(render(&app).contains("←→"), "the footer offers the choice");
    press(&mut app, [Action::Right]);
    let screen = render(&app);
    assert!(screen.contains("10.8.0.2 · vpn0") && screen.contains("VPN of tunnel"), "{screen}");

    // Away from phones and back: the list is kept, not asked again.
    setup_go(&mut app, SetupRow::Mode);
    press(&mut app, [Action::Left, Action::Right]);
    assert!(take_phone_effects().is_empty(), "asked once");
    setup_go(&mut app, SetupRow::Dilemma(0));
    press(&mut app, [Action::Toggle]);
    setup_go(&mut app, SetupRow::Start);
    press(&mut app, [Action::Enter]);
    let effects = take_phone_effects();
    assert_eq!(
        effects.first(),
        Some(&PhoneEffect::Start {
            listen: Some("10.8.0.2:0".parse().expect("addr")),
            lang: Lang::Nl
        }),
        "{effects:?}"
    );

    // With --listen the address is the one named: nothing is looked up or offered.
    let mut fixed = common::app();
    fixed.listen = Some("127.0.0.1:8080".parse().expect("addr"));
    press(&mut fixed, [Action::StartSession]);
    setup_go(&mut fixed, SetupRow::Mode);
    press(&mut fixed, [Action::Right, Action::Right]);
    assert!(take_phone_effects().is_empty(), "--listen chose already");
    let screen = render(&fixed);
    assert!(screen.contains("127.0.0.1") && screen.contains("gekozen met --listen"), "{screen}");
}
