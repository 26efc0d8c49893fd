//! The packs in the repository's `dilemmas/` folder, compiled into the binary so an
//! installed `wikken` works from any directory. `build.rs` lists the folder.

/// `(file name, contents)` of every `.ron` file in `dilemmas/`: Werk en Inkomen first, then
/// Leidinggevenden, then any others by name (`build.rs` holds the order).
pub static BUNDLED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_packs.rs"));
