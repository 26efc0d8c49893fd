//! Helpers for the *eigen telefoon* tests: a session in the trainer whose phone effects are
//! performed by the real `PhoneHost` (a real server on 127.0.0.1, port 0), whose events come
//! back through `update` as in the runtime, and a small HTTP client over loopback with
//! timeouts, so no test can hang on the server.

#![allow(dead_code)]

use std::cell::Cell;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use wikken::session::StageKind;
use wikken::tui::{Action, App, Effect, PhoneHost, Screen, SessionScreen, update};

use crate::common;

/// A session in *eigen telefoon* mode with its phone server running on loopback.
pub struct Room {
    pub app: App,
    pub host: PhoneHost,
    rx: Receiver<Action>,
}

impl Room {
    /// Sets up a session on the fixture pack's first dilemma with `participants` people
    /// and starts it (the join screen shows).
    pub fn new(participants: usize) -> Room {
        let mut app = common::app_with(wikken::i18n::Lang::Nl, 80, 24);
        app.today = "2026-11-23".into();
        app.listen = Some("127.0.0.1:0".parse().expect("addr"));
        let (tx, rx) = mpsc::channel();
        let mut room = Room { app, host: PhoneHost::new(tx), rx };
        // The set-up asks for nothing to be done until it starts: the mode eigen telefoon
        // (doorgeven → telling → eigen telefoon), the first dilemma; then Enter starts.
        common::setup_session(&mut room.app, participants, "", 2, false, &[0]);
        room.press([Action::Enter]);
        assert!(room.session().phones.as_ref().is_some_and(|p| p.url.is_some()), "listening");
        room
    }

    /// Applies actions as the runtime does: effects performed, phone effects by the host.
    pub fn press(&mut self, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            let effects = update(&mut self.app, action);
            self.perform(effects);
        }
    }

    fn perform(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Phones(e) => {
                    if let Some(action) = self.host.perform(e) {
                        self.press([action]);
                    }
                }
                other => common::perform(&mut self.app, vec![other]),
            }
        }
    }

    /// Applies what the phones sent until `done` holds (or five seconds pass: then fails).
    pub fn pump_until(&mut self, what: &str, done: impl Fn(&SessionScreen) -> bool) {
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            while let Ok(action) = self.rx.try_recv() {
                self.press([action]);
            }
            if done(self.session()) {
                return;
            }
            assert!(Instant::now() < until, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Applies whatever arrived so far.
    pub fn pump(&mut self) {
        while let Ok(action) = self.rx.try_recv() {
            self.press([action]);
        }
    }

    pub fn session(&self) -> &SessionScreen {
        match self.app.stack.iter().rev().find(|s| matches!(s, Screen::Session(_))) {
            Some(Screen::Session(s)) => s,
            _ => panic!("no session"),
        }
    }

    /// The join URL.
    pub fn url(&self) -> String {
        self.session().phones.as_ref().and_then(|p| p.url.clone()).expect("url")
    }

    /// The join code.
    pub fn code(&self) -> String {
        self.session().phones.as_ref().and_then(|p| p.code.clone()).expect("code")
    }

    /// `/j/CODE`.
    pub fn base(&self) -> String {
        format!("/j/{}", self.code())
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        let url = self.url();
        let authority = url.trim_start_matches("http://").split('/').next().expect("host");
        authority.parse().expect("addr")
    }

    /// From the join screen (and the case) to the open vote.
    pub fn open_vote(&mut self) {
        self.press([Action::Enter]);
        while self.session().session.current_stage().kind != StageKind::Vote {
            self.press([Action::Enter]);
        }
    }

    /// Votes cast and participants.
    pub fn progress(&self) -> (u32, u32) {
        self.session().session.progress()
    }
}

/// An answer from the server.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The phone's cookie from `Set-Cookie`, as a `Cookie` header's value.
    pub fn cookie(&self) -> Option<String> {
        self.header("set-cookie").and_then(|c| c.split(';').next()).map(str::to_string)
    }
}

thread_local! {
    /// The loopback address this thread's requests come from (`None`: the system's choice,
    /// 127.0.0.1).
    static SOURCE: Cell<Option<Ipv4Addr>> = const { Cell::new(None) };
}

/// From now on this thread's requests come from `127.0.0.n`, as one device of a room
/// comes from its own address (the server caps connections per address).
pub fn from_peer(n: u8) {
    SOURCE.with(|s| s.set(Some(Ipv4Addr::new(127, 0, 0, n))));
}

/// Whether clients can use loopback addresses other than 127.0.0.1 here (Linux and
/// Windows can; macOS has only 127.0.0.1 unless configured). Says loudly when not.
pub fn peers_available() -> bool {
    let ok = bind_source(Ipv4Addr::new(127, 0, 0, 2)).is_ok();
    if !ok {
        eprintln!();
        eprintln!(
            "!! SKIPPED: this test needs loopback addresses besides 127.0.0.1 (127.0.0.2 …),"
        );
        eprintln!("!! to be several devices in one room; this system has none.");
        eprintln!();
    }
    ok
}

fn bind_source(ip: Ipv4Addr) -> std::io::Result<socket2::Socket> {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None)?;
    socket.bind(&SocketAddr::new(ip.into(), 0).into())?;
    Ok(socket)
}

/// A connection to `addr` from this thread's address (see [`from_peer`]).
pub fn connect(addr: SocketAddr) -> std::io::Result<TcpStream> {
    match SOURCE.with(Cell::get) {
        None => TcpStream::connect_timeout(&addr, Duration::from_secs(5)),
        Some(ip) => {
            let socket = bind_source(ip)?;
            socket.connect_timeout(&addr.into(), Duration::from_secs(5))?;
            Ok(socket.into())
        }
    }
}

/// Sends raw bytes and reads the whole answer (the server closes every connection).
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> std::io::Result<Reply> {
    let mut stream = connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    stream.write_all(bytes)?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out)?;
    let text = String::from_utf8_lossy(&out).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status in {head:?}")))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.to_string(), v.trim().to_string()))
        .collect();
    Ok(Reply { status, headers, body: body.to_string() })
}

/// A request with the right Host header.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<(&str, &[u8])>,
) -> Reply {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\n");
    if let Some(c) = cookie {
        head.push_str(&format!("Cookie: {c}\r\n"));
    }
    let mut bytes = Vec::new();
    match body {
        Some((content_type, b)) => {
            head.push_str(&format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                b.len()
            ));
            bytes.extend_from_slice(head.as_bytes());
            bytes.extend_from_slice(b);
        }
        None => {
            head.push_str("\r\n");
            bytes.extend_from_slice(head.as_bytes());
        }
    }
    raw(addr, &bytes).expect("an answer")
}

pub fn get(addr: SocketAddr, path: &str, cookie: Option<&str>) -> Reply {
    request(addr, "GET", path, cookie, None)
}

/// A vote as the page's script sends it.
pub fn vote_json(addr: SocketAddr, base: &str, cookie: &str, round: u32, option: &str) -> Reply {
    let body = format!("{{\"round\":{round},\"option\":\"{option}\"}}");
    request(
        addr,
        "POST",
        &format!("{base}/vote"),
        Some(cookie),
        Some(("application/json", body.as_bytes())),
    )
}

/// A vote as the plain form posts it (no JavaScript).
pub fn vote_form(addr: SocketAddr, base: &str, cookie: &str, round: u32, option: &str) -> Reply {
    let body = format!("round={round}&option={option}");
    request(
        addr,
        "POST",
        &format!("{base}/vote"),
        Some(cookie),
        Some(("application/x-www-form-urlencoded", body.as_bytes())),
    )
}

/// Opens the page as a new phone, and asks for the state with its cookie as the page's
/// script does (the server counts a phone only once its cookie comes back); returns the
/// cookie.
pub fn join(addr: SocketAddr, base: &str) -> String {
    let cookie = open_page(addr, base);
    let state = get(addr, &format!("{base}/state"), Some(&cookie));
    assert_eq!(state.status, 200, "{}", state.body);
    cookie
}

/// `n` phones join at once, phone `i` from `127.0.0.(first + i)` (each its own device on
/// the network); their cookies, in order.
pub fn join_from_peers(addr: SocketAddr, base: &str, n: u8, first: u8) -> Vec<String> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                scope.spawn(move || {
                    from_peer(first + i);
                    join(addr, base)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).collect()
    })
}

/// Opens the page without a cookie, as a browser's first visit; returns the cookie it got
/// (not yet a phone: nothing came back yet).
pub fn open_page(addr: SocketAddr, base: &str) -> String {
    let reply = get(addr, base, None);
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.cookie().expect("a cookie for the new phone")
}
