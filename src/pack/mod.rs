//! Dilemma packs: the model, reading RON with positions, the rules `wikken check`
//! enforces, and the catalogue of packs the app loads. Knows nothing of the terminal.

mod bundled;
mod catalog;
mod citations;
mod decode;
mod diagnostic;
pub mod format;
mod load;
mod model;
mod order;
mod prose;
pub mod schema;
mod span;
mod syntax;
mod template;
mod validate;

pub use bundled::BUNDLED;
pub use catalog::{
    Catalog, FirstLoaded, Origin, PackDirError, PackFile, duplicate_pack, is_pack_name, ron_files,
};
pub use citations::Citations;
pub use diagnostic::{
    Diagnostic, DiagnosticKind, Expected, Hint, IdScope, NonStandard, Severity, ValueType,
    did_you_mean,
};
pub use format::{Comments, FormatError, Formatted, format_text, read_with_comments, render};
pub use load::{
    CheckOptions, Checked, MAX_FILE_SIZE, check_bytes, check_bytes_with, check_file,
    check_file_bytes, check_file_bytes_with, check_file_in, check_file_with, check_text,
    check_text_with, is_notepad_name, read_pack_file,
};
pub use model::{Dilemma, Note, NoteKind, Pack, Source, Werkwijze, by_kind};
pub use order::werkwijze_order;
pub use prose::{LIST_MARKER, TextBlock, fold, paragraphs, text_blocks};
pub use span::{Pos, Spanned};
pub use syntax::{MAX_DEPTH, MAX_ERRORS};
pub use template::starter_pack;
pub use validate::{
    CASE_WORDS, DEFAULT_WET_MAX_AGE, OPTION_RANGE, WetAge, YearMonth, is_language_tag, is_slug,
    stale_wet_notes, word_count,
};
