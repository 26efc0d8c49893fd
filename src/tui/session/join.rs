//! How phones join an *eigen telefoon* session, and how many did: the QR code of the join
//! address, the plain address and the join code, beside the counts ("7 telefoons · 4
//! stemmen", the participants the facilitator entered, and a warning when there are more
//! phones than people). It fills the screen when the session starts and whenever the
//! facilitator presses `c`, and stands beside the counts while phones vote.
//!
//! The code is drawn with cell backgrounds only — spaces in black and white, or under
//! `NO_COLOR` plain and reverse-video spaces — never with block glyphs, whose shape
//! depends on the terminal's font: in several common fonts (DejaVu Sans Mono at 11, 14 and
//! 16 px, Noto Sans Mono) half blocks leave hairline gaps that no scanner reads. A module
//! is one row high and, where the width allows, two columns wide (about square); the
//! address is drawn in capitals, which fits version 2 (25 modules), with the widest quiet
//! zone that fits, four modules (the standard's) down to two. So the code needs 29 to 33
//! rows: at 120×35 it shows, and on a smaller terminal the screen says how to make room
//! instead of drawing a code no phone can read. `tests/qr_terminal.rs` decodes the drawn
//! code from screenshots of xterm in both fonts at 11–20 px.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome::header;
use super::layout::Placed;
use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::phone::QrMatrix;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::digits;

/// Columns a text beside the code needs at least.
const TEXT_BESIDE: u16 = 32;

/// How a code is laid out in cells: columns per module and the quiet zone in modules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fit {
    columns: u16,
    quiet: u16,
}

impl Fit {
    /// Columns and rows of a code `width` modules wide.
    fn cells(self, width: usize) -> (u16, u16) {
        let side = width as u16 + 2 * self.quiet;
        (side * self.columns, side)
    }

    /// The best fit in `w`×`h` cells: the widest quiet zone first (four modules down to
    /// two), then square modules (two columns) before narrow ones.
    fn best(width: usize, w: u16, h: u16) -> Option<Fit> {
        (2..=4u16).rev().flat_map(|quiet| [2, 1].map(|columns| Fit { columns, quiet })).find(
            |fit| {
                let (cw, ch) = fit.cells(width);
                cw <= w && ch <= h
            },
        )
    }
}

/// Draws the QR code of `url` at the top left of `area`, modules as cell backgrounds, with
/// the widest quiet zone that fits; returns where it went, or `None` when the area is too
/// small for a code that scans.
pub fn draw_qr(url: &str, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Rect> {
    let m = QrMatrix::for_url(url).ok()?;
    let fit = Fit::best(m.width(), area.width, area.height)?;
    let (w, h) = fit.cells(m.width());
    // Dark on light whatever the terminal's colours (many scanners cannot read a code in
    // negative); without colour, light is reverse video (the terminal's text colour, light
    // on the usual dark background).
    let (dark, light) = if theme.color {
        (
            Style::new().fg(Color::Black).bg(Color::Black),
            Style::new().fg(Color::White).bg(Color::White),
        )
    } else {
        (Style::reset(), Style::reset().add_modifier(Modifier::REVERSED))
    };
    let q = fit.quiet as isize;
    for row in 0..h {
        for col in 0..w {
            let x = (col / fit.columns) as isize - q;
            let style = if m.dark(x, row as isize - q) { dark } else { light };
            if let Some(cell) = buf.cell_mut((area.x + col, area.y + row)) {
                cell.set_symbol(" ").set_style(style);
            }
        }
    }
    Some(Rect { width: w, height: h, ..area })
}

/// The phones as the shared screen counts them: "7 telefoons · 4 stemmen" while a round is
/// open (or "7 telefoons verbonden" outside one), the participants the facilitator entered,
/// a warning when there are more phones or votes than people, and the phones that wait
/// for the next round.
pub fn count_lines(app: &App, s: &SessionScreen, voting: bool) -> Vec<Line<'static>> {
    let (st, theme) = (app.st(), app.theme);
    let c = s.session.phone_count();
    let first = if voting { st.phones_votes(c.phones, c.votes) } else { st.joined(c.phones) };
    let mut lines = vec![
        Line::styled(first, theme.title().add_modifier(Modifier::BOLD)),
        Line::styled(st.expected(c.expected), theme.own()),
    ];
    if c.too_many() {
        let style = theme.warning().add_modifier(Modifier::REVERSED);
        lines.push(Line::styled(st.too_many_phones(c.phones.max(c.votes), c.expected), style));
    }
    if c.waiting > 0 {
        lines.push(Line::styled(st.phones_waiting(c.waiting), theme.dim()));
    }
    lines
}

/// The join panel: the code on the left and `lines` beside it (below it on a narrow
/// screen, or alone when the code does not fit: then with how to make room for it), then
/// the address and the join code.
pub fn panel(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer, mut lines: Vec<Line>) {
    let (st, theme) = (app.st(), app.theme);
    let status = s.phones.as_ref();
    let url = status.and_then(|p| p.url.as_deref());
    if let Some(error) = status.and_then(|p| p.error.as_deref()) {
        lines.push(Line::default());
        lines.push(Line::styled(error.to_string(), theme.warning()));
    }
    match (url, status.and_then(|p| p.code.as_deref())) {
        (Some(url), Some(code)) => {
            lines.push(Line::default());
            lines.push(Line::styled(url.to_string(), Style::new().add_modifier(Modifier::BOLD)));
            lines.push(Line::styled(st.join_code(code), theme.title()));
        }
        _ if status.is_some_and(|p| p.error.is_none()) => {
            lines.push(Line::default());
            lines.push(Line::styled(st.phones_starting, theme.dim()));
        }
        _ => {}
    }
    let text = |rect: Rect, buf: &mut Buffer, lines: Vec<Line>| {
        Paragraph::new(lines).wrap(Wrap { trim: true }).render(rect, buf);
    };
    let Some(url) = url else {
        text(area, buf, lines);
        return;
    };
    if area.width > TEXT_BESIDE
        && let Some(qr) = draw_qr(url, Rect { width: area.width - TEXT_BESIDE, ..area }, buf, theme)
    {
        let right =
            Rect { x: qr.right() + 2, width: area.right().saturating_sub(qr.right() + 2), ..area };
        text(right, buf, lines);
        return;
    }
    let rows = lines.len() as u16;
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]).areas(area);
    if draw_qr(url, top, buf, theme).is_some() {
        text(bottom, buf, lines);
        return;
    }
    lines.push(Line::default());
    lines.push(Line::styled(st.qr_no_room, theme.dim()));
    text(area, buf, lines);
}

/// The voting stage on phones: the counts and the question beside the code, so latecomers
/// can still scan it for the next round.
pub fn voting(app: &App, s: &SessionScreen, d: &Dilemma, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    // On a projector the counts stand in block digits across the top, read from the back
    // of the room: phones, votes, and the participants the facilitator entered.
    let area = if app.projector() && area.height > 2 * digits::ROWS + 6 {
        let c = s.session.phone_count();
        let band = Rect { height: digits::ROWS, ..area };
        let mut x = band.x;
        for (n, label) in [
            (c.phones, st.big_phones_label(c.phones)),
            (c.votes, st.big_votes_label(c.votes)),
            (c.expected, st.big_expected_label()),
        ] {
            let number = n.to_string();
            let w = digits::width(&number);
            let style = if c.too_many() && n == c.phones.max(c.votes) && n > c.expected {
                app.theme.warning()
            } else {
                app.theme.big()
            };
            digits::render(&number, style, Rect { x, width: w, ..band }, buf);
            let label_at = Rect { x: x + w + 2, y: band.y + 1, width: 24, height: 1 };
            Line::styled(label.to_string(), app.theme.title())
                .render(label_at.intersection(band), buf);
            x += w + 2 + 24;
        }
        Rect { y: area.y + digits::ROWS + 1, height: area.height - digits::ROWS - 1, ..area }
    } else {
        area
    };
    let mut lines = count_lines(app, s, true);
    lines.extend([
        Line::default(),
        Line::from(d.question.to_string()),
        Line::default(),
        Line::styled(st.phones_vote_hint, app.theme.dim()),
    ]);
    panel(app, s, area, buf, lines);
}

/// The line under a talking stage or the reveal while phones can join: where, and how many
/// did, or why phones cannot connect.
pub fn address_line(app: &App, s: &SessionScreen, width: u16) -> Option<Line<'static>> {
    let p = s.phones.as_ref()?;
    let st = app.st();
    let fit = |text: &str| crate::tui::widgets::text::truncate(text, width.into());
    Some(match (&p.url, &p.error) {
        (_, Some(error)) => Line::styled(fit(error), app.theme.warning()),
        (Some(url), None) => {
            Line::styled(fit(&st.phones_line(url, s.session.joined.len())), app.theme.dim())
        }
        (None, None) => Line::styled(st.phones_starting, app.theme.dim()),
    })
}

/// The full-screen join view.
pub fn render(app: &App, s: &SessionScreen, placed: &Placed, buf: &mut Buffer) {
    let st = app.st();
    let areas = &placed.areas;
    header(app, s, areas.head, buf);
    let mut lines = vec![
        Line::styled(st.join_title, app.theme.title()),
        Line::default(),
        Line::from(st.join_scan),
        Line::styled(st.join_wifi, app.theme.dim()),
        Line::default(),
    ];
    lines.extend(count_lines(app, s, false));
    panel(app, s, areas.body, buf, lines);
}
