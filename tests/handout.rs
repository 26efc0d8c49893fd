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
    insta::assert_snapshot!(handout::markdown(&blocks()));
}

#[test]
fn html_handout_with_print_styles() {
    insta::assert_snapshot!(handout::html(&blocks(), "nl"));
}

#[test]
fn the_facilitators_part_starts_on_its_own_page_after_every_group_page() {
    let md = handout::markdown(&blocks());
    let facilitator = md.find("# Voor de gespreksleider").expect("facilitator part");
    let group = &md[..facilitator];
    assert!(group.trim_end().ends_with("</div>"), "a page break before the facilitator part");
    for hidden in ["Onderbouwing", "Bronnen", "Vragen voor het gesprek", "Gelijke gevallen"] {
        assert!(!group.contains(hidden), "{hidden} is for the facilitator only");
    }
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
        "wikken: de pack heeft geen dilemma \"huisbezoekk\" (bedoel je \"huisbezoek\"?)\n"
    );

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
