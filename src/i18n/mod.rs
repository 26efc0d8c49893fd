//! Every user-facing string, in Dutch (first) and English. Nothing outside this module
//! writes interface text, so a translation or a wording fix happens in one place.

mod bewerk;
mod cli;
mod development;
mod diagnostics;
mod keys;
mod net;
mod phone;
mod pool;
mod report;
mod session;
mod studio;
mod text;
mod tui;

pub use bewerk::BewerkText;
pub use cli::{CliText, UsageProblem};
pub use development::{DevelopmentText, Item, Section};
pub use diagnostics::{open_error, render_diagnostic, render_message};
pub use keys::{KeyLabel, KeyPlace, help_here, space_key};
pub use phone::PhoneText;
pub use pool::Limit;
pub use report::session_report;
pub use session::{PhoneFailure, SessionText};
pub use studio::StudioText;
pub use text::{Mine, PlainText};
pub use tui::UiText;

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Nederlands, the default.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Parses `nl` or `en` (also `nl-NL`, `en_GB.UTF-8`); `None` for anything else.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_', '.']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language from the locale variables (`LC_ALL`, `LC_MESSAGES`, `LANG`, in POSIX
    /// order of precedence): English only when the locale is English, Dutch otherwise.
    pub fn from_env() -> Lang {
        Self::from_locale_vars(|name| std::env::var(name).ok())
    }

    /// [`Lang::from_env`] with the environment passed in, for tests.
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name).filter(|v| !v.is_empty()))
            .next()
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    /// Picks the Dutch or English text.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// "6 uit intervisiesessies en 40 uit andere teams": where answers that are counted apart
/// came from; `None` when there are none.
fn groups_phrase(lang: Lang, sessions: u32, other: u32) -> Option<String> {
    let s = (sessions > 0).then(|| {
        lang.pick(
            format!("{sessions} uit intervisiesessies"),
            format!("{sessions} from intervisie sessions"),
        )
    });
    let o = (other > 0).then(|| {
        lang.pick(format!("{other} uit andere teams"), format!("{other} from other teams"))
    });
    match (s, o) {
        (Some(s), Some(o)) => Some(lang.pick(format!("{s} en {o}"), format!("{s} and {o}"))),
        (s, o) => s.or(o),
    }
}

/// The heading over notes of one kind (contract 1), for the spiegel, the session and the
/// handout alike: research only under "Wat onderzoek zegt"; the law with the month it was
/// checked (`as_of`, the oldest among the group's notes).
pub fn kind_heading(
    lang: Lang,
    kind: Option<crate::pack::NoteKind>,
    as_of: Option<&str>,
) -> String {
    use crate::pack::NoteKind;
    let text = match kind {
        Some(NoteKind::Onderzoek) => lang.pick("Wat onderzoek zegt", "What research says"),
        Some(NoteKind::Praktijk) => lang.pick("Uit de praktijk", "From practice"),
        Some(NoteKind::Client) => lang.pick("Wat cliënten zeggen", "What clients say"),
        Some(NoteKind::Wet) => {
            let Some(date) = as_of else {
                return lang.pick("Wet en regels", "Law and rules").into();
            };
            let date = month_name(lang, date);
            return lang.pick(
                format!("Wet en regels (stand {date})"),
                format!("Law and rules (as of {date})"),
            );
        }
        None => lang.pick("Overige notities", "Other notes"),
    };
    text.to_string()
}

/// `2026-12` → "december 2026" / "December 2026"; anything else as it is.
fn month_name(lang: Lang, date: &str) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (year, month) = date.split_once('-').unwrap_or((date, ""));
    match month.parse::<usize>() {
        Ok(m @ 1..=12) => format!("{} {year}", lang.pick(NL, EN)[m - 1]),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::Nl);
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "nl_NL.UTF-8")])), Lang::Nl);
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "C.UTF-8")])), Lang::Nl);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", "nl_BE"), ("LANG", "en_GB")])),
            Lang::Nl
        );
        assert_eq!(Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "en_GB")])), Lang::En);
    }
}
