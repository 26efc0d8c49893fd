//! Whatever a pack file contains, nothing unsafe reaches the terminal: a pack with escape
//! sequences (OSC retitle, BEL, clear screen, a C1 CSI, a right-to-left override) in every
//! text loads, and the home, pack, dilemma, reasoning and spiegel screens drawn from it hold
//! no control or text-direction character in any cell; nor does the home screen's notice
//! about pack files that were not loaded, whose names hold escape sequences.

mod common;

use std::path::Path;

use common::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wikken::clean::is_unsafe;
use wikken::commands::start_notice;
use wikken::i18n::Lang;
use wikken::pack::{Catalog, Pack, check_file};
use wikken::tui::{Action, App, Size, Theme};

fn hostile_pack() -> Pack {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/hostile/escapes.ron");
    let checked = check_file(&path);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    assert!(!checked.diagnostics.is_empty(), "check warns about every escape");
    checked.usable().expect("the pack loads").clone()
}

/// Draws the app and fails on any cell holding an unsafe character. Returns the screen as
/// text, so the caller can see that the hostile texts were on it at all.
fn assert_screen_clean(app: &App, what: &str) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(is_unsafe),
                "{what}: cell ({x}, {y}) holds {symbol:?}\n{}",
                render(app)
            );
            text.push_str(symbol);
        }
        text.push('\n');
    }
    text
}

#[test]
fn every_field_is_cleaned_when_the_pack_loads() {
    let pack = hostile_pack();
    let mut texts: Vec<&str> = vec![&pack.title, &pack.summary];
    texts.extend(pack.authors.iter().map(|a| a.as_str()));
    texts.extend(pack.license.iter().map(|l| l.as_str()));
    for s in &pack.sources {
        texts.push(&s.citation);
        texts.extend(s.url.iter().map(|u| u.as_str()));
    }
    for d in &pack.dilemmas {
        texts.extend([d.title.as_str(), &d.case, &d.question]);
        texts.extend(d.themes.iter().map(|t| t.as_str()));
        texts.extend(d.questions.iter().map(|q| q.as_str()));
        let notes = d.notes.iter().chain(d.options.iter().flat_map(|o| &o.notes));
        texts.extend(notes.map(|n| n.text.as_str()));
        for o in &d.options {
            texts.extend([o.title.as_str(), &o.text]);
        }
    }
    assert_eq!(texts.len(), 19, "every text of the fixture");
    for text in texts {
        assert!(text.contains("pwned"), "the readable part stays: {text:?}");
        assert!(!text.chars().any(|c| c != '\n' && is_unsafe(c)), "{text:?}");
    }
    assert!(pack.dilemmas[0].case.contains('\n'), "a case keeps its line breaks");
}

#[test]
fn no_screen_shows_an_unsafe_character() {
    let mut app = App::new(
        Lang::Nl.ui(),
        Theme::PLAIN,
        vec![hostile_pack()],
        Vec::new(),
        42,
        Size { width: 100, height: 40 },
    );
    // Five colleagues (the threshold) chose "b", so the spiegel shows the distribution.
    let records: Vec<_> = colleagues(5, "eerste", "b", None)
        .into_iter()
        .map(|mut r| {
            r.pack = "vijandig".into();
            r
        })
        .collect();
    app.pool = pool_of(&records);

    let home = assert_screen_clean(&app, "home");
    assert!(home.contains("Titel") && home.contains("pwned"), "{home}");

    press(&mut app, [Action::Enter]);
    let pack = assert_screen_clean(&app, "pack");
    assert!(pack.contains("Dilemma") && pack.contains("pwned"), "{pack}");
    press(&mut app, [Action::Theme]);
    assert_screen_clean(&app, "pack, theme filter");
    press(&mut app, [Action::Theme]);

    press(&mut app, [Action::Enter]);
    let dilemma = assert_screen_clean(&app, "dilemma");
    assert!(dilemma.contains("Casus"), "{dilemma}");
    for step in 0..4 {
        press(&mut app, [Action::Down]);
        assert_screen_clean(&app, &format!("dilemma, scrolled {step}"));
    }

    press(&mut app, [Action::Pick(1)]);
    type_text(&mut app, "Mijn overweging.");
    assert_screen_clean(&app, "reasoning");
    press(&mut app, [Action::Submit]);
    let spiegel = assert_screen_clean(&app, "spiegel");
    assert!(spiegel.contains("Werkwijze"), "{spiegel}");
    let mut seen = spiegel;
    for step in 0..8 {
        press(&mut app, [Action::PageDown]);
        seen.push_str(&assert_screen_clean(&app, &format!("spiegel, page {step}")));
    }
    for part in ["Onderbouwing", "Notitie", "Intervisievraag", "Bron"] {
        assert!(seen.contains(part), "the spiegel showed {part}: {seen}");
    }
    press(&mut app, [Action::Revise]);
    assert_screen_clean(&app, "spiegel, revision picker");
}

#[cfg(unix)]
#[test]
fn the_notice_about_skipped_packs_names_them_cleaned() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tmp");
    let name = |bytes: &[u8]| dir.path().join(std::ffi::OsStr::from_bytes(bytes));
    std::fs::write(name(b"kapot\x1b]0;pwned\x07.ron"), "Pack(").expect("write");
    std::os::unix::fs::symlink("/dev/zero", name(b"nul\xe2\x80\xae.ron")).expect("symlink");
    let catalog = Catalog::load(true, &[dir.path().to_path_buf()]).expect("load");

    let mut app = App::new(
        Lang::Nl.ui(),
        Theme::PLAIN,
        catalog.packs().cloned().collect(),
        Vec::new(),
        42,
        Size { width: 100, height: 30 },
    );
    let dirs = [dir.path().to_path_buf()];
    app.notice = start_notice(Lang::Nl.ui(), &catalog, &dirs, &[], 0);
    let notice = app.notice.clone().expect("a notice");
    let shown_dir = wikken::clean::shell_arg(dir.path());
    assert_eq!(
        notice,
        format!(
            "2 packs niet geladen: kapot\u{FFFD}]0;pwned\u{FFFD}.ron, nul\u{FFFD}.ron. Waarom: \
             wikken check {shown_dir}"
        )
    );
    let home = assert_screen_clean(&app, "home with notice");
    assert!(home.contains("kapot\u{FFFD}]0;pwned"), "{home}");

    let english = start_notice(Lang::En.ui(), &catalog, &dirs, &[], 0).expect("a notice");
    assert_eq!(
        english,
        format!(
            "2 packs not loaded: kapot\u{FFFD}]0;pwned\u{FFFD}.ron, nul\u{FFFD}.ron. Why: \
             wikken check {shown_dir}"
        )
    );
}
