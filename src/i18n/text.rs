//! Texts of the plain text mode (`wikken oefenen --tekst`), for screen readers and pipes:
//! whole sentences, one thing per line, every question naming its valid answers. Headings
//! and fixed words it shares with the full-screen trainer come from [`super::UiText`].

use super::Lang;
use crate::textmode::Why;

/// The text mode's words in one language.
#[derive(Debug, Clone, Copy)]
pub struct PlainText(pub Lang);

impl Lang {
    /// The text mode's texts in this language.
    pub fn plain(self) -> PlainText {
        PlainText(self)
    }
}

/// What was typed, for a message that quotes it: one line, at most 40 characters.
fn quoted(typed: &str) -> String {
    let short: String = typed.chars().take(40).collect();
    let more = if typed.chars().count() > 40 { "…" } else { "" };
    format!("\u{201C}{short}{more}\u{201D}")
}

/// "Titel." but "Wat nu?" and "Titel:" as they are: a sentence ends once.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '?', '!', ':', '…']) { text.to_string() } else { format!("{text}.") }
}

impl PlainText {
    fn pick<T>(self, nl: T, en: T) -> T {
        self.0.pick(nl, en)
    }

    /// The letter that goes back one step: `t` (terug), `b` (back).
    pub fn back_key(self) -> &'static str {
        self.pick("t", "b")
    }

    /// The letter for "Mijn antwoorden".
    pub fn history_key(self) -> &'static str {
        "a"
    }

    /// The letter for "Mijn ontwikkeling".
    pub fn development_key(self) -> &'static str {
        self.pick("o", "d")
    }

    /// Whether `typed` is a yes (`j`, `ja`, `y`, `yes`), a no (`n`, `nee`, `no`) or
    /// neither.
    pub fn yes_no(self, typed: &str) -> Option<bool> {
        match typed.trim().to_lowercase().as_str() {
            "j" | "ja" | "y" | "yes" => Some(true),
            "n" | "nee" | "no" => Some(false),
            _ => None,
        }
    }

    /// The first line: what this is and how to leave; why it was chosen, when it was not
    /// asked for.
    pub fn intro(self, why: Why) -> String {
        let base = self.pick(
            "wikken, tekstmodus. Elke vraag zegt welke antwoorden kunnen. Typ q en Enter om te \
             stoppen, of Ctrl+D (op Windows Ctrl+Z en Enter).",
            "wikken, text mode. Every question says which answers are valid. Type q and Enter \
             to quit, or Ctrl+D (on Windows Ctrl+Z and Enter).",
        );
        let why = match why {
            Why::Asked => return base.to_string(),
            Why::Settings => self.pick(
                "Gekozen door tekst = true in config.toml.",
                "Chosen by tekst = true in config.toml.",
            ),
            Why::NotATerminal => self.pick(
                "Gekozen omdat de uitvoer geen terminal is.",
                "Chosen because the output is not a terminal.",
            ),
            Why::DumbTerminal => {
                self.pick("Gekozen omdat TERM=dumb is.", "Chosen because TERM=dumb.")
            }
        };
        format!("{base} {why}")
    }

    /// The last line.
    pub fn goodbye(self) -> &'static str {
        self.pick("Tot ziens.", "Goodbye.")
    }

    /// The input ended (Ctrl+D or the end of a pipe).
    pub fn input_ended(self) -> &'static str {
        self.pick("De invoer is afgelopen.", "The input ended.")
    }

    /// Too many invalid answers in a row.
    pub fn too_many_tries(self, n: usize) -> String {
        self.pick(
            format!("{n} ongeldige antwoorden achter elkaar; wikken stopt."),
            format!("{n} invalid answers in a row; wikken stops."),
        )
    }

    /// An empty answer where one is needed.
    pub fn empty_answer(self) -> &'static str {
        self.pick("Je typte niets.", "You typed nothing.")
    }

    /// A number outside the list.
    pub fn out_of_range(self, typed: &str, max: usize) -> String {
        self.pick(
            format!("Er is geen {}: de nummers lopen van 1 tot {max}.", quoted(typed)),
            format!("There is no {}: the numbers go from 1 to {max}.", quoted(typed)),
        )
    }

    /// An answer that is none of the valid ones.
    pub fn not_an_answer(self, typed: &str) -> String {
        self.pick(
            format!("{} is hier geen antwoord.", quoted(typed)),
            format!("{} is not an answer here.", quoted(typed)),
        )
    }

    /// One pack in the list.
    pub fn pack_line(
        self,
        n: usize,
        total: usize,
        title: &str,
        dilemmas: usize,
        answered: usize,
        summary: &str,
    ) -> String {
        let summary = if summary.trim().is_empty() {
            String::new()
        } else {
            format!(" {}", sentence(summary))
        };
        self.pick(
            format!(
                "Pack {n} van {total}: {title}. {dilemmas} dilemma's, {answered} beantwoord.{summary}"
            ),
            format!(
                "Pack {n} of {total}: {title}. {dilemmas} dilemmas, {answered} answered.{summary}"
            ),
        )
    }

    /// The question on the first list.
    pub fn home_prompt(self, packs: usize) -> String {
        let (a, o) = (self.history_key(), self.development_key());
        let packs = match (self.0, packs) {
            (_, 0) => String::new(),
            (Lang::Nl, 1) => "1 voor het pack, ".into(),
            (Lang::Nl, n) => format!("1 tot {n} voor een pack, "),
            (Lang::En, 1) => "1 for the pack, ".into(),
            (Lang::En, n) => format!("1 to {n} for a pack, "),
        };
        self.pick(
            format!(
                "Kies {packs}{a} voor mijn antwoorden, {o} voor mijn ontwikkeling, of q om te \
                 stoppen:"
            ),
            format!("Choose {packs}{a} for my answers, {o} for my development, or q to quit:"),
        )
    }

    /// A pack's heading above its dilemmas.
    pub fn pack_heading(self, title: &str, dilemmas: usize, answered: usize) -> String {
        self.pick(
            format!("{title}: {dilemmas} dilemma's, {answered} beantwoord."),
            format!("{title}: {dilemmas} dilemmas, {answered} answered."),
        )
    }

    /// One dilemma in a pack's list; `answered` is the date of the latest answer.
    pub fn dilemma_line(
        self,
        n: usize,
        total: usize,
        title: &str,
        answered: Option<&str>,
    ) -> String {
        let title = sentence(title);
        match answered {
            None => self.pick(
                format!("Dilemma {n} van {total}: {title}"),
                format!("Dilemma {n} of {total}: {title}"),
            ),
            Some(date) => self.pick(
                format!("Dilemma {n} van {total}: {title} Beantwoord op {date}."),
                format!("Dilemma {n} of {total}: {title} Answered on {date}."),
            ),
        }
    }

    /// The question under a pack's dilemmas; `first_open` is the number of the first
    /// dilemma without an answer.
    pub fn pack_prompt(self, total: usize, first_open: Option<usize>) -> String {
        let t = self.back_key();
        match first_open {
            Some(n) => self.pick(
                format!(
                    "Kies 1 tot {total}, alleen Enter voor het eerste dilemma zonder antwoord \
                     (nummer {n}), {t} om terug te gaan, of q om te stoppen:"
                ),
                format!(
                    "Choose 1 to {total}, just Enter for the first dilemma without an answer \
                     (number {n}), {t} to go back, or q to quit:"
                ),
            ),
            None => self.pick(
                format!("Kies 1 tot {total}, {t} om terug te gaan, of q om te stoppen:"),
                format!("Choose 1 to {total}, {t} to go back, or q to quit:"),
            ),
        }
    }

    /// A dilemma's first line.
    pub fn dilemma_heading(self, n: usize, total: usize, title: &str) -> String {
        self.pick(
            format!("Dilemma {n} van {total}: {title}"),
            format!("Dilemma {n} of {total}: {title}"),
        )
    }

    /// The dilemma's themes.
    pub fn themes(self, themes: &[&str]) -> String {
        let list = themes.join(", ");
        self.pick(format!("Thema's: {list}."), format!("Themes: {list}."))
    }

    /// The dilemma was answered before.
    pub fn answered_before(self, date: &str) -> String {
        self.pick(
            format!(
                "Je beantwoordde dit dilemma al op {date}. Een nieuw antwoord komt erbij; het \
                 oude blijft bewaard."
            ),
            format!(
                "You answered this dilemma on {date}. A new answer is added; the old one is kept."
            ),
        )
    }

    /// The dilemma's question.
    pub fn question(self, question: &str) -> String {
        self.pick(format!("Vraag: {question}"), format!("Question: {question}"))
    }

    /// One werkwijze: "Werkwijze 1 van 4: titel. tekst".
    pub fn werkwijze(self, n: usize, total: usize, title: &str, text: &str) -> String {
        let title = sentence(title);
        self.pick(
            format!("Werkwijze {n} van {total}: {title} {text}"),
            format!("Option {n} of {total}: {title} {text}"),
        )
    }

    /// The question under the werkwijzen.
    pub fn choose_prompt(self, total: usize) -> String {
        let t = self.back_key();
        self.pick(
            format!("Kies 1 tot {total}, {t} om terug te gaan, of q om te stoppen:"),
            format!("Choose 1 to {total}, {t} to go back, or q to quit:"),
        )
    }

    /// "werkwijze 2 (Titel)": a werkwijze named by its number in this person's order.
    pub fn label(self, n: Option<usize>, title: &str) -> String {
        match n {
            Some(n) => {
                self.pick(format!("werkwijze {n} ({title})"), format!("option {n} ({title})"))
            }
            None => title.to_string(),
        }
    }

    /// The choice was taken.
    pub fn chosen(self, label: &str) -> String {
        self.pick(format!("Je kiest {label}."), format!("You choose {label}."))
    }

    /// How to write the reasoning.
    pub fn reasoning_prompt(self) -> &'static str {
        self.pick(
            "Waarom kies je hiervoor? Schrijf je overweging, in zoveel regels als je wilt, en \
             sluit af met een lege regel. Een regel met alleen q stopt; wat je dan al schreef, \
             wordt bewaard.",
            "Why do you choose this? Write your reasoning, in as many lines as you like, and end \
             with an empty line. A line with only q quits; what you wrote until then is saved.",
        )
    }

    /// A line that would make the reasoning too long to save.
    pub fn line_not_added(self, max: usize) -> String {
        self.pick(
            format!(
                "Die regel is niet toegevoegd: je overweging zou langer worden dan {max} tekens, \
                 meer dan wikken kan bewaren. Schrijf verder, of sluit af met een lege regel."
            ),
            format!(
                "That line was not added: your reasoning would grow beyond {max} characters, \
                 more than wikken can save. Write on, or end with an empty line."
            ),
        )
    }

    /// Going on without reasoning?
    pub fn empty_reasoning_prompt(self) -> &'static str {
        self.pick(
            "Je schreef geen overweging. Typ j om zonder overweging verder te gaan, of n om toch \
             iets te schrijven:",
            "You wrote no reasoning. Type y to go on without it, or n to write something after \
             all:",
        )
    }

    /// A yes/no question got something else.
    pub fn not_yes_no(self, typed: &str) -> String {
        let (yes, no) = self.pick(("j", "n"), ("y", "n"));
        self.pick(
            format!("{} is geen ja of nee: typ {yes} of {no}.", quoted(typed)),
            format!("{} is not yes or no: type {yes} or {no}.", quoted(typed)),
        )
    }

    /// How sure?
    pub fn confidence_prompt(self) -> &'static str {
        self.pick(
            "Hoe zeker ben je van je keuze? Typ 1 (twijfel) tot 5 (heel zeker), of alleen Enter \
             om dit over te slaan:",
            "How sure are you of your choice? Type 1 (doubtful) to 5 (very sure), or just Enter \
             to skip this:",
        )
    }

    /// Not a confidence.
    pub fn not_a_confidence(self, typed: &str) -> String {
        self.pick(
            format!(
                "{} is geen zekerheid: typ een cijfer van 1 tot 5, of alleen Enter.",
                quoted(typed)
            ),
            format!(
                "{} is not a confidence: type a digit from 1 to 5, or just Enter.",
                quoted(typed)
            ),
        )
    }

    /// Share the reasoning?
    pub fn share_prompt(self, k: u32) -> String {
        let (yes, no) = self.pick(("j", "n"), ("y", "n"));
        self.pick(
            format!(
                "Mag je overweging anoniem in de gedeelde pool, zonder je naam, zodat collega's \
                 hem lezen zodra minstens {k} collega's dit dilemma beantwoordden? Typ {yes} of \
                 {no}:"
            ),
            format!(
                "May your reasoning go into the shared pool anonymously, without your name, so \
                 colleagues read it once at least {k} colleagues have answered this dilemma? \
                 Type {yes} or {no}:"
            ),
        )
    }

    /// The answer is in the journal.
    pub fn saved(self) -> &'static str {
        self.pick("Je antwoord is bewaard.", "Your answer is saved.")
    }

    /// The answer is in the pool too.
    pub fn in_pool(self) -> &'static str {
        self.pick(
            "Het staat ook anoniem in de gedeelde pool.",
            "It is in the shared pool too, anonymously.",
        )
    }

    /// The pool did not answer in time.
    pub fn pool_slow(self) -> &'static str {
        self.pick(
            "De gedeelde pool reageert nog niet. Je antwoord staat veilig in je dagboek en gaat \
             naar de pool zodra die reageert, uiterlijk bij een volgende start.",
            "The shared pool does not answer yet. Your answer is safe in your journal and goes \
             to the pool as soon as it answers, at the latest at the next start.",
        )
    }

    /// The answer could not be saved.
    pub fn not_saved(self, reason: &str) -> String {
        self.pick(format!("Niet bewaard: {reason}."), format!("Not saved: {reason}."))
    }

    /// Before the reasoning said back, after a failed save.
    pub fn reasoning_back(self) -> &'static str {
        self.pick(
            "Je overweging, zodat je hem kunt kopiëren:",
            "Your reasoning, so you can copy it:",
        )
    }

    /// Try the save again?
    pub fn retry_prompt(self) -> &'static str {
        self.pick(
            "Typ j om opnieuw te proberen, of n om verder te gaan zonder te bewaren:",
            "Type y to try again, or n to go on without saving:",
        )
    }

    /// Leaving a dilemma before choosing.
    pub fn left_before_choice(self, title: &str) -> String {
        self.pick(
            format!(
                "Van het dilemma {} is niets bewaard: je had nog geen werkwijze gekozen.",
                quoted_title(title)
            ),
            format!(
                "Nothing of the dilemma {} was saved: you had not chosen an option yet.",
                quoted_title(title)
            ),
        )
    }

    /// Leaving after the choice, before any reasoning.
    pub fn left_without_reasoning(self, label: &str) -> String {
        self.pick(
            format!(
                "Niets bewaard: je koos {label}, maar schreef nog geen overweging. Een antwoord \
                 wordt bewaard zodra je een overweging schrijft, of zonder overweging verder gaat."
            ),
            format!(
                "Nothing saved: you chose {label}, but wrote no reasoning yet. An answer is saved \
                 once you write a reasoning, or go on without one."
            ),
        )
    }

    /// "zekerheid 4 van 5", or that it was not given.
    fn confidence(self, confidence: Option<u8>) -> String {
        match (self.0, confidence) {
            (Lang::Nl, Some(c)) => format!("zekerheid {c} van 5"),
            (Lang::Nl, None) => "zekerheid niet ingevuld".into(),
            (Lang::En, Some(c)) => format!("confidence {c} of 5"),
            (Lang::En, None) => "confidence not given".into(),
        }
    }

    /// Whether the reasoning is shared.
    fn sharing(self, shared: bool) -> &'static str {
        match (self.0, shared) {
            (Lang::Nl, true) => "anoniem gedeeld",
            (Lang::Nl, false) => "niet gedeeld",
            (Lang::En, true) => "shared anonymously",
            (Lang::En, false) => "not shared",
        }
    }

    /// Leaving after the choice and reasoning: what was saved.
    pub fn left_saved(
        self,
        label: &str,
        reasoning: bool,
        confidence: Option<u8>,
        shared: bool,
    ) -> String {
        let reasoning = match (self.0, reasoning) {
            (Lang::Nl, true) => "je overweging tot zover",
            (Lang::Nl, false) => "zonder overweging",
            (Lang::En, true) => "your reasoning so far",
            (Lang::En, false) => "without reasoning",
        };
        let (confidence, shared) = (self.confidence(confidence), self.sharing(shared));
        self.pick(
            format!("Wat je invulde is bewaard: {label}, {reasoning}, {confidence}, {shared}."),
            format!("What you filled in is saved: {label}, {reasoning}, {confidence}, {shared}."),
        )
    }

    /// The spiegel's first line.
    pub fn spiegel_heading(self, title: &str) -> String {
        self.pick(format!("Spiegel: {title}"), format!("Mirror: {title}"))
    }

    /// The person's choice in the spiegel, and the revision if any.
    pub fn your_choice(self, first: &str, revised: Option<&str>) -> String {
        match revised {
            None => self.pick(format!("Jouw keuze: {first}."), format!("Your choice: {first}.")),
            Some(now) => self.pick(
                format!("Je koos eerst {first}, en na de spiegel {now}."),
                format!("You first chose {first}, and after the mirror {now}."),
            ),
        }
    }

    /// The pool could not be counted in time.
    pub fn pool_not_loaded(self) -> &'static str {
        self.pick(
            "De antwoorden van collega's zijn nog niet geladen: de gedeelde pool reageert \
             traag. Je ziet ze een volgende keer.",
            "Colleagues' answers are not loaded yet: the shared pool is slow. You will see them \
             another time.",
        )
    }

    /// How many answered (the distribution is shown), naming the session votes and other
    /// teams' answers counted among them ("waarvan 6 uit intervisiesessies").
    pub fn answered(self, n: u32, sessions: u32, other: u32) -> String {
        let groups = super::groups_phrase(self.0, sessions, other);
        let of = groups.map(|g| self.pick(format!(", waarvan {g}"), format!(", {g}")));
        let of = of.unwrap_or_default();
        match (self.0, n) {
            (Lang::Nl, 1) => format!("1 collega antwoordde{of}."),
            (Lang::Nl, n) => format!("{n} collega's antwoordden{of}."),
            (Lang::En, 1) => format!("1 colleague answered{of}."),
            (Lang::En, n) => format!("{n} colleagues answered{of}."),
        }
    }

    /// How many colleagues revised after the spiegel.
    pub fn revised_count(self, n: u32) -> String {
        match (self.0, n) {
            (Lang::Nl, 1) => "1 van hen herzag de keuze na de spiegel.".into(),
            (Lang::Nl, n) => format!("{n} van hen herzagen hun keuze na de spiegel."),
            (Lang::En, 1) => "1 of them revised the choice after the mirror.".into(),
            (Lang::En, n) => format!("{n} of them revised their choice after the mirror."),
        }
    }

    /// One werkwijze's share of the first choices (and after revision, where anyone
    /// revised), and whether it is the person's.
    pub fn share_line(
        self,
        n: usize,
        first: (u32, u32),
        after: Option<(u32, u32)>,
        mine: Mine,
    ) -> String {
        let (count, pct) = first;
        let mut text = match (self.0, after) {
            (Lang::Nl, None) => format!("Werkwijze {n} koos {count} van hen, {pct} procent"),
            (Lang::Nl, Some((a, ap))) => format!(
                "Werkwijze {n} koos eerst {count} van hen, {pct} procent, en na de spiegel {a}, \
                 {ap} procent"
            ),
            (Lang::En, None) => format!("Option {n} was chosen by {count} of them, {pct} percent"),
            (Lang::En, Some((a, ap))) => format!(
                "Option {n} was chosen first by {count} of them, {pct} percent, and after the \
                 mirror by {a}, {ap} percent"
            ),
        };
        text.push_str(match (self.0, mine) {
            (_, Mine::No) => ".",
            (Lang::Nl, Mine::Now) => "; jij koos deze ook.",
            (Lang::Nl, Mine::First) => "; dit was jouw eerste keuze.",
            (Lang::En, Mine::Now) => "; you chose it too.",
            (Lang::En, Mine::First) => "; this was your first choice.",
        });
        text
    }

    /// One werkwijze in the onderbouwing.
    pub fn onderbouwing_of(self, n: usize, title: &str, mine: bool) -> String {
        let title = sentence(title);
        match (self.0, mine) {
            (Lang::Nl, false) => format!("Werkwijze {n}: {title}"),
            (Lang::Nl, true) => format!("Werkwijze {n}, jouw keuze: {title}"),
            (Lang::En, false) => format!("Option {n}: {title}"),
            (Lang::En, true) => format!("Option {n}, your choice: {title}"),
        }
    }

    /// A werkwijze without onderbouwing.
    pub fn no_onderbouwing(self) -> &'static str {
        self.pick("Geen onderbouwing bij deze werkwijze.", "No grounds given for this option.")
    }

    /// One note under its kind: "Wat onderzoek zegt: …".
    pub fn note(self, heading: &str, text: &str) -> String {
        format!("{heading}: {text}")
    }

    /// "Overweging 2 van 5: …" (colleagues' shared reasoning).
    pub fn shared(self, n: usize, total: usize, text: &str) -> String {
        self.pick(
            format!("Overweging {n} van {total}: {text}"),
            format!("Reasoning {n} of {total}: {text}"),
        )
    }

    /// "Vraag 1 van 3: …" (intervisie questions).
    pub fn intervisie_question(self, n: usize, total: usize, text: &str) -> String {
        self.pick(
            format!("Vraag {n} van {total}: {text}"),
            format!("Question {n} of {total}: {text}"),
        )
    }

    /// Offer to revise once.
    pub fn revise_prompt(self, total: usize) -> String {
        self.pick(
            format!(
                "Zou je nu anders kiezen? Typ 1 tot {total} voor een andere werkwijze (je eerste \
                 keuze blijft bewaard), alleen Enter om je keuze te houden, of q om te stoppen:"
            ),
            format!(
                "Would you choose differently now? Type 1 to {total} for another option (your \
                 first choice is kept), just Enter to keep your choice, or q to quit:"
            ),
        )
    }

    /// The same werkwijze again.
    pub fn revise_same(self) -> &'static str {
        self.pick(
            "Dat is al je keuze; er verandert niets.",
            "That is your choice already; nothing changes.",
        )
    }

    /// The revision is saved.
    pub fn revision_saved(self, from: &str, to: &str) -> String {
        self.pick(
            format!(
                "Je herziening is bewaard: van {from} naar {to}. Beide keuzes blijven bewaard."
            ),
            format!("Your revision is saved: from {from} to {to}. Both choices are kept."),
        )
    }

    /// On to the next dilemma?
    pub fn next_prompt(self, n: usize, total: usize, title: &str) -> String {
        let t = self.back_key();
        self.pick(
            format!(
                "Volgende: dilemma {n} van {total}, {title}. Typ alleen Enter om het te openen, \
                 {t} voor de lijst van dit pack, of q om te stoppen:"
            ),
            format!(
                "Next: dilemma {n} of {total}, {title}. Type just Enter to open it, {t} for this \
                 pack's list, or q to quit:"
            ),
        )
    }

    /// Back to the pack's list, for a pack of one dilemma.
    pub fn back_prompt(self) -> String {
        let t = self.back_key();
        self.pick(
            format!("Typ alleen Enter of {t} voor de lijst van dit pack, of q om te stoppen:"),
            format!("Type just Enter or {t} for this pack's list, or q to quit:"),
        )
    }

    /// The heading of my answers.
    pub fn history_heading(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::Nl, 1) => "Mijn antwoorden: 1.".into(),
            (Lang::Nl, n) => format!("Mijn antwoorden: {n}, het nieuwste eerst."),
            (Lang::En, 1) => "My answers: 1.".into(),
            (Lang::En, n) => format!("My answers: {n}, newest first."),
        }
    }

    /// One answer's first line.
    pub fn answer_heading(
        self,
        n: usize,
        total: usize,
        date: &str,
        title: &str,
        pack: &str,
    ) -> String {
        self.pick(
            format!("Antwoord {n} van {total}, {date}: {title} ({pack})."),
            format!("Answer {n} of {total}, {date}: {title} ({pack})."),
        )
    }

    /// The choice of an answer.
    pub fn answer_choice(self, label: &str) -> String {
        self.pick(format!("Keuze: {label}."), format!("Choice: {label}."))
    }

    /// The revision of an answer.
    pub fn answer_revised(self, date: Option<&str>, label: &str) -> String {
        match date {
            Some(date) => self.pick(
                format!("Herzien op {date} naar {label}."),
                format!("Revised on {date} to {label}."),
            ),
            None => self.pick(format!("Herzien naar {label}."), format!("Revised to {label}.")),
        }
    }

    /// The confidence and sharing of an answer: "Zekerheid 4 van 5, overweging niet gedeeld."
    pub fn answer_details(self, confidence: Option<u8>, shared: bool) -> String {
        let confidence = self.confidence(confidence);
        let mut first = confidence.chars();
        let capital =
            first.next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
        let reasoning = self.pick("overweging", "reasoning");
        format!("{capital}{}, {reasoning} {}.", first.as_str(), self.sharing(shared))
    }

    /// Before an answer's reasoning.
    pub fn answer_reasoning(self) -> &'static str {
        self.pick("Overweging:", "Reasoning:")
    }

    /// The question under my answers.
    pub fn history_prompt(self, total: usize) -> String {
        let which = match (self.0, total) {
            (Lang::Nl, 1) => "Typ 1 om de spiegel van dat antwoord te lezen".to_string(),
            (Lang::Nl, n) => {
                format!("Typ een nummer van 1 tot {n} om de spiegel van dat antwoord te lezen")
            }
            (Lang::En, 1) => "Type 1 to read the mirror of that answer".to_string(),
            (Lang::En, n) => {
                format!("Type a number from 1 to {n} to read the mirror of that answer")
            }
        };
        self.pick(
            format!("{which}, alleen Enter om terug te gaan, of q om te stoppen:"),
            format!("{which}, just Enter to go back, or q to quit:"),
        )
    }

    /// A bar of "Mijn ontwikkeling" as a sentence.
    pub fn bar(self, label: &str, n: u32) -> String {
        format!("{label}: {n}.")
    }
}

/// A dilemma's title in quotes.
fn quoted_title(title: &str) -> String {
    format!("\u{201C}{title}\u{201D}")
}

/// Whether a werkwijze is the person's, in the spiegel's sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mine {
    /// Not theirs.
    No,
    /// Their choice now (the revision, or the first choice if not revised).
    Now,
    /// Their first choice, which they revised away from.
    First,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spiegel_sentences_read_as_the_issue_asks() {
        let nl = PlainText(Lang::Nl);
        assert_eq!(nl.answered(12, 0, 0), "12 collega's antwoordden.");
        assert_eq!(
            nl.answered(12, 6, 0),
            "12 collega's antwoordden, waarvan 6 uit intervisiesessies."
        );
        assert_eq!(
            nl.share_line(2, (5, 42), None, Mine::Now),
            "Werkwijze 2 koos 5 van hen, 42 procent; jij koos deze ook."
        );
        let en = PlainText(Lang::En);
        assert_eq!(
            en.share_line(2, (5, 42), Some((6, 50)), Mine::First),
            "Option 2 was chosen first by 5 of them, 42 percent, and after the mirror by 6, 50 \
             percent; this was your first choice."
        );
        assert_eq!(
            nl.werkwijze(1, 4, "Melden", "Je meldt het."),
            "Werkwijze 1 van 4: Melden. Je meldt het."
        );
        assert_eq!(nl.werkwijze(1, 4, "Wachten?", "Nee."), "Werkwijze 1 van 4: Wachten? Nee.");
    }

    #[test]
    fn yes_and_no_in_both_languages_and_long_input_is_quoted_short() {
        let nl = PlainText(Lang::Nl);
        assert_eq!(nl.yes_no(" J "), Some(true));
        assert_eq!(nl.yes_no("yes"), Some(true));
        assert_eq!(nl.yes_no("nee"), Some(false));
        assert_eq!(nl.yes_no("misschien"), None);
        assert!(nl.not_an_answer(&"x".repeat(500)).chars().count() < 80);
    }
}
