//! The closing screen of a session: where the report is, and that the votes count in the
//! pool under anonymous session numbers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::state::SessionScreen;
use crate::tui::app::App;

/// Footer keys.
pub fn keys(app: &App) -> Vec<&'static str> {
    vec![app.st().key_next, app.ui.key_quit, app.ui.key_help]
}

/// Draws the closing screen.
pub fn render(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    let mut lines = vec![Line::styled(st.end_title, app.theme.title()), Line::default()];
    if s.stopped {
        lines.push(Line::from(st.report_stopped));
        lines.push(Line::default());
    }
    match (&s.report, &s.save_error) {
        (_, Some(error)) => lines.push(Line::styled(st.save_failed(error), app.theme.warning())),
        (Some(path), None) => {
            lines.push(Line::from(st.end_report));
            lines.push(Line::styled(format!("  {}", path.display()), app.theme.own()));
        }
        (None, None) => {}
    }
    lines.push(Line::default());
    lines.push(Line::from(st.end_pool));
    lines.push(Line::styled(st.report_privacy, app.theme.dim()));
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
}
