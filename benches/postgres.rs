//! The organisation pool at scale (issue 13): `cargo bench --bench postgres`.
//!
//! Starts a throwaway PostgreSQL cluster the way the tests do (`tests/support/pg.rs`), but
//! durable (`fsync` and `synchronous_commit` on, as a real server runs), applies wikken's
//! migrations, and loads `WIKKEN_BENCH_ANSWERS` answers (default 10 000 000) as the owner
//! with `generate_series`: 1 000 dilemmas (40 packs × 25), four werkwijzen, 10% revised, 5%
//! with shared reasoning, all released, plus the matching `participation` rows, the 1 000
//! dilemmas registered and the daily quota lifted. Then, through
//! the real client ([`PgPool`], a participant login that may only call the functions):
//!
//! - one dilemma's distribution (`PgPool::distribution`), 300 random dilemmas — target
//!   ≤ 10 ms;
//! - `stats` over everything (`PgPool::summary`: status, stats and moves) — target ≤ 1 s;
//! - 16 threads, each its own login, connection and secret, each submitting 1 000 answers
//!   (to the dilemmas in its own random order) — target: exactly 16 000 stored and counted,
//!   p99 of one submit ≤ 20 ms. Afterwards the owner checks the row counts and that the
//!   maintained counts equal a recount of the released answers.
//!
//! Needs PostgreSQL's server binaries (`apt-get install postgresql`); without them it says so
//! and stops. About 5 GB of disk in the temporary folder and some minutes to load.

#[path = "../tests/support/pg.rs"]
#[allow(dead_code)]
mod pg;

use std::sync::Barrier;
use std::time::{Duration, Instant};

use wikken::store::postgres::{self, DilemmaRef, PgPool};

const PACKS: u64 = 40;
const PER_PACK: u64 = 25;
const DILEMMAS: u64 = PACKS * PER_PACK;
const CLIENTS: usize = 16;
const SUBMITS: usize = 1_000;
/// Rows per load statement.
const CHUNK: u64 = 1_000_000;

fn pack_id(d: u64) -> String {
    format!("pack-{:02}", d / PER_PACK)
}

fn dilemma_id(d: u64) -> String {
    format!("dilemma-{:02}", d % PER_PACK)
}

/// A small deterministic generator (the order of dilemmas, the choices), so runs repeat.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// (median, p99, max) of some latencies.
fn spread(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1];
    (at(0.5), at(0.99), v[v.len() - 1])
}

/// Loads `answers` released answers and their participation rows, as the owner.
fn load(owner: &mut postgres::Client, answers: u64) {
    let per = answers.div_ceil(DILEMMAS);
    // Registered, as `wikken pool packs` does (which makes each dilemma's salt); and a daily
    // quota that lets each client make its 1 000 submits.
    owner
        .execute(
            "INSERT INTO wikken.registered (pack, v, dilemma, options)
             SELECT 'pack-' || lpad((d / $1)::text, 2, '0'), 1,
                    'dilemma-' || lpad((d % $1)::text, 2, '0'), '{a,b,c,d}'
             FROM generate_series(0::bigint, $2::bigint - 1) AS d ON CONFLICT DO NOTHING",
            &[&(PER_PACK as i64), &(DILEMMAS as i64)],
        )
        .expect("registered");
    owner.execute("UPDATE wikken.settings SET quota = 1000000", &[]).expect("quota");
    let started = Instant::now();
    let mut lo = 0u64;
    while lo < answers {
        let hi = (lo + CHUNK).min(answers);
        // Consecutive numbers share a dilemma, so each statement fills the primary key
        // nearly in order.
        owner
            .execute(
                "INSERT INTO wikken.answers (pack, v, dilemma, p, owner, day, first, revised,
                     reasoning, pub_first, pub_revised, pub_reasoning, dirty)
                 SELECT 'pack-' || lpad((d / $3)::text, 2, '0'), 1,
                        'dilemma-' || lpad((d % $3)::text, 2, '0'),
                        encode(sha256(int8send(i)), 'hex'), encode(sha256(int8send(-i - 1)), 'hex'),
                        date '2026-01-01' + (i % 365)::integer, f, r, rs, f, r, rs, false
                 FROM (SELECT i, i / $4 AS d,
                              chr(97 + ((i * 7 + i / 13) % 4)::integer) AS f,
                              CASE WHEN i % 10 = 0 THEN chr(97 + ((i / 10) % 4)::integer) END AS r,
                              CASE WHEN i % 20 = 3
                                   THEN 'Ik weeg de menselijke maat zwaarder dan de regel.' END AS rs
                       FROM generate_series($1::bigint, $2::bigint - 1) AS i) x
                 ORDER BY 1, 2, 3, 4",
                &[&(lo as i64), &(hi as i64), &(PER_PACK as i64), &(per as i64)],
            )
            .expect("answers");
        owner
            .execute(
                "INSERT INTO wikken.participation (pack, v, dilemma, who)
                 SELECT 'pack-' || lpad((i / $4 / $3)::text, 2, '0'), 1,
                        'dilemma-' || lpad((i / $4 % $3)::text, 2, '0'),
                        encode(sha256(int8send(i + 1000000000000)), 'hex')
                 FROM generate_series($1::bigint, $2::bigint - 1) AS i ORDER BY 1, 2, 3, 4",
                &[&(lo as i64), &(hi as i64), &(PER_PACK as i64), &(per as i64)],
            )
            .expect("participation");
        lo = hi;
        eprintln!("  loaded {lo} answers ({:.0} s)", started.elapsed().as_secs_f64());
    }
    // A steady state to measure: statistics and visibility up to date (no autovacuum
    // starting mid-run), and the load's dirty pages written out (no checkpoint mid-run).
    owner.batch_execute("VACUUM ANALYZE").expect("vacuum");
    owner.batch_execute("CHECKPOINT").expect("checkpoint");
    eprintln!("  vacuumed ({:.0} s)", started.elapsed().as_secs_f64());
}

fn count(owner: &mut postgres::Client, sql: &str) -> i64 {
    owner.query_one(sql, &[]).expect(sql).get(0)
}

fn main() {
    let answers: u64 = std::env::var("WIKKEN_BENCH_ANSWERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    // Later settings win over the test harness's fsync=off: measured as a real server runs.
    let Some(server) = pg::Server::start_with(|_| {
        "-c fsync=on -c synchronous_commit=on -c shared_buffers=512MB -c max_wal_size=4GB \
         -c maintenance_work_mem=512MB -c work_mem=64MB"
            .to_string()
    }) else {
        return;
    };
    let owner_url = server.url("postgres");
    let report = postgres::init(&owner_url).expect("init");
    let mut owner = server.owner();
    let setting = |owner: &mut postgres::Client, name: &str| -> String {
        owner.query_one(&format!("SHOW {name}"), &[]).expect("show").get(0)
    };
    let version: String = owner.query_one("SHOW server_version", &[]).expect("version").get(0);
    println!(
        "PostgreSQL {version}, schema version {}, fsync={}, synchronous_commit={}, shared_buffers={}",
        report.version,
        setting(&mut owner, "fsync"),
        setting(&mut owner, "synchronous_commit"),
        setting(&mut owner, "shared_buffers"),
    );
    eprintln!("loading {answers} answers …");
    let loading = Instant::now();
    load(&mut owner, answers);
    let load_time = loading.elapsed();
    let size: String = owner
        .query_one("SELECT pg_size_pretty(pg_database_size('postgres'))", &[])
        .expect("size")
        .get(0);
    println!("loaded {answers} answers in {:.0} s; database {size}", load_time.as_secs_f64());

    // A participant login: functions only. A statement timeout keeps a slow schema from
    // hanging the benchmark.
    let login =
        |name: &str| format!("{}?options=-c%20statement_timeout%3D60s", server.participant(name));
    let reader_url = login("lezer");
    let mut reader = PgPool::connect(&reader_url, &[7; 32]).expect("reader");
    let mut rng = Lcg(42);

    // One dilemma's distribution.
    let mut took = Vec::new();
    for i in 0..301 {
        let d = rng.next() % DILEMMAS;
        let (pack, dilemma) = (pack_id(d), dilemma_id(d));
        let start = Instant::now();
        let dist = reader
            .distribution(DilemmaRef { pack: &pack, v: 1, dilemma: &dilemma })
            .expect("distribution");
        if i > 0 {
            took.push(start.elapsed());
        }
        assert!(dist.visible && dist.options.len() == 4, "{dist:?}");
    }
    let (dist_median, dist_p99, dist_max) = spread(took);
    println!(
        "distribution of one dilemma ({} answers each): median {}, p99 {}, max {} (300 calls)",
        answers / DILEMMAS,
        ms(dist_median),
        ms(dist_p99),
        ms(dist_max)
    );

    // stats over everything.
    let mut took = Vec::new();
    for _ in 0..6 {
        let start = Instant::now();
        match reader.summary() {
            Ok(summary) => {
                took.push(start.elapsed());
                let total: u64 = summary.rows.iter().map(|r| u64::from(r.counts.own)).sum();
                assert_eq!((summary.rows.len() as u64, total), (DILEMMAS, answers));
            }
            Err(e) => {
                // A schema without maintained counts, say: reported, not fatal.
                println!("stats over everything: {e} after {}", ms(start.elapsed()));
                took.push(start.elapsed());
                break;
            }
        }
    }
    if took.len() > 1 {
        took.remove(0);
    }
    let (stats_median, _, stats_max) = spread(took);
    println!("stats over everything: median {}, max {}", ms(stats_median), ms(stats_max));

    // 16 clients × 1 000 submits.
    let before_rows = count(&mut owner, "SELECT count(*) FROM wikken.answers");
    let before_part = count(&mut owner, "SELECT count(*) FROM wikken.participation");
    let urls: Vec<String> = (0..CLIENTS).map(|i| login(&format!("bench{i}"))).collect();
    let barrier = Barrier::new(CLIENTS);
    let started = Instant::now();
    let latencies: Vec<Vec<Duration>> = std::thread::scope(|s| {
        let handles: Vec<_> = urls
            .iter()
            .enumerate()
            .map(|(i, url)| {
                let barrier = &barrier;
                s.spawn(move || {
                    let mut secret = [0u8; 32];
                    secret[..8].copy_from_slice(&(i as u64 + 1000).to_le_bytes());
                    let mut pool = PgPool::connect(url, &secret).expect("client connects");
                    let mut rng = Lcg(i as u64 + 1);
                    let mut order: Vec<u64> = (0..DILEMMAS).collect();
                    for k in (1..order.len()).rev() {
                        order.swap(k, (rng.next() % (k as u64 + 1)) as usize);
                    }
                    barrier.wait();
                    let mut took = Vec::with_capacity(SUBMITS);
                    for d in order.iter().cycle().take(SUBMITS) {
                        let (pack, dilemma) = (pack_id(*d), dilemma_id(*d));
                        let option = ["a", "b", "c", "d"][(rng.next() % 4) as usize];
                        let start = Instant::now();
                        pool.submit(
                            DilemmaRef { pack: &pack, v: 1, dilemma: &dilemma },
                            option,
                            None,
                            None,
                        )
                        .expect("submit");
                        took.push(start.elapsed());
                    }
                    took
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("client")).collect()
    });
    let wall = started.elapsed();
    let all: Vec<Duration> = latencies.into_iter().flatten().collect();
    let submitted = all.len();
    let (sub_median, sub_p99, sub_max) = spread(all);
    let rows = count(&mut owner, "SELECT count(*) FROM wikken.answers") - before_rows;
    let part = count(&mut owner, "SELECT count(*) FROM wikken.participation") - before_part;
    let pending = count(&mut owner, "SELECT count(*) FROM wikken.answers WHERE dirty");
    let released = i64::from(reader.status().expect("status").answers);
    println!(
        "{CLIENTS} clients × {SUBMITS} submits: {submitted} done in {:.1} s ({:.0}/s); one submit: median {}, p99 {}, max {}",
        wall.as_secs_f64(),
        submitted as f64 / wall.as_secs_f64(),
        ms(sub_median),
        ms(sub_p99),
        ms(sub_max)
    );
    println!(
        "afterwards: {rows} new answer rows, {part} new participation rows; released {} of them, {pending} still waiting for a batch of k",
        released - answers as i64
    );
    assert_eq!((rows, part), ((CLIENTS * SUBMITS) as i64, (CLIENTS * SUBMITS) as i64));
    assert_eq!(released - answers as i64 + pending, (CLIENTS * SUBMITS) as i64);
    // The maintained counts (if this schema keeps them) equal a recount of what is released.
    let kept = owner
        .query_one("SELECT to_regclass('wikken.counts') IS NOT NULL", &[])
        .expect("counts table")
        .get::<_, bool>(0);
    if kept {
        let differ = count(
            &mut owner,
            "SELECT count(*) FROM (
                 (SELECT pack, v, dilemma, first_choice, after_choice, sum(n)::integer FROM wikken.counts
                  GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
                  EXCEPT
                  SELECT pack, v, dilemma, pub_first, coalesce(pub_revised, pub_first), count(*)::integer
                  FROM wikken.answers WHERE pub_first IS NOT NULL GROUP BY 1, 2, 3, 4, 5)
                 UNION ALL
                 (SELECT pack, v, dilemma, pub_first, coalesce(pub_revised, pub_first), count(*)::integer
                  FROM wikken.answers WHERE pub_first IS NOT NULL GROUP BY 1, 2, 3, 4, 5
                  EXCEPT
                  SELECT pack, v, dilemma, first_choice, after_choice, sum(n)::integer FROM wikken.counts
                  GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0)) x",
        );
        assert_eq!(differ, 0, "the maintained counts differ from a recount");
        println!("the maintained counts equal a recount of the released answers");
    }

    println!();
    println!("| {answers} answers | median | p99 / max | target |");
    println!("|---|---|---|---|");
    println!(
        "| one dilemma's distribution | {} | {} / {} | ≤ 10 ms |",
        ms(dist_median),
        ms(dist_p99),
        ms(dist_max)
    );
    println!("| stats over everything | {} | – / {} | ≤ 1 s |", ms(stats_median), ms(stats_max));
    println!(
        "| one submit, {CLIENTS} clients at once | {} | {} / {} | p99 ≤ 20 ms; {} of {} stored |",
        ms(sub_median),
        ms(sub_p99),
        ms(sub_max),
        rows,
        CLIENTS * SUBMITS
    );
}
