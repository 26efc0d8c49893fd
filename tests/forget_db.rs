//! `wikken forget` against the organisation pool destroys nothing before it has succeeded
//! (issue 19): with the server away it fails and keeps the journal, the secret and the
//! ledger; once the server is back a run without `--pool` reaches it by the address it
//! remembered (connectable, no password) and erases every answer — also those to a pack of
//! one's own, which only the journal (or the ledger) names. Against a throwaway PostgreSQL
//! (tests/support/pg.rs); skipped loudly where PostgreSQL is not installed.

use std::path::Path;

use wikken::store::postgres::{self, SECRET_FILE, SYNC_DIR};
use wikken::store::{Answer, Journal, NewAnswer, PoolLocation, Pseudonym};

#[path = "support/pg.rs"]
mod pg;
use pg::Server;

/// An answer in the journal of `data`, as the trainer writes it.
fn answer(data: &Path, pack: &str, dilemma: &str) {
    Journal::new(data)
        .add_answer(&NewAnswer {
            id: wikken::ids::random_id(),
            pack: pack.into(),
            pack_version: 1,
            dilemma: dilemma.into(),
            choice: "a".into(),
            reasoning: String::new(),
            confidence: None,
            share: false,
            at: "2026-11-23T10:00:00Z".into(),
        })
        .expect("journal");
}

/// The journal's answers sent to the pool at `url`, which the journal then remembers.
fn synced(url: &str, data: &Path) -> Vec<Answer> {
    let pool = PoolLocation::resolve(data, Some(Path::new(url))).open(data).expect("open");
    let journal = Journal::new(data);
    let (answers, _) = journal.load();
    let who = Pseudonym("aaaaaaaaaaaaaaaa".into());
    assert_eq!(pool.sync(&who, &answers).expect("sync"), answers.len());
    journal.remember_pool(&pool.location()).expect("remember");
    answers
}

fn own_rows(server: &Server) -> i64 {
    let sql = "SELECT count(*) FROM wikken.answers WHERE NOT imported";
    server.owner().query_one(sql, &[]).expect("count").get(0)
}

#[test]
fn erasure_waits_for_the_server_and_finishes_from_the_remembered_address() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    // The pool takes answers to registered dilemmas only (`wikken pool packs`).
    server.register("werk-en-inkomen", 1, &["verzwegen-samenwonen"]);
    server.register("eigen-pack", 1, &["eigen-dilemma"]);
    let url = server.participant("kim");
    let data = server.dir.path().join("data-kim");
    std::fs::create_dir(&data).expect("data");
    answer(&data, "werk-en-inkomen", "verzwegen-samenwonen");
    answer(&data, "eigen-pack", "eigen-dilemma");
    synced(&url, &data);
    assert_eq!(own_rows(&server), 2);
    let remembered = std::fs::read_to_string(data.join("pools")).expect("pools");
    assert!(remembered.contains("kim@") && !remembered.contains("password"), "{remembered}");

    // The server is away: nothing is destroyed, and it says so.
    server.stop();
    let (code, out, err) = server.wikken(&data, &["--pool", &url, "forget", "--yes"]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(err.contains("NIET gewist") && err.contains("dagboek"), "{err}");
    assert!(!out.contains("Klaar"), "{out}");
    for kept in ["journal.jsonl", SECRET_FILE, SYNC_DIR, "pools"] {
        assert!(data.join(kept).exists(), "{kept} was removed before the erasure succeeded");
    }

    // Back, and a run without --pool (the default pool in DATA) finishes the job at the
    // remembered address: the custom pack's answer too.
    server.start_again();
    let (code, out, err) = server.wikken(&data, &["forget", "--yes"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(own_rows(&server), 0, "an answer is left in the database");
    for gone in ["journal.jsonl", SECRET_FILE, SYNC_DIR, "pools"] {
        assert!(!data.join(gone).exists(), "{gone} is left after the erasure");
    }
}

#[test]
fn without_the_journal_the_ledger_still_finds_answers_to_ones_own_pack() {
    let Some(server) = Server::start() else { return };
    postgres::init(&server.url("postgres")).expect("init");
    server.register("eigen-pack", 1, &["een", "twee"]);
    let url = server.participant("lou");
    let data = server.dir.path().join("data-lou");
    std::fs::create_dir(&data).expect("data");
    answer(&data, "eigen-pack", "een");
    answer(&data, "eigen-pack", "twee");
    synced(&url, &data);
    assert_eq!(own_rows(&server), 2);
    // The journal is lost (damaged, deleted by hand); the ledger in DATA remains.
    std::fs::remove_file(data.join("journal.jsonl")).expect("rm journal");
    let (code, out, err) = server.wikken(&data, &["--pool", &url, "forget", "--yes"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(own_rows(&server), 0, "the own pack's answers were not found");
}
