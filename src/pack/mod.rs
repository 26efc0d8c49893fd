//! Dilemma packs: the model, reading RON with positions, the rules `wikken check`
//! enforces, and the catalogue of packs the app loads. Knows nothing of the terminal.

mod bundled;
mod catalog;
mod decode;
mod diagnostic;
mod load;
mod model;
mod span;
mod syntax;
mod template;
mod validate;

pub use bundled::BUNDLED;
pub use catalog::{Catalog, Origin, PackDirError, PackFile, ron_files};
pub use diagnostic::{
    Diagnostic, DiagnosticKind, Expected, Hint, IdScope, Severity, ValueType, did_you_mean,
};
pub use load::{Checked, MAX_FILE_SIZE, check_bytes, check_file, check_text};
pub use model::{Dilemma, Note, Pack, Source, Werkwijze, paragraphs};
pub use span::{Pos, Spanned};
pub use syntax::MAX_DEPTH;
pub use template::starter_pack;
pub use validate::{OPTION_RANGE, is_language_tag, is_slug};
