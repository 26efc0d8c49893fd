//! *Eigen telefoon* under Wine: `wikken.exe session --listen 127.0.0.1:PORT` serves the
//! phone page, three scripted phones join and vote over HTTP (the plain form, as a phone
//! without JavaScript posts it), the facilitator reveals, and the votes are in the pool. And
//! without `--listen` the join address is the LAN address the Linux build ranks first —
//! not 127.0.0.1 — whenever there is one: Windows reads it through `if-addrs` too.

use std::ffi::OsStr;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use crate::phone_common::{get, join, vote_form};
use crate::tui::WinePty;
use crate::wine::{self, Windows, win};

/// The join address on the screen, `http://HOST:PORT/j/CODE`: the server's address and
/// `/j/CODE`.
fn join_address(screen: &str) -> Option<(SocketAddr, String)> {
    let start = screen.find("http://")?;
    let rest = &screen[start + "http://".len()..];
    let (authority, path) = rest.split_once('/')?;
    let code: String =
        path.strip_prefix("j/")?.chars().take_while(char::is_ascii_alphanumeric).collect();
    (code.len() == 6).then_some(())?;
    Some((authority.parse().ok()?, format!("/j/{code}")))
}

/// `wikken.exe --data DATA session ARGS` with the first dilemma on the agenda, three
/// participants and `mode_keys` typed on the voting mode; started, on the join screen.
fn start_session(w: &Windows, data: &std::path::Path, args: &[&str], mode_keys: &str) -> WinePty {
    let data = win(data);
    let mut all = vec![OsStr::new("--data"), OsStr::new(&data), OsStr::new("session")];
    all.extend(args.iter().map(OsStr::new));
    let mut tui = WinePty::start(w, &all, &[], 120, 35);
    tui.wait_for("Intervisie voorbereiden");
    // The form's rows: Pack, Deelnemers, Voornamen, Stemmen, (with phones) Adres, Methode,
    // then the agenda and the start button. Keys are sent in order and the trainer handles
    // them in order. The screen is read only where a whole value changes: under Wine the
    // emulated screen sometimes shows an escape sequence as text (seen as ";19H" fragments),
    // which can hide a single-cell change such as the cursor mark or one digit.
    tui.send("\x1b[B"); // Deelnemers
    tui.send(&"\x1b[D".repeat(3)); // six participants to three
    tui.send("\x1b[B\x1b[B"); // Stemmen
    if !mode_keys.is_empty() {
        tui.send(mode_keys);
    }
    tui.wait_for("◀ eigen telefoon ▶");
    tui.send("\x1b[B\x1b[B\x1b[B"); // past Adres and Methode to the agenda's first dilemma
    tui.send(" "); // on the agenda
    tui.send("\t"); // on to the start button
    tui.send("\r");
    tui.wait_for("/j/");
    tui
}

/// Stops the session (asked first), then quits from its closing screen.
fn stop(mut tui: WinePty) {
    tui.send("q");
    tui.wait_for("Sessie stoppen?");
    tui.send("j");
    tui.wait_for("De sessie is afgelopen");
    crate::tui::quit(tui);
}

/// A phone's page once it holds `text` (the phones follow the trainer within a second).
fn poll(addr: SocketAddr, base: &str, phone: &str, text: &str) -> String {
    let start = std::time::Instant::now();
    loop {
        let page = get(addr, base, Some(phone)).body;
        if page.contains(text) {
            return page;
        }
        assert!(start.elapsed() < crate::tui::TIMEOUT, "no phone page with {text:?}: {page}");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// The form's round number on a phone's ballot page.
fn round_on(page: &str) -> u32 {
    let at =
        page.find("name=\"round\" value=\"").expect("a ballot") + "name=\"round\" value=\"".len();
    page[at..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().expect("round")
}

#[test]
fn phones_vote_on_windows_and_the_votes_reach_the_pool() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut tui = start_session(w, &data, &["--listen", &listen], "");
    let (addr, base) = join_address(&tui.screen()).expect("the join address on screen");
    assert_eq!(addr.to_string(), listen, "the address --listen named");

    let phones: Vec<String> = (0..3).map(|_| join(addr, &base)).collect();
    assert!(get(addr, &base, Some(&phones[0])).body.contains("Even wachten"));
    tui.send("\r"); // the case
    tui.wait_for("Lees de casus");
    tui.send("\r"); // the vote opens: the phones show the ballot
    let page = poll(addr, &base, &phones[0], "name=\"round\"");
    let (dilemma, options) = crate::cli::dilemma_and_options();
    let round = round_on(&page);
    for option in &options {
        assert!(page.contains(&format!("value=\"{option}\"")), "werkwijze {option} on the phone");
    }
    let votes = [&options[0], &options[0], &options[1]];
    for (phone, option) in phones.iter().zip(votes) {
        let reply = vote_form(addr, &base, phone, round, option);
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    tui.wait_for("3 van 3 gestemd");
    assert!(get(addr, &base, Some(&phones[2])).body.contains("Je stem is ontvangen"));
    tui.send("\r"); // reveal
    poll(addr, &base, &phones[1], "Kijk naar het scherm");
    tui.wait_for("2 (67%)");
    stop(tui);

    // At the reveal the three votes went into the session's own pool file.
    let pool = crate::cli::tree(&data.join("pool"));
    assert_eq!(pool.len(), 1, "{pool:?}");
    let records = String::from_utf8_lossy(&pool[0].1).into_owned();
    assert_eq!(records.lines().filter(|l| l.contains(&dilemma)).count(), 3, "{records}");
    let reports = crate::cli::tree(&data.join("sessions"));
    assert_eq!(reports.len(), 1, "the session report");
}

#[test]
fn without_listen_the_join_address_is_the_lan_address() {
    let Some(w) = wine::windows() else { return };
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    // Voting mode: doorgeven → telling → eigen telefoon.
    let tui = start_session(w, &data, &[], "\x1b[C\x1b[C");
    let (addr, base) = join_address(&tui.screen()).expect("the join address on screen");
    let expected = wikken::phone::lan_address().map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V4);
    eprintln!("Linux sees {:?}; wikken.exe under Wine chose {addr}", wikken::phone::candidates());
    assert_eq!(addr.ip(), expected, "the same choice as the Linux build on this machine");
    if wikken::phone::lan_address().is_some() {
        assert!(!addr.ip().is_loopback(), "a network is there, so not 127.0.0.1");
    }
    // And a phone reaches the page there.
    let phone = join(addr, &base);
    assert!(get(addr, &base, Some(&phone)).body.contains("Even wachten"));
    stop(tui);
}
