//! `wikken handout`: the group's pages and the facilitator's, as Markdown and as printable
//! HTML (snapshots), and the command around them.

use std::path::Path;
use std::process::Command;

use wikken::handout::{self, NoteGroupTitle, note_groups};
use wikken::i18n::Lang;
use wikken::pack::NoteKind;
use wikken::pack::check_file;

fn fixture() -> wikken::pack::Pack {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/tui/oefen.ron");
    check_file(&path).pack.expect("fixture")
}

fn blocks() -> Vec<handout::Block> {
    let pack = fixture();
    let all: Vec<_> = pack.dilemmas.iter().collect();
    handout::blocks(&pack, &all, Lang::Nl.studio())
}

#[test]
fn markdown_handout() {
    insta::assert_snapshot!(handout::markdown(&blocks(), Lang::Nl.studio()));
}

#[test]
fn html_handout_with_print_styles() {
    insta::assert_snapshot!(handout::html(&blocks(), "nl", Lang::Nl.studio()));
}

#[test]
fn html_handout_in_english() {
    let pack = fixture();
    let one = [&pack.dilemmas[1]];
    insta::assert_snapshot!(handout::html(
        &handout::blocks(&pack, &one, Lang::En.studio()),
        "nl",
        Lang::En.studio()
    ));
}

#[test]
fn the_facilitators_part_starts_on_its_own_page_after_every_group_page() {
    let md = handout::markdown(&blocks(), Lang::Nl.studio());
    let facilitator = md.find("# Voor de gespreksleider").expect("facilitator part");
    let group = &md[..facilitator];
    for hidden in ["Onderbouwing", "Bronnen", "Vragen voor het gesprek", "Gelijke gevallen"] {
        assert!(!group.contains(hidden), "{hidden} is for the facilitator only");
    }
    // Every part starts on a new page, and every facilitator part says it is one.
    let parts: Vec<&str> = md.split("<div style=\"break-before: page").collect();
    assert_eq!(parts.len(), 4, "two group pages and two facilitator parts");
    for part in &parts[2..] {
        assert!(part.contains("**Voor de gespreksleider — niet uitdelen**"), "{part}");
    }
    // The group writes its choice and reason on its own page.
    for part in &parts[..2] {
        assert!(part.contains("**Mijn keuze:** \\_\\_") && part.contains("**Waarom:**"), "{part}");
    }
}

#[test]
fn werkwijze_notes_carry_their_kind_and_the_date_of_the_law() {
    let md = handout::markdown(&blocks(), Lang::Nl.studio());
    assert!(md.contains("- **Uit de praktijk:** Gelijke gevallen gelijk behandelen. [1]"), "{md}");
    assert!(
        md.contains("- **Wet en regels (stand december 2026):** De clausule is er voor onvoorziene gevallen. [2]"),
        "{md}"
    );
    assert!(md.contains("- **Wat cliënten zeggen:** Inwoners willen"), "{md}");
}

#[test]
fn a_list_in_a_case_stays_a_list() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/tui/oefen.ron"),
    )
    .expect("fixture")
    .replace(
        "Je kunt onaangekondigd langsgaan of eerst bellen.",
        "Je weet:\n- dat zij\n  alleen woont;\n- dat de melding anoniem is.\n\nWat nu?",
    );
    let pack = wikken::pack::check_text(&text).pack.expect("loads");
    let one = [&pack.dilemmas[1]];
    let blocks = handout::blocks(&pack, &one, Lang::Nl.studio());
    assert!(
        blocks.contains(&handout::Block::Bullets(vec![
            "dat zij alleen woont;".into(),
            "dat de melding anoniem is.".into()
        ])),
        "{blocks:?}"
    );
    let md = handout::markdown(&blocks, Lang::Nl.studio());
    assert!(
        md.contains("Je weet:\n\n- dat zij alleen woont;\n- dat de melding anoniem is.\n\nWat nu?")
    );
}

#[test]
fn notes_are_listed_in_groups_in_one_place_by_kind_of_knowledge() {
    let pack = fixture();
    let groups = note_groups(&pack.dilemmas[0]);
    let titles: Vec<_> = groups.iter().map(|g| g.title).collect();
    assert_eq!(
        titles,
        [
            NoteGroupTitle::Werkwijze { number: 1, title: "De regel volgen" },
            NoteGroupTitle::Werkwijze { number: 2, title: "De hardheidsclausule toepassen" },
            NoteGroupTitle::Werkwijze { number: 3, title: "Eerst samen toetsen" },
            NoteGroupTitle::Kind { kind: Some(NoteKind::Onderzoek), as_of: None },
            NoteGroupTitle::Kind { kind: Some(NoteKind::Praktijk), as_of: None },
            NoteGroupTitle::Kind { kind: Some(NoteKind::Wet), as_of: Some("2026-11") },
        ]
    );
}

fn wikken(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.arg("--data")
        .arg(data)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("WIKKEN_POOL")
        .env("WIKKEN_CONFIG", "/nonexistent/wikken-test-config.toml");
    cmd
}

#[test]
fn the_command_writes_html_for_html_files_and_names_unknown_dilemmas() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("intervisie.html");
    let out = wikken(dir.path())
        .args(["handout", "tests/packs/tui/oefen.ron", "--dilemma", "huisbezoek", "--out"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&file).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@media print"), "{html}");
    assert!(html.contains("Het onaangekondigde huisbezoek"));
    assert!(!html.contains("De aanvraag die te laat kwam"), "only the dilemma asked for");

    // A bundled pack by id, to standard output as Markdown.
    let out = wikken(dir.path()).args(["handout", "werk-en-inkomen"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Werk en Inkomen"));

    let out = wikken(dir.path())
        .args(["handout", "tests/packs/tui/oefen.ron", "--dilemma", "huisbezoekk"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wikken: de pack heeft geen dilemma \"huisbezoekk\" (bedoel je \"huisbezoek\"?); de \
         dilemma's zijn: te-laat, huisbezoek\n"
    );

    // A PDF or Word file is not what a handout is: refused, with how to make a PDF.
    for name in ["intervisie.pdf", "intervisie.docx", "intervisie"] {
        let file = dir.path().join(name);
        let out = wikken(dir.path())
            .args(["handout", "tests/packs/tui/oefen.ron", "--out"])
            .arg(&file)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("een handout is Markdown (.md) of HTML (.html)"), "{err}");
        assert!(err.contains("Afdrukken → Opslaan als PDF"), "{err}");
        assert!(!file.exists(), "{name} is not written");
    }

    let out = wikken(dir.path())
        .args(["handout", "tests/packs/invalid/missing-comma.ron"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "a broken pack gives no handout");
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing-comma.ron:4:15: error:"));
}

#[test]
fn a_handout_never_overwrites_and_a_stray_file_never_stands_in_for_a_pack() {
    let dir = tempfile::tempdir().expect("tmp");
    let mine = dir.path().join("mijn-aantekeningen.md");
    std::fs::write(&mine, "kostbaar").expect("write");
    let out = wikken(dir.path())
        .args(["handout", "werk-en-inkomen", "--out"])
        .arg(&mine)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bestaat al"));
    assert_eq!(std::fs::read_to_string(&mine).expect("read"), "kostbaar", "untouched");

    // A file named like a bundled pack in the current folder is not that pack.
    let cwd = tempfile::tempdir().expect("tmp");
    std::fs::copy("tests/packs/tui/oefen.ron", cwd.path().join("werk-en-inkomen")).expect("copy");
    let out = wikken(dir.path())
        .current_dir(cwd.path())
        .args(["handout", "werk-en-inkomen"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Werk en Inkomen"));
}
