//! Clicks: every view names the rectangles a click may land on and what a click there
//! means, as it draws (a list row selects or opens it, a werkwijze on a ballot votes for
//! it); `keys::action_for` turns a left click into that action. The wheel scrolls. The
//! terminal's own text selection stays one modifier away (Shift and drag in xterm, VTE,
//! Konsole and Windows Terminal), which the help says.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};

use super::action::Action;
use super::app::App;

/// A place on screen and what a click there does.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Where.
    pub area: Rect,
    /// What.
    pub action: Action,
}

impl App {
    /// Forgets the last frame's click targets (the view draws the new ones).
    pub(crate) fn clear_hits(&self) {
        self.hits.borrow_mut().clear();
    }

    /// Registers a click target for this frame.
    pub(crate) fn hit(&self, area: Rect, action: Action) {
        if area.width > 0 && area.height > 0 {
            self.hits.borrow_mut().push(Hit { area, action });
        }
    }

    /// What a left click at (`column`, `row`) does, if anything (the last target drawn
    /// there wins, as it is on top).
    pub fn click(&self, column: u16, row: u16) -> Option<Action> {
        let at = ratatui::layout::Position { x: column, y: row };
        self.hits.borrow().iter().rev().find(|h| h.area.contains(at)).map(|h| h.action.clone())
    }

    /// Registers the rows of a list drawn in `area` from item `offset` on, item `i` taking
    /// `heights[i]` rows: a click on an item means `action(i)`.
    pub(crate) fn hit_list(
        &self,
        area: Rect,
        heights: &[u16],
        offset: usize,
        action: impl Fn(usize) -> Action,
    ) {
        let mut y = area.y;
        for (i, &h) in heights.iter().enumerate().skip(offset) {
            if y >= area.bottom() {
                break;
            }
            let h = h.min(area.bottom() - y);
            self.hit(Rect { y, height: h, ..area }, action(i));
            y += h;
        }
    }

    /// Draws the screen's list of `items` with the cursor (▶) on `selected`, and registers
    /// each visible item: a click on it means `Action::Select` of it. One place for the
    /// home, pack and history lists, so they look and click alike.
    pub(crate) fn render_select_list(
        &self,
        items: Vec<ListItem>,
        selected: usize,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let heights: Vec<u16> = items.iter().map(|i| i.height() as u16).collect();
        let mut list_state = ListState::default().with_selected(Some(selected));
        StatefulWidget::render(
            List::new(items).highlight_style(self.theme.selected()).highlight_symbol("▶"),
            area,
            buf,
            &mut list_state,
        );
        self.hit_list(area, &heights, list_state.offset(), Action::Select);
    }

    /// Registers lines `start..end` of a document drawn in `area` and scrolled by `scroll`:
    /// a click on them means `action`.
    pub(crate) fn hit_lines(
        &self,
        area: Rect,
        scroll: u16,
        (start, end): (usize, usize),
        action: Action,
    ) {
        let top = usize::from(scroll);
        let (from, to) = (start.max(top), end.min(top + usize::from(area.height)));
        if from < to {
            let y = area.y + (from - top) as u16;
            self.hit(Rect { y, height: (to - from) as u16, ..area }, action);
        }
    }
}
