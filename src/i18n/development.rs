//! "Mijn ontwikkeling" in words: the domain's [`Overview`] as sections of sentences,
//! bars and quotes, which the trainer's screen draws and `wikken export --me` writes as
//! Markdown for a development talk (POP-gesprek). One wording for both.

use super::Lang;
use crate::development::{Direction, Overview};

/// A piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A sentence or short paragraph.
    Text(String),
    /// A list item.
    Bullet(String),
    /// A labelled bar: label, value, and the largest value it is measured against.
    Bar(String, u32, u32),
    /// A small heading inside a section (an answer in the reasoning over time).
    Sub(String),
    /// The person's own words.
    Quote(String),
    /// Less important text.
    Note(String),
}

/// A headed part of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Its heading.
    pub heading: String,
    /// What it says.
    pub items: Vec<Item>,
}

/// The words of the overview in one language.
#[derive(Debug, Clone, Copy)]
pub struct DevelopmentText(pub Lang);

const MONTHS_NL: [&str; 12] =
    ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_EN: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl DevelopmentText {
    /// The screen's and the document's title.
    pub fn title(self) -> &'static str {
        self.0.pick("Mijn ontwikkeling", "My development")
    }

    /// That this is private and where it comes from.
    pub fn private(self) -> &'static str {
        self.0.pick(
            "Alleen voor jou: berekend uit je eigen antwoorden op deze computer. Niets hiervan \
             gaat naar de pool.",
            "For you only: computed from your own answers on this computer. None of it goes to \
             the pool.",
        )
    }

    /// How to take it to a development talk.
    pub fn export_hint(self) -> &'static str {
        self.0.pick(
            "Voor een POP-gesprek: wikken export --me --out ontwikkeling.md",
            "For a development talk: wikken export --me --out development.md",
        )
    }

    /// Under the reasoning's heading on screen: which theme of how many, and the key.
    pub fn theme_hint(self, n: usize, of: usize) -> String {
        self.0.pick(
            format!("Thema {n} van {of}; t kiest een ander thema."),
            format!("Theme {n} of {of}; t picks another theme."),
        )
    }

    /// "mrt 2026" for `2026-03`.
    pub fn month(self, month: &str) -> String {
        let name = month
            .get(5..7)
            .and_then(|m| m.parse::<usize>().ok())
            .and_then(|m| self.0.pick(MONTHS_NL, MONTHS_EN).get(m.wrapping_sub(1)).copied());
        match (name, month.get(..4)) {
            (Some(name), Some(year)) => format!("{name} {year}"),
            _ => month.to_string(),
        }
    }

    /// A number with one decimal, in the language's way: "3,5" or "3.5".
    fn decimal(self, x: f64) -> String {
        let text = format!("{x:.1}");
        if self.0 == Lang::Nl { text.replace('.', ",") } else { text }
    }

    fn answers(self, n: u32) -> String {
        match (self.0, n) {
            (Lang::Nl, 1) => "1 antwoord".into(),
            (Lang::Nl, n) => format!("{n} antwoorden"),
            (Lang::En, 1) => "1 answer".into(),
            (Lang::En, n) => format!("{n} answers"),
        }
    }

    fn months(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::Nl, 1) => "1 maand".into(),
            (Lang::Nl, n) => format!("{n} maanden"),
            (Lang::En, 1) => "1 month".into(),
            (Lang::En, n) => format!("{n} months"),
        }
    }

    fn revisions(self, n: u32) -> String {
        match (self.0, n) {
            (Lang::Nl, 1) => "1 herziening".into(),
            (Lang::Nl, n) => format!("{n} herzieningen"),
            (Lang::En, 1) => "1 revision".into(),
            (Lang::En, n) => format!("{n} revisions"),
        }
    }

    fn dilemmas(self, n: u32) -> String {
        match (self.0, n) {
            (Lang::Nl, 1) => "1 dilemma".into(),
            (Lang::Nl, n) => format!("{n} dilemma's"),
            (_, 1) => "1 dilemma".into(),
            (_, n) => format!("{n} dilemmas"),
        }
    }

    /// The overview as sections. `theme` picks the theme whose reasoning over time is shown
    /// (an index into [`Overview::reasoning`]); `None` shows every theme's.
    pub fn sections(self, o: &Overview, theme: Option<usize>) -> Vec<Section> {
        self.sections_with(o, theme, false)
    }

    /// [`Self::sections`], on screen (`keys`): with the key that opens a dilemma of a theme
    /// not practised yet under that list.
    pub fn sections_with(self, o: &Overview, theme: Option<usize>, keys: bool) -> Vec<Section> {
        let l = self.0;
        let mut out = Vec::new();
        if o.answers == 0 {
            out.push(Section {
                heading: l.pick("Nog niets", "Nothing yet").into(),
                items: vec![Item::Text(
                    l.pick(
                        "Je hebt nog geen dilemma's beantwoord. Na je eerste antwoorden zie je \
                         hier hoe je oefent en hoe je keuzes zich ontwikkelen.",
                        "You have not answered any dilemmas yet. After your first answers you \
                         see here how you practise and how your choices develop.",
                    )
                    .into(),
                )],
            });
            return out;
        }

        vec![
            self.months_section(o),
            self.themes_section(o, keys),
            self.revisions_section(o),
            self.confidence_section(o),
            self.colleagues_section(o),
        ]
        .into_iter()
        .chain(self.reasoning_sections(o, theme))
        .collect()
    }

    /// Answers per month.
    fn months_section(self, o: &Overview) -> Section {
        let l = self.0;
        let max = o.months.iter().map(|m| m.answers).max().unwrap_or(0);
        let mut items = vec![Item::Text(format!(
            "{} in {}.",
            self.answers(o.answers),
            self.months(o.months.len())
        ))];
        items.extend(o.months.iter().map(|m| Item::Bar(self.month(&m.month), m.answers, max)));
        Section { heading: l.pick("Antwoorden per maand", "Answers per month").into(), items }
    }

    /// Themes practised and not yet (with the key that opens one, on screen).
    fn themes_section(self, o: &Overview, keys: bool) -> Section {
        let l = self.0;
        let mut items = vec![Item::Text(
            l.pick(
                "Geoefend (antwoorden, van de dilemma's met dit thema):",
                "Practised (answers, of the dilemmas with this theme):",
            )
            .into(),
        )];
        items.extend(o.practised.iter().map(|t| {
            Item::Bullet(format!(
                "{}: {}, {}",
                t.name,
                self.answers(t.answers),
                self.dilemmas(t.dilemmas)
            ))
        }));
        if o.not_yet.is_empty() {
            items.push(Item::Text(
                l.pick("Je hebt elk thema al geoefend.", "You have practised every theme.").into(),
            ));
        } else {
            items.push(Item::Text(l.pick("Nog niet geoefend:", "Not practised yet:").into()));
            items.extend(
                o.not_yet
                    .iter()
                    .map(|t| Item::Bullet(format!("{} ({})", t.name, self.dilemmas(t.dilemmas)))),
            );
            if keys {
                items.push(Item::Note(
                    l.pick(
                        "p opent een dilemma uit een thema dat je nog niet oefende.",
                        "p opens a dilemma from a theme you have not practised yet.",
                    )
                    .into(),
                ));
            }
        }
        Section { heading: l.pick("Thema's", "Themes").into(), items }
    }

    /// How often and in which direction the person revised.
    fn revisions_section(self, o: &Overview) -> Section {
        let l = self.0;
        let revised = o.revised();
        let pct = crate::store::percent(revised, o.answers);
        let mut items = vec![Item::Text(l.pick(
            format!(
                "Je herzag {revised} van je {} na de spiegel ({pct}%).",
                self.answers(o.answers)
            ),
            format!(
                "You revised {revised} of your {} after the mirror ({pct}%).",
                self.answers(o.answers)
            ),
        ))];
        if revised > 0 {
            let (to, away, side, unknown) = (
                o.count(Direction::Toward),
                o.count(Direction::Away),
                o.count(Direction::Sideways),
                o.count(Direction::Unknown),
            );
            // Each part a whole phrase, so none leans on the one before it.
            let parts: Vec<String> = [
                (
                    to,
                    l.pick(
                        "naar de werkwijze die collega's het vaakst kozen",
                        "toward the werkwijze colleagues chose most",
                    ),
                ),
                (
                    away,
                    l.pick(
                        "weg van de werkwijze die collega's het vaakst kozen",
                        "away from the werkwijze colleagues chose most",
                    ),
                ),
                (
                    side,
                    l.pick(
                        "van de ene naar een andere werkwijze, geen van beide de meest gekozen",
                        "from one werkwijze to another, neither the one chosen most",
                    ),
                ),
                (
                    unknown,
                    l.pick(
                        "bij een verdeling die (nog) niet zichtbaar is",
                        "where the distribution is not visible (yet)",
                    ),
                ),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{} {what}", self.revisions(n)))
            .collect();
            items.push(Item::Text(l.pick(
                format!("Waar je herzieningen heen gingen: {}.", parts.join("; ")),
                format!("Where your revisions went: {}.", parts.join("; ")),
            )));
            items.extend(
                o.revisions
                    .iter()
                    .map(|r| Item::Bullet(format!("{}: {} → {}", r.dilemma, r.from, r.to))),
            );
        }
        Section { heading: l.pick("Herzien", "Revising").into(), items }
    }

    /// Confidence, and how it relates to revising.
    fn confidence_section(self, o: &Overview) -> Section {
        let l = self.0;
        let mut items = Vec::new();
        match o.mean_confidence() {
            None => items.push(Item::Text(
                l.pick(
                    "Je gaf nog bij geen antwoord je zekerheid aan.",
                    "You have not given your confidence with any answer yet.",
                )
                .into(),
            )),
            Some(mean) => {
                let with: u32 = o.confidence.iter().map(|c| c.answers).sum();
                items.push(Item::Text(l.pick(
                    format!(
                        "Gemiddelde zekerheid {} (1–5), bij {}.",
                        self.decimal(mean),
                        self.answers(with)
                    ),
                    format!(
                        "Mean confidence {} (1–5), over {}.",
                        self.decimal(mean),
                        self.answers(with)
                    ),
                )));
                for (i, c) in o.confidence.iter().enumerate().filter(|(_, c)| c.answers > 0) {
                    let p = crate::store::percent(c.revised, c.answers);
                    items.push(Item::Bullet(l.pick(
                        format!(
                            "zekerheid {}: {}, waarvan {} herzien ({p}%)",
                            i + 1,
                            self.answers(c.answers),
                            c.revised
                        ),
                        format!(
                            "confidence {}: {}, {} revised ({p}%)",
                            i + 1,
                            self.answers(c.answers),
                            c.revised
                        ),
                    )));
                }
                if let (Some(r), Some(n)) = o.mean_confidence_by_revision() {
                    items.push(Item::Text(l.pick(
                        format!(
                            "Antwoorden die je later herzag, gaf je gemiddeld zekerheid {}; \
                             antwoorden die je hield, {}.",
                            self.decimal(r),
                            self.decimal(n)
                        ),
                        format!(
                            "Answers you later revised had a mean confidence of {}; answers you \
                             kept, {}.",
                            self.decimal(r),
                            self.decimal(n)
                        ),
                    )));
                }
            }
        }
        if o.no_confidence.answers > 0 {
            items.push(Item::Note(l.pick(
                format!("Zonder zekerheid: {}.", self.answers(o.no_confidence.answers)),
                format!("Without confidence: {}.", self.answers(o.no_confidence.answers)),
            )));
        }
        Section { heading: l.pick("Zekerheid", "Confidence").into(), items }
    }

    /// The one figure that looks at colleagues.
    fn colleagues_section(self, o: &Overview) -> Section {
        let l = self.0;
        let items = match o.matched {
            None => vec![Item::Note(
                l.pick("Antwoorden van collega's worden geladen…", "Loading colleagues' answers…")
                    .into(),
            )],
            Some(m) => {
                let mut items = Vec::new();
                if m.compared > 0 {
                    // Colleagues without your own answer; a tie is said as a tie, never
                    // counted as a match.
                    let p = crate::store::percent(m.matched, m.compared);
                    items.push(Item::Text(l.pick(
                        format!(
                            "Bij {} van de {} antwoorden waarvan de verdeling zichtbaar is, koos je \
                             eerst de werkwijze die collega's (zonder jou) het vaakst kozen ({p}%).",
                            m.matched, m.compared
                        ),
                        format!(
                            "In {} of the {} answers whose distribution is visible, your first \
                             choice was the werkwijze colleagues (without you) chose most ({p}%).",
                            m.matched, m.compared
                        ),
                    )));
                    if m.tied > 0 {
                        items.push(Item::Text(l.pick(
                            format!(
                                "Bij {} koos je een van twee of meer werkwijzen die collega's even \
                                 vaak kozen: een gelijkspel, geen overeenkomst en geen verschil.",
                                self.answers(m.tied)
                            ),
                            format!(
                                "In {} you chose one of two or more werkwijzen colleagues chose \
                                 equally often: a tie, neither a match nor a difference.",
                                self.answers(m.tied)
                            ),
                        )));
                    }
                }
                if m.hidden > 0 {
                    items.push(Item::Note(l.pick(
                        format!(
                            "Bij {} is de verdeling (nog) niet zichtbaar: te weinig collega's \
                             antwoordden, zodat niemands keuze herkenbaar is.",
                            self.answers(m.hidden)
                        ),
                        format!(
                            "For {} the distribution is not visible (yet): too few colleagues \
                             answered, so nobody's choice can be recognised.",
                            self.answers(m.hidden)
                        ),
                    )));
                }
                items
            }
        };
        Section { heading: l.pick("Collega's", "Colleagues").into(), items }
    }

    /// The reasoning over time of one theme (or every theme).
    fn reasoning_sections(self, o: &Overview, theme: Option<usize>) -> Vec<Section> {
        let l = self.0;
        let mut out = Vec::new();
        let themes: Vec<usize> = match theme {
            Some(i) if i < o.reasoning.len() => vec![i],
            Some(_) => Vec::new(),
            None => (0..o.reasoning.len()).collect(),
        };
        for i in themes {
            let (name, entries) = &o.reasoning[i];
            let mut items = Vec::new();
            for e in entries {
                let date = super::tui::date_in(l, &e.date);
                let choice = match &e.revised {
                    Some(r) => format!("{} → {r}", e.choice),
                    None => e.choice.clone(),
                };
                let sure = e
                    .confidence
                    .map(|c| l.pick(format!(", zekerheid {c}"), format!(", confidence {c}")))
                    .unwrap_or_default();
                items.push(Item::Sub(format!("{date} · {}", e.dilemma)));
                items.push(Item::Note(format!("{choice}{sure}")));
                items.push(if e.reasoning.is_empty() {
                    Item::Note(
                        l.pick("(geen overweging geschreven)", "(no reasoning written)").into(),
                    )
                } else {
                    Item::Quote(e.reasoning.clone())
                });
            }
            out.push(Section {
                heading: l.pick(
                    format!("Je overwegingen door de tijd: {name}"),
                    format!("Your reasoning over time: {name}"),
                ),
                items,
            });
        }
        out
    }

    /// The overview as Markdown, dated `date` (`YYYY-MM-DD`), every theme's reasoning.
    pub fn markdown(self, o: &Overview, date: &str) -> String {
        let mut out = format!("# {}\n\n", self.title());
        out.push_str(&format!("*{}* {}\n\n", super::tui::date_in(self.0, date), self.private()));
        for section in self.sections(o, None) {
            out.push_str(&format!("## {}\n\n", md_line(&section.heading)));
            let mut list = false;
            for item in &section.items {
                let is_list = matches!(item, Item::Bullet(_) | Item::Bar(..));
                if list && !is_list {
                    out.push('\n');
                }
                list = is_list;
                match item {
                    Item::Text(t) => out.push_str(&format!("{}\n\n", md_line(t))),
                    Item::Note(t) => out.push_str(&format!("*{}*\n\n", md_line(t))),
                    Item::Bullet(t) => out.push_str(&format!("- {}\n", md_line(t))),
                    Item::Bar(label, n, _) => out.push_str(&format!("- {}: {n}\n", md_line(label))),
                    Item::Sub(t) => out.push_str(&format!("### {}\n\n", md_line(t))),
                    Item::Quote(t) => {
                        for line in t.lines() {
                            out.push_str(&format!("> {}\n", md_line(line)));
                        }
                        out.push('\n');
                    }
                }
            }
            if list {
                out.push('\n');
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// One line of text for Markdown: no line breaks, and the characters that would start
/// markup escaped, so a title or a reasoning reads as written.
fn md_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::clean::line(text).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
