//! The starter pack that `wikken new` writes (the example in `dilemmas/voorbeeld/`): one complete, commented dilemma that passes
//! `wikken check` without warnings, so a trainer starts from something that works.

/// The starter pack's text, with its id taken from the file name where that makes a slug.
pub fn starter_pack(file_stem: &str) -> String {
    const TEMPLATE: &str = include_str!("../../dilemmas/voorbeeld/voorbeeld.ron");
    let id = slugify(file_stem);
    if id.is_empty() {
        TEMPLATE.to_string()
    } else {
        TEMPLATE.replacen("id: \"mijn-pack\"", &format!("id: \"{id}\""), 1)
    }
}

/// Lowercases, writes accented letters without their accent (é → e, ĳ → ij, ß → ss),
/// drops apostrophes ("Dilemma's" → "dilemmas") and replaces anything else outside
/// `a-z0-9` with single dashes.
fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}') {
            continue;
        }
        let plain = unaccented(c);
        if !plain.is_empty() {
            out.push_str(plain);
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    trimmed
        .chars()
        .take(super::validate::MAX_SLUG_LEN)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// A lower-case Latin letter with a diacritic (as used in Dutch, Frisian and the languages
/// of neighbours and colleagues) written in `a-z`; empty for anything else.
fn unaccented(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::check_text;

    #[test]
    fn starter_passes_check_without_warnings() {
        let checked = check_text(&starter_pack("Gemeente Zwolle 2026"));
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        assert_eq!(checked.pack.expect("decodes").id.as_str(), "gemeente-zwolle-2026");
    }

    /// The starter pack shows a trainer every field of the format (the schema's), so no
    /// field has to be looked up before it can be used.
    #[test]
    fn starter_shows_every_field_of_the_schema() {
        use crate::pack::schema::{DILEMMA, NOTE, OPTION, PACK, SOURCE};
        let text = starter_pack("x");
        for record in [&PACK, &SOURCE, &DILEMMA, &OPTION, &NOTE] {
            assert!(text.contains(&format!("{}(", record.name)), "{}", record.name);
            for field in record.fields {
                assert!(
                    text.contains(&format!("{}:", field.name)),
                    "{}.{} is not in the starter pack",
                    record.name,
                    field.name
                );
            }
        }
    }

    #[test]
    fn slugify_cleans_names() {
        assert_eq!(slugify("Mijn Pack!"), "mijn-pack");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("Café"), "cafe");
        assert_eq!(slugify("Dilemma's café"), "dilemmas-cafe");
        assert_eq!(slugify("Dilemma’s van de ĳsbaan"), "dilemmas-van-de-ijsbaan");
        assert_eq!(slugify("Straße Zoë"), "strasse-zoe");
    }
}
