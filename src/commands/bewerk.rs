//! `wikken bewerk PACK.ron`: the form editor (see `crate::tui::bewerk`). It opens only a
//! pack that reads correctly (its errors are printed as `wikken check` prints them, and
//! nothing opens), and it writes nothing but the pack file, its backup `PACK.ron.bak` and
//! a copy the person asks for: DATA is not even created.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;

use super::Exit;
use crate::i18n::{CliText, Lang, render_diagnostic};
use crate::pack::{FormatError, Origin, check_bytes, read_pack_file, read_with_comments};
use crate::tui::{Theme, ThemeSetting};

/// Opens the editor on `file` until the person quits.
pub fn bewerk(lang: Lang, file: &Path, today: String, err: &mut dyn Write) -> anyhow::Result<Exit> {
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
    let state = crate::tui::bewerk::State::new(
        lang,
        theme,
        file.to_path_buf(),
        text,
        pack,
        comments,
        today,
    );
    crate::tui::bewerk::run(state).context("running the terminal interface")?;
    Ok(Exit::Ok)
}
