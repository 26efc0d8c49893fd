//! The handout printed as a trainer prints it: headless Chromium opens the HTML handout and
//! prints it to PDF (A4, the page's own CSS), `pdftotext` (poppler-utils) takes the text of
//! each page, and the test checks the page count, that every page is numbered, that every
//! facilitator page says so in its header, and that no page holds only a heading or only
//! one item of a list.
//!
//! Where Chromium or pdftotext is missing the test says loudly that it was skipped; with
//! `WIKKEN_REQUIRE_CHROMIUM=1` (set by `.ci/run`, which installs both) that is a failure.

#[path = "support/chromium.rs"]
mod chromium;

use std::path::Path;
use std::time::Duration;

use chromium::{Chromium, chromium};
use headless_chrome::types::PrintToPdfOptions;
use wikken::handout::{self, Block};
use wikken::i18n::Lang;
use wikken::pack::{Pack, check_file, check_text};

/// `pdftotext`, or `None` (and a loud note) where it is missing.
fn pdftotext() -> Option<()> {
    let found = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    if found {
        return Some(());
    }
    if std::env::var("WIKKEN_REQUIRE_CHROMIUM").as_deref() == Ok("1") {
        panic!("WIKKEN_REQUIRE_CHROMIUM=1 but no pdftotext (apt-get install poppler-utils)");
    }
    eprintln!(
        "\n!! SKIPPED: the printed handout test needs pdftotext (apt-get install poppler-utils).\n"
    );
    None
}

/// The handout of `dilemmas` (all when empty) printed to PDF by Chromium, as the text of
/// each page.
fn print(browser: &Chromium, pack: &Pack, dilemmas: &[&str]) -> (Vec<Block>, Vec<String>) {
    let chosen: Vec<_> = if dilemmas.is_empty() {
        pack.dilemmas.iter().collect()
    } else {
        dilemmas.iter().map(|id| pack.dilemma(id).expect("dilemma")).collect()
    };
    let text = Lang::Nl.studio();
    let blocks = handout::blocks(pack, &chosen, text);
    let dir = tempfile::tempdir().expect("tmp");
    let html = dir.path().join("handout.html");
    std::fs::write(&html, handout::html(&blocks, "nl", text)).expect("write");
    let tab = browser.browser().new_tab().expect("tab");
    tab.set_default_timeout(Duration::from_secs(20));
    let url = format!("file://{}", html.display());
    tab.navigate_to(&url).expect("navigate").wait_until_navigated().expect("loaded");
    let options = PrintToPdfOptions { prefer_css_page_size: Some(true), ..Default::default() };
    let pdf = tab.print_to_pdf(Some(options)).expect("print to pdf");
    let file = dir.path().join("handout.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all = String::from_utf8(out.stdout).expect("utf-8");
    let mut pages: Vec<String> = all.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    (blocks, pages)
}

/// A pack of `n` dilemmas; dilemma `k` has `k` notes of about two lines each and three
/// questions, so the facilitator parts end lower on their page one after the other.
fn sweep(n: usize) -> String {
    let note = "Een notitie die ongeveer twee regels beslaat, zodat elke volgende gespreksleiderspagina wat langer wordt dan de vorige.";
    let dilemmas: String = (1..=n)
        .map(|k| {
            let notes: String = (0..k)
                .map(|_| format!("Note(kind: Praktijk, text: \"{note}\", sources: [\"s\"]), "))
                .collect();
            format!(
                "Dilemma(id: \"d{k}\", title: \"Dilemma {k}\", case: \"Een korte casus.\", \
                 question: \"Wat doe jij?\", options: [Option(id: \"a\", title: \"A\", text: \"Doe A.\", \
                 notes: [{notes}]), Option(id: \"b\", title: \"B\", text: \"Doe B.\")], \
                 questions: [\"Wat woog voor jou het zwaarst in dilemma {k}?\", \
                 \"Wat heb je nodig van je team om dit te kunnen doen?\", \
                 \"Wat zou jou de andere keuze laten maken?\"]), "
            )
        })
        .collect();
    format!(
        "Pack(id: \"sweep\", version: 1, language: \"nl\", title: \"Sweep\", \
         sources: [Source(id: \"s\", citation: \"Bron.\", url: None)], dilemmas: [{dilemmas}])"
    )
}

/// Words separated by single spaces, without list bullets and numbers at the start.
fn normal(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .trim_start_matches(|c: char| c == '•' || c == '◦' || c.is_ascii_digit() || c == '.')
        .trim()
        .to_string()
}

/// Checks every page; returns how many are the facilitator's.
fn check_pages(blocks: &[Block], pages: &[String]) -> usize {
    let text = Lang::Nl.studio();
    let headings: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Title(t) | Block::Heading(t) | Block::Subheading(t) => Some(normal(t)),
            _ => None,
        })
        .collect();
    let items: Vec<String> = blocks
        .iter()
        .flat_map(|b| match b {
            Block::Bullets(items) => items.iter().map(|i| normal(i)).collect(),
            Block::Labelled(items) => {
                items.iter().map(|(l, i)| normal(&format!("{l}: {i}"))).collect()
            }
            Block::Numbered(items) => {
                items.iter().map(|(t, i)| normal(&format!("{t} {i}"))).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    let total = pages.len();
    let mut facilitator = 0;
    let mut seen_facilitator = false;
    for (i, page) in pages.iter().enumerate() {
        // `n / N` at the foot (pdftotext may drop the spaces).
        let number = format!("{}/{total}", i + 1);
        let is_number = |l: &str| l.replace(' ', "") == number;
        let lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert!(lines.last().is_some_and(|l| is_number(l)), "page {} is numbered:\n{page}", i + 1);
        let marked = lines.iter().filter(|l| **l == text.handout_not_to_hand_out).count();
        if page.contains("Voor de gespreksleider — ")
            && !page.contains(text.handout_not_to_hand_out)
        {
            panic!("page {} mentions the facilitator without the header:\n{page}", i + 1);
        }
        if marked > 0 {
            seen_facilitator = true;
            facilitator += 1;
        } else {
            assert!(!seen_facilitator, "facilitator page {} is not marked:\n{page}", i + 1);
        }
        // What the page holds besides its header, its number and the part's marker.
        let content: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !is_number(l) && *l != text.handout_not_to_hand_out)
            .collect();
        // A heading is never the last thing on a page (one that wraps may take two lines).
        let n = content.len();
        for tail in [&content[n.saturating_sub(1)..], &content[n.saturating_sub(2)..]] {
            let tail = normal(&tail.join(" "));
            assert!(!headings.contains(&tail), "page {} ends with a heading:\n{page}", i + 1);
        }
        let content = normal(&content.join(" "));
        assert!(!content.is_empty(), "page {} is empty", i + 1);
        assert!(!headings.contains(&content), "page {} holds only a heading:\n{page}", i + 1);
        assert!(!items.contains(&content), "page {} holds only one list item:\n{page}", i + 1);
    }
    facilitator
}

#[test]
fn a_printed_handout_is_numbered_marked_and_never_strands_a_heading_or_an_item() {
    let Some(path) = chromium("the printed handout test") else { return };
    let Some(()) = pdftotext() else { return };
    let browser = Chromium::launch(path, false);

    // The test pack: two dilemmas, each on one group page; the facilitator part of each
    // starts a page (the first runs over onto a second, its questions kept together).
    let pack = check_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packs/tui/oefen.ron"))
        .pack
        .expect("fixture");
    let (blocks, pages) = print(&browser, &pack, &[]);
    assert_eq!(pages.len(), 5, "{pages:#?}");
    assert_eq!(check_pages(&blocks, &pages), 3);
    assert!(pages[0].contains("Mijn keuze:") && pages[0].contains("Waarom:"));

    // A long facilitator part that runs over pages: every one of them is marked.
    let long = include_str!("packs/tui/oefen.ron").replace(
        "questions: [\"Wanneer vind jij een regel te hard?\"",
        &format!(
            "questions: [{}\"Wanneer vind jij een regel te hard?\"",
            (1..=40)
                .map(|i| format!("\"Vraag {i}: wat zou een collega die anders koos hier zeggen, en wat zou jij dan antwoorden?\", "))
                .collect::<String>()
        ),
    );
    let long = check_text(&long).pack.expect("long pack loads");
    let (blocks, pages) = print(&browser, &long, &["te-laat"]);
    let facilitator = check_pages(&blocks, &pages);
    assert!(facilitator >= 2, "the long part runs over pages: {pages:#?}");
    assert_eq!(pages.len(), 1 + facilitator);

    // Facilitator parts that grow by a note each: the headings and the last questions of
    // one of them fall at the foot of a page.
    let (blocks, pages) = print(&browser, &check_text(&sweep(14)).pack.expect("sweep"), &[]);
    check_pages(&blocks, &pages);

    // A real pack: the first three dilemmas of the bundled Werk en Inkomen.
    let bundled = wikken::pack::BUNDLED
        .iter()
        .find(|(name, _)| name.starts_with("werk-en-inkomen"))
        .map(|(_, text)| check_text(text).pack.expect("bundled pack"))
        .expect("bundled");
    let ids: Vec<String> = bundled.dilemmas.iter().take(3).map(|d| d.id.value.clone()).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (blocks, pages) = print(&browser, &bundled, &ids);
    let facilitator = check_pages(&blocks, &pages);
    assert!(
        pages.len() >= 6 && facilitator >= 3,
        "{} pages, {facilitator} facilitator",
        pages.len()
    );
}
