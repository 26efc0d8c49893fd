//! The phone server: one thread serves every connection without waiting on any (see
//! `conn`), and only three paths exist, all under `/j/CODE`: the page, its state tag and
//! the vote. Connections, phones, tokens and requests are bounded (see `conn` and
//! `registry`), so a flood from the venue's network slows the server down for a moment
//! but never takes the trainer or the phones already in with it.
//!
//! Written on the standard library rather than on a server crate. Considered: `tiny_http`
//! (and `rouille` on top of it) starts a thread per connection without limit and sets no
//! read deadline; `hyper`/`axum` on `tokio` would bring an async runtime into a trainer
//! that is otherwise synchronous, and still need every limit here written by hand (per
//! address caps, separate allowances, tokens that come back before they count); `mio`
//! would replace the connection loop's 2 ms pause with readiness events, which for a few
//! dozen connections is not worth a dependency. The limits here are explicit and tested.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Instant;

use serde_json::json;

use super::http::{Method, Refusal, Request, Response, form_value};
use super::page::{self, Frame, View};
use super::registry::{Registry, Sender};
use super::{Board, PhoneError, PhoneEvent, QrMatrix, conn, lan_address};
use crate::i18n::{Lang, PhoneText};
use crate::store::os_random;

/// The cookie that carries a phone's token.
const COOKIE: &str = "wikken";
/// Letters of a join code: no 0/O, 1/I/L, so it can be read off a projector and typed.
const CODE_ALPHABET: &[u8; 31] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A running phone server; it stops when dropped (or with [`PhoneServer::stop`]).
pub struct PhoneServer {
    url: String,
    code: String,
    shared: Arc<Shared>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// What the server thread and the trainer share.
struct Shared {
    /// The join code, upper case.
    code: String,
    /// `/j/CODE`.
    base: String,
    /// The join URL, shown on every page of the session.
    url: String,
    /// The `Host` header every request must carry: the address in the join URL.
    host: String,
    /// The page's texts.
    text: &'static PhoneText,
    /// Headers on every response.
    security: Vec<(&'static str, String)>,
    /// Where events go (the trainer's action channel).
    events: Box<dyn Fn(PhoneEvent) + Send + Sync>,
    state: Mutex<State>,
}

/// The phones and what they are shown; in memory only.
struct State {
    board: Board,
    /// Bumped on every new board, so each phone's state tag changes with it.
    generation: u64,
    registry: Registry,
}

impl State {
    /// The round open for votes now, if any.
    fn open_round(&self) -> Option<u32> {
        match &self.board {
            Board::Vote { round, .. } => Some(*round),
            _ => None,
        }
    }
}

impl PhoneServer {
    /// Starts listening on `listen` (port 0: any free port) with a fresh join code; `events`
    /// receives what phones do. An unspecified address (`0.0.0.0`) listens everywhere and
    /// names the local network address in the join URL.
    pub fn start(
        listen: SocketAddr,
        lang: Lang,
        events: impl Fn(PhoneEvent) + Send + Sync + 'static,
    ) -> Result<PhoneServer, PhoneError> {
        let listener = TcpListener::bind(listen)
            .map_err(|source| PhoneError::Listen { addr: listen, source })?;
        let local =
            listener.local_addr().map_err(|source| PhoneError::Listen { addr: listen, source })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| PhoneError::Listen { addr: listen, source })?;
        let ip = match local.ip() {
            ip if ip.is_unspecified() => {
                lan_address().map_or(IpAddr::from([127, 0, 0, 1]), IpAddr::V4)
            }
            ip => ip,
        };
        let host = SocketAddr::new(ip, local.port()).to_string();
        let code = join_code();
        let base = format!("/j/{code}");
        let url = format!("http://{host}{base}");
        // Refuse now, not when the screen is drawn, if the address cannot be a QR code.
        QrMatrix::for_url(&url)?;
        let shared = Arc::new(Shared {
            code: code.clone(),
            base,
            url: url.clone(),
            host,
            text: lang.phone(),
            security: vec![
                ("Content-Security-Policy", page::security_policy()),
                ("Cache-Control", "no-store".to_string()),
                ("X-Content-Type-Options", "nosniff".to_string()),
                ("Referrer-Policy", "no-referrer".to_string()),
                ("X-Frame-Options", "DENY".to_string()),
            ],
            events: Box::new(events),
            state: Mutex::new(State {
                board: Board::Waiting,
                generation: 0,
                registry: Registry::new(Instant::now()),
            }),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (serving, halt) = (Arc::clone(&shared), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("phone-server".to_string())
            .spawn(move || {
                conn::run(&listener, &halt, &|parsed| answer(&serving, parsed));
            })
            .map_err(PhoneError::Thread)?;
        Ok(PhoneServer { url, code, shared, stop, thread: Some(thread) })
    }

    /// The join URL: `http://ADDR:PORT/j/CODE`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The join code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// What the phones show from now on.
    pub fn publish(&self, board: Board) {
        let mut state = lock(&self.shared.state);
        if state.board != board {
            state.board = board;
            state.generation += 1;
        }
    }

    /// How many phones joined (for tests and the trainer's own checks).
    pub fn phones(&self) -> usize {
        lock(&self.shared.state).registry.len()
    }

    /// Stops serving (open connections are closed) and forgets every phone.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        lock(&self.shared.state).registry.clear();
    }
}

impl Drop for PhoneServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The state, also after a thread panicked while holding it (the data stays consistent:
/// every change under the lock is a single assignment or insert).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A join code of six letters and digits from the operating system: almost 30 bits, so
/// guessing at the stranger rate takes years, not a session.
fn join_code() -> String {
    let n = CODE_ALPHABET.len();
    // Bytes at or above the largest multiple of 31 are drawn again, so every letter is
    // equally likely.
    let limit = (256 / n * n) as u8;
    let mut code = String::new();
    while code.len() < 6 {
        let mut byte = [0u8; 1];
        os_random(&mut byte);
        if byte[0] < limit {
            code.push(char::from(CODE_ALPHABET[usize::from(byte[0]) % n]));
        }
    }
    code
}

/// The bytes that answer a request (or a refusal).
fn answer(shared: &Shared, parsed: Result<Request, Refusal>) -> Vec<u8> {
    let response = match parsed {
        Ok(request) => {
            let mut events = Vec::new();
            let response = respond(shared, &request, Instant::now(), &mut events);
            // Outside the lock, in order: a phone joins before its first vote counts.
            for event in events {
                (shared.events)(event);
            }
            response
        }
        Err(refusal) => Response::text(refusal.status(), &refusal.to_string()),
    };
    response.to_bytes(&shared.security)
}

/// Where a request goes, under `/j/CODE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Page,
    State,
    Vote,
}

/// The path's route, when it is under `/j/` and the code is right (in any case: a code
/// typed on a phone may come out in lower case, and the QR code holds the address in
/// capitals, which fit a smaller code).
fn route(path: &str, code: &str) -> Option<Route> {
    let rest = path.strip_prefix("/j/").or_else(|| path.strip_prefix("/J/"))?;
    let (given, tail) = rest.split_once('/').unwrap_or((rest, ""));
    if !given.eq_ignore_ascii_case(code) {
        return None;
    }
    match tail {
        "" => Some(Route::Page),
        "state" => Some(Route::State),
        "vote" => Some(Route::Vote),
        _ => None,
    }
}

/// An HTML page with the session's frame, or without it (`address: None`) for requests
/// that did not name the session.
fn page(shared: &Shared, status: u16, view: View, frame: Frame) -> Response {
    Response::html(status, page::render(shared.text, view, &frame))
}

/// A notice page; `known` when the request named the session (the page then shows its
/// address and offers to try again).
fn notice(shared: &Shared, status: u16, title: &str, text: &str, known: bool) -> Response {
    let view = View::Notice { title, text, retry: known };
    let frame = if known {
        Frame { base: &shared.base, address: Some(&shared.url), ..Frame::default() }
    } else {
        Frame::default()
    };
    page(shared, status, view, frame)
}

/// The answer to a request that arrived whole; what happened goes to `events`.
fn respond(shared: &Shared, req: &Request, now: Instant, events: &mut Vec<PhoneEvent>) -> Response {
    let t = shared.text;
    // Only the address in the join URL: a page elsewhere that points a name at this laptop
    // (DNS rebinding) sends its own name and is refused, without the session's address.
    let host_ok = req.header("host").is_some_and(|h| h.eq_ignore_ascii_case(&shared.host));
    if !host_ok {
        return notice(shared, 421, t.wrong_host_title, t.wrong_host_text, false);
    }
    let route = route(&req.path, &shared.code);
    let mut state = lock(&shared.state);
    let state = &mut *state;
    let Some(route) = route else {
        let stranger = Sender::Stranger { cookie: false };
        if !state.registry.allow(&stranger, false, now) {
            return notice(shared, 429, t.slow_title, t.slow_text, false).with("Retry-After", "1");
        }
        return notice(shared, 404, t.unknown_title, t.unknown_text, false);
    };
    let sender = state.registry.recognise(req.cookie(COOKIE), now, events);
    // A request with the right code and no phone's cookie may make a phone: it draws on
    // the joining allowance, never on the phones' or the strangers'.
    let joining = !matches!(sender, Sender::Phone(_));
    if !state.registry.allow(&sender, joining, now) {
        return match route {
            Route::Page => notice(shared, 429, t.slow_title, t.slow_text, true),
            _ => Response::json(429, &json!({"error": "slow down", "message": t.slow_text})),
        }
        .with("Retry-After", "1");
    }
    let form = req
        .header("content-type")
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    match (req.method, route, sender) {
        // A code typed in another case (or the QR code's capitals): to the address as the
        // screen shows it, so the phone's cookie (which belongs to that path) comes with
        // every later request.
        (Method::Get, Route::Page, _) if req.path != shared.base => {
            Response::new(303, "text/plain; charset=utf-8", "").with("Location", &shared.base)
        }
        (Method::Get, Route::Page, Sender::Phone(token)) => {
            let change = req.query.as_deref().is_some_and(|q| form_value(q, "change").is_some());
            Response::html(200, render_for(shared, state, &token, change, None, None))
        }
        (_, _, Sender::Full) => match route {
            Route::Page | Route::Vote => notice(shared, 503, t.full_title, t.full_text, true),
            Route::State => Response::json(503, &json!({"error": "full", "message": t.full_text})),
        },
        (Method::Get, Route::Page, Sender::Stranger { cookie }) => {
            let refreshed = req.query.as_deref().is_some_and(|q| form_value(q, "r").is_some());
            newcomer(shared, state, refreshed && !cookie, now)
        }
        (Method::Get, Route::State, Sender::Phone(token)) => {
            Response::json(200, &json!({"v": tag(state, &token)}))
        }
        (Method::Post, Route::Vote, Sender::Phone(token)) => {
            vote(shared, state, &token, req, form, events)
        }
        // No phone's cookie where one is needed: told in plain words what to do.
        (Method::Post, Route::Vote, Sender::Stranger { .. }) if form => {
            notice(shared, 403, t.no_cookie_title, t.no_cookie_text, true)
        }
        (_, Route::State | Route::Vote, Sender::Stranger { .. }) => {
            Response::json(403, &json!({"error": "no phone", "message": t.no_cookie_text}))
        }
        _ => Response::text(405, "method not allowed"),
    }
}

/// The page for a browser without a known token. One that was here before (it pressed
/// *Vernieuwen*) and still brings no cookie is told how to turn cookies on; anyone else
/// gets a new token, pending until it comes back, and the page as it is now.
fn newcomer(shared: &Shared, state: &mut State, no_cookie: bool, now: Instant) -> Response {
    let t = shared.text;
    if no_cookie {
        return notice(shared, 200, t.no_cookie_title, t.no_cookie_text, true);
    }
    let view = match &state.board {
        Board::Ended => return page(shared, 200, View::Ended, Frame::default()),
        Board::Waiting => View::Waiting,
        // Arrived while a round is open: waits for the next one.
        Board::Vote { .. } => View::Late,
        Board::Look => View::Look,
    };
    // The tag a phone without votes has: unchanged when the token comes back.
    let tag = format!("{}-0", state.generation);
    let token = state.registry.issue(state.open_round(), now);
    let frame = Frame { base: &shared.base, tag: &tag, address: Some(&shared.url), notice: None };
    // Only for this session's pages; gone when the browser closes.
    let cookie = format!("{COOKIE}={token}; Path={}; HttpOnly; SameSite=Strict", shared.base);
    page(shared, 200, view, frame).with("Set-Cookie", cookie)
}

/// The state tag of a phone: changes when the board changes or the phone votes, and says
/// nothing else.
fn tag(state: &State, token: &str) -> String {
    let votes = state.registry.phone(token).map_or(0, |p| p.votes);
    format!("{}-{}", state.generation, votes)
}

/// The page one phone sees now; `error` is said above the ballot, `notice` above any page.
fn render_for(
    shared: &Shared,
    state: &State,
    token: &str,
    change: bool,
    error: Option<&str>,
    notice: Option<&str>,
) -> String {
    let tag = tag(state, token);
    let phone = state.registry.phone(token);
    let view = match (&state.board, phone) {
        (Board::Waiting, _) => View::Waiting,
        (Board::Look, _) => View::Look,
        (Board::Ended, _) | (_, None) => View::Ended,
        (Board::Vote { round, second, ballot }, Some(p)) => {
            let chosen = p.vote.as_ref().filter(|(r, _)| r == round).map(|(_, o)| o.as_str());
            let position = chosen.and_then(|c| ballot.options.iter().position(|o| o.id == c));
            match position {
                _ if p.late_for == Some(*round) => View::Late,
                Some(i) if !change && error.is_none() => View::Received {
                    second: *second,
                    choice: (i + 1, ballot.options[i].title.as_str()),
                },
                _ => View::Vote { round: *round, second: *second, ballot, chosen, error },
            }
        }
    };
    let frame = Frame { base: &shared.base, tag: &tag, address: Some(&shared.url), notice };
    page::render(shared.text, view, &frame)
}

/// A vote, as JSON (`{"round": 3, "option": "b"}`, from the script) or as a form post
/// (without JavaScript; answered with a redirect to the page, or the page with the reason
/// it did not count).
fn vote(
    shared: &Shared,
    state: &mut State,
    token: &str,
    req: &Request,
    form: bool,
    events: &mut Vec<PhoneEvent>,
) -> Response {
    let t = shared.text;
    let content_type = req.header("content-type").unwrap_or_default().to_ascii_lowercase();
    let parsed: Result<(u32, String), &str> = if content_type.starts_with("application/json") {
        #[derive(serde::Deserialize)]
        struct Body {
            round: u32,
            option: String,
        }
        serde_json::from_slice::<Body>(&req.body)
            .map(|b| (b.round, b.option))
            .map_err(|_| "bad json")
    } else if form {
        let body = std::str::from_utf8(&req.body).unwrap_or_default();
        match (form_value(body, "round").and_then(|r| r.parse().ok()), form_value(body, "option")) {
            (Some(round), Some(option)) if !option.is_empty() => Ok((round, option)),
            _ => Err("bad form"),
        }
    } else {
        return Response::json(415, &json!({"error": "unsupported content type"}));
    };
    // A refusal: the ballot again with the reason above it (no choice), or the page as it
    // is now with the reason on top (the vote came too late).
    let refuse = |status: u16, error: &str, message: &str, on_ballot: bool, state: &State| {
        if !form {
            return Response::json(status, &json!({"error": error, "message": message}));
        }
        let html = if on_ballot {
            render_for(shared, state, token, true, Some(message), None)
        } else {
            render_for(shared, state, token, false, None, Some(message))
        };
        Response::html(status, html)
    };
    let (round, option) = match parsed {
        Ok(p) => p,
        Err(e) if form => return refuse(400, e, t.choose_first, true, state),
        Err(e) => return Response::json(400, &json!({"error": e})),
    };
    let Some(phone) = state.registry.phone(token) else {
        return Response::json(403, &json!({"error": "no phone", "message": t.no_cookie_text}));
    };
    let number = phone.number;
    let check = match &state.board {
        Board::Vote { round: open, ballot, .. } if *open == round => {
            if phone.late_for == Some(round) {
                Err((409, "late", t.late_vote, false))
            } else if !ballot.options.iter().any(|o| o.id == option) {
                Err((400, "no such option", t.choose_first, true))
            } else {
                Ok(())
            }
        }
        _ => Err((409, "closed", t.not_counted, false)),
    };
    if let Err((status, error, message, on_ballot)) = check {
        return refuse(status, error, message, on_ballot, state);
    }
    state.registry.record_vote(token, round, &option);
    events.push(PhoneEvent::Voted { phone: number, round, option });
    if form {
        Response::new(303, "text/plain; charset=utf-8", "").with("Location", &shared.base)
    } else {
        Response::json(200, &json!({"ok": true}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_need_the_code_in_any_case_and_nothing_else() {
        assert_eq!(route("/j/ABC234", "ABC234"), Some(Route::Page));
        assert_eq!(route("/J/abc234/vote", "ABC234"), Some(Route::Vote));
        assert_eq!(route("/j/ABC234/state", "ABC234"), Some(Route::State));
        assert_eq!(route("/j/ABC235", "ABC234"), None);
        assert_eq!(route("/j/ABC234/../x", "ABC234"), None);
        assert_eq!(route("/", "ABC234"), None);
        assert_eq!(route("/j/", "ABC234"), None);
    }

    #[test]
    fn join_codes_use_the_readable_letters_only() {
        for _ in 0..50 {
            let code = join_code();
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        }
    }
}
