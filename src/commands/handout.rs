//! `wikken handout PACK [--dilemma ID]... [--out FILE]`: print-ready dilemmas for an
//! intervisie (see `crate::handout`). PACK is a pack file, or the id of a pack wikken loads;
//! the handout goes to FILE (HTML with print styles when it ends in `.html`, Markdown when it
//! ends in `.md`; anything else is refused, with how to make a PDF) or to standard output
//! as Markdown.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Exit;
use crate::handout;
use crate::i18n::{CliText, Lang, render_diagnostic};
use crate::pack::{Catalog, Dilemma, Origin, Pack, check_file, did_you_mean};

/// Writes the handout of `pack` (all its dilemmas, or those named in `dilemmas`, in that
/// order) to `file` or `out`.
pub fn handout(
    lang: Lang,
    pack: &str,
    dilemmas: &[String],
    file: Option<&Path>,
    pack_dirs: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = lang.studio();
    // Only what a handout can be: Markdown or HTML, never Markdown in a file named .pdf.
    let kind = file.map(|f| {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(false),
            "html" | "htm" => Some(true),
            _ => None,
        }
    });
    if let (Some(file), Some(None)) = (file, kind) {
        writeln!(err, "{}", text.handout_out_kind(file))?;
        return Ok(Exit::Usage);
    }
    let pack = match load(lang, pack, pack_dirs, err)? {
        Ok(pack) => pack,
        Err(exit) => return Ok(exit),
    };
    let chosen = match choose(lang, &pack, dilemmas, err)? {
        Ok(chosen) => chosen,
        Err(exit) => return Ok(exit),
    };
    let blocks = handout::blocks(&pack, &chosen, text);
    let Some(file) = file else {
        out.write_all(handout::markdown(&blocks, text).as_bytes())?;
        return Ok(Exit::Ok);
    };
    let body = if kind == Some(Some(true)) {
        handout::html(&blocks, &pack.language, text)
    } else {
        handout::markdown(&blocks, text)
    };
    // Like an export, a handout never overwrites a file (or writes through a link) at --out.
    match crate::fsx::create_atomic(file, false, |w| w.write_all(body.as_bytes())) {
        Ok(true) => {}
        Ok(false) => {
            writeln!(err, "{}", CliText(lang).export_exists(file))?;
            return Ok(Exit::Usage);
        }
        Err(e) => {
            writeln!(err, "{}", CliText(lang).new_failed(file, &e))?;
            return Ok(Exit::Usage);
        }
    }
    writeln!(out, "{}", text.handout_written(file, chosen.len()))?;
    Ok(Exit::Ok)
}

/// The pack named on the command line: a pack file when `pack` looks like a path,
/// otherwise a pack wikken loads. What is wrong goes to `err`, and the exit to give back.
fn load(
    lang: Lang,
    pack: &str,
    pack_dirs: &[PathBuf],
    err: &mut dyn Write,
) -> std::io::Result<Result<Pack, Exit>> {
    // A path when it looks like one; otherwise a pack id, even if a file of that name
    // happens to lie in the current folder (it must not stand in for a bundled pack).
    let as_file = Path::new(pack);
    let looks_like_path =
        pack.contains(['/', std::path::MAIN_SEPARATOR]) || crate::pack::is_pack_name(as_file);
    let loaded = if looks_like_path && as_file.is_file() {
        let checked = check_file(as_file);
        if checked.has_errors() {
            let origin = Origin::File(as_file.to_path_buf()).to_string();
            for diag in checked.diagnostics.iter().filter(|d| d.is_error()) {
                writeln!(err, "{}", render_diagnostic(lang, &origin, diag))?;
            }
            return Ok(Err(Exit::Errors));
        }
        checked.pack
    } else {
        let readable: Vec<PathBuf> = pack_dirs.iter().filter(|d| d.exists()).cloned().collect();
        let catalog = match Catalog::load(true, &readable) {
            Ok(c) => c,
            Err(e) => {
                writeln!(err, "{}", CliText(lang).packs_dir_failed(&e.path, &e.source))?;
                return Ok(Err(Exit::Usage));
            }
        };
        catalog.pack(pack).cloned()
    };
    match loaded {
        Some(pack) => Ok(Ok(pack)),
        None => {
            writeln!(err, "{}", CliText(lang).unknown_pack(pack))?;
            Ok(Err(Exit::Usage))
        }
    }
}

/// The dilemmas named with `--dilemma`, in that order (all of the pack's when none is
/// named); an unknown id is refused with the nearest one and the list.
fn choose<'p>(
    lang: Lang,
    pack: &'p Pack,
    dilemmas: &[String],
    err: &mut dyn Write,
) -> std::io::Result<Result<Vec<&'p Dilemma>, Exit>> {
    let mut chosen: Vec<&Dilemma> = Vec::new();
    for id in dilemmas {
        match pack.dilemma(id) {
            Some(d) => chosen.push(d),
            None => {
                let ids: Vec<&str> = pack.dilemmas.iter().map(|d| d.id.as_str()).collect();
                let near = did_you_mean(id, ids.iter().copied());
                writeln!(err, "{}", lang.studio().unknown_dilemma(id, near.as_deref(), &ids))?;
                return Ok(Err(Exit::Usage));
            }
        }
    }
    if chosen.is_empty() {
        chosen = pack.dilemmas.iter().collect();
    }
    Ok(Ok(chosen))
}
