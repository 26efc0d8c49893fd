//! Packs reach the team: a pack dropped in the pool's `packs/` folder shows for everyone
//! who uses that pool, pack folders named in `config.toml` are loaded, Notepad's `.ron.txt`
//! loads with a warning, and a broken pack only costs a line on the home screen that names
//! it and the exact `wikken check` command that explains why.

mod pty;

use std::path::Path;
use std::process::Command;

use pty::Tui;

const OEFEN: &str = include_str!("packs/tui/oefen.ron");

fn wikken(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.arg("--data")
        .arg(data)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("WIKKEN_POOL")
        .env("WIKKEN_CONFIG", data.join("config.toml"));
    cmd
}

#[test]
fn a_pack_in_the_pool_folder_shows_for_a_second_data_folder() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = dir.path().join("team-pool");
    std::fs::create_dir_all(pool.join("packs")).expect("mkdir");
    std::fs::write(pool.join("packs").join("oefen.ron"), OEFEN).expect("write");
    for person in ["anna", "bram"] {
        let data = dir.path().join(person);
        let mut tui = Tui::start(&data, &["--pool".as_ref(), pool.as_os_str()], 100, 30);
        tui.wait_for("Oefenpack");
        assert!(!tui.screen().contains("niet geladen"), "{}", tui.screen());
        tui.send("q");
        assert!(tui.wait_exit());
    }
    // The pack folder is no pool file: counting the pool does not trip over it.
    let out = wikken(&dir.path().join("anna"))
        .arg("--pool")
        .arg(&pool)
        .args(["stats", "--pack", "oefen", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_broken_team_pack_names_itself_and_the_command_that_explains_why() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = dir.path().join("pool");
    let team = pool.join("packs");
    std::fs::create_dir_all(&team).expect("mkdir");
    std::fs::write(team.join("kapot.ron"), "Pack(\n    id: \"kapot\",\n").expect("write");
    let data = dir.path().join("data");
    let mut tui = Tui::start(&data, &["--pool".as_ref(), pool.as_os_str()], 160, 30);
    let command = format!("wikken check {}", wikken::clean::shell_arg(&team));
    tui.wait_for("kapot.ron niet geladen");
    tui.wait_for(&command);
    tui.send("q");
    assert!(tui.wait_exit());

    // That command, run as shown, explains it.
    let out = wikken(&data).arg("check").arg(&team).output().expect("run");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("kapot.ron:3:1: error:"), "{stdout}");
}

#[test]
fn pack_folders_from_the_settings_file_and_notepad_names_load() {
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("eigen")).expect("mkdir");
    std::fs::write(data.join("eigen").join("oefen.ron.txt"), OEFEN).expect("write");
    // Relative to the settings file's folder; a missing folder is named, not fatal.
    std::fs::write(data.join("config.toml"), "packs = [\"eigen\", \"weg\"]\n").expect("write");
    let config = data.join("config.toml");
    let env = [("WIKKEN_CONFIG", config.as_os_str())];
    let mut tui = Tui::start_env(&data, &[], &env, 160, 30);
    tui.wait_for("Oefenpack");
    tui.wait_for(&format!("Packmap niet gevonden: {}", data.join("weg").display()));
    tui.send("q");
    assert!(tui.wait_exit());

    let out = wikken(&data).args(["check", "--", "eigen"]).current_dir(&data).output();
    let out = out.expect("run");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "oefen.ron.txt:1:1: warning: de naam eindigt op .ron.txt (Kladblok voegt .txt toe); \
             de pack is geladen, maar hernoem het bestand naar .ron"
        ),
        "{stdout}"
    );
    // `wikken stats` sees the pack from the settings file's folder.
    let out =
        wikken(&data).args(["stats", "--pack", "oefen", "--format", "json"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}
