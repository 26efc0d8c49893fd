//! The key table: for every place in the trainer, which keys do what, what the footer and
//! the help call it, and how much a newcomer needs it (rank 1 first; [`HELP_ONLY`] never
//! in a footer). Matching, footers and the help are all generated from these lists.

use ratatui::crossterm::event::KeyCode::Char as C;
use ratatui::crossterm::event::KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

use super::{Binding, Does, Key, Rank};
use crate::i18n::KeyLabel as L;
use crate::tui::action::{Action as A, Panel};
use crate::tui::app::App;
use crate::tui::session::state::SetupRow;

/// Never in a footer; the help lists it.
pub const HELP_ONLY: Rank = 9;

const fn b(keys: &'static [Key], does: Does, label: L, rank: Rank) -> Binding {
    Binding { keys, does, label, rank, when: None }
}

const fn when(
    keys: &'static [Key],
    does: Does,
    label: L,
    rank: Rank,
    when: fn(&App) -> bool,
) -> Binding {
    Binding { keys, does, label, rank, when: Some(when) }
}

const fn act(action: &'static A) -> Does {
    Does::Act(action)
}

use Key::{Alias, Ctrl, Digits, Show};

const UP_DOWN: &[Key] = &[Show(Up), Show(Down), Alias(C('k')), Alias(C('j'))];
const UP_DOWN_ACTS: &[A] = &[A::Up, A::Down, A::Up, A::Down];
const PAGES: &[Key] = &[Show(PageUp), Show(PageDown), Alias(C(' '))];
const PAGES_ACTS: &[A] = &[A::PageUp, A::PageDown, A::PageDown];
const ENDS: &[Key] = &[Show(Home), Show(End), Alias(C('g')), Alias(C('G'))];
const ENDS_ACTS: &[A] = &[A::First, A::Last, A::First, A::Last];
const BACK: &[Key] = &[Show(Esc), Alias(Backspace)];
/// Up, down, pages and ends: a document that scrolls.
const SCROLL_KEYS: &[Key] = &[
    Show(Up),
    Show(Down),
    Show(PageUp),
    Show(PageDown),
    Alias(C('k')),
    Alias(C('j')),
    Alias(C(' ')),
    Alias(Home),
    Alias(End),
    Alias(C('g')),
    Alias(C('G')),
];
const SCROLL_ACTS: &[A] = &[
    A::Up,
    A::Down,
    A::PageUp,
    A::PageDown,
    A::Up,
    A::Down,
    A::PageDown,
    A::First,
    A::Last,
    A::First,
    A::Last,
];

/// Outside text fields, on every solo screen.
pub const EVERYWHERE: &[Binding] = &[
    when(&[Show(C('a'))], act(&A::History), L::History, 4, |app| {
        !matches!(app.screen(), crate::tui::app::Screen::History(_))
    }),
    when(&[Show(C('o'))], act(&A::Development), L::Development, 6, |app| {
        !matches!(app.screen(), crate::tui::app::Screen::Development(_))
    }),
    b(&[Show(C('m'))], act(&A::Month), L::Month, 7),
    b(&[Show(C('q'))], act(&A::Quit), L::Quit, 1),
    b(&[Show(C('?')), Alias(F(1))], act(&A::Help), L::Help, 1),
];

/// Start screen.
pub const HOME: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 2),
    b(ENDS, Does::Each(ENDS_ACTS), L::TopBottom, HELP_ONLY),
    b(&[Show(Enter)], act(&A::Enter), L::Open, 1),
    when(&[Digits(1, 9)], Does::Pick, L::OpenPack, HELP_ONLY, |app| !app.packs.is_empty()),
    b(&[Show(C('v'))], act(&A::Surprise), L::Surprise, 3),
    b(&[Show(C('i'))], act(&A::StartSession), L::StartSession, 5),
];

/// A pack's dilemmas.
pub const PACK: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 2),
    b(&[Show(PageUp), Show(PageDown)], Does::Each(&[A::PageUp, A::PageDown]), L::Scroll, HELP_ONLY),
    b(ENDS, Does::Each(ENDS_ACTS), L::TopBottom, HELP_ONLY),
    b(&[Show(Enter)], act(&A::Enter), L::Open, 1),
    b(&[Show(C('t'))], act(&A::Theme), L::Theme, 3),
    b(&[Show(C('v'))], act(&A::Surprise), L::Surprise, 4),
    b(BACK, act(&A::Back), L::Back, 2),
];

/// A dilemma: case, question, werkwijzen.
pub const DILEMMA: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 2),
    b(&[Show(Enter)], act(&A::Enter), L::Choose, 1),
    b(&[Digits(1, 9)], Does::Pick, L::Choose, 3),
    when(PAGES, Does::Each(PAGES_ACTS), L::Scroll, 2, scrolls),
    b(ENDS, Does::Each(ENDS_ACTS), L::TopBottom, HELP_ONLY),
    b(BACK, act(&A::Back), L::Back, 2),
];

// What every field of the reasoning screen shares.
/// Saving the reasoning (named on the editor's edge too).
pub const SAVE: Binding = b(&[Ctrl('s')], act(&A::Submit), L::Save, 1);
const NEXT_FIELD: Binding = b(&[Show(Tab)], act(&A::NextField), L::NextField, 1);
const PREV_FIELD: Binding = b(&[Show(BackTab)], act(&A::PrevField), L::PrevField, HELP_ONLY);
const LEAVE: Binding = b(&[Show(Esc)], act(&A::Back), L::Back, 2);

/// Writing the reasoning: letters are text.
pub const EDITOR: &[Binding] = &[
    SAVE,
    NEXT_FIELD,
    PREV_FIELD,
    LEAVE,
    b(&[Show(F(1))], act(&A::Help), L::Help, 3),
    b(&[Ctrl('c')], act(&A::Quit), L::Quit, 2),
    b(&[Key::Text], Does::Edit, L::Type, HELP_ONLY),
];

/// The confidence scale.
pub const CONFIDENCE: &[Binding] = &[
    b(
        &[Show(Left), Show(Right), Alias(C('h')), Alias(C('l'))],
        Does::Each(&[A::Left, A::Right, A::Left, A::Right]),
        L::Confidence,
        1,
    ),
    b(&[Digits(1, 5)], Does::Pick, L::Confidence, 2),
    b(
        &[Show(C('0')), Alias(Backspace), Alias(Delete)],
        Does::Each(&[A::Pick(0), A::Pick(0), A::Pick(0)]),
        L::NoConfidence,
        HELP_ONLY,
    ),
    SAVE,
    NEXT_FIELD,
    PREV_FIELD,
    LEAVE,
];

/// The "share anonymously" switch.
pub const SHARE: &[Binding] = &[
    b(&[Show(C(' ')), Alias(Enter)], act(&A::Toggle), L::Toggle, 1),
    SAVE,
    NEXT_FIELD,
    PREV_FIELD,
    LEAVE,
];

/// The spiegel.
pub const SPIEGEL: &[Binding] = &[
    when(SCROLL_KEYS, Does::Each(SCROLL_ACTS), L::Scroll, 2, scrolls),
    when(&[Show(C('w'))], act(&A::Revise), L::Revise, 1, can_revise),
    b(&[Show(C('n'))], act(&A::Next), L::NextDilemma, 1),
    b(BACK, act(&A::Back), L::Back, 3),
];

/// Choosing again in the spiegel.
pub const REVISING: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 1),
    b(&[Show(Enter)], act(&A::Enter), L::Choose, 1),
    b(&[Digits(1, 9)], Does::Pick, L::Choose, 2),
    b(&[Show(Esc)], act(&A::Back), L::Back, 1),
];

/// My answers.
pub const HISTORY: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 2),
    b(ENDS, Does::Each(ENDS_ACTS), L::TopBottom, HELP_ONLY),
    b(&[Show(Enter)], act(&A::Enter), L::Open, 1),
    b(BACK, act(&A::Back), L::Back, 2),
];

/// One answer reread.
pub const ANSWER: &[Binding] = &[
    when(SCROLL_KEYS, Does::Each(SCROLL_ACTS), L::Scroll, 2, scrolls),
    b(&[Show(C('s')), Alias(Enter)], act(&A::OpenSpiegel), L::Spiegel, 1),
    b(BACK, act(&A::Back), L::Back, 2),
];

/// Mijn ontwikkeling.
pub const DEVELOPMENT: &[Binding] = &[
    when(SCROLL_KEYS, Does::Each(SCROLL_ACTS), L::Scroll, 2, scrolls),
    b(&[Show(C('t'))], act(&A::Theme), L::Theme, 1),
    when(&[Show(C('p'))], act(&A::PracticeNew), L::PracticeNew, 2, |app| {
        !crate::tui::screens::development::compute(app).not_yet.is_empty()
    }),
    b(BACK, act(&A::Back), L::Back, 2),
];

/// A yes/no question.
pub const QUESTION: &[Binding] =
    &[b(&[Key::Yes], act(&A::Yes), L::Yes, 1), b(&[Key::No, Show(Esc)], act(&A::No), L::No, 1)];

/// The help over a screen.
pub const HELP: &[Binding] = &[
    b(SCROLL_KEYS, Does::Each(SCROLL_ACTS), L::Scroll, 1),
    b(
        &[Show(Esc), Show(C('?')), Show(C('q')), Alias(Enter), Alias(F(1))],
        act(&A::CloseOverlay),
        L::CloseHelp,
        1,
    ),
];

/// The set-up form of an intervisie.
pub const SETUP: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 1),
    b(&[Show(PageUp), Show(PageDown)], Does::Each(&[A::PageUp, A::PageDown]), L::Scroll, HELP_ONLY),
    b(ENDS, Does::Each(ENDS_ACTS), L::TopBottom, HELP_ONLY),
    when(&[Show(C(' '))], act(&A::Toggle), L::Toggle, 2, |app| {
        setup_row(app)
            .is_some_and(|r| matches!(r, SetupRow::Dilemma(_) | SetupRow::Mode | SetupRow::Method))
    }),
    when(&[Show(Left), Show(Right)], Does::Each(&[A::Left, A::Right]), L::Change, 2, |app| {
        setup_row(app).is_some_and(|r| match r {
            SetupRow::Pack => app.packs.len() > 1,
            SetupRow::Participants | SetupRow::Mode | SetupRow::Method => true,
            SetupRow::Address => setup_address_choices(app) > 1,
            _ => false,
        })
    }),
    b(&[Show(Enter)], act(&A::Enter), L::Start, 1),
    b(&[Show(Tab), Alias(BackTab)], Does::Each(&[A::NextField, A::PrevField]), L::Sections, 1),
    b(BACK, act(&A::Back), L::Back, 3),
    b(&[Show(C('q'))], act(&A::Quit), L::Quit, 3),
    b(&[Show(C('?')), Alias(F(1))], act(&A::Help), L::Help, 1),
];

/// Typing the participants' names in the set-up.
pub const SETUP_NAMES: &[Binding] = &[
    b(&[Show(Up), Show(Down), Alias(Enter)], Does::Each(&[A::Up, A::Down, A::Down]), L::Move, 1),
    b(&[Show(Tab), Alias(BackTab)], Does::Each(&[A::NextField, A::PrevField]), L::Sections, 1),
    b(&[Show(Esc)], act(&A::Back), L::Back, 2),
    b(&[Ctrl('c')], act(&A::Quit), L::Quit, 3),
    b(&[Key::Text], Does::Edit, L::Type, HELP_ONLY),
];

fn phones(app: &App) -> bool {
    session(app).is_some_and(|s| s.phones.is_some())
}

fn turns(app: &App) -> bool {
    session(app).is_some_and(|s| s.session.setup.mode.takes_turns())
}

fn adjustable(app: &App) -> bool {
    session(app).is_some_and(|s| s.session.setup.mode.participants_adjustable())
}

fn material_open(app: &App) -> bool {
    session(app).is_some_and(|s| s.panel.is_some())
}

fn scrolls(app: &App) -> bool {
    crate::tui::update::scrolls(app)
}

/// How many addresses the set-up offers phones (none while `--listen` names one).
fn setup_address_choices(app: &App) -> usize {
    match app.screen() {
        crate::tui::app::Screen::SessionSetup(s) if app.listen.is_none() => s.address_choices(),
        _ => 0,
    }
}

/// The focused row of the set-up form.
fn setup_row(app: &App) -> Option<SetupRow> {
    match app.screen() {
        crate::tui::app::Screen::SessionSetup(s) => {
            let rows = s.rows(app.packs.get(s.pack).map_or(0, |p| p.dilemmas.len()));
            rows.get(s.row).copied()
        }
        _ => None,
    }
}

fn session(app: &App) -> Option<&crate::tui::session::state::SessionScreen> {
    match app.screen() {
        crate::tui::app::Screen::Session(s) => Some(s),
        _ => None,
    }
}

fn can_revise(app: &App) -> bool {
    match app.screen() {
        crate::tui::app::Screen::Spiegel(s) => {
            app.spiegel_answer(s).is_some_and(|a| a.revised.is_none())
        }
        _ => false,
    }
}

const SESSION_SCROLL: Binding = when(
    &[Show(Up), Show(Down), Show(PageUp), Show(PageDown), Alias(C('k')), Alias(C('j'))],
    Does::Each(&[A::Up, A::Down, A::PageUp, A::PageDown, A::Up, A::Down]),
    L::Scroll,
    4,
    scrolls,
);
const STOP: Binding = b(&[Show(C('q'))], act(&A::Quit), L::Stop, 1);
const SESSION_HELP: Binding = b(&[Show(C('?')), Alias(F(1))], act(&A::Help), L::Help, 1);
const TIMER: Binding = b(&[Show(C('t'))], act(&A::Timer), L::Timer, 3);
const NOTES: Binding = b(&[Show(C('e'))], act(&A::EditNotes), L::Notes, 1);
const SKIP_STAGE: Binding = b(&[Show(Tab)], act(&A::SkipStage), L::SkipStage, 6);
const JOIN: Binding = when(&[Show(C('c'))], act(&A::ShowJoin), L::Join, 5, phones);
const BEAMER: Binding = b(&[Show(C('b'))], act(&A::ToggleBeamer), L::Beamer, 7);

/// A talking step of the session.
pub const STAGE: &[Binding] = &[
    b(&[Show(Enter)], act(&A::Enter), L::Continue, 1),
    SESSION_SCROLL,
    TIMER,
    NOTES,
    JOIN,
    SKIP_STAGE,
    BEAMER,
    STOP,
    SESSION_HELP,
];

/// Counting hands or slips (*telling*).
pub const TALLY: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::SelectCount, 1),
    b(&[Digits(0, 9)], Does::Pick, L::Count, 1),
    b(&[Show(Backspace)], act(&A::Delete), L::Delete, 4),
    b(&[Show(Enter)], act(&A::Enter), L::Reveal, 1),
    SKIP_STAGE,
    BEAMER,
    STOP,
    SESSION_HELP,
];

/// The neutral screen between two voters (*doorgeven*).
pub const HANDOVER: &[Binding] = &[
    b(&[Show(Enter)], act(&A::Enter), L::Ready, 1),
    b(&[Show(C('s'))], act(&A::Skip), L::SkipVoter, 2),
    when(&[Show(C('r'))], act(&A::Redo), L::Redo, 3, turns),
    SKIP_STAGE,
    STOP,
    SESSION_HELP,
];

/// One voter's ballot.
pub const BALLOT: &[Binding] = &[
    b(&[Digits(1, 9)], Does::Pick, L::Vote, 1),
    b(&[Show(C('s'))], act(&A::Skip), L::SkipVoter, 2),
    SESSION_SCROLL,
    b(&[Show(Esc)], act(&A::Back), L::BallotBack, 1),
    b(&[Show(C('q'))], act(&A::Quit), L::Stop, HELP_ONLY),
];

/// Everyone voted; the reveal waits.
pub const VOTED: &[Binding] = &[
    b(&[Show(Enter)], act(&A::Enter), L::Reveal, 1),
    when(&[Show(C('r'))], act(&A::Redo), L::Redo, 2, turns),
    SKIP_STAGE,
    BEAMER,
    STOP,
    SESSION_HELP,
];

/// Votes arriving from phones.
pub const PHONES: &[Binding] = &[
    b(&[Show(Enter)], act(&A::Enter), L::Reveal, 1),
    when(
        &[Show(Left), Show(Right)],
        Does::Each(&[A::Left, A::Right]),
        L::Participants,
        2,
        adjustable,
    ),
    when(&[Show(C('a'))], act(&A::TakeJoined), L::TakeJoined, 3, adjustable),
    JOIN,
    SKIP_STAGE,
    BEAMER,
    STOP,
    SESSION_HELP,
];

/// The distribution, with material on request.
pub const REVEAL: &[Binding] = &[
    b(&[Show(Enter)], act(&A::Enter), L::Continue, 1),
    b(&[Show(C('o'))], act(&A::Panel(Panel::Onderbouwing)), L::Onderbouwing, 3),
    b(&[Show(C('i'))], act(&A::Panel(Panel::Research)), L::Research, 3),
    b(&[Show(C('v'))], act(&A::Panel(Panel::Questions)), L::Questions, 2),
    when(
        &[Show(Up), Show(Down), Show(PageUp), Show(PageDown), Alias(C('k')), Alias(C('j'))],
        Does::Each(&[A::Up, A::Down, A::PageUp, A::PageDown, A::Up, A::Down]),
        L::Scroll,
        4,
        |app| material_open(app) && scrolls(app),
    ),
    TIMER,
    NOTES,
    JOIN,
    SKIP_STAGE,
    BEAMER,
    STOP,
    SESSION_HELP,
];

/// Both rounds side by side.
pub const COMPARE: &[Binding] = &[
    b(&[Show(Enter)], act(&A::Enter), L::Continue, 1),
    TIMER,
    NOTES,
    JOIN,
    SKIP_STAGE,
    BEAMER,
    STOP,
    SESSION_HELP,
];

/// Keeping the facilitator's notes (named on the editor's edge too).
pub const SAVE_NOTES: Binding = b(&[Ctrl('s'), Show(Esc)], act(&A::Submit), L::SaveNotes, 1);

/// The facilitator's notes editor.
pub const NOTES_EDITOR: &[Binding] = &[
    SAVE_NOTES,
    b(&[Ctrl('c')], act(&A::Quit), L::Stop, 2),
    b(&[Key::Text], Does::Edit, L::Type, HELP_ONLY),
];

/// Choosing whose vote to redo.
pub const REDO: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 1),
    b(&[Show(Enter)], act(&A::Enter), L::Choose, 1),
    b(&[Show(Esc)], act(&A::Back), L::Back, 1),
];

/// How phones join, filling the screen.
pub const JOIN_SCREEN: &[Binding] = &[
    b(&[Show(Enter), Alias(Esc), Alias(C('c'))], act(&A::Enter), L::Continue, 1),
    BEAMER,
    STOP,
    SESSION_HELP,
];

/// The session's closing screen.
pub const END: &[Binding] = &[
    b(&[Show(Enter), Alias(Esc)], act(&A::Enter), L::Continue, 1),
    SESSION_SCROLL,
    b(&[Show(C('q'))], act(&A::Quit), L::Quit, 1),
    SESSION_HELP,
];

// The form editor (`wikken bewerk`): its own places; the help over it lists these.

const EDITOR_HELP: Binding = b(&[Show(F(1))], act(&A::Help), L::Help, 2);

/// The outline of the pack.
pub const BEWERK_OUTLINE: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 1),
    b(ENDS, Does::Each(ENDS_ACTS), L::TopBottom, HELP_ONLY),
    b(&[Show(Enter)], act(&A::Enter), L::Edit, 1),
    b(&[Show(C('+')), Alias(C('='))], act(&A::Add), L::Add, 1),
    b(&[Show(C('-')), Show(Delete)], act(&A::Remove), L::Remove, 2),
    b(&[Show(C('<')), Show(C('>'))], Does::Each(&[A::MoveUp, A::MoveDown]), L::Reorder, 3),
    b(&[Show(PageUp), Show(PageDown)], Does::Each(&[A::PageUp, A::PageDown]), L::ScrollPreview, 4),
    b(&[Show(Tab)], act(&A::NextField), L::PreviewPane, 5),
    b(BACK, act(&A::Back), L::Up, 6),
    SAVE,
    b(&[Show(C('q'))], act(&A::Quit), L::Quit, 1),
    b(&[Show(C('?')), Alias(F(1))], act(&A::Help), L::Help, 1),
];

/// Typing a text of one line: Enter finishes it.
pub const BEWERK_LINE: &[Binding] = &[
    b(&[Show(Enter), Show(Esc)], act(&A::Back), L::Done, 1),
    SAVE,
    EDITOR_HELP,
    b(&[Ctrl('c')], act(&A::Quit), L::Quit, 3),
    b(&[Key::Text], Does::Edit, L::Type, HELP_ONLY),
];

/// Typing a text of several lines (or a list, one entry per line): Enter starts a line.
pub const BEWERK_TEXT: &[Binding] = &[
    b(&[Show(Esc)], act(&A::Back), L::Done, 1),
    SAVE,
    EDITOR_HELP,
    b(&[Ctrl('c')], act(&A::Quit), L::Quit, 3),
    b(&[Key::Text], Does::Edit, L::Type, HELP_ONLY),
];

/// Choosing a note's kind, month or sources from a list.
pub const BEWERK_PICKER: &[Binding] = &[
    b(UP_DOWN, Does::Each(UP_DOWN_ACTS), L::Move, 1),
    b(&[Show(C(' '))], act(&A::Toggle), L::Mark, 1),
    b(&[Show(Enter)], act(&A::Enter), L::Choose1, 1),
    b(&[Show(Esc)], act(&A::Back), L::Cancel, 1),
];

/// Saving a pack whose comments stood inside a value.
pub const BEWERK_SAVE: &[Binding] = &[
    b(&[Key::Yes], act(&A::Yes), L::SaveHere, 1),
    b(&[Show(C('k')), Alias(C('c'))], act(&A::SaveCopy), L::SaveCopy, 1),
    b(&[Key::No, Show(Esc)], act(&A::No), L::Cancel, 1),
];
