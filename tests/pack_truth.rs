//! One truth about which packs load (issue 24, item 4): `wikken check FILE` and
//! `wikken check FOLDER` weigh a pack against the bundled packs and the configured pack
//! folders as the trainer does, the home screen's command reproduces what it saw, `.RON`
//! loads, a `.ron.txt` pack is named on the home screen too, and a broken config.toml is
//! explained in the person's language.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wikken::commands::start_notice;
use wikken::i18n::Lang;
use wikken::pack::Catalog;

fn wikken(data: &Path, config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.arg("--data")
        .arg(data)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("WIKKEN_POOL")
        .env_remove("WIKKEN_DATA")
        .env("WIKKEN_CONFIG", config);
    cmd
}

fn text(o: &Output) -> (Option<i32>, String, String) {
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The minimal valid pack with another id.
fn pack_with_id(id: &str) -> String {
    include_str!("packs/valid/minimal.ron").replace("id: \"minimaal\"", &format!("id: \"{id}\""))
}

fn write(path: &Path, body: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, body).expect("write");
    path.to_path_buf()
}

#[test]
fn check_file_reports_a_clash_with_a_bundled_pack_but_not_the_bundled_source_itself() {
    let dir = tempfile::tempdir().expect("tmp");
    let none = dir.path().join("geen-config.toml");
    let file = write(&dir.path().join("eigen/kopie.ron"), &pack_with_id("werk-en-inkomen"));
    let (code, out, _) =
        text(&wikken(dir.path(), &none).arg("check").arg(&file).output().expect("run"));
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(":3:9: error: pack-id \"werk-en-inkomen\" is al geladen uit dilemmas/werk-en-inkomen.ron; deze pack wordt overgeslagen"),
        "{out}"
    );
    // The bundled pack's own file in this checkout is that pack, not a second one.
    let output = wikken(dir.path(), &none).args(["check", "dilemmas/werk-en-inkomen.ron"]).output();
    let (code, out, _) = text(&output.expect("run"));
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("al geladen"), "{out}");
}

#[test]
fn check_folder_weighs_it_against_the_configured_folders_in_load_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let team = write(&dir.path().join("team/a.ron"), &pack_with_id("gedeeld"));
    let mine = write(&dir.path().join("mijn/b.ron"), &pack_with_id("gedeeld"));
    let config = write(&dir.path().join("config.toml"), "packs = [\"team\"]\n");
    let (code, out, _) = text(
        &wikken(dir.path(), &config)
            .arg("check")
            .arg(mine.parent().expect("dir"))
            .output()
            .expect("run"),
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "b.ron:3:9: error: pack-id \"gedeeld\" is al geladen uit {}",
            team.display()
        )),
        "{out}"
    );
    assert!(out.ends_with("1 pack gecontroleerd (1 dilemma): 1 fout, 0 waarschuwingen\n"), "{out}");
    // The configured folder itself loads first: nothing to report there.
    let (code, out, _) = text(
        &wikken(dir.path(), &config)
            .arg("check")
            .arg(team.parent().expect("dir"))
            .output()
            .expect("run"),
    );
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn the_home_screens_command_reproduces_what_it_saw() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool_packs = dir.path().join("pool/packs");
    write(&pool_packs.join("oud.ron"), &pack_with_id("werk-en-inkomen"));
    write(&pool_packs.join("Hoofdletters.RON"), &pack_with_id("hoofdletters"));
    write(&pool_packs.join("kladblok.ron.txt"), &pack_with_id("kladblok"));
    let catalog = Catalog::load(true, std::slice::from_ref(&pool_packs)).expect("load");
    assert!(catalog.pack("hoofdletters").is_some(), ".RON loads");
    assert!(catalog.pack("kladblok").is_some(), ".ron.txt loads");
    let notice = start_notice(Lang::Nl.ui(), &catalog, std::slice::from_ref(&pool_packs), &[], 0)
        .expect("a notice");
    let command = format!("wikken check {}", pool_packs.display());
    assert!(notice.contains(&format!("Pack oud.ron niet geladen. Waarom: {command}")), "{notice}");
    assert!(
        notice.contains("Pack kladblok.ron.txt is geladen, maar hernoem het bestand naar .ron"),
        "{notice}"
    );
    // The command, run as shown, says why oud.ron was skipped.
    let none = dir.path().join("geen-config.toml");
    let (code, out, _) =
        text(&wikken(dir.path(), &none).arg("check").arg(&pool_packs).output().expect("run"));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("oud.ron:3:9: error: pack-id \"werk-en-inkomen\" is al geladen"), "{out}");
    assert!(out.contains("kladblok.ron.txt:1:1: warning: de naam eindigt op .ron.txt"), "{out}");
    assert!(
        out.ends_with("3 packs gecontroleerd (3 dilemma's): 1 fout, 1 waarschuwing\n"),
        "{out}"
    );
    let english = start_notice(Lang::En.ui(), &catalog, &[pool_packs], &[], 0).expect("notice");
    assert!(english.contains("Pack kladblok.ron.txt is loaded, but rename the file to .ron"));
}

#[test]
fn a_windows_path_in_config_toml_is_explained_in_the_persons_language() {
    let dir = tempfile::tempdir().expect("tmp");
    let config = write(
        &dir.path().join("config.toml"),
        "lang = \"nl\"\npool = \"C:\\Users\\ineke\\pool\"\n",
    );
    let (code, _, err) = text(&wikken(dir.path(), &config).arg("check").output().expect("run"));
    assert_eq!(code, Some(2));
    assert!(err.starts_with("wikken: instellingenbestand "), "{err}");
    assert!(err.contains("config.toml, regel 2: een \\ in een tekst tussen \"…\""), "{err}");
    assert!(err.contains("pool = \"C:/Users/…\""), "{err}");
    let (_, _, err) =
        text(&wikken(dir.path(), &config).args(["--lang", "en", "check"]).output().expect("run"));
    assert!(
        err.contains("config.toml, line 2: a \\ in a text between \"…\" starts an escape"),
        "{err}"
    );

    write(&config, "treshold = 5\n");
    let (code, _, err) = text(&wikken(dir.path(), &config).arg("check").output().expect("run"));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("regel 1: onbekende instelling \"treshold\" (bedoel je \"threshold\"?); mogelijk zijn: pool, threshold, lang, packs"),
        "{err}"
    );
}
