//! The organisation pool against a real PostgreSQL server: a throwaway cluster (initdb into
//! a temporary folder, a unix socket, the unprivileged `postgres` OS user when run as root),
//! the migrations built into wikken, and a participant login role that holds only
//! `wikken_participant`. Where PostgreSQL is not installed these tests say loudly that they
//! were skipped; with `WIKKEN_REQUIRE_POSTGRES=1` (set by `.ci/run`) that is a failure.

use std::process::Command;

use wikken::store::postgres::{self, DilemmaRef, PgPool};

#[path = "support/trainer.rs"]
mod trainer;
use trainer::{save_answer, trainer};

#[path = "support/pg.rs"]
mod pg;
use pg::{Server, path};
use std::path::Path;

fn d(dilemma: &str) -> DilemmaRef<'_> {
    DilemmaRef { pack: "werk-en-inkomen", v: 1, dilemma }
}

fn secret(n: u8) -> Vec<u8> {
    vec![n; 32]
}

/// All the organisation pool's rules, on one server (starting one takes a second or two).
#[test]
fn the_database_keeps_answers_anonymous() {
    let Some(server) = Server::start() else { return };
    let owner_url = server.url("postgres");

    // Migrations run once; running them again changes nothing.
    let first = postgres::init(&owner_url).expect("init");
    assert_eq!((first.applied.clone(), first.version), (vec![1, 2, 3, 4, 5], 5));
    let again = postgres::init(&owner_url).expect("init again");
    assert!(again.applied.is_empty());
    let names = ["verzwegen-samenwonen", "een", "twee", "drie", "d"];
    server.register("werk-en-inkomen", 1, &names);

    let url = server.participant("anna");

    // The commands an administrator and a participant run.
    let wikken = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_wikken"))
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("WIKKEN_DATA", server.dir.path().join("data-anna"))
            .env("WIKKEN_CONFIG", server.dir.path().join("none.toml"))
            .output()
            .expect("wikken");
        let text = |b: Vec<u8>| String::from_utf8(b).expect("utf8");
        (out.status.code(), text(out.stdout), text(out.stderr))
    };
    let (code, out, _) = wikken(&["pool", "init", &owner_url]);
    assert_eq!(code, Some(0));
    assert!(out.contains("al bij"), "{out}");
    let (code, out, err) = wikken(&["--pool", &url, "pool", "status"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Drempel k: 5") && out.contains("groepjes van: 5"), "{out}");
    // Export reads the table: an owner operation, refused to a participant.
    let out_file = server.dir.path().join("nooit.json");
    let (code, _, err) = wikken(&["--pool", &url, "export", "--out", path(&out_file)]);
    assert_eq!(code, Some(2));
    assert!(err.contains("permission denied") && err.contains("eigenaar"), "{err}");
    assert!(!out_file.exists());
    let (code, out, _) = wikken(&["--pool", &server.url("nobody"), "pool", "status"]);
    assert_eq!(code, Some(2));
    assert!(out.contains("NIET bereikbaar"), "{out}");

    // The participant role: functions only, never a table, never k.
    let mut raw = postgres::Client::connect(&url, postgres::NoTls).expect("anna connects");
    for sql in [
        "SELECT * FROM wikken.answers",
        "SELECT * FROM wikken.settings",
        "SELECT * FROM wikken.migrations",
        "SELECT * FROM wikken.export_key",
        "SELECT * FROM wikken.shown",
        "SELECT * FROM wikken.tombstones",
        "SELECT * FROM wikken.participation",
        "SELECT * FROM wikken.salts",
        "SELECT * FROM wikken.counts",
        "SELECT * FROM wikken.registered",
        "SELECT * FROM wikken.quota",
        "UPDATE wikken.counts SET n = 100",
        "UPDATE wikken.settings SET k = 1",
        "UPDATE wikken.settings SET quota = 1000000",
        "INSERT INTO wikken.registered VALUES ('eigen', 1, 'x', '{a}')",
        "DELETE FROM wikken.answers",
        "SELECT wikken.release('werk-en-inkomen', 1, 'x')",
        "SELECT wikken.spend()",
        "SELECT wikken.try_slot('werk-en-inkomen', 1, 'x')",
        "SELECT wikken.accepts('werk-en-inkomen', 1, 'x', 'a', NULL)",
    ] {
        let err = raw.batch_execute(sql).expect_err(sql);
        let said = postgres::message(&err);
        assert!(said.contains("permission denied"), "{sql}: {said}");
    }

    // Batched release: nothing shows until a batch of k (5) new answers is in.
    let mut pools: Vec<PgPool> = (0..8)
        .map(|i| {
            let login = server.participant(&format!("deelnemer{i}"));
            PgPool::connect(&login, &secret(i)).expect("connect")
        })
        .collect();
    let dil = d("verzwegen-samenwonen");
    let opts = ["a", "b", "a", "a", "b", "a", "b", "a"];
    let mut seen = Vec::new();
    for (pool, opt) in pools.iter_mut().zip(opts) {
        pool.submit(dil, opt, None, Some("Omdat het team telt.")).expect("submit");
        seen.push(pools_distribution(&url, dil));
    }
    let counts: Vec<u32> = seen.iter().map(|x| x.participants).collect();
    assert_eq!(counts, [0, 0, 0, 0, 5, 5, 5, 5], "released five at a time");
    assert!(!seen[3].visible && seen[4].visible, "k = 5 decides visibility");
    assert!(seen[3].options.is_empty(), "no counts below k");
    // The 6th to 8th answers alone change nothing that can be compared.
    assert_eq!(seen[4], seen[7]);
    assert_eq!(seen[4].options, [("a".to_string(), 3, 3), ("b".to_string(), 2, 2)]);

    // Shared reasoning: only at k, without ids or dates.
    let mut reader = PgPool::connect(&url, &secret(99)).expect("connect");
    assert_eq!(reader.shared_reasoning(dil).expect("reasoning").len(), 5);
    assert!(reader.shared_reasoning(d("nog-niemand")).expect("none").is_empty());

    // Per-dilemma pseudonyms: one person's answers cannot be linked across dilemmas.
    let mut me = PgPool::connect(&url, &secret(42)).expect("connect");
    // One login cannot pose as several participants: a second install (or an invented
    // pseudonym) of the same login is refused for a dilemma it answered already, so nobody
    // can push a dilemma over k or force a lone pending answer out by padding the batch.
    let mut sybil = PgPool::connect(&server.url("deelnemer0"), &secret(77)).expect("connect");
    let refused = sybil.submit(dil, "c", None, None).expect_err("a second pseudonym of one login");
    assert!(refused.to_string().contains("already answered"), "{refused}");
    // The same install answering again replaces its answer.
    pools[0].submit(dil, "b", None, None).expect("answer again");
    let mine = [d("een"), d("twee"), d("drie")];
    let ps: Vec<String> = mine.iter().map(|x| me.pseudonym(*x)).collect();
    assert!(ps[0] != ps[1] && ps[1] != ps[2] && ps.iter().all(|p| p.len() == 64));
    for x in mine {
        me.submit(x, "a", None, None).expect("submit");
    }
    // Somebody else cannot forget (or revise) my answers: the token proves ownership.
    let mut other = PgPool::connect(&server.participant("bram"), &secret(43)).expect("connect");
    assert_eq!(other.forget(mine).expect("forget"), 0);
    assert!(!other.revise(mine[0], "b").expect("revise"));
    // Forget removes every row of mine.
    assert_eq!(me.forget(mine).expect("forget"), 3);
    let mut owner = server.owner();
    let left: i64 = owner
        .query_one("SELECT count(*) FROM wikken.answers WHERE p = ANY($1)", &[&ps])
        .expect("count")
        .get(0);
    assert_eq!(left, 0, "rows of the person left");

    // Every text field, hostile: constraints refuse malformed ids, reasoning is data.
    let evil = "x'); DROP TABLE wikken.answers; --";
    let mut mallory =
        PgPool::connect(&server.participant("mallory"), &secret(66)).expect("connect");
    assert!(
        mallory.submit(DilemmaRef { pack: evil, v: 1, dilemma: "d" }, "a", None, None).is_err()
    );
    assert!(mallory.submit(d(evil), "a", None, None).is_err());
    assert!(mallory.submit(d("d"), evil, None, None).is_err());
    assert!(mallory.submit(d("d"), "a", Some(evil), None).is_err());
    mallory.submit(d("d"), "a", None, Some(evil)).expect("reasoning is just text");
    let rows: i64 =
        owner.query_one("SELECT count(*) FROM wikken.answers", &[]).expect("table intact").get(0);
    assert!(rows >= 9, "{rows}");

    // Dates without time, k in the database.
    let day_only: bool = owner
        .query_one("SELECT bool_and(pg_typeof(day)::text = 'date') FROM wikken.answers", &[])
        .expect("day")
        .get(0);
    assert!(day_only);
    let status = reader.status().expect("status");
    assert_eq!((status.k, status.batch), (5, 5), "the batch is never below k");
    let quota: i32 =
        owner.query_one("SELECT quota FROM wikken.settings", &[]).expect("quota").get(0);
    assert_eq!(quota, 200, "writes per login a day, as PRIVACY.md says");
    let lower = owner.batch_execute("UPDATE wikken.settings SET k = 2");
    assert!(lower.is_err(), "k never below 3, not even for the owner");

    // The counts the readers use (migration 2) are exactly a recount of what was released,
    // after every submit, revision, replacement and forget above.
    assert_eq!(counts_differing_from_a_recount(&mut owner), 0);
}

/// Rows in which the maintained `wikken.counts` and a recount of the released answers differ.
fn counts_differing_from_a_recount(owner: &mut postgres::Client) -> i64 {
    let recount = "SELECT pack, v, dilemma, pub_first, coalesce(pub_revised, pub_first),
                          count(*)::integer
                   FROM wikken.answers WHERE pub_first IS NOT NULL GROUP BY 1, 2, 3, 4, 5";
    // Added up over the counts' slots (migration 5).
    let kept = "SELECT pack, v, dilemma, first_choice, after_choice, sum(n)::integer
                FROM wikken.counts GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0";
    let sql = format!(
        "SELECT count(*) FROM (({kept} EXCEPT {recount}) UNION ALL ({recount} EXCEPT {kept})) x"
    );
    owner.query_one(&sql, &[]).expect("compare").get(0)
}

/// Submits to one dilemma while another transaction is releasing it: they neither wait for it
/// nor publish fewer than a batch, and the batch after it goes out while it is still open
/// (migration 1 counted pending answers in one snapshot and released in another, so two
/// submits at once could publish one answer alone; migrations 3 and 4 made every other
/// release of the dilemma skip while one was open).
#[test]
fn a_release_never_publishes_fewer_than_a_batch() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    server.register("werk-en-inkomen", 1, &["gelijktijdig"]);
    let dil = d("gelijktijdig");
    let visible = || pools_distribution(&server.url("postgres"), dil).participants;
    // A statement that waited for a lock would fail here instead of passing late.
    let login =
        |name: &str| format!("{}?options=-c%20statement_timeout%3D5s", server.participant(name));
    let answer = |name: &str, n: u8, choice: &str| {
        PgPool::connect(&login(name), &secret(n)).expect("connect").submit(dil, choice, None, None)
    };
    for i in 0..4u8 {
        answer(&format!("eerder{i}"), i, "a").expect("submit");
    }
    assert_eq!(visible(), 0, "four pending");
    // The fifth answer's transaction releases all five but has not committed yet.
    let mut slow =
        postgres::Client::connect(&server.participant("traag"), postgres::NoTls).expect("connect");
    let mut tx = slow.transaction().expect("begin");
    let hex = |c: char| c.to_string().repeat(64);
    tx.execute(
        "SELECT wikken.submit($1, $2, $3, $4, $5, $6, $7, $8)",
        &[&dil.pack, &1i32, &dil.dilemma, &hex('c'), &hex('d'), &"b", &None::<&str>, &None::<&str>],
    )
    .expect("fifth answer");
    // Five more answers now: none waits for it, none goes out alone, and the five of them
    // are released together while the first batch is still held.
    for (i, choice) in ["b", "b", "b", "c"].iter().enumerate() {
        answer(&format!("gelijk{i}"), 10 + i as u8, choice).expect("does not wait for it");
        assert_eq!(visible(), 0, "pending: {i}");
    }
    answer("gelijk4", 14, "a").expect("fifth of the second batch");
    assert_eq!(visible(), 5, "the second batch, released beside the open one");
    tx.commit().expect("commit");
    assert_eq!(visible(), 10, "and the first one once it commits");
    // The only "c", counted in the second batch's slot, is erased: its -1 lands in another
    // slot, and the readers add them up to nothing.
    let mut c = PgPool::connect(&server.url("gelijk3"), &secret(13)).expect("connect");
    assert_eq!(c.forget([dil]).expect("forget"), 1);
    let shown = pools_distribution(&server.url("postgres"), dil);
    let want = [("a".to_string(), 5, 5), ("b".to_string(), 4, 4)];
    assert_eq!((shown.participants, &shown.options[..]), (9, &want[..]), "{shown:?}");
    let slots: i64 = server
        .owner()
        .query_one("SELECT count(DISTINCT slot) FROM wikken.counts WHERE first_choice = 'c'", &[])
        .expect("slots")
        .get(0);
    assert_eq!(slots, 2, "the release and the erasure wrote to different slots");
    assert_eq!(counts_differing_from_a_recount(&mut server.owner()), 0);
}

/// `wikken stats` against the organisation pool: what the database released, no more.
#[test]
fn stats_reads_what_the_database_releases() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    let (_, text) =
        wikken::pack::BUNDLED.iter().find(|(n, _)| n.starts_with("werk-en-inkomen")).expect("pack");
    let pack = wikken::pack::check_text(text).pack.expect("decodes");
    let (d, version) = (&pack.dilemmas[0], *pack.version);
    let (a, b) = (d.options[0].id.as_str(), d.options[1].id.as_str());
    let dil = DilemmaRef { pack: "werk-en-inkomen", v: version, dilemma: d.id.as_str() };
    let registration = postgres::Registration {
        pack: "werk-en-inkomen".into(),
        v: version,
        dilemma: d.id.to_string(),
        options: d.options.iter().map(|o| o.id.to_string()).collect(),
    };
    postgres::register(&server.url("postgres"), &[registration]).expect("register");
    // Four answers: pending, below a batch of k = 5.
    for i in 0..4u8 {
        let url = server.participant(&format!("s{i}"));
        PgPool::connect(&url, &secret(i))
            .expect("connect")
            .submit(dil, a, None, None)
            .expect("submit");
    }
    let reader = server.participant("lezer");
    let stats = |server: &Server| {
        let out = Command::new(env!("CARGO_BIN_EXE_wikken"))
            .args(["--pool", &reader, "stats", "--format", "json", "--pack", "werk-en-inkomen"])
            .env("LANG", "C.UTF-8")
            .env("WIKKEN_DATA", server.dir.path().join("data-lezer"))
            .env("WIKKEN_CONFIG", server.dir.path().join("none.toml"))
            .output()
            .expect("wikken");
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        json["dilemmas"][0].clone()
    };
    let first = stats(&server);
    assert_eq!((first["participants"].clone(), first["visible"].clone()), (0.into(), false.into()));
    assert!(first.get("options").is_none(), "no counts below k: {first}");
    // Two more, revised: the first five are released together (visible, with one revision);
    // the sixth waits for the next batch.
    for i in 4..6u8 {
        let url = server.participant(&format!("s{i}"));
        PgPool::connect(&url, &secret(i))
            .expect("connect")
            .submit(dil, b, Some(a), None)
            .expect("submit");
    }
    let second = stats(&server);
    assert_eq!(
        (second["participants"].clone(), second["visible"].clone()),
        (5.into(), true.into())
    );
    assert_eq!(second["revised"], 1, "{second}");

    // The spiegel reads the same released answers as a tally: first choices, revisions and
    // their pairing exactly as the database released them, nothing pending.
    use wikken::store::{PoolLocation, Threshold};
    let data = server.dir.path().join("data-lezer");
    let pool = PoolLocation::resolve(&data, Some(Path::new(&reader))).open(&data).expect("open");
    let (tally, warnings) = pool.tally(true);
    assert!(warnings.is_empty(), "{warnings:?}");
    let split = tally.split("werk-en-inkomen", version, d.id.as_str());
    let shown = split.shown(Threshold::new(5));
    let dist = shown.distribution().expect("visible at k = 5");
    assert_eq!(dist.participants, 5);
    assert_eq!((dist.first.get(a), dist.first.get(b)), (Some(&4), Some(&1)));
    assert_eq!((dist.after.get(a), dist.revised), (Some(&5), 1));
    // A stricter local threshold hides more, never less.
    let (strict, _) = pool.summary(Threshold::new(7)).expect("summary");
    assert!(strict.rows.iter().all(|r| r.first.is_empty()), "{strict:?}");
    // One of the five erases their answer (at once): below k, only the number shows.
    assert_eq!(
        PgPool::connect(&server.url("s0"), &secret(0)).expect("c").forget([dil]).expect("forget"),
        1
    );
    let third = stats(&server);
    assert_eq!((third["participants"].clone(), third["visible"].clone()), (4.into(), false.into()));
    assert!(third.get("options").is_none(), "no counts below k: {third}");
}

fn pools_distribution(url: &str, dil: DilemmaRef) -> postgres::DbDistribution {
    PgPool::connect(url, &secret(200)).expect("reader").distribution(dil).expect("distribution")
}

/// TLS: wikken always verifies the server's certificate and name, so a server it cannot
/// verify is refused, one signed by a root the person names (`sslrootcert`) is accepted,
/// and `sslmode=disable` connects without TLS.
#[test]
fn tls_verifies_the_server() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let Some(server) = Server::start_with(|data| {
        let ok = Command::new("openssl")
            .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"])
            .args(["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"])
            .args(["-addext", "basicConstraints=critical,CA:FALSE"])
            .arg("-keyout")
            .arg(data.join("server.key"))
            .arg("-out")
            .arg(data.join("server.crt"))
            .output()
            .expect("openssl");
        assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data.join("server.key"), std::fs::Permissions::from_mode(0o600))
            .expect("key mode");
        format!("-c ssl=on -c listen_addresses=127.0.0.1 -p {port}")
    }) else {
        return;
    };
    let ca = server.dir.path().join("data/server.crt");
    let base = format!("postgresql://postgres@localhost:{port}/postgres");
    // Not verifiable: refused, with the reason.
    let refused = postgres::init(&format!("{base}?sslmode=require")).expect_err("unverified");
    assert!(refused.to_string().to_lowercase().contains("certificate"), "{refused}");
    // Signed by the root the person names: accepted, over TLS.
    let url = format!("{base}?sslmode=verify-full&sslrootcert={}", ca.display());
    postgres::init(&url).expect("verified TLS");
    // Explicitly without TLS.
    postgres::init(&format!("{base}?sslmode=disable")).expect("plain");
}

/// The counts the readers use follow every way the answers table changes, also the owner's
/// own statements (a bulk load, a correction, a delete, a truncate), not only the functions.
#[test]
fn the_counts_follow_every_change_to_the_answers() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    let mut owner = server.owner();
    let steps = [
        // A bulk load of released answers over two dilemmas, some revised.
        "INSERT INTO wikken.answers (pack, v, dilemma, p, owner, first, revised, pub_first,
             pub_revised, dirty)
         SELECT 'p', 1, 'd' || (i % 2), lpad(to_hex(i), 64, '0'), lpad(to_hex(i), 64, '0'),
                chr(97 + i % 3), CASE WHEN i % 4 = 0 THEN 'c' END, chr(97 + i % 3),
                CASE WHEN i % 4 = 0 THEN 'c' END, false
         FROM generate_series(1, 200) AS i",
        // Pending answers (not counted until released).
        "INSERT INTO wikken.answers (pack, v, dilemma, p, owner, first)
         SELECT 'p', 1, 'd0', lpad(to_hex(i), 64, 'f'), lpad(to_hex(i), 64, '0'), 'b'
         FROM generate_series(1, 5) AS i",
        "SELECT wikken.release('p', 1, 'd0')",
        // Corrections: revisions, a moved answer, a released value set back to nothing.
        "UPDATE wikken.answers SET pub_revised = 'a' WHERE pub_first = 'b' AND dilemma = 'd1'",
        "UPDATE wikken.answers SET dilemma = 'd2' WHERE p = lpad(to_hex(7), 64, '0')",
        "UPDATE wikken.answers SET pub_first = NULL, pub_revised = NULL
         WHERE p = lpad(to_hex(9), 64, '0')",
        "DELETE FROM wikken.answers WHERE first = 'a'",
        "TRUNCATE wikken.answers",
    ];
    for sql in steps {
        owner.batch_execute(sql).expect(sql);
        assert_eq!(counts_differing_from_a_recount(&mut owner), 0, "after {sql}");
    }
    let left: i64 = owner
        .query_one("SELECT count(*) FROM wikken.counts WHERE n <> 0", &[])
        .expect("count")
        .get(0);
    assert_eq!(left, 0);
}

/// A participant's trainer against the organisation pool, through the trainer's real save
/// path (`wikken::tui::perform`): answers go in; the server goes away mid-session and the
/// next answer stays in the journal (the screen is told), then arrives at the next start;
/// the owner exports a bundle and imports it elsewhere by COPY (twice counts once); and
/// `wikken forget` removes every row of the person.
#[test]
fn the_trainer_keeps_answers_when_the_server_goes_away_and_bundles_and_forget_work() {
    use wikken::store::{Journal, PoolLocation, Pseudonym};
    use wikken::tui::{Action, Draft};

    // Shared reasoning that travels through COPY: quotes, commas, a line break, SQL.
    const EVIL: &str = "Omdat \"het\", kan.\n'); DROP TABLE wikken.answers; --\\.";
    let Some(server) = Server::start() else { return };
    let owner_url = server.url("postgres");
    postgres::init(&owner_url).expect("init");
    server.register("werk-en-inkomen", 1, &["een", "twee", "drie"]);
    let url = server.participant("kim");
    let data = server.dir.path().join("data-kim");
    std::fs::create_dir(&data).expect("data");
    let pool = PoolLocation::resolve(&data, Some(Path::new(&url))).open(&data).expect("open");
    let (_app, stores) = trainer(&data, pool.clone());
    let answer = |dilemma: &str| {
        save_answer(
            &stores,
            Draft {
                pack: "werk-en-inkomen".into(),
                pack_version: 1,
                dilemma: dilemma.into(),
                choice: "a".into(),
                reasoning: EVIL.into(),
                confidence: Some(3),
                share: true,
            },
        )
    };
    let rows = || -> i64 {
        server
            .owner()
            .query_one("SELECT count(*) FROM wikken.answers WHERE NOT imported", &[])
            .expect("count")
            .get(0)
    };
    match answer("een") {
        (
            Some(Action::AnswerSaved { .. }),
            Some(Action::PoolWritten { error: None, record: Some(_) }),
        ) => {}
        other => panic!("{other:?}"),
    }
    // The screen never waits for the server: the answer is queued for the pool's writer
    // thread; settling waits for it.
    pool.settle(std::time::Duration::from_secs(10));
    assert_eq!(rows(), 1);

    // The server goes away mid-session. The next answer is in the journal; the writer
    // finds the server gone; from then on a save is told at once that the pool cannot be
    // reached (no wait for the connection timeout).
    server.stop();
    match answer("twee") {
        (Some(Action::AnswerSaved { .. }), Some(Action::PoolWritten { .. })) => {}
        other => panic!("{other:?}"),
    }
    pool.settle(std::time::Duration::from_secs(10));
    let started = std::time::Instant::now();
    match answer("drie") {
        (
            Some(Action::AnswerSaved { .. }),
            Some(Action::PoolWritten { error: Some(_), record: None }),
        ) => {}
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "a save waited for the network");
    let (answers, _) = Journal::new(&data).load();
    assert_eq!(answers.len(), 3, "every answer is in the journal");

    // Back, and the next start syncs what the journal holds and the database missed.
    server.start_again();
    let next = PoolLocation::resolve(&data, Some(Path::new(&url))).open(&data).expect("open");
    let who = Pseudonym("aaaaaaaaaaaaaaaa".into());
    assert_eq!(next.sync(&who, &answers).expect("sync"), 2, "the two missed answers");
    assert_eq!(next.sync(&who, &answers).expect("sync again"), 0, "nothing twice");
    assert_eq!(rows(), 3);

    // Four colleagues answer "een" too: released (a batch of five); the owner exports a bundle.
    for (i, name) in ["lou", "max", "noa", "ole"].iter().enumerate() {
        let login = server.participant(name);
        PgPool::connect(&login, &secret(10 + i as u8))
            .expect("connect")
            .submit(DilemmaRef { pack: "werk-en-inkomen", v: 1, dilemma: "een" }, "b", None, None)
            .expect("submit");
    }
    let wikken = |args: &[&str], data: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_wikken"))
            .args(args)
            .env("LANG", "C.UTF-8")
            .env("WIKKEN_DATA", data)
            .env("WIKKEN_CONFIG", server.dir.path().join("none.toml"))
            .stdin(std::process::Stdio::null())
            .output()
            .expect("wikken");
        let text = |b: Vec<u8>| String::from_utf8(b).expect("utf8");
        (out.status.code(), text(out.stdout), text(out.stderr))
    };
    let owner_data = server.dir.path().join("data-owner");
    let bundle = server.dir.path().join("bundel.json");
    let (code, out, err) =
        wikken(&["--pool", &owner_url, "export", "--out", path(&bundle)], &owner_data);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains('5'), "{out}");
    let text = std::fs::read_to_string(&bundle).expect("bundle");
    assert!(!text.contains("kim") && !text.contains("twee"), "unreleased or named: {text}");

    // Another organisation's database imports it by COPY; twice counts once.
    server.owner().batch_execute("CREATE DATABASE tweede").expect("db");
    let second = format!("{}/tweede", owner_url.rsplit_once('/').expect("db").0);
    postgres::init(&second).expect("init second");
    let (code, out, err) = wikken(&["--pool", &second, "import", path(&bundle)], &owner_data);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains('5'), "{out}");
    let (code, _, err) = wikken(&["--pool", &second, "import", path(&bundle)], &owner_data);
    assert_eq!(code, Some(0), "{err}");
    let mut other = postgres::Client::connect(&second, postgres::NoTls).expect("second");
    let imported: i64 = other
        .query_one("SELECT count(*) FROM wikken.answers WHERE imported", &[])
        .expect("count")
        .get(0);
    assert_eq!(imported, 5, "importing twice counts once");
    let texts: Vec<String> = other
        .query("SELECT pub_reasoning FROM wikken.answers WHERE pub_reasoning IS NOT NULL", &[])
        .expect("reasoning")
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(texts, [EVIL], "reasoning arrives as the same text, and only as text");

    // Forget: every row of the person goes, and DATA's secret with it.
    let journal = Journal::new(&data);
    journal.remember_pool(&next.location()).expect("remember");
    let (code, out, err) = wikken(&["--pool", &url, "forget", "--yes"], &data);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(rows(), 4, "only the four colleagues' answers are left");
    assert!(!data.join(postgres::SECRET_FILE).exists(), "the secret is gone");
}

/// Issue 19 (the trainer's side): an answer to a pack the administrator has not registered
/// stays in the journal, the person is told what to ask, the other answers still go in, and
/// once `wikken pool packs` registers the pack the next start sends it.
#[test]
fn an_unregistered_pack_waits_in_the_journal_until_it_is_registered() {
    use wikken::store::{Journal, PoolLocation, Pseudonym};
    use wikken::tui::{Action, Draft};
    let open = |url: &str, data: &Path| {
        PoolLocation::resolve(data, Some(Path::new(url))).open(data).expect("open")
    };
    let Some(server) = Server::start() else { return };
    let owner_url = server.url("postgres");
    let owner_data = server.dir.path().join("data-owner");
    let (code, out, err) = server.wikken(&owner_data, &["pool", "init", &owner_url]);
    assert_eq!(code, Some(0), "{err}");
    let (_, text) =
        wikken::pack::BUNDLED.iter().find(|(n, _)| n.starts_with("werk-en-inkomen")).expect("pack");
    let bundled = wikken::pack::check_text(text).pack.expect("decodes");
    assert!(
        out.contains(&format!("Aangemeld: werk-en-inkomen versie {}", *bundled.version)),
        "{out}"
    );

    let url = server.participant("kim");
    let data = server.dir.path().join("data-kim");
    std::fs::create_dir(&data).expect("data");
    let add = |pack: &str, v: u32, dilemma: &str, choice: &str| {
        trainer::journal_answer(&data, (pack, v), dilemma, choice)
    };
    let first = &bundled.dilemmas[0];
    add("werk-en-inkomen", *bundled.version, first.id.as_str(), first.options[0].id.as_str());
    let answers = add("mijn-pack", 1, "hardheidsclausule", "a");
    let who = Pseudonym("aaaaaaaaaaaaaaaa".into());
    let pool = open(&url, &data);
    let refused = pool.sync(&who, &answers).expect_err("mijn-pack is not registered");
    let said = wikken::i18n::CliText(wikken::i18n::Lang::Nl).store_error(&refused);
    assert!(said.contains("wikken pool packs") && said.contains("dagboek"), "{said}");
    let rows = || -> i64 {
        server.owner().query_one("SELECT count(*) FROM wikken.answers", &[]).expect("n").get(0)
    };
    assert_eq!(rows(), 1, "the registered answer went in");
    // The trainer's next save to that pack is told at once, through its real save path.
    let (_app, stores) = trainer(&data, pool.clone());
    let draft = Draft {
        pack: "mijn-pack".into(),
        pack_version: 1,
        dilemma: "hardheidsclausule".into(),
        choice: "b".into(),
        reasoning: String::new(),
        confidence: None,
        share: false,
    };
    match save_answer(&stores, draft) {
        (
            Some(Action::AnswerSaved { .. }),
            Some(Action::PoolWritten { error: Some(e), record: None }),
        ) => {
            assert!(e.contains("wikken pool packs"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(Journal::new(&data).load().0.len(), 3, "in the journal");

    // The administrator registers the team's pack; the next start sends both answers (the
    // second replaces the first: one row per person and dilemma).
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("dilemmas/voorbeeld");
    let (code, out, err) =
        server.wikken(&owner_data, &["--packs", path(&packs), "pool", "packs", &owner_url]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Aangemeld: mijn-pack versie 1"), "{out}");
    let answers = Journal::new(&data).load().0;
    assert_eq!(open(&url, &data).sync(&who, &answers).expect("sync"), 2);
    assert_eq!(rows(), 2);
}
