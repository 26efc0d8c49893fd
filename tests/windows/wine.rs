//! Running `wikken.exe` under Wine next to the Linux build of the same source, for the
//! smoke tests: where the exe comes from, the Wine prefix, the test-only stand-in DLL, and
//! running a command on both with its output made comparable.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long one command may take under Wine before the test calls it hung.
const LIMIT: Duration = Duration::from_secs(90);

/// The Windows build, ready to run under Wine.
pub struct Windows {
    /// The folder holding `wikken.exe` and the stand-in DLL (a copy: never the release).
    pub dir: PathBuf,
    /// The Wine prefix (cached under the target folder; `wineboot` takes a while).
    pub prefix: PathBuf,
    /// The release archives, when the exe came from one.
    pub release: Option<PathBuf>,
}

/// The Windows build, or `None` (said loudly) when this run has none; with
/// `WIKKEN_REQUIRE_WINDOWS=1` (CI) a missing build or Wine fails the test instead.
pub fn windows() -> Option<&'static Windows> {
    static WINDOWS: OnceLock<Result<Windows, String>> = OnceLock::new();
    match WINDOWS.get_or_init(prepare) {
        Ok(w) => Some(w),
        Err(why) => {
            if std::env::var("WIKKEN_REQUIRE_WINDOWS").is_ok_and(|v| v == "1") {
                panic!("WIKKEN_REQUIRE_WINDOWS=1 but {why}");
            }
            // Once, and past the test harness's capture (which only takes `eprintln!`), so
            // a run without the Windows build says so even when every test "passes".
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                use std::io::Write as _;
                let _ =
                    writeln!(std::io::stderr(), "\n*** Windows smoke test SKIPPED: {why} ***\n");
            });
            None
        }
    }
}

fn prepare() -> Result<Windows, String> {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows-smoke");
    let dir = work.join("exe");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let release = std::env::var_os("WIKKEN_RELEASE_DIR").map(PathBuf::from);
    if let Some(release) = &release {
        let zip = release.join(crate::release::zip_name());
        unzip(&zip, &dir)?;
        let inside = dir.join(crate::release::windows_folder());
        for entry in std::fs::read_dir(&inside).map_err(|e| e.to_string())? {
            let entry = entry.map_err(|e| e.to_string())?;
            std::fs::rename(entry.path(), dir.join(entry.file_name()))
                .map_err(|e| e.to_string())?;
        }
    } else if let Some(exe) = std::env::var_os("WIKKEN_WINDOWS_EXE") {
        std::fs::copy(&exe, dir.join("wikken.exe"))
            .map_err(|e| format!("WIKKEN_WINDOWS_EXE={}: {e}", Path::new(&exe).display()))?;
    } else {
        return Err("neither WIKKEN_WINDOWS_EXE (a wikken.exe) nor WIKKEN_RELEASE_DIR (the \
                    archives of scripts/release) is set; scripts/windows-build makes the exe"
            .into());
    }
    for tool in ["wine", "wineserver", "wineboot", "x86_64-w64-mingw32-gcc", "unzip"] {
        if !on_path(tool) {
            return Err(format!("{tool} is not installed (.ci/run installs it)"));
        }
    }
    // Wine 8 lacks bcryptprimitives.dll, where Rust's std finds its randomness: a stand-in
    // next to this copy of the exe, never next to a release. And hold.exe, which holds a
    // file open as another Windows program does (differences.rs).
    let helpers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/windows");
    let dll = ["-shared", "-o", "bcryptprimitives.dll", "bcryptprimitives.c", "-ladvapi32"];
    for args in [&dll[..], &["-o", "hold.exe", "hold.c"]] {
        let mut cmd = Command::new("x86_64-w64-mingw32-gcc");
        cmd.args(["-O2", "-s"]);
        for arg in args {
            match arg.strip_suffix(".c") {
                Some(_) => cmd.arg(helpers.join(arg)),
                None if arg.contains('.') => cmd.arg(dir.join(arg)),
                None => cmd.arg(arg),
            };
        }
        let built = cmd.status().map_err(|e| e.to_string())?;
        if !built.success() {
            return Err(format!("{cmd:?} failed"));
        }
    }
    let prefix = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wine-prefix");
    let windows = Windows { dir, prefix, release };
    if !windows.prefix.join("system.reg").exists() {
        let status = windows.tool("wineboot").arg("-i").status().map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("wineboot -i failed: {status}"));
        }
    }
    // One Wine server for all the commands, ending by itself 30 s after the last.
    let _ = windows.tool("wineserver").arg("-p30").status();
    Ok(windows)
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
}

/// Unpacks a zip file into `into`.
pub fn unzip(zip: &Path, into: &Path) -> Result<(), String> {
    let out = Command::new("unzip")
        .args(["-q", "-o"])
        .arg(zip)
        .arg("-d")
        .arg(into)
        .output()
        .map_err(|e| format!("unzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("unzip {}: {}", zip.display(), String::from_utf8_lossy(&out.stderr)));
    }
    Ok(())
}

/// A Linux path as a Windows program sees it through Wine's drive Z:.
pub fn win(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// What one run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    /// Exit code.
    pub code: Option<i32>,
    /// Standard output.
    pub out: String,
    /// Standard error.
    pub err: String,
}

impl Windows {
    /// The exe.
    pub fn exe(&self) -> PathBuf {
        self.dir.join("wikken.exe")
    }

    /// A Wine tool with this prefix, quiet, and without Mono or Gecko installers.
    pub fn tool(&self, name: &str) -> Command {
        let mut cmd = Command::new(name);
        cmd.env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
        cmd
    }

    /// `wine wikken.exe ARGS` in `cwd`, Dutch, with no settings file unless `env` names one.
    pub fn command(&self, cwd: &Path, args: &[&OsStr], env: &[(&str, &OsStr)]) -> Command {
        let mut cmd = self.tool("wine");
        cmd.arg(self.exe()).args(args).current_dir(cwd);
        plain_env(&mut cmd, env, &win(Path::new("/nonexistent/wikken-config.toml")));
        cmd
    }

    /// The Windows user's roaming application data folder (`%APPDATA%`) in the prefix.
    pub fn appdata(&self) -> PathBuf {
        let users = self.prefix.join("drive_c/users");
        let user = std::fs::read_dir(&users)
            .expect("users in the prefix")
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n != "Public"))
            .expect("a user in the prefix");
        user.join("AppData/Roaming")
    }

    /// Runs `wikken.exe ARGS` under Wine and `wikken ARGS` of the Linux build, each in its
    /// own copy of a folder (`win_cwd`, `linux_cwd`); returns both, the Windows one made
    /// comparable ([`comparable`]).
    pub fn both(
        &self,
        win_cwd: &Path,
        win_args: &[&str],
        linux_cwd: &Path,
        linux_args: &[&str],
        env: &[(&str, &OsStr)],
    ) -> (Ran, Ran) {
        let on_windows = run(
            &mut self.command(win_cwd, &os(win_args), env),
            &format!("wikken.exe {win_args:?}"),
        );
        let on_linux =
            run(&mut linux(linux_cwd, &os(linux_args), env), &format!("wikken {linux_args:?}"));
        (comparable(&on_windows, win_cwd, linux_cwd), on_linux)
    }

    /// [`Windows::both`] with the same arguments, which must give the same exit code and
    /// output; returns the Linux run for further checks.
    pub fn same(&self, win_cwd: &Path, linux_cwd: &Path, args: &[&str]) -> Ran {
        let (w, l) = self.both(win_cwd, args, linux_cwd, args, &[]);
        assert_eq!(w, l, "wikken.exe and wikken differ on {args:?}");
        l
    }
}

fn os<'a>(args: &'a [&'a str]) -> Vec<&'a OsStr> {
    args.iter().map(OsStr::new).collect()
}

/// The Linux build of this source, run like [`Windows::command`].
pub fn linux(cwd: &Path, args: &[&OsStr], env: &[(&str, &OsStr)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wikken"));
    cmd.args(args).current_dir(cwd);
    plain_env(&mut cmd, env, "/nonexistent/wikken-config.toml");
    cmd
}

fn plain_env(cmd: &mut Command, env: &[(&str, &OsStr)], no_config: &str) {
    cmd.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("WIKKEN_POOL")
        .env_remove("WIKKEN_DATA")
        .env_remove("NO_COLOR")
        .env("WIKKEN_CONFIG", no_config);
    for (key, value) in env {
        cmd.env(key, value);
    }
}

/// Runs to the end with stdin closed; fails the test after [`LIMIT`].
pub fn run(cmd: &mut Command, what: &str) -> Ran {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out_pipe.read_to_end(&mut b);
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err_pipe.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("{what} still running after {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap_or_else(|e| panic!("{what}: {e}"));
    Ran {
        code: status.code(),
        out: text(out.join().expect("stdout")),
        err: text(err.join().expect("stderr")),
    }
}

/// A Windows run's output as the Linux build would print it: the working folder under its
/// Linux name, `\` as `/` and `wikken.exe` as `wikken`. What is left must be equal.
pub fn comparable(ran: &Ran, win_cwd: &Path, linux_cwd: &Path) -> Ran {
    let fix = |s: &str| {
        s.replace(&win(win_cwd), &linux_cwd.display().to_string())
            .replace('\\', "/")
            .replace("wikken.exe", "wikken")
    };
    Ran { code: ran.code, out: fix(&ran.out), err: fix(&ran.err) }
}
