//! The layering the README promises, checked on the source files: the domain (`pack`,
//! `store`, `session`, `development`) knows nothing of the terminal or the phones — no
//! `tui`, `phone` or `ratatui` in it — and the leaf modules (`ids`, `fsx`) use no domain
//! module, so there is no cycle through them.

use std::path::{Path, PathBuf};

/// Every `.rs` file at `path` (a file, or a folder walked recursively).
fn sources(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(path).expect("source folder") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out
}

/// The code of a source file without its comments (line comments, doc comments and block
/// comments), so that prose about the terminal does not count.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
            out.push('\n');
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if rest.starts_with('"') {
            // A string literal is kept whole (it may hold `//`), escapes included.
            let mut chars = rest.char_indices().skip(1);
            let mut end = rest.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The module paths a piece of code names that it must not: `crate::tui`, `super::tui`,
/// `wikken::phone`, `ratatui`, or `tui`/`phone` inside a `crate::{…}` group.
fn forbidden_uses(code: &str, modules: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter(|w| !w.is_empty())
        .collect();
    for w in &words {
        let segments: Vec<&str> = w.split("::").collect();
        let root_is_crate = matches!(segments.first(), Some(&("crate" | "super" | "wikken")));
        let names_one = segments.iter().skip(1).any(|s| modules.contains(s));
        if (root_is_crate && names_one) || segments.first() == Some(&"ratatui") {
            found.push((*w).to_string());
        }
    }
    // `use crate::{tui::x, …}`: a group after a crate root.
    for (at, _) in code.match_indices("crate::{") {
        let group = &code[at..];
        let group = &group[..group.find('}').unwrap_or(group.len())];
        for m in modules {
            if group.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|s| s == *m) {
                found.push(format!("crate::{{{m}…}}"));
            }
        }
    }
    found
}

fn offences(roots: &[&str], modules: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for root in roots {
        let files = sources(&src.join(root));
        assert!(!files.is_empty(), "no sources at src/{root}");
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read");
            for bad in forbidden_uses(&code(&text), modules) {
                out.push(format!("{}: {bad}", file.display()));
            }
        }
    }
    out
}

#[test]
fn the_domain_knows_nothing_of_the_terminal_or_the_phones() {
    let domain = ["pack", "store", "session", "development.rs"];
    let bad = offences(&domain, &["tui", "phone", "ratatui"]);
    assert!(bad.is_empty(), "the domain imports the interface:\n{}", bad.join("\n"));
}

#[test]
fn the_leaf_modules_use_no_domain_module() {
    let bad = offences(&["ids.rs"], &["fsx", "store", "pack", "session", "tui", "phone"]);
    assert!(bad.is_empty(), "ids is not a leaf:\n{}", bad.join("\n"));
    let bad = offences(&["fsx.rs"], &["store", "pack", "session", "tui", "phone"]);
    assert!(bad.is_empty(), "fsx and the store import each other:\n{}", bad.join("\n"));
}

#[test]
fn the_check_sees_every_form_of_import() {
    let modules = ["tui", "phone", "ratatui"];
    for (text, caught) in [
        ("use crate::tui::App;", true),
        ("let x = super::super::phone::Room::new();", true),
        ("use crate::{store::Tally, tui::view};", true),
        ("use ratatui::widgets::Paragraph;", true),
        ("fn f() -> wikken::tui::Action { todo!() }", true),
        ("// crate::tui is the terminal\nuse crate::store::Tally;", false),
        ("let s = \"crate::tui\";", true),
        ("use crate::store::Tally; /* not crate::tui */", false),
        ("include_str!(\"../tests/packs/tui/oefen.ron\")", false),
    ] {
        let found = forbidden_uses(&code(text), &modules);
        assert_eq!(!found.is_empty(), caught, "{text}: {found:?}");
    }
}
