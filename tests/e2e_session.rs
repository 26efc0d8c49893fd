//! End to end: a three-person *doorgeven* session on one dilemma in the real binary under a
//! pseudo-terminal — set-up with first names, hidden votes, the reveal, the re-vote, notes
//! and the closing screen — then the Markdown report on disk, and not one typed name
//! anywhere under the data folder.

mod pty;

use pty::{DOWN, LEFT, Tui};
use std::path::Path;

/// One voter's turn: the hand-over screen, Enter, the vote.
fn vote(tui: &mut Tui, name: &str, choice: &str) {
    tui.wait_for(&format!("Beurt van {name}"));
    tui.send("\r");
    tui.wait_for("Niemand anders ziet je keuze");
    assert!(tui.screen().contains(name));
    tui.send(choice);
}

fn all_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(all_files(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn three_person_session_through_revote_to_report_without_names_on_disk() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data, &["session".as_ref()], 120, 35);
    tui.wait_for("Intervisie voorbereiden");
    let (_, text) = wikken::pack::BUNDLED[0];
    let pack = wikken::pack::check_text(text).pack.expect("pack");
    // The fields first: three participants with names; then past the mode and the method
    // to the agenda's first dilemma; Enter there goes to the start button.
    tui.send(DOWN);
    tui.send(&LEFT.repeat(3));
    tui.wait_for("◀ 3 ▶");
    tui.send(DOWN);
    tui.send("Anna, Bram, Cem");
    tui.send(&DOWN.repeat(3));
    tui.send(" ");
    tui.wait_for("1 van ");
    tui.send("\r");
    tui.wait_for("▶   Start de sessie");
    tui.send("\r");

    tui.wait_for("Lees de casus");
    tui.send("\r");
    vote(&mut tui, "Anna", "1");
    vote(&mut tui, "Bram", "2");
    vote(&mut tui, "Cem", "1");
    tui.wait_for("3 van 3 gestemd");
    tui.wait_for("Iedereen heeft gestemd");
    tui.send("\r");
    tui.wait_for("Eerste ronde");
    assert!(tui.screen().contains("2 (67%)"), "{}", tui.screen());

    // Notes on the discussion step.
    tui.send("e");
    tui.wait_for("Aantekeningen van de begeleider");
    tui.send("Bespreking: twee willen eerst bellen.");
    tui.send("\x13"); // Ctrl+S
    tui.send("\r"); // to the re-vote
    vote(&mut tui, "Anna", "2");
    vote(&mut tui, "Bram", "2");
    vote(&mut tui, "Cem", "1");
    tui.wait_for("Iedereen heeft gestemd");
    tui.send("\r");
    tui.wait_for("Tweede ronde");
    assert!(tui.screen().contains("1 van de 3 deelnemers"), "{}", tui.screen());

    tui.send("\r"); // to the conclusions
    tui.wait_for("Conclusies en acties");
    tui.send("e"); // opens the notes, as on every step (Enter goes on)
    tui.wait_for("Aantekeningen van de begeleider");
    tui.send("Afspraak: we bespreken dit in het teamoverleg.");
    tui.send("\x13"); // Ctrl+S
    tui.send("\r");
    tui.wait_for("De sessie is afgelopen");
    tui.wait_for("Het verslag staat in:");
    tui.send("q");
    assert!(tui.wait_exit(), "clean exit");

    let reports: Vec<_> =
        std::fs::read_dir(data.join("sessions")).expect("sessions").flatten().collect();
    assert_eq!(reports.len(), 1);
    let name = reports[0].file_name().to_string_lossy().into_owned();
    assert!(name.ends_with(&format!("-{}.md", pack.id.as_str())), "{name}");
    let report = std::fs::read_to_string(reports[0].path()).expect("report");
    assert!(report.contains(&format!("## 1. {}", pack.dilemmas[0].title.as_str())), "{report}");
    assert!(report.contains("| Werkwijze | Eerste ronde (3 stemmen) | Tweede ronde (3 stemmen) |"));
    assert!(report.contains("1 van de 3 deelnemers die twee keer stemden"));
    // Each step's notes under its own label, in the order of the steps.
    let discussed = report.find("**Bespreken**\n\nBespreking: twee willen eerst bellen.");
    let concluded =
        report.find("**Conclusies en acties**\n\nAfspraak: we bespreken dit in het teamoverleg.");
    assert!(discussed.is_some() && concluded.is_some(), "{report}");
    assert!(discussed < concluded, "{report}");

    // The votes are in the pool, under session pseudonyms.
    let pool: Vec<_> = std::fs::read_dir(data.join("pool")).expect("pool").flatten().collect();
    assert_eq!(pool.len(), 1);
    let records = std::fs::read_to_string(pool[0].path()).expect("records");
    assert!(records.contains(pack.dilemmas[0].id.as_str()));

    for file in all_files(&data) {
        let bytes = std::fs::read(&file).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        for typed in ["Anna", "Bram", "Cem"] {
            assert!(!text.contains(typed), "{typed} found in {}", file.display());
        }
    }
}

#[test]
fn notes_typed_on_the_discussion_screen_reach_the_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data, &["session".as_ref()], 80, 24);
    tui.wait_for("Intervisie voorbereiden");
    let (_, text) = wikken::pack::BUNDLED[0];
    let pack = wikken::pack::check_text(text).pack.expect("pack");
    // Tab to the participants, three of them; Tab on to the agenda's first dilemma, tick
    // it with space; Tab on to the start button.
    tui.send("\t");
    tui.send(&LEFT.repeat(3));
    tui.wait_for("◀ 3 ▶");
    tui.send("\t\t\t\t");
    tui.send(" ");
    tui.wait_for("1 van ");
    tui.send("\t");
    tui.wait_for("▶   Start de sessie");
    tui.send("\r");
    tui.wait_for("Lees de casus");
    tui.send("\r");
    for (name, choice) in [("deelnemer 1", "1"), ("deelnemer 2", "2"), ("deelnemer 3", "1")] {
        vote(&mut tui, name, choice);
    }
    tui.wait_for("Iedereen heeft gestemd");
    tui.send("\r");
    tui.wait_for("Bespreken");
    // The notes editor opens over the discussion, with the chart still up.
    tui.send("e");
    tui.wait_for("Aantekeningen van de begeleider");
    assert!(tui.screen().contains("Eerste ronde"), "{}", tui.screen());
    tui.send("Conclusie: we bellen eerst, daarna \"pas\" langs.");
    tui.wait_for("daarna \"pas\" langs.");
    tui.send("\x13"); // Ctrl+S keeps them
    // The keys work again: o shows the onderbouwing, Enter goes on to the re-vote.
    tui.send("o");
    tui.wait_for("Onderbouwing per werkwijze");
    tui.send("\r");
    tui.wait_for("Opnieuw stemmen");
    tui.send("q");
    tui.wait_for("Sessie stoppen?");
    tui.send("j");
    tui.wait_for("De sessie is afgelopen");
    tui.send("q");
    assert!(tui.wait_exit(), "clean exit");

    let reports: Vec<_> =
        std::fs::read_dir(data.join("sessions")).expect("sessions").flatten().collect();
    assert_eq!(reports.len(), 1);
    let report = std::fs::read_to_string(reports[0].path()).expect("report");
    assert!(report.contains("Conclusie: we bellen eerst, daarna \"pas\" langs."), "{report}");
    assert!(report.contains(&format!("## 1. {}", pack.dilemmas[0].title.as_str())), "{report}");
    assert!(report.contains("- Onderbouwing per werkwijze"), "{report}");
}
