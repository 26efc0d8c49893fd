//! The root view: title bar, the current screen, its footer keys, and overlays. Renders
//! from `&App` only.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::app::{App, Confirm, Overlay, Screen};
use super::screens::history::answer;
use super::screens::{development, dilemma, history, home, pack, reasoning, spiegel};
use super::session;
use super::widgets::{frame, overlay};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.clear_hits();
        let size = super::app::Size { width: area.width, height: area.height };
        if !size.usable() {
            return frame::too_small(self.ui, area, buf, self.theme);
        }
        let [title, _, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        // The text column stops at a readable width; on a wide screen it stands in the
        // middle, its scrollbar beside it rather than halfway across an empty screen.
        let width = size.text_width().min(body.width.saturating_sub(6));
        let margin = (body.width.saturating_sub(width + 2) / 2).max(2);
        let body = Rect { x: body.x + margin, width, ..body };
        // The preview's problems take the bottom of the body; the pack stays above them.
        let panel_rows = super::preview::panel_height(self, body.width, body.height);
        let [body, _, panel] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(u16::from(panel_rows > 0 && !self.packs.is_empty())),
            Constraint::Length(panel_rows),
        ])
        .areas(body);
        super::preview::render_panel(self, panel, buf);

        self.render_title(title, buf);
        self.render_screen(area, body, buf);
        // The footer names the keys of the place the keyboard is in now, from the key table:
        // what the help lists and what the keys do, by rank as far as they fit.
        let keys = super::keys::footer(self, usize::from(footer.width.saturating_sub(1)));
        frame::footer(&keys, footer, buf, self.theme);
        self.render_overlay(area, buf);
    }
}

impl App {
    /// The title bar: where you are, and on the right the read-only and saving marks.
    fn render_title(&self, title: Rect, buf: &mut Buffer) {
        let ui = self.ui;
        frame::title_bar(&self.crumbs(), title, buf, self.theme);
        let mut right = title.right().saturating_sub(1);
        if self.read_only.is_some() {
            // On every screen: nothing typed here is kept.
            let mark = format!(" {} ", ui.read_only_mark);
            let width = mark.chars().count() as u16;
            right = right.saturating_sub(width);
            let at = Rect { x: right, width, ..title };
            Line::styled(
                mark,
                self.theme.warning().add_modifier(ratatui::style::Modifier::REVERSED),
            )
            .render(at, buf);
        }
        if self.saves.busy() {
            // The worker is writing: the screen answers meanwhile, and says so.
            let mark = format!(" {} ", ui.saving_mark);
            let width = mark.chars().count() as u16;
            let at = Rect { x: right.saturating_sub(width + 1), width, ..title };
            Line::styled(mark, self.theme.dim()).render(at, buf);
        }
    }

    /// The current screen in the text column `body` (the session: in the whole `area`).
    fn render_screen(&self, area: Rect, body: Rect, buf: &mut Buffer) {
        match self.screen() {
            Screen::Home(s) => home::render(self, s, body, buf),
            Screen::Pack(s) => pack::render(self, s, body, buf),
            Screen::Dilemma(s) => dilemma::render(self, s, body, buf),
            Screen::Reasoning(s) => reasoning::render(self, s, body, buf),
            Screen::Spiegel(s) => spiegel::render(self, s, body, buf),
            Screen::History(s) => history::render(self, s, body, buf),
            Screen::Answer(s) => answer::render(self, s, body, buf),
            Screen::Development(s) => development::render(self, s, body, buf),
            Screen::SessionSetup(s) => session::setup::render(self, s, body, buf),
            // The session uses the whole width: it is read from the back of the room.
            Screen::Session(s) => session::view::render(self, s, area, buf),
        }
    }

    /// The help or a yes/no question over everything.
    fn render_overlay(&self, area: Rect, buf: &mut Buffer) {
        let ui = self.ui;
        match self.overlay {
            Some(Overlay::Help) => overlay::help(self, area, buf),
            Some(Overlay::Confirm(c)) => {
                let question = match c {
                    Confirm::Quit => ui.confirm_quit,
                    Confirm::Discard => ui.confirm_discard,
                    Confirm::EmptyReasoning => ui.confirm_empty,
                    Confirm::QuitUnsavedReport => ui.confirm_quit_report,
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
            Screen::Development(_) => parts.push(self.ui.home_development),
            Screen::SessionSetup(_) => parts.push(self.st().setup_title),
            Screen::Session(s) => {
                parts.extend(self.packs.get(s.pack).map(|p| p.title.as_str()));
                parts.push(self.st().report_title);
            }
        }
        parts
    }
}
