//! How phones join an *eigen telefoon* session: the QR code of the join address, the plain
//! address and the join code. It fills the screen when the session starts and whenever the
//! facilitator presses `c`, and stands beside the counter while phones vote.
//!
//! The code is drawn with half blocks (`▀ ▄ █`), one module per column and half a row, so
//! modules are about square on a terminal whose cells are twice as tall as wide: a version 3
//! code (29 modules) with its quiet zone takes 33–37 columns and 17–19 rows. At 80×24 on a
//! projected screen 2.5 m wide a module is about 3 cm, and the code about 1 m: a phone
//! camera reads it from 10 m, the back of any meeting room; at 120×35 about 2 cm and 70 cm,
//! still 7 m. Dark on light in fixed colours whatever the terminal's theme, with a light
//! quiet zone drawn around it, because many scanners cannot read a code in negative.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome::header;
use super::layout::Placed;
use super::state::SessionScreen;
use crate::phone::QrMatrix;
use crate::tui::app::App;

/// Columns and rows the code takes with a quiet zone of `quiet` modules.
fn cells(width: usize, quiet: usize) -> (u16, u16) {
    let side = width + 2 * quiet;
    (side as u16, side.div_ceil(2) as u16)
}

/// Draws the QR code of `url` at the top left of `area` with the widest quiet zone (four
/// modules, the standard's, down to two) that fits; returns where it went, or `None` when
/// the area is too small for a code that scans (the address is then read instead).
pub fn draw_qr(url: &str, area: Rect, buf: &mut Buffer) -> Option<Rect> {
    let m = QrMatrix::encode(url).ok()?;
    let (quiet, (w, h)) = (2..=4)
        .rev()
        .map(|q| (q, cells(m.width(), q)))
        .find(|(_, (w, h))| *w <= area.width && *h <= area.height)?;
    let q = quiet as isize;
    let style = Style::new().fg(Color::Black).bg(Color::White);
    for row in 0..h {
        for col in 0..w {
            let x = col as isize - q;
            let top = m.dark(x, 2 * row as isize - q);
            let bottom = m.dark(x, 2 * row as isize + 1 - q);
            let symbol = match (top, bottom) {
                (true, true) => "█",
                (true, false) => "▀",
                (false, true) => "▄",
                (false, false) => " ",
            };
            if let Some(cell) = buf.cell_mut((area.x + col, area.y + row)) {
                cell.set_symbol(symbol).set_style(style);
            }
        }
    }
    Some(Rect { width: w, height: h, ..area })
}

/// The join panel: the code on the left and `lines` beside it (below it on a narrow
/// screen, or alone when the code does not fit), then the address and the join code.
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
    // Beside the code when at least 30 columns are left for the text.
    let probe = QrMatrix::encode(url).map(|m| m.width()).unwrap_or(29);
    let (min_w, _) = cells(probe, 2);
    if area.width >= min_w + 32
        && let Some(qr) = draw_qr(url, Rect { width: area.width - 32, ..area }, buf)
    {
        let right =
            Rect { x: qr.right() + 2, width: area.right().saturating_sub(qr.right() + 2), ..area };
        text(right, buf, lines);
        return;
    }
    let rows = lines.len() as u16;
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]).areas(area);
    match draw_qr(url, top, buf) {
        Some(_) => text(bottom, buf, lines),
        None => text(area, buf, lines),
    }
}

/// The full-screen join view.
pub fn render(app: &App, s: &SessionScreen, placed: &Placed, buf: &mut Buffer) {
    let st = app.st();
    let areas = &placed.areas;
    header(app, s, areas.head, buf);
    let lines = vec![
        Line::styled(st.join_title, app.theme.title()),
        Line::default(),
        Line::from(st.join_scan),
        Line::styled(st.join_wifi, app.theme.dim()),
        Line::default(),
        Line::styled(st.joined(s.session.joined.len()), app.theme.own()),
    ];
    panel(app, s, areas.body, buf, lines);
}
