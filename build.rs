//! Lists `dilemmas/*.ron` so the bundled packs are compiled into the binary, and makes
//! cargo rebuild when a pack is added, changed or removed. The packs come in a deliberate
//! order: [`FIRST`], then any others by name.

use std::fmt::Write as _;
use std::path::Path;

/// The bundled packs that come first, in this order: the home screen and the session
/// set-up list them so, Werk en Inkomen (the trainer's main audience) at the top.
const FIRST: &[&str] = &["werk-en-inkomen.ron", "leidinggevenden.ron"];

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dilemmas");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    let rank = |name: &str| FIRST.iter().position(|f| *f == name).unwrap_or(FIRST.len());
    names.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
    let mut out = String::from("&[\n");
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string());
    }
    out.push(']');
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    std::fs::write(Path::new(&out_dir).join("bundled_packs.rs"), out).expect("OUT_DIR is writable");
}
