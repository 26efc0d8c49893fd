//! Which session screen fits the current stage, drawn into the areas of
//! [`super::layout`] with the session's own question over it; returns the footer's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::chrome::{instruction, question, time_up, time_up_frame};
use super::layout::{self, View};
use super::state::{SessionConfirm, SessionScreen};
use super::{end, join, reveal, stage, vote};
use crate::tui::app::App;
use crate::tui::widgets::overlay;

/// Draws the session in the terminal area `full` (title bar and footer excluded by the
/// layout).
pub fn render(app: &App, s: &SessionScreen, full: Rect, buf: &mut Buffer) {
    let area = layout::area(full);
    let placed = layout::place(app, s, area);
    // What every screen the room reads together shares: the question (on a projector) and
    // what this step of the method asks.
    question(app, s, placed.areas.question, buf);
    instruction(app, s, placed.areas.instruction, buf);
    match View::of(s) {
        View::End => end::render(s, placed.text.as_ref(), buf),
        View::Join => join::render(app, s, &placed, buf),
        View::Tally | View::Handover | View::Ballot | View::Voted | View::Phones => {
            vote::render(app, s, &placed, buf)
        }
        View::Reveal | View::Compare => reveal::render(app, s, &placed, buf),
        View::Stage => stage::render(app, s, &placed, buf),
    }
    if View::of(s) != View::End && time_up(app, s) {
        time_up_frame(app, full, buf);
    }
    if let Some(question) = s.confirm {
        let text = match question {
            SessionConfirm::FewVoters => app.st().confirm_few.to_string(),
            SessionConfirm::Total(total, expected) => {
                app.st().confirm_total(s.session.setup.mode, total, expected)
            }
            SessionConfirm::Participants(n) => {
                app.st().confirm_participants(n, s.session.setup.participants)
            }
            SessionConfirm::Quit if s.save_error.is_some() => {
                app.st().confirm_quit_unsaved.to_string()
            }
            SessionConfirm::Quit => app.st().confirm_quit.to_string(),
        };
        overlay::confirm(app.ui, &text, area, buf, app.theme);
    }
}
