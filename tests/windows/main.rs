//! The Windows build (x86_64-pc-windows-gnu) under Wine: the command line against the
//! Linux build of the same source, the data and settings folders under `%APPDATA%`, the
//! trainer in a pseudo-terminal, *eigen telefoon* with a scripted phone, the release
//! archives' contents, and what Windows does differently that Wine can show.
//!
//! Runs when `WIKKEN_RELEASE_DIR` holds the archives of `scripts/release` (then the exe is
//! the one inside the zip) or `WIKKEN_WINDOWS_EXE` names a `wikken.exe` (from
//! `scripts/windows-build`), and Wine is installed; otherwise every test says loudly that it
//! was skipped, and with `WIKKEN_REQUIRE_WINDOWS=1` (CI) fails. What Wine cannot show is
//! listed in README's Windows section.

#[path = "../cli/mod.rs"]
mod cli;
#[path = "../common/mod.rs"]
mod common;
#[path = "../phone_common/mod.rs"]
mod phone_common;

mod differences;
mod phone;
mod release;
mod smoke_cli;
mod tui;
mod wine;
