//! What a character or the start of the rest of a pack says to the reader: RON's whitespace,
//! identifiers, and whether a record or a field begins here (used to resynchronise after a slip).

/// Whitespace as standard RON knows it; wikken also skips any other Unicode space.
pub(super) fn is_ron_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Whether `rest` starts a record or tuple: `Name(` or `(`.
pub(super) fn record_at(rest: &str) -> bool {
    if rest.starts_with('(') {
        return true;
    }
    if !rest.chars().next().is_some_and(is_ident_start) {
        return false;
    }
    let end =
        rest.char_indices().find(|&(_, c)| !is_ident_continue(c)).map_or(rest.len(), |(i, _)| i);
    rest[end..].trim_start().starts_with('(')
}

/// Whether `rest` starts with `identifier:` (and not `identifier::` or a web address).
pub(super) fn field_at(rest: &str) -> bool {
    let mut chars = rest.chars();
    if !chars.next().is_some_and(is_ident_start) {
        return false;
    }
    let end =
        rest.char_indices().find(|&(_, c)| !is_ident_continue(c)).map_or(rest.len(), |(i, _)| i);
    let after = rest[end..].trim_start_matches([' ', '\t', '\r', '\n']);
    after.starts_with(':') && !after.starts_with("::") && !after.starts_with("://")
}

/// Whether `c` may start an identifier (a field or record name).
pub(super) fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// Whether `c` may continue an identifier.
pub(super) fn is_ident_continue(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}
