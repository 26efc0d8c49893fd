//! File system helpers for files that may be hostile or must survive a crash: opening only
//! regular files (never following a planted symlink, never blocking on a FIFO or device),
//! reading with a size cap, and the one atomic write (temporary file, fsync, rename) that
//! every whole-file write in wikken goes through.
//!
//! Anyone with access to a team folder can put a FIFO, a symlink to `/dev/zero` or to a
//! colleague's `~/.profile`, or a sparse file of many gigabytes where a pool file is
//! expected. Each of those gets a named refusal here instead of a hang, an out-of-memory
//! abort or a write into someone else's file.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Why a file was not opened or read.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The path is a symbolic link, which wikken never follows in shared folders.
    #[error("is a symbolic link; not followed")]
    Symlink,
    /// The path is a FIFO, device, socket or folder.
    #[error("is not a regular file ({0}); skipped")]
    NotRegular(&'static str),
    /// The file is larger than the cap for its kind.
    #[error("is too large ({size} bytes; at most {max})")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The cap.
        max: u64,
    },
    /// Any other I/O error (missing, no permission, …).
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl OpenError {
    /// Whether the file simply does not exist (an empty pool file, a new journal).
    pub fn is_not_found(&self) -> bool {
        matches!(self, OpenError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// The names [`OpenError::NotRegular`] gives a non-regular file, so a message in another
/// language can match on them and translate.
pub mod kind {
    /// A folder.
    pub const FOLDER: &str = "map / folder";
    /// A named pipe.
    pub const FIFO: &str = "FIFO";
    /// A Unix socket.
    pub const SOCKET: &str = "socket";
    /// A block or character device.
    pub const DEVICE: &str = "device";
    /// A symbolic link (when one is seen without opening it).
    pub const SYMLINK: &str = "symlink";
    /// Anything else.
    pub const SPECIAL: &str = "special";
}

/// What kind of thing a non-regular file is, for the message.
fn kind_name(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return kind::FOLDER;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return kind::FIFO;
        }
        if ft.is_socket() {
            return kind::SOCKET;
        }
        if ft.is_block_device() || ft.is_char_device() {
            return kind::DEVICE;
        }
    }
    if ft.is_symlink() {
        return kind::SYMLINK;
    }
    kind::SPECIAL
}

/// Refuses a path that is not a regular file *without opening it*: opening is what blocks
/// on a FIFO or wakes a device, so a folder walk asks this first. It looks at the path
/// itself (a symlink is refused, not followed). The later open through [`open_regular`]
/// still checks again, so a file swapped in between is refused too.
pub fn ensure_regular(path: &Path) -> Result<(), OpenError> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        Err(OpenError::Symlink)
    } else if meta.is_file() {
        Ok(())
    } else {
        Err(OpenError::NotRegular(kind_name(&meta)))
    }
}

/// What [`open_capped`] would refuse about a file, told from its `lstat` alone (without
/// opening it): a symlink, anything but a regular file, or more than `max` bytes. A folder
/// walk that already has the metadata asks this before it opens anything.
pub fn refusal(meta: &std::fs::Metadata, max: u64) -> Result<(), OpenError> {
    if meta.file_type().is_symlink() {
        Err(OpenError::Symlink)
    } else if !meta.is_file() {
        Err(OpenError::NotRegular(kind_name(meta)))
    } else if meta.len() > max {
        Err(OpenError::TooLarge { size: meta.len(), max })
    } else {
        Ok(())
    }
}

/// Checks that an opened handle is a regular file.
fn require_regular(file: File) -> Result<File, OpenError> {
    let meta = file.metadata()?;
    if meta.is_file() { Ok(file) } else { Err(OpenError::NotRegular(kind_name(&meta))) }
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NOFOLLOW: a symlink in the last component fails with ELOOP instead of being followed.
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting forever;
    // the handle is then refused as not regular. For regular files it changes nothing.
    options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
}

#[cfg(not(unix))]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// Maps the "was a symlink" error of `O_NOFOLLOW` to [`OpenError::Symlink`].
fn open_with(options: &OpenOptions, path: &Path) -> Result<File, OpenError> {
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(OpenError::Symlink);
    }
    match options.open(path) {
        Ok(f) => require_regular(f),
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(OpenError::Symlink),
        Err(e) => Err(OpenError::Io(e)),
    }
}

/// Opens a regular file for reading, refusing symlinks, FIFOs, devices and sockets.
pub fn open_regular(path: &Path) -> Result<File, OpenError> {
    let mut options = OpenOptions::new();
    options.read(true);
    open_with(no_follow(&mut options), path)
}

/// Opens a regular file for reading when it is at most `max` bytes long.
pub fn open_capped(path: &Path, max: u64) -> Result<File, OpenError> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > max {
        return Err(OpenError::TooLarge { size, max });
    }
    Ok(file)
}

/// Reads a whole regular file of at most `max` bytes. The read itself is capped too, so a
/// file that grows while it is read cannot make it unbounded.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, OpenError> {
    let mut bytes = Vec::new();
    read_capped_into(path, max, &mut bytes)?;
    Ok(bytes)
}

/// [`read_capped`] into `bytes` (cleared first), so one buffer serves many files: room for
/// the whole file is made once, not doubled as it is read.
pub fn read_capped_into(path: &Path, max: u64, bytes: &mut Vec<u8>) -> Result<(), OpenError> {
    let file = open_capped(path, max)?;
    let size = file.metadata()?.len().min(max);
    bytes.clear();
    bytes.reserve(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(max + 1).read_to_end(bytes)?;
    if bytes.len() as u64 > max {
        return Err(OpenError::TooLarge { size: bytes.len() as u64, max });
    }
    Ok(())
}

/// Opens (creating it if needed) a regular file to append to, never following a symlink
/// planted in its place and never writing into a FIFO or device.
pub fn open_append(path: &Path, private: bool) -> Result<File, OpenError> {
    let mut options = OpenOptions::new();
    options.create(true).append(true).read(true);
    set_mode(&mut options, private);
    let file = open_with(no_follow(&mut options), path)?;
    if !private {
        share_like_folder(&file, path);
    }
    Ok(file)
}

/// Gives a shared file the group's rights its folder gives: in a team folder that the group
/// may write (`chgrp team; chmod 2775`), every file wikken makes is group-readable and
/// -writable too, whatever the umask of whoever made it — so the next colleague can add to
/// what the first one started (a tombstone folder, the pool key). The group itself follows
/// the folder where it is setgid (the system does that). Only rights are added, only on
/// files this user owns, and a failure changes nothing else: the file is written anyway.
#[cfg(unix)]
fn share_like_folder(file: &File, path: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (Ok(meta), Ok(folder)) = (file.metadata(), std::fs::metadata(folder)) else { return };
    // The folder's group rights, less execute for a file.
    let wanted = folder.mode() & 0o060;
    // SAFETY: geteuid has no preconditions.
    let mine = meta.uid() == unsafe { libc::geteuid() };
    if mine && meta.mode() & wanted != wanted {
        let mode = (meta.mode() | wanted) & 0o7777;
        let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
    }
}

#[cfg(not(unix))]
fn share_like_folder(_: &File, _: &Path) {}

/// Creates a shared folder in a team folder (a missing one; an existing one is fine): it
/// takes the group's rights and setgid bit of the folder it is in, as
/// [`share_like_folder`] does for files.
pub fn create_shared_dir(dir: &Path) -> io::Result<()> {
    match std::fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let from = std::fs::metadata(parent)?.permissions().mode();
        let mode = std::fs::metadata(dir)?.permissions().mode();
        let wanted = (from & 0o070) | (from & 0o2000);
        if mode & wanted != wanted {
            std::fs::set_permissions(
                dir,
                std::fs::Permissions::from_mode((mode | wanted) & 0o7777),
            )?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn set_mode(options: &mut OpenOptions, private: bool) {
    use std::os::unix::fs::OpenOptionsExt;
    // Private files (journal, participant id, reports) are for their owner alone; shared
    // pool files get the default mode, so the team folder's own permissions decide.
    if private {
        options.mode(0o600);
    }
}

#[cfg(not(unix))]
fn set_mode(_: &mut OpenOptions, _: bool) {}

/// Creates a private folder (and its parents): owner-only (0700) on Unix. An existing
/// folder gets its permissions tightened too, so a DATA folder made by an older wikken
/// (0755) becomes private.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    // Every folder it makes, parents included (a fresh DATA made for its cache folder), is
    // owner-only from the start.
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(dir)?;
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            // Only take rights away: a folder its owner made read-only stays read-only.
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    Ok(())
}

/// Whether files can be made in `dir` (created private if missing): a file is created
/// beside nothing and removed again, so nothing is left behind either way.
pub fn check_writable(dir: &Path) -> io::Result<()> {
    create_private_dir(dir)?;
    let probe = temp_beside(&dir.join("write-check"));
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    set_mode(&mut options, true);
    drop(no_follow(&mut options).open(&probe)?);
    std::fs::remove_file(&probe)
}

/// Tightens an existing private file to owner-only (0600) on Unix; a missing file is fine.
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() && meta.permissions().mode() & 0o077 != 0 => {
                let mode = meta.permissions().mode() & 0o600;
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// A temporary file untouched this long was left by a writer that was killed (a writer at
/// work touches it with every buffer it writes): the next run removes it.
pub const STALE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// The name [`temp_beside`] gives a temporary file for `name`, if `file` is one:
/// `.{name}.{12 hex digits}.tmp`.
fn temp_of(file: &str) -> Option<&str> {
    let inner = file.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (name, tag) = inner.rsplit_once('.')?;
    (tag.len() == 12 && tag.bytes().all(|b| b.is_ascii_hexdigit())).then_some(name)
}

/// Removes the temporary files of atomic writes in `dir` that were left behind (by a writer
/// killed mid-way) and untouched for [`STALE`]: of the file `only` when given, else all.
/// Returns how many were removed; what cannot be read or removed is left alone.
pub fn remove_stale_temps(dir: &Path, only: Option<&str>) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(of) = name.to_str().and_then(temp_of) else { continue };
        if only.is_some_and(|o| o != of) {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file() && m.modified().is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE))
        });
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// A temporary name beside `path`, unique per call (random), so two writers never share one.
fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tag = [0u8; 6];
    crate::ids::os_random(&mut tag);
    let tag = crate::ids::hex(&tag);
    path.with_file_name(format!(".{name}.{tag}.tmp"))
}

/// Writes `path` whole and atomically: a new temporary file beside it (never following a
/// symlink), the bytes, fsync, then rename over `path`. A crash leaves the old file or the
/// new one, never half of either. `write` produces the contents into a buffered writer.
pub fn atomic_write(
    path: &Path,
    private: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_beside(path);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    set_mode(&mut options, private);
    let file = no_follow(&mut options).open(&tmp)?;
    if !private {
        share_like_folder(&file, path);
    }
    let result = (|| {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Creates `path` with `bytes` only if it does not exist yet, atomically: the file appears
/// complete or not at all. Returns `false` when another writer got there first.
pub fn create_new_atomic(path: &Path, bytes: &[u8], private: bool) -> io::Result<bool> {
    create_atomic(path, private, |w| w.write_all(bytes))
}

/// Writes a new file at `path` that must not exist yet: a temporary file beside it, the
/// contents through one buffered writer, fsync, then a hard link to `path`, which fails when
/// the name exists — so an export never overwrites a file that appeared after it was asked
/// for, nor writes through a symlink planted at `path`. Returns `false` when `path` exists.
pub fn create_atomic(
    path: &Path,
    private: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<bool> {
    let tmp = temp_beside(path);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    set_mode(&mut options, private);
    let file = no_follow(&mut options).open(&tmp)?;
    if !private {
        share_like_folder(&file, path);
    }
    let written = (|| {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // A hard link fails when the name exists, so of several writers racing exactly one
    // wins, and the winner's file is already complete when anyone can see it.
    let result = match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        // Some network file systems have no hard links: fall back to create-new and copy,
        // which is still exclusive (a reader may briefly see a partial file).
        Err(_) => {
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            set_mode(&mut options, private);
            match no_follow(&mut options).open(path) {
                Ok(mut f) => {
                    if !private {
                        share_like_folder(&f, path);
                    }
                    std::fs::File::open(&tmp)
                        .and_then(|mut t| io::copy(&mut t, &mut f))
                        .and_then(|_| f.sync_all())
                        .map(|()| true)
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
                Err(e) => Err(e),
            }
        }
    };
    let _ = std::fs::remove_file(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_only() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("f");
        std::fs::write(&file, "x").expect("write");
        assert!(open_regular(&file).is_ok());
        assert!(matches!(open_regular(dir.path()), Err(OpenError::NotRegular(_))));
        assert!(open_regular(&dir.path().join("none")).is_err_and(|e| e.is_not_found()));
        assert!(matches!(read_capped(&file, 0), Err(OpenError::TooLarge { size: 1, max: 0 })));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&file, &link).expect("symlink");
            assert!(matches!(open_regular(&link), Err(OpenError::Symlink)));
            assert!(matches!(open_append(&link, false), Err(OpenError::Symlink)));
            assert_eq!(std::fs::read(&file).expect("read"), b"x", "target untouched");
            let dev = dir.path().join("zero");
            std::os::unix::fs::symlink("/dev/zero", &dev).expect("symlink");
            assert!(matches!(read_capped(&dev, 10), Err(OpenError::Symlink)));
            assert!(matches!(open_regular(Path::new("/dev/zero")), Err(OpenError::NotRegular(_))));
        }
    }

    #[test]
    fn ensure_regular_refuses_without_opening() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("f");
        std::fs::write(&file, "x").expect("write");
        assert!(ensure_regular(&file).is_ok());
        assert!(matches!(ensure_regular(dir.path()), Err(OpenError::NotRegular(kind::FOLDER))));
        assert!(ensure_regular(&dir.path().join("none")).is_err_and(|e| e.is_not_found()));
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&file, &link).expect("symlink");
            assert!(matches!(ensure_regular(&link), Err(OpenError::Symlink)));
            let fifo = dir.path().join("fifo");
            let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("c");
            // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
            assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
            // A FIFO without a writer: opening it for reading would block; this must not.
            assert!(matches!(ensure_regular(&fifo), Err(OpenError::NotRegular(kind::FIFO))));
            assert!(matches!(read_capped(&fifo, 10), Err(OpenError::NotRegular(kind::FIFO))));
            let dev = Path::new("/dev/null");
            assert!(matches!(ensure_regular(dev), Err(OpenError::NotRegular(kind::DEVICE))));
        }
    }

    #[cfg(unix)]
    #[test]
    fn making_private_only_takes_rights_away() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).expect("mkdir");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        create_private_dir(&ro).expect("private");
        let mode = std::fs::metadata(&ro).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o500, "a read-only folder stays read-only");
        let f = dir.path().join("f");
        std::fs::write(&f, "x").expect("write");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        make_private(&f).expect("private");
        assert_eq!(std::fs::metadata(&f).expect("meta").permissions().mode() & 0o777, 0o400);
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("restore");
    }

    #[test]
    fn stale_temporary_files_are_removed_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().expect("tmp");
        let aged = |name: &str, age: u64| {
            let path = dir.path().join(name);
            let f = File::create(&path).expect("temp");
            let then = std::time::SystemTime::now() - std::time::Duration::from_secs(age);
            f.set_modified(then).expect("mtime");
            path
        };
        let old_bundle = aged(".b.json.0123456789ab.tmp", 3600);
        let old_other = aged(".import-000001-x.jsonl.aaaaaaaaaaaa.tmp", 3600);
        let fresh = aged(".b.json.ba9876543210.tmp", 5);
        let not_ours = aged(".notes.tmp", 3600);
        let also_not = aged(".b.json.xyz.tmp", 3600);
        assert_eq!(remove_stale_temps(dir.path(), Some("b.json")), 1);
        assert!(!old_bundle.exists() && old_other.exists() && fresh.exists());
        assert_eq!(remove_stale_temps(dir.path(), None), 1);
        assert!(!old_other.exists() && fresh.exists() && not_ours.exists() && also_not.exists());
        // A temporary file of a write under way is named like the others.
        let path = dir.path().join("c.json");
        let tmp = temp_beside(&path);
        assert_eq!(tmp.file_name().and_then(|n| n.to_str()).and_then(temp_of), Some("c.json"));
    }

    #[cfg(unix)]
    #[test]
    fn shared_files_and_folders_take_the_groups_rights_of_their_folder() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tmp");
        let team = dir.path().join("team");
        std::fs::create_dir(&team).expect("team");
        std::fs::set_permissions(&team, std::fs::Permissions::from_mode(0o2770)).expect("chmod");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o7777;
        drop(open_append(&team.join("a.jsonl"), false).expect("append"));
        atomic_write(&team.join("b.jsonl"), false, |w| w.write_all(b"x")).expect("write");
        assert!(create_new_atomic(&team.join("key"), b"k", false).expect("key"));
        for f in ["a.jsonl", "b.jsonl", "key"] {
            assert_eq!(mode(&team.join(f)) & 0o060, 0o060, "{f}: {:o}", mode(&team.join(f)));
        }
        create_shared_dir(&team.join("tombstones")).expect("folder");
        assert_eq!(mode(&team.join("tombstones")) & 0o2070, 0o2070);
        // Private files stay private, and a folder without group rights gives none.
        drop(open_append(&team.join("mine"), true).expect("private"));
        assert_eq!(mode(&team.join("mine")), 0o600);
        let plain = dir.path().join("plain");
        std::fs::create_dir(&plain).expect("plain");
        std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        drop(open_append(&plain.join("a.jsonl"), false).expect("append"));
        assert_eq!(mode(&plain.join("a.jsonl")) & 0o020, 0);
    }

    #[test]
    fn atomic_writes_replace_whole_and_create_new_races_have_one_winner() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("a");
        atomic_write(&path, true, |w| w.write_all(b"een")).expect("write");
        atomic_write(&path, true, |w| w.write_all(b"twee")).expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"twee");
        let entries = std::fs::read_dir(dir.path()).expect("ls").count();
        assert_eq!(entries, 1, "no temporary files left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let id = dir.path().join("id");
        let winners: usize = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let id = &id;
                    s.spawn(move || create_new_atomic(id, format!("{i}").as_bytes(), true))
                })
                .collect();
            handles.into_iter().map(|h| usize::from(h.join().expect("join").expect("io"))).sum()
        });
        assert_eq!(winners, 1);
    }
}
