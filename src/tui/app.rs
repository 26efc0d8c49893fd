//! The trainer's state: loaded packs and answers, the screen stack and overlays. Views read
//! it; only `update` changes it.

use rand::SeedableRng;
use rand::rngs::StdRng;

pub use super::screens::{
    development::DevelopmentState,
    dilemma::DilemmaState,
    history::{AnswerState, HistoryState},
    home::{HomeEntry, HomeState},
    pack::PackState,
    reasoning::{Field, ReasoningState},
    spiegel::SpiegelState,
};
use super::theme::Theme;
use crate::i18n::UiText;
use crate::pack::{Dilemma, Pack};
use crate::store::{Answer, Tally, Threshold};

/// Smallest usable window; below it the trainer says how large it must be.
pub const MIN_WIDTH: u16 = 60;
/// Smallest usable window height.
pub const MIN_HEIGHT: u16 = 16;

/// Terminal size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

impl Size {
    /// Whether the window is large enough to use.
    pub fn usable(self) -> bool {
        self.width >= MIN_WIDTH && self.height >= MIN_HEIGHT
    }

    /// Rows for a screen's body: everything but the title bar and the footer.
    pub fn body_height(self) -> u16 {
        self.height.saturating_sub(3)
    }

    /// Columns for wrapped text inside the body: margins of two on both sides, then a gap
    /// and the scrollbar; on wide terminals text stops at a readable line length.
    pub fn text_width(self) -> u16 {
        self.width.saturating_sub(6).clamp(20, 100)
    }
}

/// The stores' effects under way on the worker: the screen says "wordt bewaard…" until
/// each is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Saves {
    /// Effects handed to the worker and not yet answered.
    pub pending: usize,
}

impl Saves {
    /// `n` more effects were handed on.
    pub fn started(&mut self, n: usize) {
        self.pending += n;
    }

    /// One effect was answered.
    pub fn done(&mut self) {
        self.pending = self.pending.saturating_sub(1);
    }

    /// Whether anything is being written now.
    pub fn busy(self) -> bool {
        self.pending > 0
    }
}

/// Projector mode: large counts, a narrow text column, the question always on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Beamer {
    /// On from about [`BEAMER_WIDTH`] columns: a terminal that wide is on a projector.
    #[default]
    Auto,
    /// Always on (`--beamer`, or `b` in a session).
    On,
    /// Always off (`b` in a session on a wide screen).
    Off,
}

/// From this many columns the shared screen is taken to be a projector.
pub const BEAMER_WIDTH: u16 = 140;

/// The pool as the trainer sees it.
#[derive(Debug, Clone)]
pub enum PoolState {
    /// Still being read in the background.
    Loading,
    /// Read and counted.
    Ready(Box<Tally>),
}

/// A yes/no question over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Quit with unsaved reasoning?
    Quit,
    /// Leave the reasoning screen and lose the text?
    Discard,
    /// Submit without reasoning?
    EmptyReasoning,
    /// Quit although the session's report (with its notes) could not be saved?
    QuitUnsavedReport,
}

/// Something drawn over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Keys and what they do.
    Help,
    /// A question.
    Confirm(Confirm),
}

/// A screen on the stack.
#[derive(Debug, Clone)]
pub enum Screen {
    /// Start screen.
    Home(HomeState),
    /// A pack.
    Pack(PackState),
    /// A dilemma.
    Dilemma(DilemmaState),
    /// The reasoning editor.
    Reasoning(Box<ReasoningState>),
    /// The mirror.
    Spiegel(SpiegelState),
    /// My answers.
    History(HistoryState),
    /// One answer.
    Answer(AnswerState),
    /// My development.
    Development(DevelopmentState),
    /// Preparing an intervisie session.
    SessionSetup(Box<super::session::state::SetupState>),
    /// A running (or just ended) intervisie session.
    Session(Box<super::session::state::SessionScreen>),
}

/// The whole state of the trainer.
#[derive(Debug)]
pub struct App {
    /// Interface texts.
    pub ui: &'static UiText,
    /// Styles.
    pub theme: Theme,
    /// Packs that loaded.
    pub packs: Vec<Pack>,
    /// How many pack files were not loaded: broken ones, and symlinks or special files.
    pub skipped_packs: usize,
    /// The journal, oldest first.
    pub answers: Vec<Answer>,
    /// Colleagues' answers.
    pub pool: PoolState,
    /// Anonymity threshold.
    pub threshold: Threshold,
    /// Per-install seed for the werkwijze order, from the install's order key (a random
    /// secret in DATA, never the pseudonym): the order must be the same on every visit.
    pub order_seed: u64,
    /// Randomness for "verras me", the order of shared reasoning and the order a session's
    /// votes are written in. Seeded from the operating system, never from stored data, so
    /// nobody who knows this install's files can predict it; tests that need a fixed
    /// sequence reseed it themselves.
    pub rng: StdRng,
    /// Terminal size.
    pub size: Size,
    /// Screens; the last is shown. Never empty: home is at the bottom.
    pub stack: Vec<Screen>,
    /// Drawn over the screen.
    pub overlay: Option<Overlay>,
    /// First visible line of the help, while it is open.
    pub help_scroll: u16,
    /// A message for the home screen (skipped packs, damaged lines).
    pub notice: Option<String>,
    /// Why the pool cannot be used now (a missing folder, an unreachable server), in the
    /// person's language; said again where a session is prepared.
    pub pool_problem: Option<String>,
    /// Why nothing can be saved, when the data folder cannot be written: the trainer then
    /// runs read-only and says so on every screen.
    pub read_only: Option<String>,
    /// Set when the loop should end.
    pub quit: bool,
    /// Saves under way on the effect worker.
    pub saves: Saves,
    /// Projector mode.
    pub beamer: Beamer,
    /// Where a click lands this frame, and what it means: drawn by the views (see
    /// `tui::mouse`), read when the mouse is clicked.
    pub hits: std::cell::RefCell<Vec<super::mouse::Hit>>,
    /// Seconds since start, from the loop's ticks (session timers).
    pub now: u64,
    /// Today, `YYYY-MM-DD` (report names and pool dates).
    pub today: String,
    /// Set in `wikken preview`: one pack, reloaded on every save, nothing recorded.
    pub preview: Option<super::preview::Preview>,
    /// Where the phone server listens in an *eigen telefoon* session (`--listen`); `None`
    /// for the local network address and any free port.
    pub listen: Option<std::net::SocketAddr>,
}

impl App {
    /// A trainer on the home screen.
    pub fn new(
        ui: &'static UiText,
        theme: Theme,
        packs: Vec<Pack>,
        answers: Vec<Answer>,
        order_seed: u64,
        size: Size,
    ) -> Self {
        App {
            ui,
            theme,
            packs,
            skipped_packs: 0,
            answers,
            pool: PoolState::Loading,
            threshold: Threshold::default(),
            order_seed,
            rng: os_seeded_rng(),
            size,
            stack: vec![Screen::Home(HomeState::default())],
            overlay: None,
            help_scroll: 0,
            notice: None,
            pool_problem: None,
            read_only: None,
            quit: false,
            saves: Saves::default(),
            beamer: Beamer::Auto,
            hits: Default::default(),
            now: 0,
            today: String::from("1970-01-01"),
            preview: None,
            listen: None,
        }
    }

    /// Whether the shared screen is drawn for a projector now.
    pub fn projector(&self) -> bool {
        match self.beamer {
            Beamer::Auto => self.size.width >= BEAMER_WIDTH,
            Beamer::On => true,
            Beamer::Off => false,
        }
    }

    /// The session's texts, in the interface language.
    pub fn st(&self) -> &'static crate::i18n::SessionText {
        self.ui.lang.session()
    }

    /// The screen shown.
    pub fn screen(&self) -> &Screen {
        // The stack is never empty: `update` never pops the home screen.
        &self.stack[self.stack.len() - 1]
    }

    /// The screen shown, for changing.
    pub fn screen_mut(&mut self) -> &mut Screen {
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// The rows of the home screen.
    pub fn home_entries(&self) -> Vec<HomeEntry> {
        let mut entries: Vec<HomeEntry> = (0..self.packs.len()).map(HomeEntry::Pack).collect();
        entries.extend([
            HomeEntry::Month,
            HomeEntry::Surprise,
            HomeEntry::Development,
            HomeEntry::Session,
            HomeEntry::History,
            HomeEntry::Help,
        ]);
        entries
    }

    /// A dilemma by pack and index.
    pub fn dilemma(&self, pack: usize, dilemma: usize) -> Option<&Dilemma> {
        self.packs.get(pack)?.dilemmas.get(dilemma)
    }

    /// This month's dilemma (`today`'s calendar month).
    pub fn month_dilemma(&self) -> Option<crate::development::MonthDilemma> {
        let month = self.today.get(..7).unwrap_or(&self.today);
        crate::development::month_dilemma(&self.packs, &self.answers, month)
    }

    /// The latest answer to a dilemma, if any.
    pub fn latest_answer(&self, pack: &str, dilemma: &str) -> Option<&Answer> {
        crate::practice::latest_answer(&self.answers, pack, dilemma)
    }

    /// How many dilemmas of a pack have an answer.
    pub fn answered_count(&self, pack: &Pack) -> usize {
        pack.dilemmas.iter().filter(|d| self.latest_answer(&pack.id, &d.id).is_some()).count()
    }

    /// The dilemma indices of a pack visible under a theme filter.
    pub fn visible_dilemmas(&self, pack: usize, theme: Option<&str>) -> Vec<usize> {
        let Some(p) = self.packs.get(pack) else { return Vec::new() };
        (0..p.dilemmas.len())
            .filter(|&i| theme.is_none_or(|t| p.dilemmas[i].themes.iter().any(|x| x.as_str() == t)))
            .collect()
    }

    /// The order in which this person sees a dilemma's werkwijzen.
    ///
    /// Shuffled per person to avoid position bias, and the same on every visit so the
    /// screen does not jump around; answers store the werkwijze id, never the position.
    pub fn option_order(&self, pack: usize, dilemma: usize) -> Vec<usize> {
        let Some(d) = self.dilemma(pack, dilemma) else { return Vec::new() };
        if self.preview.is_some() {
            // The author previews the werkwijzen in the order of the file, to find them.
            return (0..d.options.len()).collect();
        }
        crate::practice::option_order(self.order_seed, &self.packs[pack], d)
    }

    /// The answer a spiegel shows: from the journal, or in the preview the choice kept in
    /// memory.
    pub fn spiegel_answer(&self, state: &SpiegelState) -> Option<&Answer> {
        match &self.preview {
            Some(preview) => preview.answer.as_ref(),
            None => self.answers.get(state.answer),
        }
    }

    /// Whether quitting now would lose typed reasoning.
    pub fn has_unsaved_text(&self) -> bool {
        self.stack.iter().any(|s| match s {
            Screen::Reasoning(r) => r.has_text(),
            // A session in progress: quitting asks, and the report is then written.
            Screen::Session(s) => !s.ended(),
            _ => false,
        })
    }

    /// Finds pack and dilemma indices by id.
    pub fn find_dilemma(&self, pack: &str, dilemma: &str) -> Option<(usize, usize)> {
        let p = self.packs.iter().position(|p| p.id.as_str() == pack)?;
        let d = self.packs[p].dilemmas.iter().position(|d| d.id.as_str() == dilemma)?;
        Some((p, d))
    }
}

/// A generator seeded from the operating system's randomness (getrandom).
fn os_seeded_rng() -> StdRng {
    // Invariant: the OS entropy source only fails before the system has any entropy at all
    // (early boot) or when it does not exist; shuffling votes with a guessable generator
    // would undo their anonymity, so stopping is the only honest outcome (as in
    // `store::os_random`).
    let rng = StdRng::try_from_rng(&mut rand::rngs::SysRng);
    rng.expect("invariant: the operating system always gives randomness after boot")
}

pub use crate::practice::order_seed;
