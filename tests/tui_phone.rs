//! *Eigen telefoon* on the shared screen, without a network: snapshots of the set-up, the
//! join screen and the counter at 80×24 and 120×35; the QR code drawn in the terminal
//! decoded back to the join address; and `update` for the phone actions — what the phones
//! are told to show, which votes count, that an overlay loses none, that the server stops
//! with the session, and that the counter never shows anything per phone.

mod common;

use common::*;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wikken::i18n::Lang;
use wikken::phone::{Board, PhoneEvent};
use wikken::session::{StageKind, VoteMode};
use wikken::tui::{Action, App, PhoneEffect, Screen, SessionConfirm, SessionScreen};

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
    press(app, phones.map(|p| Action::Phone(PhoneEvent::Joined(p))));
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

/// Decodes the QR code drawn on the screen: every `▀ ▄ █` is one or two dark modules
/// (a cell is one module wide and two high), everything else is light.
fn decode_qr(app: &App) -> String {
    let backend = TestBackend::new(app.size.width, app.size.height);
    let mut terminal = Terminal::new(backend).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let (w, h) = (usize::from(buffer.area.width), usize::from(buffer.area.height) * 2);
    // Four pixels per module, and a light margin around the whole screen.
    let (scale, margin) = (4, 8);
    let dark = |x: usize, y: usize| {
        let cell = &buffer[(x as u16, (y / 2) as u16)];
        matches!((cell.symbol(), y % 2), ("█", _) | ("▀", 0) | ("▄", 1))
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(
        w * scale + 2 * margin,
        h * scale + 2 * margin,
        |x, y| {
            let inside = (margin..margin + w * scale).contains(&x)
                && (margin..margin + h * scale).contains(&y);
            if inside && dark((x - margin) / scale, (y - margin) / scale) { 0 } else { 255 }
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
fn join_screen_at_80x24_and_120x35_decodes_to_the_address() {
    for (w, h) in [(80, 24), (120, 35)] {
        let mut app = started(w, h, 6);
        joined(&mut app, 0..4);
        let shown = render(&app);
        assert!(shown.contains(URL) && shown.contains("Code: K7QF3M"), "{shown}");
        assert!(shown.contains("4 telefoons verbonden"));
        assert_eq!(decode_qr(&app), URL, "{w}×{h}");
        assert_snapshot!(format!("join_{w}x{h}"), shown);
    }
}

#[test]
fn counter_while_phones_vote_at_80x24_and_120x35() {
    for (w, h) in [(80, 24), (120, 35)] {
        let mut app = started(w, h, 6);
        joined(&mut app, 0..7);
        to_vote(&mut app);
        for (phone, option) in [(0, "regel"), (1, "clausule"), (2, "regel"), (3, "overleg")] {
            vote(&mut app, phone, option);
        }
        let shown = render(&app);
        assert!(shown.contains("4 van 6 gestemd"), "{shown}");
        assert!(shown.contains("7 telefoons verbonden"));
        // Never the distribution, never anything per phone.
        for hidden in ["De regel volgen", "regel", "clausule", "telefoon 1", "%"] {
            assert!(!shown.contains(hidden), "{hidden} on screen:\n{shown}");
        }
        assert_eq!(decode_qr(&app), URL, "latecomers can still scan at {w}×{h}");
        assert_snapshot!(format!("phones_voting_{w}x{h}"), shown);
    }
}

#[test]
fn talking_stages_say_where_phones_join() {
    let mut app = started(80, 24, 6);
    joined(&mut app, 0..2);
    press(&mut app, [Action::Enter]);
    assert_eq!(screen(&app).session.current_stage().kind, StageKind::Case);
    let shown = render(&app);
    assert!(
        shown.contains("2 telefoons verbonden · http://192.168.178.23:48213/j/K7QF3M"),
        "{shown}"
    );
    assert_snapshot!("phones_case_80x24", shown);
    // c brings the QR code back, Enter puts the case back.
    press(&mut app, [Action::ShowJoin]);
    assert!(screen(&app).join);
    press(&mut app, [Action::Enter]);
    assert!(!screen(&app).join);
    assert_eq!(screen(&app).session.current_stage().kind, StageKind::Case, "Enter only closed it");
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
    let [PhoneEffect::Publish(Board::Vote { round, eligible, ballot })] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((*round, eligible.len(), ballot.options.len()), (0, 3, 3));
    assert_eq!(ballot.title, "De aanvraag die te laat kwam");
    for phone in 0..3 {
        vote(&mut app, phone, "regel");
    }
    press(&mut app, [Action::Enter]);
    assert_eq!(take_phone_effects(), vec![PhoneEffect::Publish(Board::Look)]);
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
    joined(&mut app, 3..4);
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
