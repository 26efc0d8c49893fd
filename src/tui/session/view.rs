//! Which session screen fits the current stage, drawn with the session's own question
//! over it; returns the keys for the footer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::state::{SessionConfirm, SessionScreen};
use super::{end, reveal, stage, vote};
use crate::session::StageKind;
use crate::tui::app::App;
use crate::tui::widgets::overlay;

/// Draws the part of a session that fits its stage, and returns the stage's keys.
pub fn render(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) -> Vec<&'static str> {
    let keys = screen(app, s, area, buf);
    if let Some(question) = s.confirm {
        let text = match question {
            SessionConfirm::FewVoters => app.st().confirm_few.to_string(),
            SessionConfirm::Total(total, expected) => app.st().confirm_total(total, expected),
            SessionConfirm::Quit => app.st().confirm_quit.to_string(),
        };
        overlay::confirm(app.ui, &text, area, buf, app.theme);
    }
    keys
}

fn screen(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) -> Vec<&'static str> {
    if s.ended() {
        end::render(app, s, area, buf);
        return end::keys(app);
    }
    match s.session.current_stage().kind {
        StageKind::Vote | StageKind::Revote => {
            vote::render(app, s, area, buf);
            vote::keys(app, s)
        }
        StageKind::Discuss | StageKind::Compare => {
            reveal::render(app, s, area, buf);
            reveal::keys(app, s)
        }
        _ => {
            stage::render(app, s, area, buf);
            stage::keys(app, s)
        }
    }
}
