//! The join screen's QR code through real terminal fonts: the screen is rendered as the
//! trainer renders it, written with its colours into xterm under a private Xvfb, in DejaVu
//! Sans Mono and Noto Sans Mono at 11, 12, 14, 16 and 20 px, photographed (`import`) and
//! decoded with zbar (`zbarimg`), as a phone would. Block glyphs failed exactly here (hairline
//! gaps between them in several of these fonts); cell backgrounds must decode in every one.
//!
//! Sizes: 120×35 (square modules, two columns each), 80×34 (the fewest rows for a code: one
//! column per module), the voting view at 120×35, and without colour (`NO_COLOR`: reverse
//! video on a dark terminal). At 80×24 no code fits in whole cells; the screen then draws
//! none, and zbar must find none.
//!
//! A real component, so the test starts what it needs itself (its own Xvfb on a display it
//! picks with `-displayfd`, one xterm per font and size, all killed at the end), says loudly
//! when a tool or font is missing, and fails instead when `WIKKEN_REQUIRE_X11=1` (set by
//! `.ci/run`, which installs xvfb, xterm, zbar-tools, imagemagick, fonts-dejavu-core and
//! fonts-noto-mono).

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use wikken::i18n::Lang;
use wikken::phone::PhoneEvent;
use wikken::session::StageKind;
use wikken::tui::{Action, App, Screen, Theme};

const URL: &str = "http://192.168.178.23:48213/j/K7QF3M";
const FONTS: [&str; 2] = ["DejaVu Sans Mono", "Noto Sans Mono"];
const SIZES: [u16; 5] = [11, 12, 14, 16, 20];

/// Whether every tool and font is here; loud when not, a failure under the CI variable.
fn available() -> bool {
    let tools = ["Xvfb", "xterm", "import", "zbarimg", "fc-list"];
    let mut missing: Vec<String> = tools
        .iter()
        .filter(|t| {
            Command::new("sh")
                .args(["-c", &format!("command -v {t}")])
                .output()
                .map_or(true, |o| !o.status.success())
        })
        .map(|t| t.to_string())
        .collect();
    let families = Command::new("fc-list")
        .args([":", "family"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .unwrap_or_default();
    missing.extend(FONTS.iter().filter(|f| !families.contains(*f)).map(|f| format!("font {f}")));
    if missing.is_empty() {
        return true;
    }
    let packages = "xvfb xterm zbar-tools imagemagick fonts-dejavu-core fonts-noto-mono";
    if std::env::var("WIKKEN_REQUIRE_X11").as_deref() == Ok("1") {
        panic!(
            "WIKKEN_REQUIRE_X11=1 but missing: {} (apt-get install {packages})",
            missing.join(", ")
        );
    }
    eprintln!();
    eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    eprintln!("!! SKIPPED: the QR code's terminal-font test needs {}.", missing.join(", "));
    eprintln!("!! Install with: apt-get install --no-install-recommends {packages}");
    eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
    eprintln!();
    false
}

/// A child process killed and reaped when dropped.
struct Owned(Child);

impl Drop for Owned {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private X server on a free display (Xvfb picks it and says which on `-displayfd`).
fn xvfb(width: u32, height: u32) -> (Owned, String) {
    let mut child = Command::new("Xvfb")
        // -noreset: the server stays up between batches, when no window is open.
        .args(["-displayfd", "1", "-noreset", "-nolisten", "tcp", "-screen", "0"])
        .arg(format!("{width}x{height}x24"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let stdout = child.stdout.take().expect("stdout");
    let owned = Owned(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("Xvfb names its display");
    let display = format!(":{}", line.trim());
    assert!(line.trim().parse::<u32>().is_ok(), "display number: {line:?}");
    (owned, display)
}

/// The screen as a terminal receives it: cursor hidden, each row placed, each cell with its
/// colours and reverse video as SGR codes.
fn ansi(buffer: &Buffer) -> String {
    let color = |c: Color, base: u8| -> String {
        match c {
            Color::Reset => String::new(),
            Color::Black => format!(";{}", base),
            Color::White => format!(";{}", base + 60 + 7),
            Color::Gray => format!(";{}", base + 7),
            Color::Red | Color::LightRed => format!(";{}", base + 1),
            Color::Yellow => format!(";{}", base + 3),
            Color::Blue => format!(";{}", base + 4),
            Color::Cyan => format!(";{}", base + 6),
            _ => String::new(),
        }
    };
    let mut out = String::from("\x1b[?25l\x1b[2J");
    for y in 0..buffer.area.height {
        out.push_str(&format!("\x1b[{};1H", y + 1));
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let mut sgr = String::from("\x1b[0");
            if cell.modifier.contains(Modifier::BOLD) {
                sgr.push_str(";1");
            }
            if cell.modifier.contains(Modifier::REVERSED) {
                sgr.push_str(";7");
            }
            sgr.push_str(&color(cell.fg, 30));
            sgr.push_str(&color(cell.bg, 40));
            out.push_str(&sgr);
            out.push('m');
            out.push_str(cell.symbol());
        }
    }
    out.push_str("\x1b[0m");
    out
}

/// The session's join screen (or its voting view) with four phones, as drawn.
fn screen(width: u16, height: u16, color: bool, voting: bool) -> Buffer {
    let mut app = app_with(Lang::Nl, width, height);
    app.theme = Theme { color, background: wikken::tui::Background::Light };
    app.today = "2026-11-23".into();
    setup_session(&mut app, 6, "", 2, false, &[0]);
    press(&mut app, [Action::Enter]);
    press(&mut app, [Action::PhonesReady { url: URL.into(), code: "K7QF3M".into() }]);
    press(
        &mut app,
        (0..4).map(|phone| Action::Phone(PhoneEvent::Joined { phone, late_for: None })),
    );
    if voting {
        press(&mut app, [Action::Enter]);
        while !matches!(app.screen(), Screen::Session(s) if s.session.current_stage().kind == StageKind::Vote)
        {
            press(&mut app, [Action::Enter]);
        }
    }
    draw(&app)
}

fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    terminal.backend().buffer().clone()
}

/// One xterm showing `screen` in a font and size, photographed and decoded.
struct Shot {
    label: String,
    xterm: std::cell::RefCell<Owned>,
    id_file: PathBuf,
    log: PathBuf,
}

impl Shot {
    /// Whether the terminal still runs (a window that is gone cannot be photographed).
    fn alive(&self) -> bool {
        self.xterm.borrow_mut().0.try_wait().is_ok_and(|s| s.is_none())
    }
}

/// Runs a command for at most `limit`; its output, or `None` if it failed or took too long
/// (`import` waits for ever on a window that has gone).
fn run_bounded(command: &mut Command, limit: Duration) -> Option<Vec<u8>> {
    let out = tempfile::NamedTempFile::new().expect("temp");
    let child = command.stdout(out.reopen().expect("reopen")).stderr(Stdio::null()).spawn().ok()?;
    let mut child = Owned(child);
    let until = Instant::now() + limit;
    loop {
        match child.0.try_wait() {
            Ok(Some(status)) if status.success() => return std::fs::read(out.path()).ok(),
            Ok(Some(_)) | Err(_) => return None,
            Ok(None) if Instant::now() > until => return None,
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// What one shot shows: a screen, in a font at a size.
#[derive(Clone, Copy)]
struct Case<'a> {
    label: &'static str,
    buffer: &'a Buffer,
    font: &'static str,
    px: u16,
}

/// Opens an xterm for `case` at `(x, y)` on the display; `n` names its files in `dir`.
fn open(display: &str, dir: &Path, n: usize, case: Case, (x, y): (u32, u32)) -> Shot {
    let Case { label, buffer, font, px } = case;
    let text = dir.join(format!("{n}.ansi"));
    std::fs::write(&text, ansi(buffer)).expect("write");
    let id_file = dir.join(format!("{n}.id"));
    let log = dir.join(format!("{n}.log"));
    let geometry = format!("{}x{}+{x}+{y}", buffer.area.width, buffer.area.height);
    let script =
        format!("cat '{}'; echo $WINDOWID > '{}'; sleep 600", text.display(), id_file.display());
    let child = Command::new("xterm")
        .env("DISPLAY", display)
        .env("LANG", "C.UTF-8")
        .args(["-u8", "-bg", "black", "-fg", "white", "-bw", "0", "-b", "0"])
        .args(["-xrm", "XTerm*scrollBar: false", "-xrm", "XTerm*cursorBlink: false"])
        .args(["-geometry", &geometry, "-fa", &format!("{font}:pixelsize={px}")])
        .args(["-e", "sh", "-c", &script])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("xterm starts");
    let label = format!("{label}, {font} {px}px");
    Shot { label, xterm: std::cell::RefCell::new(Owned(child)), id_file, log }
}

/// What zbar reads in the shot's window (retried while the terminal is still drawing);
/// `Err` says why nothing could be read at all.
fn decode(
    display: &str,
    dir: &Path,
    n: usize,
    shot: &Shot,
    expect_code: bool,
) -> Result<Option<String>, String> {
    let until = Instant::now() + Duration::from_secs(if expect_code { 5 } else { 2 });
    loop {
        if !shot.alive() {
            let log = std::fs::read_to_string(&shot.log).unwrap_or_default();
            return Err(format!("xterm ended: {log}"));
        }
        if let Ok(id) = std::fs::read_to_string(&shot.id_file)
            && !id.trim().is_empty()
        {
            let png = dir.join(format!("{n}.png"));
            let mut import = Command::new("import");
            import.env("DISPLAY", display).args(["-window", id.trim()]).arg(&png);
            if run_bounded(&mut import, Duration::from_secs(5)).is_some() {
                let mut zbar = Command::new("zbarimg");
                zbar.args(["-q", "--raw"]).arg(&png);
                // zbarimg exits 4 when it finds no code: that is an empty answer here.
                let text = run_bounded(&mut zbar, Duration::from_secs(5))
                    .map(|o| String::from_utf8_lossy(&o).trim().to_string())
                    .unwrap_or_default();
                if !text.is_empty() {
                    return Ok(Some(text));
                }
            }
        }
        if Instant::now() > until {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_join_code_scans_in_real_terminal_fonts_at_every_size() {
    if !available() {
        return;
    }
    let started = Instant::now();
    // Room for eight windows of up to 1750×1050 px (120×35 cells at 20 px).
    let (_x, display) = xvfb(7000, 2100);
    let dir = tempfile::tempdir().expect("dir");
    let join_120 = screen(120, 35, true, false);
    let join_80 = screen(80, 34, true, false);
    let voting = screen(120, 35, true, true);
    let plain = screen(120, 35, false, false);
    let mut cases: Vec<Case> = Vec::new();
    for font in FONTS {
        for px in SIZES {
            cases.push(Case { label: "join 120x35", buffer: &join_120, font, px });
            cases.push(Case { label: "join 80x34", buffer: &join_80, font, px });
        }
        for px in [11, 20] {
            cases.push(Case { label: "voting 120x35", buffer: &voting, font, px });
        }
        for px in [12, 16] {
            cases.push(Case { label: "NO_COLOR join 120x35", buffer: &plain, font, px });
        }
    }
    let expected = URL.to_ascii_uppercase();
    let mut failures = Vec::new();
    // Eight windows at a time, side by side on the big screen (no window hides another:
    // without a compositor, what is hidden is not in the photograph).
    for (batch, chunk) in cases.chunks(8).enumerate() {
        let shots: Vec<Shot> = chunk
            .iter()
            .enumerate()
            .map(|(i, case)| {
                let (x, y) = ((i % 4) as u32 * 1750, (i / 4) as u32 * 1050);
                open(&display, dir.path(), batch * 8 + i, *case, (x, y))
            })
            .collect();
        for (i, shot) in shots.iter().enumerate() {
            match decode(&display, dir.path(), batch * 8 + i, shot, true) {
                Ok(Some(text)) if text == expected => {}
                other => failures.push(format!("{}: {other:?}", shot.label)),
            }
        }
    }
    // 80×24: no code drawn, so none is read (and the address is on screen instead).
    let small = screen(80, 24, true, false);
    let case = Case { label: "join 80x24", buffer: &small, font: FONTS[0], px: 14 };
    let shot = open(&display, dir.path(), 99, case, (0, 0));
    match decode(&display, dir.path(), 99, &shot, false) {
        Ok(None) => {}
        other => failures.push(format!("80x24 should show no code: {other:?}")),
    }
    eprintln!("{} shots in {:?}", cases.len() + 1, started.elapsed());
    assert!(failures.is_empty(), "not as expected:\n{}", failures.join("\n"));
}
