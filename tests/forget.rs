//! `wikken forget` erases everything of the person or fails loudly, saying what is left;
//! and what it erased stays erased: not brought back by a trainer still open elsewhere,
//! nor by a bundle that went round another team. Also: imports never unlock a team's own
//! hidden answers.

mod cli;

use std::path::Path;

use cli::*;
use wikken::store::{
    Answer, FolderPool, Journal, NewAnswer, PoolRecord, PoolStore, Pseudonym,
    load_or_create_pseudonym,
};

const SECRET: &str = "GEHEIME-OVERWEGING-77";

/// This person answers the first dilemma the way the trainer saves it: journal, then pool,
/// with shared reasoning.
fn me_answering(data: &Path, pool: &Path) -> Pseudonym {
    let who = load_or_create_pseudonym(data).expect("pseudonym");
    let (dilemma, options) = dilemma_and_options();
    let answer = NewAnswer {
        id: "1234567890abcdef".into(),
        pack: PACK.into(),
        pack_version: pack_version(),
        dilemma,
        choice: options[0].clone(),
        reasoning: SECRET.into(),
        confidence: Some(3),
        share: true,
        at: "2026-11-23T10:00:00Z".into(),
    };
    Journal::new(data).add_answer(&answer).expect("journal");
    let full = Answer { first: answer, revised: None, revised_at: None };
    FolderPool::new(pool).append(&who, &PoolRecord::from_answer(&full, &who)).expect("pool");
    who
}

#[test]
fn forget_with_the_pool_unreachable_fails_loudly_and_a_later_forget_finishes() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    fill(&pool, 3, "c");
    let who = me_answering(&data, &pool);
    // The network share is gone.
    let away = dir.path().join("pool-away");
    std::fs::rename(&pool, &away).expect("unmount");
    let (code, out, err) = run(wikken(&data, &pool).args(["forget", "--yes"]));
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(err.contains("bestaat niet") && err.contains("NIET gewist"), "{err}");
    assert!(!out.contains("Klaar"), "{out}");
    assert!(data.join("participant").exists(), "the id stays until the pool is clean");
    assert!(!pool.exists(), "nothing created in its place");

    // Back again: a second forget finishes the job.
    std::fs::rename(&away, &pool).expect("mount");
    let (code, out, err) = run(wikken(&data, &pool).args(["forget", "--yes"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("1 pool-records gewist"), "{out}");
    assert!(contains_anywhere(dir.path(), &who.0).is_empty(), "pseudonym left");
    assert!(contains_anywhere(dir.path(), SECRET).is_empty(), "reasoning left");
    assert_eq!(first_dilemma_stats(&data, &pool)["participants"], 3);
}

#[test]
fn forget_with_an_unwritable_pool_keeps_the_id_and_says_what_is_left() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    fill(&pool, 3, "c");
    let who = me_answering(&data, &pool);
    // No tombstone can be written (a file where its folder should be; this holds for root
    // too, unlike permission bits).
    std::fs::write(pool.join("tombstones"), "in de weg").expect("block");
    let (code, out, err) = run(wikken(&data, &pool).args(["forget", "--yes"]));
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(
        err.contains(&format!(
            "NIET gewist: 1 pool-records in {}",
            pool.join(format!("{}.jsonl", who.0)).display()
        )),
        "{err}"
    );
    assert!(err.contains("deelnemer-id blijven bewaard"), "{err}");
    assert!(data.join("participant").exists());
    // A second forget without fixing it says the same, never "0 … 0, done".
    let (code, _, err) = run(wikken(&data, &pool).args(["forget", "--yes"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("NIET gewist: 1 pool-records"), "{err}");

    std::fs::remove_file(pool.join("tombstones")).expect("unblock");
    let (code, out, err) = run(wikken(&data, &pool).args(["forget", "--yes"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("pool-records gewist"), "{out}");
    assert!(contains_anywhere(dir.path(), &who.0).is_empty());
}

#[test]
fn a_trainer_still_open_elsewhere_cannot_bring_erased_answers_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    fill(&pool, 5, "c");
    let who = me_answering(&data, &pool);
    assert_eq!(first_dilemma_stats(&data, &pool)["participants"], 6);
    let (code, _, err) = run(wikken(&data, &pool).args(["forget", "--yes"]));
    assert_eq!(code, Some(0), "{err}");

    // The open trainer revises ("w"): the pool refuses to take it.
    let (dilemma, options) = dilemma_and_options();
    let mut revised = record("1234567890abcdef", &who.0, &dilemma, &options[0], Some(SECRET));
    revised.revised = Some(options[1].clone());
    let refused = FolderPool::new(&pool).append(&who, &revised);
    assert!(matches!(refused, Err(wikken::store::StoreError::Forgotten)), "{refused:?}");
    assert!(!pool.join(format!("{}.jsonl", who.0)).exists(), "the pool file came back");

    // An older wikken that knows nothing of tombstones writes it anyway: nobody counts it.
    let line = serde_json::to_string(&revised).expect("json");
    std::fs::write(pool.join(format!("{}.jsonl", who.0)), format!("{line}\n")).expect("old writer");
    assert_eq!(first_dilemma_stats(&data, &pool)["participants"], 5);
    let bundle = dir.path().join("b.json");
    let (_, out, _) = run(wikken(&data, &pool).args(["export", "--out"]).arg(&bundle));
    assert!(out.contains("5 antwoorden van 5 deelnemers"), "{out}");
    assert!(!std::fs::read_to_string(&bundle).expect("bundle").contains(SECRET));
}

#[test]
fn erased_answers_do_not_come_back_through_another_teams_bundle() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data_a, pool_a) = (dir.path().join("a"), dir.path().join("pool-a"));
    let (data_b, pool_b) = (dir.path().join("b"), dir.path().join("pool-b"));
    fill(&pool_a, 5, "a");
    me_answering(&data_a, &pool_a);
    fill(&pool_b, 5, "b");
    let to_b = dir.path().join("a-to-b.json");
    run(wikken(&data_a, &pool_a).args(["export", "--out"]).arg(&to_b));
    let (code, out, err) = run(wikken(&data_b, &pool_b).arg("import").arg(&to_b));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("6 van de 6") && out.contains("van 6 deelnemers"), "{out}");

    let (code, _, err) = run(wikken(&data_a, &pool_a).args(["forget", "--yes"]));
    assert_eq!(code, Some(0), "{err}");

    // Team B's export comes back to A: the erased answer is dropped at the door.
    let to_a = dir.path().join("b-to-a.json");
    run(wikken(&data_b, &pool_b).args(["export", "--out"]).arg(&to_a));
    assert!(std::fs::read_to_string(&to_a).expect("bundle").contains(SECRET), "B still has it");
    let (code, out, err) = run(wikken(&data_a, &pool_a).arg("import").arg(&to_a));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("1 antwoorden van gewiste deelnemers zijn overgeslagen"), "{out}");
    assert!(
        contains_anywhere(&pool_a, SECRET).is_empty(),
        "the reasoning is back in team A's pool"
    );
    assert_eq!(first_dilemma_stats(&data_a, &pool_a)["own"], 5);

    // A's next bundle carries the tombstone: team B stops counting the erased answer too.
    let again = dir.path().join("a-to-b-2.json");
    run(wikken(&data_a, &pool_a).args(["export", "--out"]).arg(&again));
    run(wikken(&data_b, &pool_b).arg("import").arg(&again));
    let b = first_dilemma_stats(&data_b, &pool_b);
    assert_eq!((b["own"].clone(), b["other_teams"].clone()), (5.into(), 5.into()), "{b}");
}

#[test]
fn a_forged_bundle_cannot_expose_a_teams_hidden_answers() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    fill(&pool, 2, "t"); // two real answers, below k = 5
    // An attacker's pool of four invented participants, exported: a valid bundle.
    let forged_pool = dir.path().join("forged");
    fill(&forged_pool, 4, "f");
    let bundle = dir.path().join("forged.json");
    let (code, _, err) =
        run(wikken(&dir.path().join("x"), &forged_pool).args(["export", "--out"]).arg(&bundle));
    assert_eq!(code, Some(0), "{err}");
    let (code, out, _) = run(wikken(&data, &pool).arg("import").arg(&bundle));
    assert_eq!(code, Some(0));
    assert!(out.contains("van 4 deelnemers uit andere teams"), "{out}");

    let d = first_dilemma_stats(&data, &pool);
    assert_eq!(d["visible"], false, "{d}");
    assert_eq!((d["own"].clone(), d["other_teams"].clone()), (2.into(), 4.into()));
    assert!(d.get("options").is_none(), "no counts per werkwijze: {d}");
    let (_, table, _) = run(wikken(&data, &pool).args(["stats", "--pack", PACK]));
    assert!(table.contains("2 van de minimaal 5 antwoorden, plus 4 uit andere teams"), "{table}");

    // Forty from other teams show on their own; the team's two stay a count.
    let big = dir.path().join("big");
    fill(&big, 40, "g");
    let bundle = dir.path().join("big.json");
    run(wikken(&dir.path().join("y"), &big).args(["export", "--out"]).arg(&bundle));
    run(wikken(&data, &pool).arg("import").arg(&bundle));
    let d = first_dilemma_stats(&data, &pool);
    assert_eq!(
        (d["scope"].clone(), d["participants"].clone(), d["own"].clone()),
        ("groups".into(), 44.into(), 2.into()),
        "{d}"
    );
}

#[test]
fn forget_finds_answers_in_a_team_pool_it_is_no_longer_pointed_at() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, team) = (dir.path().join("data"), dir.path().join("team"));
    fill(&team, 3, "c");
    let who = me_answering(&data, &team);
    Journal::new(&data).remember_pool(&FolderPool::configured(&team).location()).expect("remember");
    // Run without --pool (the default DATA/pool): the team folder is still erased.
    let forget = || {
        run(std::process::Command::new(env!("CARGO_BIN_EXE_wikken"))
            .arg("--data")
            .arg(&data)
            .args(["forget", "--yes"])
            .env("LANG", "C.UTF-8")
            .env_remove("WIKKEN_POOL")
            .env("WIKKEN_CONFIG", data.join("config.toml")))
    };
    // While the team folder is away, that is a loud failure that keeps the id.
    let away = dir.path().join("team-away");
    std::fs::rename(&team, &away).expect("unmount");
    let (code, _, err) = forget();
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("bestaat niet"), "{err}");
    assert!(data.join("participant").exists());
    std::fs::rename(&away, &team).expect("mount");
    let (code, out, err) = forget();
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("1 pool-records gewist"), "{out}");
    assert!(contains_anywhere(dir.path(), &who.0).is_empty(), "pseudonym left");
    assert!(contains_anywhere(dir.path(), SECRET).is_empty(), "reasoning left");
    assert!(!data.join("pools").exists());
}

#[test]
fn another_teams_bundle_cannot_erase_this_teams_own_answers() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    fill(&pool, 5, "c");
    let who = me_answering(&data, &pool);
    // Whoever holds the team's bundle can compute a tombstone for every participant in it.
    let out = dir.path().join("team.json");
    run(wikken(&data, &pool).args(["export", "--out"]).arg(&out));
    let bundle = wikken::store::read_bundle(&out).expect("bundle");
    let tombstones =
        bundle.records.iter().map(|r| wikken::store::tombstone_of(&r.p)).collect::<Vec<_>>();
    assert_eq!(tombstones.len(), 6);
    let evil = wikken::store::Bundle::seal("2026-12-01", Vec::new(), tombstones).expect("seal");
    let evil_path = dir.path().join("evil.json");
    std::fs::write(&evil_path, serde_json::to_vec(&evil).expect("json")).expect("write");
    let (code, _, err) = run(wikken(&data, &pool).arg("import").arg(&evil_path));
    assert_eq!(code, Some(0), "{err}");

    // Nobody of the team is hidden, and the team can still write.
    let d = first_dilemma_stats(&data, &pool);
    assert_eq!((d["own"].clone(), d["visible"].clone()), (6.into(), true.into()), "{d}");
    let (dilemma, options) = dilemma_and_options();
    let again = record("00000000000000aa", &who.0, &dilemma, &options[1], None);
    FolderPool::new(&pool).append(&who, &again).expect("still allowed to answer");
}
