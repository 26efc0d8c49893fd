//! Attacker review (round 13) of the organisation pool: each test reproduces one break of a
//! promise in design.md / PRIVACY.md chapter 6 against a real throwaway PostgreSQL (the same
//! kind of cluster as tests/postgres.rs). Each test asserts the promise, so each failed while
//! the break was there; the breaks are mended, and two limitations that cannot be mended in
//! wikken (what the server's administrator and PostgreSQL's own statistics views reveal)
//! are stated in PRIVACY.md and kept here as ignored tests that reproduce them on demand
//! (`cargo test --test postgres_attack -- --ignored`).

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use wikken::store::postgres::{self, DilemmaRef, PgPool};
use wikken::store::{Bundle, Journal, NewAnswer, PoolLocation, PoolRecord, Pseudonym, SharedPool};
use wikken::tui::{Action, Draft};

// ----- a throwaway cluster: the shared harness ----------------------------------------

#[path = "support/trainer.rs"]
mod trainer;
use trainer::{save_answer, trainer};

#[path = "support/pg.rs"]
mod pg;
use pg::{Server, path as p};

const PACK: &str = "werk-en-inkomen";

fn dil(dilemma: &str) -> DilemmaRef<'_> {
    DilemmaRef { pack: PACK, v: 1, dilemma }
}

fn secret(n: u8) -> Vec<u8> {
    vec![n; 32]
}

fn reader(server: &Server) -> PgPool {
    let url = server.participant(&format!("lezer{}", wikken::store::random_id()));
    PgPool::connect(&url, &secret(250)).expect("reader")
}

/// A journal answer in `data`, as the trainer writes it.
fn journal_answer(data: &Path, dilemma: &str, choice: &str) -> Vec<wikken::store::Answer> {
    let journal = Journal::new(data);
    journal
        .add_answer(&NewAnswer {
            id: wikken::store::random_id(),
            pack: PACK.into(),
            pack_version: 1,
            dilemma: dilemma.into(),
            choice: choice.into(),
            reasoning: String::new(),
            confidence: None,
            share: false,
            at: "2026-11-23T10:00:00Z".into(),
        })
        .expect("journal");
    journal.load().0
}

fn open(url: &str, data: &Path) -> SharedPool {
    PoolLocation::resolve(data, Some(Path::new(url))).open(data).expect("open")
}

fn record(i: usize, dilemma: &str, first: &str) -> PoolRecord {
    PoolRecord {
        rid: format!("{:016x}", 0xdead_0000 + i),
        pack: PACK.into(),
        v: 1,
        dilemma: dilemma.into(),
        first: first.into(),
        revised: None,
        p: format!("{:016x}", 0xbeef_0000 + i),
        date: "2026-11-20".into(),
        reasoning: None,
    }
}

// ----- 1. an imported bundle unlocks a lone own answer --------------------------------------

/// design.md "Imports never unlock": imported answers never help the team's own answers
/// over the threshold. In the organisation pool they count with the own answers, and what
/// they unlock is shown to every participant (not only to the owner, as PRIVACY.md 6 argues).
/// Whoever wrote (or merely holds) the bundle subtracts its records and reads the lone own
/// answer — and its shared reasoning.
#[test]
fn an_imported_bundle_never_unlocks_own_answers() {
    let Some(server) = Server::start() else { return };
    let owner_url = server.url("postgres");
    postgres::init(&owner_url).expect("init");
    let d = dil("verzwegen-samenwonen");
    // Three colleagues answer; the batch of three is released, below k = 5.
    let mut s: Vec<PgPool> = (0..3u8)
        .map(|i| PgPool::connect(&server.participant(&format!("s{i}")), &secret(i)).expect("c"))
        .collect();
    s[0].submit(d, "a", None, None).expect("s0");
    s[1].submit(d, "a", None, None).expect("s1");
    s[2].submit(d, "b", None, Some("Alleen ik weet dit: mijn broer werkt bij handhaving."))
        .expect("s2");
    // Two of them use their right to erasure (immediate, PRIVACY.md 6): one own answer left.
    assert_eq!(s[0].forget([d]).expect("forget"), 1);
    assert_eq!(s[1].forget([d]).expect("forget"), 1);
    let mut r = reader(&server);
    let before = r.distribution(d).expect("dist");
    assert_eq!((before.participants, before.visible), (1, false));

    // The attacker hands the owner "our team's bundle": four answers, all werkwijze a.
    let records: Vec<PoolRecord> = (0..4).map(|i| record(i, "verzwegen-samenwonen", "a")).collect();
    let bundle = Bundle::seal("2026-11-30", records, Vec::new()).expect("seal");
    let file = server.dir.path().join("andere-gemeente.json");
    std::fs::write(&file, serde_json::to_vec(&bundle).expect("json")).expect("write");
    let (code, _, err) = server
        .wikken(&server.dir.path().join("data-owner"), &["--pool", &owner_url, "import", p(&file)]);
    assert_eq!(code, Some(0), "{err}");

    // Every participant now sees the distribution; minus the four known a's it is s2's answer.
    let after = r.distribution(d).expect("dist");
    let reasoning = r.shared_reasoning(d).expect("reasoning");
    eprintln!("after import: {after:?}\nshared reasoning: {reasoning:?}");
    assert!(
        !after.visible,
        "an import pushed one own answer over k: {:?}; reasoning shown: {reasoning:?}",
        after.options
    );
    assert!(reasoning.is_empty(), "{reasoning:?}");
    // `wikken stats` reads the same rule: the dilemma is hidden, whatever its total.
    let summary = r.summary().expect("summary");
    let row = summary.rows.iter().find(|row| row.dilemma == d.dilemma).expect("row");
    assert_eq!(row.scope, wikken::store::Scope::Hidden, "{row:?}");
    assert!(row.first.is_empty(), "{row:?}");
}

// ----- 2. forgotten answers come back through a bundle --------------------------------------

/// design.md "Erasure": a tombstone keeps erased answers from coming back through a bundle;
/// PRIVACY.md 7: bundles that come back "vallen weg door de grafsteen". The organisation pool's
/// forget writes no tombstone: an earlier export, imported again (directly, or after a round
/// trip through another team), brings the erased answer back, and later exports carry no
/// erasure to the teams that hold it.
#[test]
fn forgotten_answers_never_come_back_through_a_bundle() {
    let Some(server) = Server::start() else { return };
    let owner_url = server.url("postgres");
    postgres::init(&owner_url).expect("init");
    let d = dil("verzwegen-samenwonen");
    for i in 0..2u8 {
        PgPool::connect(&server.participant(&format!("c{i}")), &secret(i))
            .expect("c")
            .submit(d, "a", None, None)
            .expect("submit");
    }
    // Vera answers through the trainer's pool (journal, DATA/pool-secret, sync).
    let vera_url = server.participant("vera");
    let vera = server.dir.path().join("data-vera");
    std::fs::create_dir(&vera).expect("data");
    let answers = journal_answer(&vera, "verzwegen-samenwonen", "b");
    let pool = open(&vera_url, &vera);
    assert_eq!(pool.sync(&Pseudonym("aaaaaaaaaaaaaaaa".into()), &answers).expect("sync"), 1);
    Journal::new(&vera).remember_pool(&pool.location()).expect("remember");
    drop(pool);
    let count_b = || -> i64 {
        server
            .owner()
            .query_one("SELECT count(*) FROM wikken.answers WHERE pub_first = 'b'", &[])
            .expect("count")
            .get(0)
    };
    assert_eq!(count_b(), 1, "released with the batch");

    // The owner sends the usual bundle to a neighbouring team.
    let owner_data = server.dir.path().join("data-owner");
    let bundle = server.dir.path().join("bundel-1.json");
    let (code, _, err) =
        server.wikken(&owner_data, &["--pool", &owner_url, "export", "--out", p(&bundle)]);
    assert_eq!(code, Some(0), "{err}");

    // Vera erases herself.
    let (code, out, err) = server.wikken(&vera, &["--pool", &vera_url, "forget", "--yes"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(count_b(), 0, "forget erased her row");

    // A later export carries nothing that would erase her answer at the neighbours.
    let bundle2 = server.dir.path().join("bundel-2.json");
    let (code, _, err) =
        server.wikken(&owner_data, &["--pool", &owner_url, "export", "--out", p(&bundle2)]);
    assert_eq!(code, Some(0), "{err}");
    let b2 = wikken::store::read_bundle(&bundle2).expect("bundle 2");
    eprintln!("tombstones in the export after forget: {}", b2.tombstones.len());

    // The first bundle comes back (the neighbours re-export what they imported, unchanged).
    let (code, out, err) =
        server.wikken(&owner_data, &["--pool", &owner_url, "import", p(&bundle)]);
    assert_eq!(code, Some(0), "{err}");
    eprintln!("import: {out}");
    assert_eq!(count_b(), 0, "the erased answer came back through the bundle: {out}");
    assert!(!b2.tombstones.is_empty(), "the erasure does not travel with bundles");
}

// ----- 3. a lone new answer isolated by a batch padded with non-new changes ------------------

/// PRIVACY.md 6: "wijzigingen in een dilemma worden pas zichtbaar in groepjes van ten minste 3"
/// so "vergelijken vóór en ná één antwoord verraadt niets". The batch counts dirty rows, not
/// new answers: a revision (or an unchanged answer submitted again — the trainer's sync does
/// that whenever its ledger does not match, e.g. after the pool URL is spelled differently)
/// pads the batch. Revisions do not touch first choices, so when the participant count goes
/// up by one, the change in first choices IS that one person's answer.
#[test]
fn one_participant_cannot_isolate_a_lone_new_answer() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    let name = "verzwegen-samenwonen";
    let d = dil(name);
    // Six colleagues answered long ago (released, visible at k = 5). w0 is the attacker.
    let mut attacker = PgPool::connect(&server.participant("w0"), &secret(0)).expect("c");
    attacker.submit(d, "a", None, None).expect("w0");
    let honest_url = server.participant("w1");
    let honest = server.dir.path().join("data-w1");
    std::fs::create_dir(&honest).expect("data");
    let answers = journal_answer(&honest, name, "a");
    let who = Pseudonym("bbbbbbbbbbbbbbbb".into());
    assert_eq!(open(&honest_url, &honest).sync(&who, &answers).expect("sync"), 1);
    for i in 2..6u8 {
        PgPool::connect(&server.participant(&format!("w{i}")), &secret(i))
            .expect("c")
            .submit(d, "a", None, None)
            .expect("submit");
    }
    let mut r = reader(&server);
    let before = r.distribution(d).expect("dist");
    assert_eq!((before.participants, before.visible), (6, true));

    // The victim answers: pending, nothing visible changes.
    PgPool::connect(&server.participant("victim"), &secret(99))
        .expect("c")
        .submit(d, "b", None, None)
        .expect("victim");
    assert_eq!(r.distribution(d).expect("dist"), before);

    // The attacker "revises" to what they already had: one dirty row of their own.
    assert!(attacker.revise(d, "a").expect("revise"));
    assert_eq!(r.distribution(d).expect("dist"), before, "two pending: still nothing");
    // An honest colleague starts the trainer with the pool spelled postgres:// instead of
    // postgresql:// (or with ?sslmode=verify-full added): a new ledger, so the trainer sends
    // its unchanged answer again — the third "change" of the batch.
    // (The ledger is named by the address as wikken rebuilds it, so the respelled pool is
    // the same pool and nothing is resent; and should an unchanged answer be sent again —
    // here on purpose, straight through the client — it changes nothing and pads nothing.)
    let respelled = honest_url.replacen("postgresql://", "postgres://", 1);
    assert_eq!(open(&respelled, &honest).sync(&who, &answers).expect("sync"), 0, "same pool");
    let secret_w1 = postgres::load_or_create_secret(&honest).expect("secret");
    PgPool::connect(&honest_url, &secret_w1).expect("c").submit(d, "a", None, None).expect("again");

    let after = r.distribution(d).expect("dist");
    eprintln!("before: {before:?}\nafter:  {after:?}");
    let newcomers = after.participants - before.participants;
    assert!(
        newcomers == 0 || newcomers >= 3,
        "a batch released {newcomers} new answer(s); first choices {:?} -> {:?} give it away",
        before.options,
        after.options
    );
}

// ----- 4. a server that answers the handshake and then stays silent -------------------------

/// A TCP proxy that relays the PostgreSQL start-up and then swallows every answer: the
/// connection stays open and acknowledged (as with a stopped server process, a hung pooler
/// or load balancer), so neither TCP_USER_TIMEOUT nor keepalives fire, and the server's
/// statement_timeout never reaches the client.
fn silent_after_handshake(upstream: u16) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let server = std::net::TcpStream::connect(("127.0.0.1", upstream)).expect("upstream");
            let (mut c_in, mut s_out) =
                (client.try_clone().expect("c"), server.try_clone().expect("s"));
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c_in, &mut s_out);
            });
            let (mut s_in, mut c_out) = (server, client);
            std::thread::spawn(move || {
                const READY: &[u8] = b"Z\x00\x00\x00\x05I";
                let mut seen = Vec::new();
                let mut buf = [0u8; 65536];
                let mut silent = false;
                while let Ok(n) = s_in.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if silent {
                        continue;
                    }
                    let _ = c_out.write_all(&buf[..n]);
                    seen.extend_from_slice(&buf[..n]);
                    silent = seen.windows(READY.len()).any(|w| w == READY);
                }
            });
        }
    });
    port
}

/// Commit a03822f: "a server that accepts and stays silent can no longer hang the trainer".
/// Only the connect is bounded: once connected, a silent server holds the background sync
/// (which keeps the pool's lock while it waits), and the next save on the screen's thread
/// waits for that lock — forever. `wikken pool status` and `stats` hang the same way.
#[test]
fn a_silent_server_never_hangs_a_save() {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").expect("p").local_addr().expect("a").port();
    let Some(server) = Server::start_on(port, "-c listen_addresses=127.0.0.1") else {
        return;
    };
    postgres::init(&server.url("postgres")).expect("init");
    server.participant("kim");
    let proxy = silent_after_handshake(port);
    let url = format!("postgresql://kim@127.0.0.1:{proxy}/postgres?sslmode=disable");
    let data = server.dir.path().join("data-kim");
    std::fs::create_dir(&data).expect("data");
    let answers = journal_answer(&data, "een", "a");
    let pool = open(&url, &data);

    // The trainer's start: the background thread syncs the journal.
    let bg = pool.clone();
    std::thread::spawn(move || {
        let _ = bg.sync(&Pseudonym("aaaaaaaaaaaaaaaa".into()), &answers);
    });
    std::thread::sleep(Duration::from_secs(2));

    // The person answers the next dilemma: the save runs on the effect worker, which must
    // still come back (the next save queues behind it).
    let (tx, rx) = std::sync::mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let (_app, stores) = trainer(&data, pool);
        let draft = Draft {
            pack: PACK.into(),
            pack_version: 1,
            dilemma: "twee".into(),
            choice: "a".into(),
            reasoning: String::new(),
            confidence: None,
            share: false,
        };
        let (saved, _) = save_answer(&stores, draft);
        let _ = tx.send(matches!(saved, Some(Action::AnswerSaved { .. })));
    });
    let returned = rx.recv_timeout(Duration::from_secs(30));
    assert!(
        returned.is_ok(),
        "the save (and with it the screen) still hangs after {:?}",
        started.elapsed()
    );

    // A command against the same silent server stops after its patience, saying why.
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_wikken"))
        .args(["--pool", &url, "pool", "status"])
        .env("LANG", "C.UTF-8")
        .env("WIKKEN_DATA", server.dir.path().join("data-status"))
        .env("WIKKEN_CONFIG", server.dir.path().join("none.toml"))
        .env("WIKKEN_DB_PATIENCE", "3")
        .output()
        .expect("wikken");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("antwoordt al 3 seconden niet"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
}

// ----- 5. a trainer still open when forget runs ----------------------------------------------

/// design.md: a tombstone keeps erased answers from coming back through "a trainer that was
/// still open". Against the organisation pool, a trainer open during `wikken forget` still
/// holds the old secret: its next answer goes in under it, and no later `forget` can ever
/// find that row (the secret file is gone; a new one is made).
#[test]
fn a_trainer_still_open_during_forget_leaves_nothing_behind() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    let url = server.participant("kim");
    let data = server.dir.path().join("data-kim");
    std::fs::create_dir(&data).expect("data");
    let answers = journal_answer(&data, "een", "a");
    let open_trainer = open(&url, &data);
    let who = Pseudonym("aaaaaaaaaaaaaaaa".into());
    open_trainer.sync(&who, &answers).expect("sync");
    Journal::new(&data).remember_pool(&open_trainer.location()).expect("remember");

    // In another terminal: wikken forget.
    let (code, out, err) = server.wikken(&data, &["--pool", &url, "forget", "--yes"]);
    assert_eq!(code, Some(0), "{out}{err}");
    // The trainer, still open, saves the next answer: refused, for the secret it holds is
    // no longer this install's (forget removed it).
    let next = journal_answer(&data, "twee", "b");
    let refused =
        open_trainer.append(&who, &wikken::store::PoolRecord::from_answer(&next[0], &who));
    assert!(matches!(refused, Err(wikken::store::StoreError::Forgotten)), "{refused:?}");
    open_trainer.settle(Duration::from_secs(5));
    // The person runs forget again, to be sure.
    let (code, out, err) = server.wikken(&data, &["--pool", &url, "forget", "--yes"]);
    eprintln!("second forget: {code:?} {out}{err}");
    let left: i64 =
        server.owner().query_one("SELECT count(*) FROM wikken.answers", &[]).expect("count").get(0);
    assert_eq!(left, 0, "an answer of the erased person is in the pool, and no forget finds it");
}

// ----- 6. the password in the URL's query reaches the screen -------------------------------

/// PRIVACY / commands::pool: "passwords never reach the screen". `redact` removes only the
/// user-info password; libpq URLs (and the `postgres` crate) also take `?password=`.
#[test]
fn a_password_in_the_url_query_never_reaches_the_screen() {
    let dir = tempfile::tempdir().expect("tmp");
    let url = "postgresql://anna@127.0.0.1:1/wikken?sslmode=disable&password=Zomer2026!";
    let out = Command::new(env!("CARGO_BIN_EXE_wikken"))
        .args(["--pool", url, "pool", "status"])
        .env("LANG", "C.UTF-8")
        .env("WIKKEN_DATA", dir.path().join("data"))
        .env("WIKKEN_CONFIG", dir.path().join("none.toml"))
        .output()
        .expect("wikken");
    let shown =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!shown.contains("Zomer2026"), "{shown}");
    assert!(!postgres::redact(url).contains("Zomer2026"), "{}", postgres::redact(url));
}

// ----- 7. the catalogue tells participants who just answered --------------------------------

/// PRIVACY.md 6: participants "lezen nooit rijen" and `pool status` says nothing about
/// pending answers; what only the administrator can see is "wie een databaseverbinding maakte
/// en wanneer". Every login can read pg_stat_activity (user names of open sessions) and
/// pg_stat_user_tables (inserts into wikken.participation = new answers, released or not).
/// PRIVACY.md chapter 6 tells the administrator to close PostgreSQL's statistics views in
/// the wikken database; with that REVOKE a participant learns neither who is connected nor
/// how many answers wait.
#[test]
fn participants_cannot_count_pending_answers_or_see_who_is_connected() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    // The administrator's step from PRIVACY.md, chapter 6.
    server
        .owner()
        .batch_execute(
            "REVOKE SELECT ON pg_catalog.pg_stat_activity, pg_catalog.pg_stat_user_tables, \
             pg_catalog.pg_stat_all_tables FROM PUBLIC;",
        )
        .expect("revoke");
    let spy_url = server.participant("spion");
    let mut spy = postgres::Client::connect(&spy_url, postgres::NoTls).expect("spy");
    let mut spy_pool = PgPool::connect(&spy_url, &secret(7)).expect("spy pool");
    let mut victim = PgPool::connect(&server.participant("collega"), &secret(8)).expect("victim");
    victim.submit(dil("een"), "a", None, None).expect("submit");
    // Another colleague answers and closes the trainer (statistics are flushed at exit).
    PgPool::connect(&server.participant("collega2"), &secret(9))
        .expect("c")
        .submit(dil("twee"), "b", None, None)
        .expect("submit");
    let who: Vec<String> = spy
        .query(
            "SELECT usename::text FROM pg_stat_activity WHERE usename IS NOT NULL \
             AND usename NOT IN (current_user, 'postgres')",
            &[],
        )
        .map(|rows| rows.into_iter().map(|r| r.get(0)).collect())
        .unwrap_or_else(|e| {
            assert!(postgres::message(&e).contains("permission denied"), "{e}");
            Vec::new()
        });
    std::thread::sleep(Duration::from_millis(1500)); // a closed session's statistics are flushed
    let inserted: i64 = spy
        .query_one(
            "SELECT coalesce(sum(n_tup_ins), 0)::bigint FROM pg_stat_user_tables \
             WHERE schemaname = 'wikken' AND relname = 'participation'",
            &[],
        )
        .map(|r| r.get(0))
        .unwrap_or_else(|e| {
            assert!(postgres::message(&e).contains("permission denied"), "{e}");
            0
        });
    let released = spy_pool.status().expect("status").answers;
    eprintln!("connected: {who:?}; new answers: {inserted}; released: {released}");
    assert!(
        who.is_empty() && i64::from(released) >= inserted,
        "a participant sees {who:?} connected and {} pending answer(s)",
        inserted - i64::from(released)
    );
}

// ----- 8. TLS is stripped by anyone on the path ----------------------------------------------

/// PRIVACY.md 6: "Verbindingen gaan over TLS en controleren altijd het certificaat van de
/// server." With the URL the README gives (no sslmode), the client accepts a server that
/// "does not offer" TLS — and whoever sits on the path decides that: this proxy answers the
/// SSLRequest with 'N' and relays the rest, in clear, to a server that does have TLS.
#[test]
fn a_man_in_the_middle_cannot_strip_tls() {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").expect("p").local_addr().expect("a").port();
    let Some(server) = Server::start_on(port, "-c listen_addresses=127.0.0.1") else { return };
    // The server has TLS (a self-signed certificate is enough: the client never gets there).
    let data = server.dir.path().join("data");
    let ok = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
        ])
        .arg("-keyout")
        .arg(data.join("server.key"))
        .arg("-out")
        .arg(data.join("server.crt"))
        .output()
        .expect("openssl");
    assert!(ok.status.success());
    Command::new("chown")
        .arg("postgres:postgres")
        .arg(data.join("server.key"))
        .arg(data.join("server.crt"))
        .status()
        .expect("chown");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data.join("server.key"), std::fs::Permissions::from_mode(0o600))
            .expect("mode");
    }
    let mut owner = server.owner();
    owner.batch_execute("ALTER SYSTEM SET ssl = on").expect("ssl on");
    owner.batch_execute("SELECT pg_reload_conf()").expect("reload");
    std::thread::sleep(Duration::from_millis(500));
    postgres::init(&server.url("postgres")).expect("init");
    server.participant("kim");
    // Directly, the server offers TLS (wikken then refuses its self-signed certificate).
    let direct =
        PgPool::connect(&format!("postgresql://kim@localhost:{port}/postgres"), &secret(1));
    let refused = direct.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.to_lowercase().contains("certificate"), "TLS offered: {refused}");

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let mitm = listener.local_addr().expect("addr").port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let mut client = client;
            let mut first = [0u8; 8];
            if client.read_exact(&mut first).is_err() {
                continue;
            }
            let upstream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("upstream");
            if first == [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f] {
                let _ = client.write_all(b"N"); // "this server has no TLS"
            } else {
                let _ = (&upstream).write_all(&first);
            }
            let (mut c_in, mut s_out) =
                (client.try_clone().expect("c"), upstream.try_clone().expect("s"));
            let log = log.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 65536];
                while let Ok(n) = c_in.read(&mut buf) {
                    if n == 0 || s_out.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    log.lock().expect("log").extend_from_slice(&buf[..n]);
                }
            });
            let (mut s_in, mut c_out) = (upstream, client);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_in, &mut c_out);
            });
        }
    });

    let url = format!("postgresql://kim@127.0.0.1:{mitm}/postgres");
    let connected = PgPool::connect(&url, &secret(1));
    if let Ok(mut pool) = connected {
        pool.submit(dil("een"), "a", None, Some("Mijn cliënt heeft schulden bij haar broer."))
            .expect("submit");
        let wire = String::from_utf8_lossy(&seen.lock().expect("log")).into_owned();
        panic!(
            "connected without TLS through a stripping proxy; it read: {}",
            wire.split('\0')
                .filter(|s| s.contains("schulden") || s.contains("wikken."))
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }
}

// ----- 9. hostile bundles through COPY ------------------------------------------------------

/// What a hostile bundle does to the owner's import by COPY (an exploration: prints what
/// arrives; fails only if the import lets something through that it should not).
#[test]
fn hostile_bundles_through_copy() {
    let Some(server) = Server::start() else { return };
    let owner_url = server.url("postgres");
    postgres::init(&owner_url).expect("init");
    let owner_data = server.dir.path().join("data-owner");
    let import = |name: &str, records: Vec<PoolRecord>, tombstones: Vec<String>| {
        let bundle = Bundle::seal("2026-11-30", records, tombstones).expect("seal");
        let file = server.dir.path().join(format!("{name}.json"));
        std::fs::write(&file, serde_json::to_vec(&bundle).expect("json")).expect("write");
        let r = server.wikken(&owner_data, &["--pool", &owner_url, "import", p(&file)]);
        eprintln!("{name}: {r:?}");
        r
    };
    let texts = [
        "regel\n\\.\nna het einde-teken",
        "\\.",
        "\r\n\\.\r\n",
        "\"\",\"\n\"",
        "nul\0byte",
        "tab\tbackslash\\N",
    ];
    let records: Vec<PoolRecord> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| PoolRecord { reasoning: Some((*t).into()), ..record(i, "copy", "a") })
        .collect();
    assert_eq!(import("copy", records, Vec::new()).0, Some(0));
    let mut owner = server.owner();
    let got: Vec<String> = owner
        .query("SELECT reasoning FROM wikken.answers WHERE dilemma = 'copy' ORDER BY rid", &[])
        .expect("rows")
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    let want: Vec<String> = texts.iter().map(|t| t.replace('\0', "")).collect();
    assert_eq!(got, want, "texts arrive as they were");

    // A version beyond i32 and an impossible date: the checks let them through, COPY refuses
    // the whole bundle (one transaction), and says why.
    let big = PoolRecord { v: 3_000_000_000, ..record(50, "groot", "a") };
    let (code, _, err) = import("v-groot", vec![big], Vec::new());
    eprintln!("v > i32: {code:?} {err}");
    let bad_date = PoolRecord { date: "2026-02-30".into(), ..record(51, "datum", "a") };
    let (code, _, err) = import("datum", vec![bad_date], Vec::new());
    eprintln!("30 februari: {code:?} {err}");

    // Tombstones of this pool's own rows (64-hex pseudonyms) erase nothing of its own.
    let mut me = PgPool::connect(&server.participant("eigen"), &secret(3)).expect("c");
    me.submit(dil("eigen"), "a", None, None).expect("own");
    let own_p = me.pseudonym(dil("eigen"));
    let key = String::from_utf8(
        PgPool::connect(&owner_url, &secret(0)).expect("o").export_key().expect("key"),
    )
    .expect("hex");
    let exported = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(key.as_bytes());
        h.update(b"p");
        h.update(own_p.as_bytes());
        wikken::store::hex(&h.finalize()[..8])
    };
    let tombs = vec![wikken::store::tombstone_of(&own_p), wikken::store::tombstone_of(&exported)];
    assert_eq!(import("graf", vec![record(60, "x", "a")], tombs).0, Some(0));
    let own_left: i64 = owner
        .query_one("SELECT count(*) FROM wikken.answers WHERE NOT imported", &[])
        .expect("count")
        .get(0);
    assert_eq!(own_left, 1, "a foreign tombstone erased an own row");
}

// ----- 10. the administrator reads which login gave which answer -----------------------------

/// PRIVACY.md 6: the administrator can see which dilemmas a login answered, "niet wát", and
/// "ook de beheerder kan de antwoorden van één persoon niet aan elkaar koppelen". The answer
/// row and the login's participation row are written by one transaction, so they share
/// `xmin`; the participation hash is recomputable from `salts` and the role names. Every
/// pending answer (and the last answer of each released batch) is tied to its login, with
/// no logging switched on beforehand.
#[test]
#[ignore = "a limitation PRIVACY.md chapter 6 states (the server's administrator can tie an \
            answer to a login); reproduces it on demand"]
fn the_administrator_cannot_tie_an_answer_to_a_login() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    for (name, choice) in [("anna", "a"), ("bram", "b")] {
        let url = server.participant(name);
        let mut pool = PgPool::connect(&url, &secret(name.as_bytes()[0])).expect("c");
        pool.submit(dil("een"), choice, None, Some(&format!("overweging van {name}")))
            .expect("een");
        pool.submit(dil("twee"), choice, None, None).expect("twee");
    }
    let tied: Vec<(String, String, String)> = server
        .owner()
        .query(
            "SELECT l.rolname::text, a.dilemma, a.first FROM wikken.answers a \
             JOIN wikken.participation pa ON pa.xmin = a.xmin \
              AND (pa.pack, pa.v, pa.dilemma) = (a.pack, a.v, a.dilemma) \
             JOIN wikken.salts s ON (s.pack, s.v, s.dilemma) = (a.pack, a.v, a.dilemma) \
             JOIN pg_roles l ON pa.who = encode(sha256(convert_to(s.salt || l.rolname, 'UTF8')), 'hex') \
             ORDER BY 1, 2",
            &[],
        )
        .expect("join")
        .into_iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert!(tied.is_empty(), "login, dilemma, answer: {tied:?}");
}
