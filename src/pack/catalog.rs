//! Every pack the app can see: the bundled ones, the user's pack folder and each
//! `--packs` folder, in that order. A broken pack is kept with its problems (so `check` and
//! the TUI can show them) but not offered; a second pack with an id already loaded is refused
//! with a message naming the first file.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::bundled::BUNDLED;
use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::load::{Checked, check_file, check_text};
use super::model::Pack;

/// Where a pack file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled in from the repository's `dilemmas/` folder.
    Bundled(&'static str),
    /// A file on disk.
    File(PathBuf),
}

/// The path as a message shows it. A file name can hold an escape sequence as well as a
/// pack can, so it is cleaned to one safe line (see `crate::clean::path`).
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Bundled(name) => write!(f, "dilemmas/{name}"),
            Origin::File(path) => f.write_str(&crate::clean::path(path)),
        }
    }
}

impl PackFile {
    /// The file's name without its folder, cleaned for a terminal: short enough for the
    /// home screen's notice.
    pub fn name(&self) -> String {
        match &self.origin {
            Origin::Bundled(name) => crate::clean::line(name).into_owned(),
            Origin::File(path) => {
                crate::clean::path(path.file_name().map_or(path.as_path(), Path::new))
            }
        }
    }
}

/// One pack file and what checking it found.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Where it comes from.
    pub origin: Origin,
    /// The pack and its problems.
    pub checked: Checked,
}

/// A pack file or folder that was asked for and cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct PackDirError {
    /// The file or folder, as given.
    pub path: PathBuf,
    /// What the system said.
    #[source]
    pub source: io::Error,
}

/// All pack files seen, in load order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Every file, loaded or not.
    pub files: Vec<PackFile>,
    /// Which file has each pack id.
    first: FirstLoaded,
}

/// Which file loaded each pack id first: the rule that a second pack with an id already
/// loaded is refused, in one place for the trainer's catalogue and `wikken check`.
#[derive(Debug, Clone, Default)]
pub struct FirstLoaded {
    first: std::collections::HashMap<String, String>,
}

impl FirstLoaded {
    /// Claims `id` (written at `pos`) for the file that `origin` names: `None` when no file
    /// had it yet, otherwise the error that refuses this one, naming the file that has it.
    pub fn claim(
        &mut self,
        id: &str,
        pos: super::span::Pos,
        origin: impl FnOnce() -> String,
    ) -> Option<Diagnostic> {
        match self.first.get(id) {
            Some(first) => Some(duplicate_pack(id, pos, first.clone())),
            None => {
                self.first.insert(id.to_string(), origin());
                None
            }
        }
    }
}

impl Catalog {
    /// Loads the bundled packs (when `bundled`) and then each path: a file, or a folder
    /// searched recursively for `.ron` files in name order. Fails only when a given path
    /// cannot be read as a file or folder at all.
    pub fn load(bundled: bool, paths: &[PathBuf]) -> Result<Catalog, PackDirError> {
        let mut catalog = Catalog::default();
        if bundled {
            for (name, text) in BUNDLED {
                catalog.add(Origin::Bundled(name), check_text(text));
            }
        }
        for path in paths {
            let files =
                ron_files(path).map_err(|source| PackDirError { path: path.clone(), source })?;
            for file in files {
                let checked = check_file(&file);
                catalog.add(Origin::File(file), checked);
            }
        }
        Ok(catalog)
    }

    /// Adds one checked file, refusing it if its id is taken by a pack already loaded.
    pub fn add(&mut self, origin: Origin, mut checked: Checked) {
        if let Some(pack) = checked.usable()
            && let Some(diag) = self.first.claim(&pack.id, pack.id.pos, || origin.to_string())
        {
            checked.push(diag);
        }
        self.files.push(PackFile { origin, checked });
    }

    /// The packs that loaded without errors, in load order.
    pub fn packs(&self) -> impl Iterator<Item = &Pack> {
        self.files.iter().filter_map(|f| f.checked.usable())
    }

    /// The pack with this id, if it loaded.
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs().find(|p| p.id.as_str() == id)
    }

    /// The files that did not load, with their problems.
    pub fn broken(&self) -> impl Iterator<Item = &PackFile> {
        self.files.iter().filter(|f| f.checked.has_errors())
    }

    /// The files that are not offered: broken ones, and those skipped unread (a symlink,
    /// FIFO or device in a pack folder).
    pub fn skipped(&self) -> impl Iterator<Item = &PackFile> {
        self.files.iter().filter(|f| f.checked.usable().is_none())
    }

    /// How many problems of this severity were found in all files.
    pub fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.checked.diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// The error for a pack whose id `id` (written at `pos`) was already loaded from
/// `first_file`: this one is refused.
pub fn duplicate_pack(id: &str, pos: super::span::Pos, first_file: String) -> Diagnostic {
    Diagnostic::error(pos, DiagnosticKind::DuplicatePack { id: id.to_string(), first_file })
}

/// Whether a file name is a pack's: `.ron` in any case, or `.ron.txt` as Notepad saves it
/// when the "all files" type was not chosen (loaded, with a warning to rename it).
pub fn is_pack_name(path: &Path) -> bool {
    // `.RON` and `.Ron` too: Windows and some editors change the case of a name.
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        || super::load::is_notepad_name(path)
}

/// The pack files at `path`: the file itself, or every `.ron` (and `.ron.txt`) below the
/// folder, sorted. Hidden files and folders (starting with `.`) are skipped. Symlinks and
/// special files with a pack name are listed too, so that [`check_file`] can say why it
/// skips them.
pub fn ron_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        // The folder asked for must be readable; a subfolder that is not (another user's,
        // a locked share) is passed over, so one locked folder never stops the trainer.
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if dir == path => return Err(e),
            Err(_) => continue,
        };
        for entry in entries {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let p = entry.path();
            // `file_type` does not follow symlinks, so a link loop cannot trap this walk.
            let Ok(ty) = entry.file_type() else { continue };
            if ty.is_dir() {
                stack.push(p);
            } else if is_pack_name(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_files_in_a_pack_folder_are_skipped_by_name() {
        let dir = tempfile::tempdir().expect("tmp");
        let good = include_str!("../../tests/packs/valid/minimal.ron");
        std::fs::write(dir.path().join("goed.ron"), good).expect("write");
        std::fs::write(dir.path().join("kapot.ron"), "Pack(").expect("write");
        #[cfg(unix)]
        {
            let fifo = dir.path().join("pijp.ron");
            let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("c");
            // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
            assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
            std::os::unix::fs::symlink("/dev/zero", dir.path().join("nul.ron")).expect("link");
            std::os::unix::fs::symlink(dir.path().join("goed.ron"), dir.path().join("ook.ron"))
                .expect("link");
        }
        let catalog = Catalog::load(false, &[dir.path().to_path_buf()]).expect("load");
        assert_eq!(catalog.packs().count(), 1);
        let skipped: Vec<String> = catalog.skipped().map(PackFile::name).collect();
        #[cfg(unix)]
        assert_eq!(skipped, ["kapot.ron", "nul.ron", "ook.ron", "pijp.ron"]);
        #[cfg(not(unix))]
        assert_eq!(skipped, ["kapot.ron"]);
        assert_eq!(catalog.broken().count(), 1, "only the broken pack is an error");
    }

    #[cfg(unix)]
    #[test]
    fn file_names_are_shown_cleaned() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"a\x1b]0;pwned\x07.ron");
        let file = PackFile {
            origin: Origin::File(Path::new("/packs").join(name)),
            checked: Checked { pack: None, diagnostics: Vec::new() },
        };
        assert_eq!(file.name(), "a\u{FFFD}]0;pwned\u{FFFD}.ron");
        assert_eq!(file.origin.to_string(), "/packs/a\u{FFFD}]0;pwned\u{FFFD}.ron");
    }
}
