//! `wikken bewerk PACK.ron`: the form editor (see `crate::tui::bewerk`). It opens only a
//! pack that reads correctly (its errors are printed as `wikken check` prints them, and
//! nothing opens), and it writes nothing but the pack file, its backup `PACK.ron.bak` and
//! a copy the person asks for: DATA is not even created.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::Exit;
use crate::i18n::{CliText, Lang, render_diagnostic};
use crate::pack::{
    BUNDLED, CheckOptions, FormatError, Origin, WetAge, check_bytes, check_file_with, check_text,
    read_pack_file, read_with_comments, ron_files,
};
use crate::tui::{Theme, ThemeSetting};

/// What the editor is opened with besides the file.
#[derive(Debug, Clone)]
pub struct Open<'a> {
    /// The pack folders the app loads (an id loaded before this file is refused).
    pub pack_dirs: &'a [PathBuf],
    /// Today, `YYYY-MM-DD` (the months a Wet note can be checked in).
    pub today: String,
    /// When a Wet note is due to be checked again, as `wikken check` says it.
    pub wet_age: Option<WetAge>,
}

/// Opens the editor on `file` until the person quits.
pub fn bewerk(lang: Lang, file: &Path, open: Open, err: &mut dyn Write) -> anyhow::Result<Exit> {
    let shown = Origin::File(file.to_path_buf()).to_string();
    let bytes = match read_pack_file(file) {
        Ok(bytes) => bytes,
        Err(diag) => {
            writeln!(err, "{}", render_diagnostic(lang, &shown, &diag))?;
            return Ok(Exit::Usage);
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        for diag in check_bytes(&bytes).diagnostics {
            writeln!(err, "{}", render_diagnostic(lang, &shown, &diag))?;
        }
        writeln!(err, "{}", lang.bewerk().cannot_open(&shown))?;
        return Ok(Exit::Errors);
    };
    let (pack, comments) = match read_with_comments(text) {
        Ok(read) => read,
        Err(FormatError::Problems(errors)) => {
            for diag in &errors {
                writeln!(err, "{}", render_diagnostic(lang, &shown, diag))?;
            }
            writeln!(err, "{}", lang.bewerk().cannot_open(&shown))?;
            return Ok(Exit::Errors);
        }
        Err(FormatError::NotTheSame) => {
            writeln!(err, "{}", CliText(lang).cannot_read(file, &std::io::Error::other("format")))?;
            return Ok(Exit::Usage);
        }
    };
    let theme = Theme::from_env(ThemeSetting::Auto);
    let mut state = crate::tui::bewerk::State::new(
        lang,
        theme,
        file.to_path_buf(),
        text,
        pack,
        comments,
        open.today,
    );
    state.taken = loaded_before(file, open.pack_dirs);
    state.wet_age = open.wet_age;
    state.validate();
    if let Some(why) = crate::tui::bewerk::run(state).context("running the terminal interface")? {
        writeln!(err, "{}", lang.bewerk().status(&crate::tui::bewerk::Status::SaveFailed(why)))?;
        return Ok(Exit::Usage);
    }
    Ok(Exit::Ok)
}

/// The pack ids the app loads before `file`, with the file (or bundled pack) that has each:
/// the bundled packs, then the pack folders in their order, up to `file` itself when it is
/// one of them (as `wikken check FILE` orders them), so the editor refuses an id the app
/// would refuse. A bundled pack's own source in a checkout takes that pack's place.
fn loaded_before(file: &Path, pack_dirs: &[PathBuf]) -> Vec<(String, String)> {
    let key = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let me = key(file);
    let mut out = Vec::new();
    for (name, text) in BUNDLED {
        if super::check::is_bundled_source(&me, name) {
            return out;
        }
        if let Some(pack) = check_text(text).pack {
            out.push((pack.id.value, Origin::Bundled(name).to_string()));
        }
    }
    let options = CheckOptions { strict: false, problems_only: true, wet_age: None };
    for dir in pack_dirs {
        for other in ron_files(dir).unwrap_or_default() {
            if key(&other) == me {
                return out;
            }
            let checked = check_file_with(&other, options);
            if let Some(pack) = checked.usable() {
                out.push((pack.id.value.clone(), Origin::File(other).to_string()));
            }
        }
    }
    out
}
