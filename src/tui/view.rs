//! The root view: title bar, the current screen, its footer keys, and overlays. Renders
//! from `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Confirm, Overlay, Screen};
use super::screens::{
    answer, dilemma, history, home, pack, reasoning, session_end, session_reveal, session_setup,
    session_stage, session_vote, spiegel,
};
use super::session_state::{SessionConfirm, SessionScreen};
use crate::session::StageKind;

/// Draws the part of a session that fits its stage, and returns the stage's keys.
fn session_keys(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) -> Vec<&'static str> {
    let keys = session_screen(app, s, area, buf);
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

fn session_screen(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) -> Vec<&'static str> {
    if s.ended() {
        session_end::render(app, s, area, buf);
        return session_end::keys(app);
    }
    match s.session.current_stage().kind {
        StageKind::Vote | StageKind::Revote => {
            session_vote::render(app, s, area, buf);
            session_vote::keys(app, s)
        }
        StageKind::Discuss | StageKind::Compare => {
            session_reveal::render(app, s, area, buf);
            session_reveal::keys(app, s)
        }
        _ => {
            session_stage::render(app, s, area, buf);
            session_stage::keys(app, s)
        }
    }
}
use super::widgets::{frame, overlay};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ui = self.ui;
        let size = super::app::Size { width: area.width, height: area.height };
        if !size.usable() {
            let text = vec![
                Line::styled(ui.too_small, self.theme.warning()),
                Line::from(ui.needs_size(
                    area.width,
                    area.height,
                    super::app::MIN_WIDTH,
                    super::app::MIN_HEIGHT,
                )),
            ];
            Paragraph::new(text).wrap(Wrap { trim: true }).render(area, buf);
            return;
        }
        let [title, _, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let body = Rect {
            x: body.x + 2,
            width: size.text_width().min(body.width.saturating_sub(6)),
            ..body
        };
        // The preview's problems take the bottom of the body; the pack stays above them.
        let panel_rows = super::preview::panel_height(self, body.width, body.height);
        let [body, _, panel] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(panel_rows > 0 && !self.packs.is_empty())),
            Constraint::Length(panel_rows),
        ])
        .areas(body);
        super::preview::render_panel(self, panel, buf);

        frame::title_bar(&self.crumbs(), title, buf, self.theme);
        let keys = match self.screen() {
            Screen::Home(s) => {
                home::render(self, s, body, buf);
                home::keys(self)
            }
            Screen::Pack(s) => {
                pack::render(self, s, body, buf);
                pack::keys(self)
            }
            Screen::Dilemma(s) => {
                dilemma::render(self, s, body, buf);
                dilemma::keys(self)
            }
            Screen::Reasoning(s) => {
                reasoning::render(self, s, body, buf);
                reasoning::keys(self, s)
            }
            Screen::Spiegel(s) => {
                spiegel::render(self, s, body, buf);
                spiegel::keys(self, s)
            }
            Screen::History(s) => {
                history::render(self, s, body, buf);
                history::keys(self)
            }
            Screen::Answer(s) => {
                answer::render(self, s, body, buf);
                answer::keys(self)
            }
            Screen::SessionSetup(s) => {
                session_setup::render(self, s, body, buf);
                session_setup::keys(self)
            }
            Screen::Session(s) => {
                // The session uses the whole width: it is read from the back of the room.
                let wide = Rect { x: area.x + 1, width: area.width.saturating_sub(2), ..body };
                session_keys(self, s, wide, buf)
            }
        };
        frame::footer(&keys, footer, buf, self.theme);

        match self.overlay {
            Some(Overlay::Help) => overlay::help(ui, area, buf, self.theme),
            Some(Overlay::Confirm(c)) => {
                let question = match c {
                    Confirm::Quit => ui.confirm_quit,
                    Confirm::Discard => ui.confirm_discard,
                    Confirm::EmptyReasoning => ui.confirm_empty,
                };
                overlay::confirm(ui, question, area, buf, self.theme)
            }
            None => {}
        }
    }
}

impl App {
    /// Where you are, for the title bar.
    fn crumbs(&self) -> Vec<&str> {
        let mut parts = vec![self.ui.app_name];
        if let Some(preview) = &self.preview {
            parts.push(self.ui.lang.studio().preview_crumb);
            parts.push(&preview.file);
        }
        match self.screen() {
            Screen::Home(_) => parts.push(self.ui.home_title),
            Screen::Pack(s) => parts.extend(self.packs.get(s.pack).map(|p| p.title.as_str())),
            Screen::Dilemma(s) => {
                parts.extend(self.packs.get(s.pack).map(|p| p.title.as_str()));
            }
            Screen::Reasoning(s) => {
                parts.extend(self.packs.get(s.from.pack).map(|p| p.title.as_str()));
                parts.push(self.ui.reasoning_title);
            }
            Screen::Spiegel(s) => {
                parts.extend(self.packs.get(s.pack).map(|p| p.title.as_str()));
                parts.push(self.ui.spiegel_title);
            }
            Screen::History(_) => parts.push(self.ui.history_title),
            Screen::Answer(_) => {
                parts.push(self.ui.history_title);
                parts.push(self.ui.answer_title);
            }
            Screen::SessionSetup(_) => parts.push(self.st().setup_title),
            Screen::Session(s) => {
                parts.extend(self.packs.get(s.pack).map(|p| p.title.as_str()));
                parts.push(self.st().report_title);
            }
        }
        parts
    }
}
