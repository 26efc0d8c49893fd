//! `wikken export --me --out FILE.md`: "Mijn ontwikkeling" as Markdown for a development
//! talk — from the journal, compared with colleagues only where the threshold allows,
//! private, never overwriting, and holding nothing else from DATA.

mod cli;

use cli::{dilemma_and_options, fill, run, wikken};
use wikken::store::{Journal, NewAnswer};

fn answer(id: &str, choice: &str, at: &str, reasoning: &str) -> NewAnswer {
    let (dilemma, _) = dilemma_and_options();
    NewAnswer {
        id: id.into(),
        pack: cli::PACK.into(),
        pack_version: cli::pack_version(),
        dilemma,
        choice: choice.into(),
        reasoning: reasoning.into(),
        confidence: Some(3),
        share: false,
        at: format!("{at}T09:00:00Z"),
    }
}

#[test]
fn writes_the_overview_privately_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    std::fs::create_dir_all(&pool).expect("pool");
    let (_, options) = dilemma_and_options();
    let journal = Journal::new(&data);
    journal.add_answer(&answer("a1", &options[0], "2026-01-05", "Eerst de regel.")).expect("add");
    journal
        .add_answer(&answer("a2", &options[1], "2026-03-09", "Nu kijk ik \"breder\"."))
        .expect("add");
    journal.add_revision("a1", &options[1], "2026-01-05T09:10:00Z").expect("revise");
    // Seven colleagues (the threshold is 5), four of them for the first werkwijze: the
    // distribution is visible and has one most common choice.
    fill(&pool, 7, "c");
    let file = dir.path().join("pop.md");

    let (code, out, err) = run(wikken(&data, &pool).args(["export", "--me", "--out"]).arg(&file));
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Mijn ontwikkeling (2 antwoorden) geschreven naar"), "{out}");
    let md = std::fs::read_to_string(&file).expect("written");
    // No snapshot: the bundled packs' themes and titles are content, free to change.
    for part in [
        "# Mijn ontwikkeling",
        "## Antwoorden per maand",
        "- jan 2026: 1",
        "- feb 2026: 0",
        "## Thema's",
        "## Herzien",
        "Waar je herzieningen heen gingen: 1 herziening weg van de werkwijze die collega's",
        "## Zekerheid",
        "## Collega's",
        "Bij 1 van de 2 antwoorden waarvan de verdeling zichtbaar is",
        "## Je overwegingen door de tijd:",
        "> Eerst de regel.",
        "> Nu kijk ik \"breder\".",
    ] {
        assert!(md.contains(part), "{part:?} missing:\n{md}");
    }
    // Nothing else from DATA or the pool: no pseudonym, no colleague's shared reasoning.
    let who = std::fs::read_to_string(data.join("participant")).unwrap_or_default();
    assert!(who.is_empty() || !md.contains(who.trim()), "pseudonym in the export");
    assert!(!md.contains("Gedeeld."), "colleagues' reasoning in the export");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "private, like the journal");
    }

    // Never overwritten.
    let (code, _, err) = run(wikken(&data, &pool).args(["export", "--me", "--out"]).arg(&file));
    assert_eq!(code, Some(2));
    assert!(err.contains("bestaat al"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).expect("still"), md);

    // In English on request.
    let en = dir.path().join("pop-en.md");
    let (code, _, err) =
        run(wikken(&data, &pool).args(["--lang", "en", "export", "--me", "--out"]).arg(&en));
    assert_eq!(code, Some(0), "{err}");
    let md = std::fs::read_to_string(&en).expect("written");
    assert!(md.contains("# My development") && md.contains("## Answers per month"), "{md}");
}

#[test]
fn below_the_threshold_nothing_is_compared() {
    let dir = tempfile::tempdir().expect("tmp");
    let (data, pool) = (dir.path().join("data"), dir.path().join("pool"));
    std::fs::create_dir_all(&pool).expect("pool");
    let (_, options) = dilemma_and_options();
    Journal::new(&data).add_answer(&answer("a1", &options[0], "2026-01-05", "x")).expect("add");
    fill(&pool, 4, "c");
    let file = dir.path().join("pop.md");
    let (code, _, err) = run(wikken(&data, &pool).args(["export", "--me", "--out"]).arg(&file));
    assert_eq!(code, Some(0), "{err}");
    let md = std::fs::read_to_string(&file).expect("written");
    assert!(!md.contains("waarvan de verdeling zichtbaar is, koos"), "{md}");
    assert!(md.contains("Bij 1 antwoord is de verdeling (nog) niet zichtbaar"), "{md}");
}
