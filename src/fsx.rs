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
    open_with(no_follow(&mut options), path)
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

/// A temporary name beside `path`, unique per call (random), so two writers never share one.
fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut tag = [0u8; 6];
    crate::store::os_random(&mut tag);
    let tag: String = tag.iter().map(|b| format!("{b:02x}")).collect();
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
                Ok(mut f) => std::fs::File::open(&tmp)
                    .and_then(|mut t| io::copy(&mut t, &mut f))
                    .and_then(|_| f.sync_all())
                    .map(|()| true),
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
