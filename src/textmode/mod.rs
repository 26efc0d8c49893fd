//! `wikken oefenen --tekst`: practising alone in plain lines, for screen readers (NVDA,
//! JAWS, Orca), braille displays and pipes. It writes whole lines only — no escape
//! sequence, no box drawing, no redraw, nothing that moves the cursor — and reads whole
//! lines: every question says which answers are valid, asks again with the reason when an
//! answer is not one of them, and `q` or the end of the input (Ctrl+D) leaves.
//!
//! It shows the same things as the full-screen trainer through the same domain code: the
//! werkwijzen in this person's order, the spiegel under the same threshold rule
//! ([`crate::practice`]), "Mijn ontwikkeling" from [`crate::development`], and every
//! answer saved through the one save path ([`crate::practice::saving`]): the journal
//! first, then the pool. Nothing here knows of the terminal trainer.
//!
//! Leaving never loses what was typed: once a werkwijze is chosen, a reasoning typed
//! before `q` or the end of the input is saved with the choice (not shared, as nobody said
//! yes to that); before any reasoning or choice, the last line says plainly that nothing
//! of this dilemma was saved.

mod io;
mod menu;
mod pool;
mod practise;
mod show;

use std::io::{BufRead, Write};

pub use io::{In, Input, Leave, MAX_INPUT_LINE, MAX_TRIES, Out, Reply, ask};

use crate::i18n::{PlainText, UiText};
use crate::pack::Pack;
use crate::practice::Stores;
use crate::store::{Answer, Threshold};

/// Why the text mode was chosen, said in its first line when it was not asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// `wikken oefenen --tekst`.
    Asked,
    /// `tekst = true` in the settings file.
    Settings,
    /// Standard output is not a terminal (a pipe, a file).
    NotATerminal,
    /// `TERM=dumb`: a terminal that cannot take the full-screen trainer.
    DumbTerminal,
}

impl Why {
    /// Whether to use the text mode, and why: asked for with `--tekst`, set in the
    /// settings file, output that is not a terminal, or `TERM=dumb`; `None` for the
    /// full-screen trainer.
    pub fn decide(
        flag: bool,
        settings: bool,
        stdout_is_terminal: bool,
        term: Option<&str>,
    ) -> Option<Why> {
        if flag {
            Some(Why::Asked)
        } else if settings {
            Some(Why::Settings)
        } else if !stdout_is_terminal {
            Some(Why::NotATerminal)
        } else if term == Some("dumb") {
            Some(Why::DumbTerminal)
        } else {
            None
        }
    }
}

/// What the text mode starts with.
pub struct Start {
    /// The packs, as loaded.
    pub packs: Vec<Pack>,
    /// The journal, oldest first.
    pub answers: Vec<Answer>,
    /// The one save path.
    pub stores: Stores,
    /// The per-install seed of the werkwijze order ([`crate::practice::order_seed`]).
    pub order_seed: u64,
    /// The anonymity threshold.
    pub threshold: Threshold,
    /// Said before the packs: pack files not loaded, pack folders missing, damaged lines.
    pub notice: Option<String>,
    /// Why the text mode was chosen.
    pub why: Why,
}

/// Where the text mode is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The packs and what else there is.
    Home,
    /// A pack's dilemmas.
    Pack(usize),
    /// A dilemma, to answer.
    Dilemma(usize, usize),
    /// My answers.
    History,
    /// My development.
    Development,
    /// Leave.
    Quit,
}

/// The text mode while it runs.
struct Text<'a> {
    plain: PlainText,
    ui: &'static UiText,
    out: Out<'a>,
    input: In<'a>,
    packs: Vec<Pack>,
    answers: Vec<Answer>,
    stores: Stores,
    seed: u64,
    threshold: Threshold,
    pool: pool::Pool,
    /// Randomness for the order of shared reasoning, from the operating system.
    rng: rand::rngs::StdRng,
}

/// Runs the text mode on `input` and `output` until the person leaves. Saves still under
/// way when they do are waited for (a while) before it returns.
pub fn run(start: Start, input: &mut dyn BufRead, output: &mut dyn Write) -> std::io::Result<()> {
    let lang = start.stores.lang;
    let pool = pool::Pool::start(&start.stores, start.answers.clone(), pool::POOL_WAIT)?;
    let mut text = Text {
        plain: lang.plain(),
        ui: lang.ui(),
        out: Out::new(output),
        input: In::new(input),
        packs: start.packs,
        answers: start.answers,
        stores: start.stores,
        seed: start.order_seed,
        threshold: start.threshold,
        pool,
        rng: os_rng(),
    };
    let result = text.main(start.why, start.notice.as_deref());
    let ended = text.pool.finish(&mut text.out, text.ui);
    result.and(ended)
}

/// A generator seeded from the operating system's randomness.
fn os_rng() -> rand::rngs::StdRng {
    use rand::SeedableRng;
    let mut seed = [0u8; 32];
    crate::store::os_random(&mut seed);
    rand::rngs::StdRng::from_seed(seed)
}

impl Text<'_> {
    fn main(&mut self, why: Why, notice: Option<&str>) -> std::io::Result<()> {
        self.out.line(&self.plain.intro(why))?;
        if let Some(reason) = &self.stores.read_only {
            self.out.line(reason)?;
        }
        if let Some(notice) = notice {
            self.out.line(notice)?;
        }
        let mut step = Step::Home;
        loop {
            self.out.blank()?;
            step = match step {
                Step::Home => self.home()?,
                Step::Pack(p) => self.pack(p)?,
                Step::Dilemma(p, d) => self.dilemma(p, d)?,
                Step::History => self.history()?,
                Step::Development => self.development()?,
                Step::Quit => break,
            };
        }
        self.out.line(self.plain.goodbye())?;
        self.out.flush()
    }

    /// Says why the person leaves, when it was not their `q`.
    fn leaving(&mut self, leave: Leave) -> std::io::Result<Step> {
        match leave {
            Leave::Quit => {}
            Leave::End => self.out.line(self.plain.input_ended())?,
            Leave::Tries => self.out.line(&self.plain.too_many_tries(MAX_TRIES))?,
        }
        Ok(Step::Quit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_mode_is_chosen_when_asked_set_or_without_a_real_terminal() {
        let term = Some("xterm-256color");
        assert_eq!(Why::decide(false, false, true, term), None, "the TUI in a terminal");
        assert_eq!(Why::decide(false, false, true, None), None, "TERM unset: still a terminal");
        assert_eq!(Why::decide(true, false, true, term), Some(Why::Asked));
        assert_eq!(Why::decide(false, true, true, term), Some(Why::Settings));
        assert_eq!(Why::decide(false, false, false, term), Some(Why::NotATerminal));
        assert_eq!(Why::decide(false, false, true, Some("dumb")), Some(Why::DumbTerminal));
        // What was asked for is said first.
        assert_eq!(Why::decide(true, true, false, Some("dumb")), Some(Why::Asked));
    }
}
