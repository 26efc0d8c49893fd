//! Headless Chromium for the tests that need a real browser (the phone page, the printed
//! handout): found on PATH or in `CHROME`, started with a fresh profile and the flags the
//! brief asks for, and every process of it killed and reaped when dropped. Where Chromium is
//! missing the tests say loudly that they were skipped; with `WIKKEN_REQUIRE_CHROMIUM=1`
//! (set by `.ci/run`) that is a failure.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use headless_chrome::{Browser, LaunchOptions};

/// Chromium's executable, or `None` (and a loud note) where it is missing.
pub fn chromium(what: &str) -> Option<PathBuf> {
    let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    let found =
        std::env::var_os("CHROME").map(PathBuf::from).filter(|p| p.exists()).or_else(|| {
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .flat_map(|dir| candidates.iter().map(move |c| dir.join(c)))
                .find(|p| p.is_file())
        });
    if found.is_none() {
        if std::env::var("WIKKEN_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
            panic!("WIKKEN_REQUIRE_CHROMIUM=1 but no chromium on PATH (apt-get install chromium)");
        }
        eprintln!();
        eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        eprintln!("!! SKIPPED: {what} needs Chromium, which is missing.");
        eprintln!("!! Install it with: apt-get install --no-install-recommends chromium");
        eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
        eprintln!();
    }
    found
}

/// The browser with a fresh profile. When dropped, `headless_chrome` closes and kills the
/// browser; every other process of ours using this profile (found by its unique folder in
/// the command line before the browser goes) is then killed by its id and reaped: the test
/// makes itself the reaper of its orphans, because where the machine's init does not reap,
/// Chromium's helpers would otherwise stay behind as zombies.
pub struct Chromium {
    browser: Option<Browser>,
    pub profile: tempfile::TempDir,
}

impl Chromium {
    /// A browser with a fresh profile; `block_cookies` sets the profile's cookie setting to
    /// "block" (as a participant's browser may have it), before the browser reads it.
    pub fn launch(path: PathBuf, block_cookies: bool) -> Chromium {
        #[cfg(target_os = "linux")]
        // SAFETY: prctl with PR_SET_CHILD_SUBREAPER only changes who adopts this process's
        // orphaned descendants (this test process instead of init).
        unsafe {
            libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
        }
        let profile = tempfile::tempdir().expect("profile folder");
        if block_cookies {
            let default = profile.path().join("Default");
            std::fs::create_dir_all(&default).expect("profile");
            let settings = r#"{"profile":{"default_content_setting_values":{"cookies":2}}}"#;
            std::fs::write(default.join("Preferences"), settings).expect("preferences");
        }
        let args: Vec<&OsStr> = [
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-gpu",
            "--disable-dev-shm-usage",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(path))
            .headless(true)
            .sandbox(false)
            .user_data_dir(Some(profile.path().to_path_buf()))
            .window_size(Some((390, 844)))
            .idle_browser_timeout(Duration::from_secs(60))
            .args(args)
            .build()
            .expect("launch options");
        let browser = Browser::new(options).expect("chromium starts");
        Chromium { browser: Some(browser), profile }
    }

    pub fn browser(&self) -> &Browser {
        self.browser.as_ref().expect("running")
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let ours = processes_using(&self.profile.path().to_string_lossy());
        drop(self.browser.take());
        #[cfg(target_os = "linux")]
        {
            let deadline = Instant::now() + Duration::from_secs(5);
            let mut left = ours;
            while !left.is_empty() {
                left.retain(|&pid| {
                    let mut status = 0;
                    // SAFETY: waitpid and kill on ids of processes this test started.
                    unsafe {
                        match libc::waitpid(pid, &mut status, libc::WNOHANG) {
                            0 => {
                                libc::kill(pid, libc::SIGKILL);
                                true
                            }
                            // Reaped, or not ours to reap (gone, or reaped by its parent).
                            _ => false,
                        }
                    }
                });
                if Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// Ids of the processes whose command line mentions `marker`.
fn processes_using(marker: &str) -> Vec<i32> {
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains(marker))
        })
        .collect()
}
