//! The phone server's connections, all on one thread that never waits on a client: sockets
//! are non-blocking, and each turn of the loop accepts what is waiting, reads what arrived,
//! answers what is complete and writes what the client takes. A slow or silent client
//! holds one slot in a table, never a thread, and only until its deadline, which starts
//! when the connection is accepted. Open connections are capped in total and per peer
//! address, so one laptop on the venue's Wi-Fi cannot fill the table.
//!
//! The peer address is used for that cap only: it is a key in an in-memory count while one
//! of its connections is open, removed with the last, and never written, logged or passed
//! on. Answering a request is the caller's (`answer`); it runs on this thread, under the
//! server's lock, and takes well under a millisecond.

use std::collections::HashMap;
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::http::{MAX_REQUEST, Refusal, Request, parse};

/// Most connections open at once: a group of 30 phones needs a handful at any moment.
pub const MAX_CONNECTIONS: usize = 256;
/// Most connections open at once from one peer address: a browser opens a few; a laptop
/// that opens more is closed at once, whatever it sends.
pub const PER_PEER: usize = 16;
/// How long a request may take to arrive, head and body, counted from the accept.
pub const READ_DEADLINE: Duration = Duration::from_secs(2);
/// How long a connection may live in all, the answer written included.
pub const LIFETIME: Duration = Duration::from_secs(6);
/// After the answer: how long, and how much, is read and dropped before closing, so
/// closing does not reset the connection before the client has read the answer.
const DRAIN: (Duration, usize) = (Duration::from_millis(300), 64 * 1024);
/// Pause between turns while connections wait on their clients, and when none is open.
const POLL: Duration = Duration::from_millis(2);
const IDLE: Duration = Duration::from_millis(5);
/// Connections accepted per turn, so a burst of them cannot starve the ones open.
const ACCEPTS_PER_TURN: usize = 64;

/// Where a connection is.
enum Phase {
    /// Receiving the request.
    Reading(Vec<u8>),
    /// Sending the answer, from this offset.
    Writing(Vec<u8>, usize),
    /// Answer sent; reading what the client still sends, until then or this many bytes.
    Draining(Instant, usize),
}

struct Conn {
    stream: TcpStream,
    peer: IpAddr,
    accepted: Instant,
    phase: Phase,
}

/// What became of a connection in one turn.
struct Step {
    keep: bool,
    progressed: bool,
}

/// Open connections per peer address, while they are open.
#[derive(Default)]
struct Peers(HashMap<IpAddr, usize>);

impl Peers {
    /// Counts a new connection from `peer`, unless it has [`PER_PEER`] open already.
    fn admit(&mut self, peer: IpAddr) -> bool {
        let n = self.0.get(&peer).copied().unwrap_or(0);
        if n >= PER_PEER {
            return false;
        }
        self.0.insert(peer, n + 1);
        true
    }

    /// A connection from `peer` closed; the address is forgotten with its last.
    fn release(&mut self, peer: IpAddr) {
        if let Some(n) = self.0.get_mut(&peer) {
            *n -= 1;
            if *n == 0 {
                self.0.remove(&peer);
            }
        }
    }
}

/// What answers a complete request, or a refusal: the response's bytes.
pub type Answer<'a> = &'a dyn Fn(Result<Request, Refusal>) -> Vec<u8>;

/// Serves `listener` (already non-blocking) until `stop` is set; `answer` gives the bytes
/// of each response. A request that does not arrive whole in time gets no answer.
pub fn run(listener: &TcpListener, stop: &AtomicBool, answer: Answer) {
    let mut conns: Vec<Conn> = Vec::new();
    let mut peers = Peers::default();
    while !stop.load(Ordering::SeqCst) {
        let mut progressed = false;
        for _ in 0..ACCEPTS_PER_TURN {
            let Ok((stream, addr)) = listener.accept() else { break };
            progressed = true;
            let peer = addr.ip();
            // Over a cap, or a socket that cannot be made non-blocking: closed at once
            // (dropped), before a byte is read.
            if conns.len() >= MAX_CONNECTIONS || stream.set_nonblocking(true).is_err() {
                continue;
            }
            if !peers.admit(peer) {
                continue;
            }
            let accepted = Instant::now();
            conns.push(Conn { stream, peer, accepted, phase: Phase::Reading(Vec::new()) });
        }
        let now = Instant::now();
        conns.retain_mut(|conn| {
            let step = turn(conn, now, answer);
            progressed |= step.progressed;
            if !step.keep {
                peers.release(conn.peer);
            }
            step.keep
        });
        if !progressed {
            std::thread::sleep(if conns.is_empty() { IDLE } else { POLL });
        }
    }
}

/// One turn of a connection: read, answer, write or drain as far as it goes without
/// waiting.
fn turn(conn: &mut Conn, now: Instant, answer: Answer) -> Step {
    let age = now.saturating_duration_since(conn.accepted);
    match &mut conn.phase {
        Phase::Reading(buf) => {
            let (got, open) = read_available(&mut conn.stream, buf, MAX_REQUEST + 1 - buf.len());
            let parsed = match parse(buf) {
                Ok(None) if !open || age > READ_DEADLINE => {
                    return Step { keep: false, progressed: got };
                }
                Ok(None) => return Step { keep: true, progressed: got },
                Ok(Some(request)) => Ok(request),
                Err(refusal) => Err(refusal),
            };
            conn.phase = Phase::Writing(answer(parsed), 0);
            turn(conn, now, answer)
        }
        Phase::Writing(bytes, at) => {
            let before = *at;
            while *at < bytes.len() {
                match conn.stream.write(&bytes[*at..]) {
                    Ok(0) => return Step { keep: false, progressed: true },
                    Ok(n) => *at += n,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => return Step { keep: false, progressed: true },
                }
            }
            let progressed = *at > before;
            if *at < bytes.len() {
                return Step { keep: age <= LIFETIME, progressed };
            }
            let _ = conn.stream.shutdown(Shutdown::Write);
            conn.phase = Phase::Draining(now + DRAIN.0, DRAIN.1);
            Step { keep: true, progressed: true }
        }
        Phase::Draining(until, left) => {
            let mut sink = Vec::new();
            let (got, open) = read_available(&mut conn.stream, &mut sink, *left);
            *left = left.saturating_sub(sink.len());
            let keep = open && *left > 0 && now < *until && age <= LIFETIME;
            Step { keep, progressed: got }
        }
    }
}

/// Reads what has arrived, up to `room` more bytes, into `buf`; whether anything came, and
/// whether the connection is still open (no end of stream, no error).
fn read_available(stream: &mut TcpStream, buf: &mut Vec<u8>, room: usize) -> (bool, bool) {
    let mut chunk = [0u8; 4096];
    let mut got = false;
    let mut room = room;
    while room > 0 {
        let want = room.min(chunk.len());
        match stream.read(&mut chunk[..want]) {
            Ok(0) => return (got, false),
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                room -= n;
                got = true;
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if e.kind() == ErrorKind::WouldBlock => return (got, true),
            Err(_) => return (got, false),
        }
    }
    (got, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peer_is_capped_and_forgotten_with_its_last_connection() {
        let mut peers = Peers::default();
        let (a, b): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
        assert!((0..PER_PEER).all(|_| peers.admit(a)));
        assert!(!peers.admit(a), "one more than the cap is refused");
        assert!(peers.admit(b), "another address has its own");
        peers.release(a);
        assert!(peers.admit(a), "a closed connection frees a place");
        for _ in 0..PER_PEER {
            peers.release(a);
        }
        peers.release(b);
        assert!(peers.0.is_empty(), "no address is kept once its connections are closed");
    }
}
