//! What actions do to this screen: its part of `update`, without I/O.

use crate::tui::action::Action;
use crate::tui::app::{App, DevelopmentState, Screen};
use crate::tui::nav::{back, body, doc_scroll, replace};
use crate::tui::widgets::document::max_scroll;

pub(in crate::tui) fn development(app: &mut App, mut s: DevelopmentState, action: Action) {
    let (width, height) = body(app);
    let len = crate::tui::screens::development::document(app, &s, width).len();
    if let Some(scroll) = doc_scroll(s.scroll, &action, len, height) {
        s.scroll = scroll;
        return replace(app, Screen::Development(s));
    }
    match action {
        Action::Theme => {
            // The next theme's reasoning, brought into view: its heading at the top.
            s.theme = s.theme.wrapping_add(1);
            let (doc, anchor) =
                crate::tui::screens::development::document_and_theme(app, &s, width);
            let top = anchor.map_or(usize::from(s.scroll), |a| a);
            s.scroll = u16::try_from(top).unwrap_or(u16::MAX).min(max_scroll(doc.len(), height));
        }
        Action::Back => return back(app),
        _ => return,
    }
    replace(app, Screen::Development(s));
}
