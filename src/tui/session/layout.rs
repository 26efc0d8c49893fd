//! Where everything on a session screen goes, and which text scrolls: computed here once,
//! for the view (which draws into these areas) and for `update` (which keeps the scroll
//! offset within the text it scrolls), so the two can never disagree about how long a text
//! is or how much of it fits.

use ratatui::layout::{Constraint, Layout, Rect};

use super::state::SessionScreen;
use super::{reveal, stage, vote};
use crate::pack::Dilemma;
use crate::session::StageKind;
use crate::tui::app::{App, Size};
use crate::tui::widgets::document::{Doc, max_scroll};

/// What a session screen shows now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A talking stage: instruction, case, werkwijzen.
    Stage,
    /// The facilitator types counts (*telling*).
    Tally,
    /// Votes arrive from phones: the counter, and how to join (*eigen telefoon*).
    Phones,
    /// How phones join, filling the screen: QR code, address, code.
    Join,
    /// The neutral screen between two voters.
    Handover,
    /// One voter's ballot.
    Ballot,
    /// Everyone voted or was skipped; the reveal waits for the facilitator.
    Voted,
    /// The distribution, with material or notes beside it.
    Reveal,
    /// Both rounds side by side.
    Compare,
    /// The closing screen.
    End,
}

impl View {
    /// The view for the session's current stage and turn.
    pub fn of(s: &SessionScreen) -> View {
        if s.ended() {
            return View::End;
        }
        if s.join {
            return View::Join;
        }
        let mode = s.session.setup.mode;
        match s.session.current_stage().kind {
            StageKind::Vote | StageKind::Revote if mode.typed_counts() => View::Tally,
            StageKind::Vote | StageKind::Revote if mode.on_phones() => View::Phones,
            StageKind::Vote | StageKind::Revote => match s.session.turn {
                Some(t) if t.handover => View::Handover,
                Some(_) => View::Ballot,
                None => View::Voted,
            },
            StageKind::Discuss => View::Reveal,
            StageKind::Compare => View::Compare,
            _ => View::Stage,
        }
    }
}

/// The areas of a session screen. Unused ones have no height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// Stage name, position and timer.
    pub head: Rect,
    /// The dilemma's question, on a projector always on screen.
    pub question: Rect,
    /// The stage's instruction, in a box.
    pub instruction: Rect,
    /// The main content: text, ballot, tally or chart(s).
    pub body: Rect,
    /// Beside or below the chart: material or the notes editor.
    pub side: Rect,
    /// The line under the body: "4 van 6 gestemd", or how many moved.
    pub foot: Rect,
}

/// The session's part of the terminal: the whole width but a margin of one column (it is
/// read from the back of a room), between the title bar and the footer.
pub fn area(full: Rect) -> Rect {
    Rect {
        x: full.x + 1,
        y: full.y + 2,
        width: full.width.saturating_sub(2),
        height: full.height.saturating_sub(3),
    }
}

/// [`area`] for a terminal of `size`.
pub fn area_of(size: Size) -> Rect {
    area(Rect::new(0, 0, size.width, size.height))
}

/// The dilemma on the agenda now.
pub fn dilemma<'a>(app: &'a App, s: &SessionScreen) -> Option<&'a Dilemma> {
    app.packs.get(s.pack)?.dilemma(&s.session.current().dilemma)
}

/// Rows for the instruction box: its wrapped text and the border, within reason.
fn instruction_rows(app: &App, s: &SessionScreen, width: u16) -> u16 {
    let setup = &s.session.setup;
    let text = app.st().instruction(s.session.current_stage().kind, setup.method, setup.mode);
    let inner = usize::from(width.saturating_sub(4)).max(10);
    let lines = textwrap::wrap(text, inner).len() as u16;
    (lines + 2).clamp(3, 6)
}

/// Rows for the question line on a projector: its wrapped text, at most three.
fn question_rows(app: &App, s: &SessionScreen, width: u16) -> u16 {
    let Some(d) = dilemma(app, s) else { return 0 };
    let lines = textwrap::wrap(d.question.as_str(), usize::from(width).max(10)).len() as u16;
    lines.clamp(1, 3)
}

/// The widest text column a projected screen uses: lines longer than this are hard to
/// follow from the back of a room.
pub const PROJECTOR_COLUMN: u16 = 90;

/// A column of at most `max` columns, centred in `area`.
pub fn column(area: Rect, max: u16) -> Rect {
    let width = area.width.min(max);
    Rect { x: area.x + (area.width - width) / 2, width, ..area }
}

/// The areas of the session screen in `area` (see [`area`]).
pub fn areas(app: &App, s: &SessionScreen, area: Rect) -> Areas {
    let view = View::of(s);
    let projector = app.projector();
    let text_width = if projector { area.width.min(PROJECTOR_COLUMN) } else { area.width };
    let instruction = instruction_height(app, s, view, text_width);
    let question = question_height(app, s, view, text_width);
    let foot = foot_height(s, view);
    let [head, _, question, _, instruction, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(question),
        Constraint::Length(u16::from(question > 0)),
        Constraint::Length(instruction),
        Constraint::Fill(1),
        Constraint::Length(foot),
    ])
    .areas(area);
    let (question, instruction) = if projector {
        (column(question, PROJECTOR_COLUMN), column(instruction, PROJECTOR_COLUMN))
    } else {
        (question, instruction)
    };
    // Text to read (a talking step, a ballot) stands in a readable column on a projector;
    // charts keep the whole width.
    let body = match view {
        View::Stage | View::Ballot | View::Handover if projector => {
            column(body, PROJECTOR_COLUMN + 2)
        }
        _ => body,
    };
    let mut areas = Areas { head, question, instruction, body, side: Rect::default(), foot };
    place_side(app, s, view, &mut areas);
    areas
}

/// Rows for the instruction box. Every step of the method says what to do, also while the
/// result is on screen. While phones vote, the QR code needs the rows on a small screen
/// (the phones themselves say what to do); on a projector there is room for both.
fn instruction_height(app: &App, s: &SessionScreen, view: View, text_width: u16) -> u16 {
    match view {
        View::Stage | View::Tally | View::Voted | View::Reveal | View::Compare => {
            instruction_rows(app, s, text_width)
        }
        View::Phones if app.projector() => instruction_rows(app, s, text_width),
        _ => 0,
    }
}

/// Rows for the question: on a projector it stays up on every screen the room reads
/// together; otherwise none.
fn question_height(app: &App, s: &SessionScreen, view: View, text_width: u16) -> u16 {
    match view {
        View::Stage | View::Tally | View::Voted | View::Phones | View::Reveal | View::Compare
            if app.projector() =>
        {
            question_rows(app, s, text_width)
        }
        _ => 0,
    }
}

/// Rows for the line(s) under the body.
fn foot_height(s: &SessionScreen, view: View) -> u16 {
    match view {
        View::Tally | View::Handover | View::Ballot | View::Voted | View::Phones => 1,
        // While phones can join, every talking stage says where and how many did.
        View::Stage if s.phones.is_some() => 1,
        // After the reveal too: the address stays for the phones of the next round.
        View::Reveal => u16::from(s.phones.is_some()),
        View::Compare => {
            let moved = crate::session::Session::moved(s.session.current()).is_some();
            2 * u16::from(moved) + u16::from(s.phones.is_some())
        }
        _ => 0,
    }
}

/// Makes room for the notes or the material: the notes take a talking stage's body whole;
/// beside a chart they share it.
fn place_side(app: &App, s: &SessionScreen, view: View, areas: &mut Areas) {
    let body = areas.body;
    let beside = s.notes.is_some() || (view == View::Reveal && s.panel.is_some());
    match view {
        View::Stage if s.notes.is_some() => {
            (areas.side, areas.body) = (body, Rect { height: 0, ..body });
        }
        View::Reveal | View::Compare if beside => {
            // The chart stays up while material or notes are on screen: side by side on a
            // wide screen, stacked on a narrow one.
            if body.width >= 100 {
                let [a, _, b] = Layout::horizontal([
                    Constraint::Fill(1),
                    Constraint::Length(2),
                    Constraint::Fill(1),
                ])
                .areas(body);
                (areas.body, areas.side) = (a, b);
            } else {
                let options = dilemma(app, s).map_or(2, |d| d.options.len()) as u16;
                let rows = (options * 2 + 3).min(body.height / 2);
                let [a, b] =
                    Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(body);
                (areas.body, areas.side) = (a, b);
            }
        }
        _ => {}
    }
}

/// A text that scrolls, and the rectangle it is drawn in (one column of gap and the
/// scrollbar to its right).
pub struct Scrolled {
    /// The text.
    pub doc: Doc,
    /// Where it goes.
    pub rect: Rect,
}

/// The text that Up, Down and the page keys scroll on this screen, if any: the case and the
/// werkwijzen of a talking stage, a voter's ballot, or the material beside the chart.
pub fn scrolled(app: &App, s: &SessionScreen, area: Rect) -> Option<Scrolled> {
    if s.notes.is_some() {
        // The notes editor scrolls itself.
        return None;
    }
    if View::of(s) == View::End {
        let rect = Rect { width: area.width.saturating_sub(2), ..area };
        return Some(Scrolled { doc: super::end::document(app, s, rect.width), rect });
    }
    let areas = areas(app, s, area);
    let d = dilemma(app, s)?;
    let text_rect = |r: Rect| Rect { width: r.width.saturating_sub(2), ..r };
    match View::of(s) {
        View::Stage => {
            let rect = text_rect(areas.body);
            Some(Scrolled { doc: stage::document(app, s, d, rect.width), rect })
        }
        View::Ballot => {
            let rect = text_rect(areas.body);
            Some(Scrolled { doc: vote::ballot(app, s, d, rect.width), rect })
        }
        View::Reveal => {
            let panel = s.panel?;
            let rect = text_rect(areas.side);
            Some(Scrolled { doc: reveal::material(app, d, panel, rect.width), rect })
        }
        _ => None,
    }
}

/// What a session screen draws from: its areas and the text that scrolls in one of them.
pub struct Placed {
    /// Where everything goes.
    pub areas: Areas,
    /// The scrolling text, if this screen has one.
    pub text: Option<Scrolled>,
}

/// [`areas`] and [`scrolled`] together, for the view.
pub fn place(app: &App, s: &SessionScreen, area: Rect) -> Placed {
    Placed { areas: areas(app, s, area), text: scrolled(app, s, area) }
}

/// The largest scroll offset for this screen at this terminal size (0 when nothing scrolls).
pub fn max_scroll_of(app: &App, s: &SessionScreen) -> u16 {
    scrolled(app, s, area_of(app.size)).map_or(0, |t| max_scroll(t.doc.len(), t.rect.height))
}

/// Scrolls by `delta` lines, within the text: never past its end, so Up works at once.
pub fn scroll_by(app: &App, s: &SessionScreen, delta: i32) -> u16 {
    let target = (i32::from(s.scroll) + delta).max(0);
    u16::try_from(target).unwrap_or(u16::MAX).min(max_scroll_of(app, s))
}

/// A page of this screen's scrolling text.
pub fn page(app: &App, s: &SessionScreen) -> i32 {
    let rows = scrolled(app, s, area_of(app.size)).map_or(1, |t| t.rect.height);
    i32::from(rows.saturating_sub(2).max(1))
}
