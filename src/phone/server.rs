//! The phone server: one thread accepts connections and hands them to a few workers through
//! a short queue (a full queue closes the new connection at once), every request has a
//! deadline, and only three paths exist, all under `/j/CODE`: the page, its state tag and
//! the vote. Threads and connections are bounded, so a flood from the venue's network slows
//! the server down for a moment but never takes the trainer with it.
//!
//! Written on the standard library rather than on a server crate: the one small synchronous
//! candidate (`tiny_http`) starts a thread per connection without limit and sets no read
//! timeouts, which a single laptop on the venue's Wi-Fi could use to exhaust the trainer;
//! here the limits are explicit and tested.

use std::collections::HashMap;
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::json;

use super::http::{Method, Request, Response, form_value, read_request};
use super::limit::{Bucket, Rate};
use super::page::{self, View};
use super::{Board, PhoneError, PhoneEvent, QrMatrix, lan_address};
use crate::i18n::{Lang, PhoneText};
use crate::store::{hex, os_random};

/// Most phones one session accepts: a group is at most 30, and some open the page twice
/// (another browser, a private tab). Beyond this a new phone is told the session is full.
pub const MAX_PHONES: usize = 64;

/// Threads that answer requests.
const WORKERS: usize = 8;
/// Connections waiting for a worker; more are closed at once.
const QUEUE: usize = 64;
/// One phone: a page load and a poll every two seconds fit easily, a loop does not.
const PHONE_RATE: Rate = Rate { burst: 10.0, per_second: 4.0 };
/// Everything without a phone's cookie together (new phones, wrong codes, strays): room
/// for a whole group scanning the code at once, and a slow crawl for someone guessing codes.
const STRANGER_RATE: Rate = Rate { burst: 60.0, per_second: 10.0 };
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
    threads: Vec<JoinHandle<()>>,
}

/// What the threads share.
struct Shared {
    /// The join code, upper case.
    code: String,
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
    /// By token (the cookie's value).
    phones: HashMap<String, Phone>,
    /// The allowance of requests without a known token.
    strangers: Bucket,
}

struct Phone {
    /// The number the trainer knows this phone by.
    number: u32,
    bucket: Bucket,
    /// This phone's vote in a round: (round key, werkwijze id).
    vote: Option<(u32, String)>,
    /// Bumped on every vote, for the state tag.
    votes: u64,
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
        let url = format!("http://{host}/j/{code}");
        // Refuse now, not when the screen is drawn, if the address cannot be a QR code.
        QrMatrix::encode(&url)?;
        let now = Instant::now();
        let shared = Arc::new(Shared {
            code: code.clone(),
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
                phones: HashMap::new(),
                strangers: Bucket::new(STRANGER_RATE, now),
            }),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::sync_channel::<TcpStream>(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        let mut threads = Vec::new();
        let spawn = |name: &str, body: Box<dyn FnOnce() + Send>| {
            std::thread::Builder::new()
                .name(name.to_string())
                .spawn(body)
                .map_err(PhoneError::Thread)
        };
        for i in 0..WORKERS {
            let (rx, shared, halt) = (Arc::clone(&rx), Arc::clone(&shared), Arc::clone(&stop));
            let started =
                spawn(&format!("phone-worker-{i}"), Box::new(move || worker(&rx, &shared, &halt)));
            match started {
                Ok(t) => threads.push(t),
                Err(e) => {
                    stop_threads(&stop, &mut threads);
                    return Err(e);
                }
            }
        }
        let accept_stop = Arc::clone(&stop);
        match spawn("phone-accept", Box::new(move || accept(&listener, &tx, &accept_stop))) {
            Ok(t) => threads.push(t),
            Err(e) => {
                stop_threads(&stop, &mut threads);
                return Err(e);
            }
        }
        Ok(PhoneServer { url, code, shared, stop, threads })
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
        lock(&self.shared.state).phones.len()
    }

    /// Stops accepting, finishes the requests under way (each within its deadline) and
    /// forgets every phone.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        stop_threads(&self.stop, &mut self.threads);
        lock(&self.shared.state).phones.clear();
    }
}

impl Drop for PhoneServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn stop_threads(stop: &AtomicBool, threads: &mut Vec<JoinHandle<()>>) {
    stop.store(true, Ordering::SeqCst);
    for t in threads.drain(..) {
        let _ = t.join();
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

/// A phone's token: 128 random bits from the operating system.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    os_random(&mut bytes);
    hex(&bytes)
}

fn accept(listener: &TcpListener, queue: &SyncSender<TcpStream>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            // The peer's address is dropped here, unread: nothing about a phone's network
            // identity is kept, not even in memory.
            Ok((stream, _)) => {
                if stream.set_nonblocking(false).is_err() {
                    continue;
                }
                match queue.try_send(stream) {
                    Ok(()) => {}
                    // Too many waiting: this one is closed at once (dropped).
                    Err(TrySendError::Full(_)) => {}
                    Err(TrySendError::Disconnected(_)) => return,
                }
            }
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

fn worker(rx: &Mutex<Receiver<TcpStream>>, shared: &Shared, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let next = lock(rx).recv_timeout(Duration::from_millis(100));
        match next {
            Ok(stream) => serve(stream, shared),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// Answers one connection: one request, one response, closed.
fn serve(mut stream: TcpStream, shared: &Shared) {
    let start = Instant::now();
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let response = match read_request(&mut stream, start) {
        Ok(request) => respond(shared, &request, Instant::now()),
        Err(refusal) => match refusal.status() {
            Some(status) => Response::text(status, &refusal.to_string()),
            None => return,
        },
    };
    let _ = response.write_to(&mut stream, &shared.security);
    let _ = stream.shutdown(Shutdown::Write);
    // Read what the client still sends (an oversized body), briefly and bounded (300 ms,
    // 64 KB), so closing does not reset the connection before the client has read the answer.
    let until = Instant::now() + Duration::from_millis(300);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
    let mut sink = [0u8; 4096];
    for _ in 0..16 {
        match std::io::Read::read(&mut stream, &mut sink) {
            Ok(n) if n > 0 && Instant::now() < until => {}
            _ => break,
        }
    }
}

/// Where a request goes, under `/j/CODE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Page,
    State,
    Vote,
}

/// The answer to a request that arrived whole.
fn respond(shared: &Shared, req: &Request, now: Instant) -> Response {
    let t = shared.text;
    // Only the address in the join URL: a page elsewhere that points a name at this laptop
    // (DNS rebinding) sends its own name and is refused.
    let host_ok = req.header("host").is_some_and(|h| h.eq_ignore_ascii_case(&shared.host));
    if !host_ok {
        return Response::text(421, "unexpected host");
    }
    let route = route(&req.path, &shared.code);
    let mut state = lock(&shared.state);
    let state = &mut *state;
    let token = req.cookie(COOKIE).filter(|t| state.phones.contains_key(*t)).map(str::to_string);
    // Strangers (no known cookie) share one allowance; a known phone has its own.
    let allowed = match &token {
        Some(t) => state.phones.get_mut(t).is_some_and(|p| p.bucket.take(PHONE_RATE, now)),
        None => state.strangers.take(STRANGER_RATE, now),
    };
    if !allowed {
        let page = page::render(t, View::Notice { title: t.slow_title, text: t.slow_text }, "", "");
        return match route {
            Some(Route::Page) => Response::html(429, page),
            _ => Response::json(429, &json!({"error": "slow down", "message": t.slow_text})),
        }
        .with("Retry-After", "1");
    }
    let Some(route) = route else {
        let page = View::Notice { title: t.unknown_title, text: t.unknown_text };
        return Response::html(404, page::render(t, page, "", ""));
    };
    let base = format!("/j/{}", shared.code);
    match (req.method, route) {
        // A code typed in another case: to the address as the screen shows it, so the
        // phone's cookie (which belongs to that path) comes with every later request.
        (Method::Get, Route::Page) if req.path != base => {
            Response::new(303, "text/plain; charset=utf-8", "").with("Location", base)
        }
        (Method::Get, Route::Page) => {
            let mut set_cookie = None;
            let token = match token {
                Some(t) => t,
                None => {
                    if state.phones.len() >= MAX_PHONES {
                        let page = View::Notice { title: t.full_title, text: t.full_text };
                        return Response::html(503, page::render(t, page, &base, ""));
                    }
                    let token = new_token();
                    let number = u32::try_from(state.phones.len()).unwrap_or(u32::MAX);
                    state.phones.insert(
                        token.clone(),
                        Phone {
                            number,
                            bucket: Bucket::new(PHONE_RATE, now),
                            vote: None,
                            votes: 0,
                        },
                    );
                    (shared.events)(PhoneEvent::Joined(number));
                    // Only for this session's pages; gone when the browser closes.
                    set_cookie =
                        Some(format!("{COOKIE}={token}; Path={base}; HttpOnly; SameSite=Strict"));
                    token
                }
            };
            let change = req.query.as_deref().is_some_and(|q| form_value(q, "change").is_some());
            let html = render_for(shared, state, &token, change, None);
            let response = Response::html(200, html);
            match set_cookie {
                Some(c) => response.with("Set-Cookie", c),
                None => response,
            }
        }
        (Method::Get, Route::State) => match token {
            Some(token) => Response::json(200, &json!({"v": tag(state, &token)})),
            None => no_phone(t),
        },
        (Method::Post, Route::Vote) => match token {
            Some(token) => vote(shared, state, &token, req),
            None => no_phone(t),
        },
        _ => Response::text(405, "method not allowed"),
    }
}

/// The path's route, when it is under `/j/` and the code is right (in any case: a code
/// typed on a phone may come out in lower case).
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

fn no_phone(t: &PhoneText) -> Response {
    Response::json(403, &json!({"error": "no phone", "message": t.no_device_text}))
}

/// The state tag of a phone: changes when the board changes or the phone votes, and says
/// nothing else.
fn tag(state: &State, token: &str) -> String {
    let votes = state.phones.get(token).map_or(0, |p| p.votes);
    format!("{}-{}", state.generation, votes)
}

/// The page one phone sees now.
fn render_for(
    shared: &Shared,
    state: &State,
    token: &str,
    change: bool,
    error: Option<&str>,
) -> String {
    let t = shared.text;
    let base = format!("/j/{}", shared.code);
    let tag = tag(state, token);
    let phone = state.phones.get(token);
    let view = match (&state.board, phone) {
        (Board::Waiting, _) => View::Waiting,
        (Board::Look, _) => View::Look,
        (Board::Ended, _) | (_, None) => View::Ended,
        (Board::Vote { round, eligible, ballot }, Some(p)) => {
            let chosen = p.vote.as_ref().filter(|(r, _)| r == round).map(|(_, o)| o.as_str());
            let position = chosen.and_then(|c| ballot.options.iter().position(|o| o.id == c));
            match position {
                _ if !eligible.contains(&p.number) => View::Late,
                Some(i) if !change && error.is_none() => {
                    View::Received { choice: (i + 1, ballot.options[i].title.as_str()) }
                }
                _ => View::Vote { round: *round, ballot, chosen, error },
            }
        }
    };
    page::render(t, view, &base, &tag)
}

/// A vote, as JSON (`{"round": 3, "option": "b"}`, from the script) or as a form post
/// (without JavaScript; answered with a redirect to the page).
fn vote(shared: &Shared, state: &mut State, token: &str, req: &Request) -> Response {
    let t = shared.text;
    let base = format!("/j/{}", shared.code);
    let content_type = req.header("content-type").unwrap_or_default().to_ascii_lowercase();
    let form = content_type.starts_with("application/x-www-form-urlencoded");
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
    let refuse = |status: u16, error: &str, message: &str, state: &State| {
        if form {
            let html = render_for(shared, state, token, true, Some(message));
            Response::html(status, html)
        } else {
            Response::json(status, &json!({"error": error, "message": message}))
        }
    };
    let (round, option) = match parsed {
        Ok(p) => p,
        Err(e) if form => return refuse(400, e, t.choose_first, state),
        Err(e) => return Response::json(400, &json!({"error": e})),
    };
    let Some(phone) = state.phones.get(token) else { return no_phone(t) };
    let number = phone.number;
    let check = match &state.board {
        Board::Vote { round: open, eligible, ballot } if *open == round => {
            if !eligible.contains(&number) {
                Err((409, "late", t.late_title))
            } else if !ballot.options.iter().any(|o| o.id == option) {
                Err((400, "no such option", t.choose_first))
            } else {
                Ok(())
            }
        }
        _ => Err((409, "closed", t.closed_text)),
    };
    if let Err((status, error, message)) = check {
        return refuse(status, error, message, state);
    }
    if let Some(phone) = state.phones.get_mut(token) {
        phone.vote = Some((round, option.clone()));
        phone.votes += 1;
    }
    (shared.events)(PhoneEvent::Voted { phone: number, round, option });
    if form {
        Response::new(303, "text/plain; charset=utf-8", "").with("Location", base)
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
