//! What actions do to this screen: its part of `update`, without I/O.

use crate::tui::action::Action;
use crate::tui::app::{App, DevelopmentState, Screen};
use crate::tui::nav::{back, body, doc_scroll, open_dilemma, replace};
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
        Action::PracticeNew => return practise_new(app),
        Action::Back => return back(app),
        _ => return,
    }
    replace(app, Screen::Development(s));
}

/// Opens a dilemma not answered yet from a theme not practised yet (at random among them),
/// on top of Mijn ontwikkeling: "nog niet geoefend" is something to do, not only a list.
fn practise_new(app: &mut App) {
    use rand::seq::IndexedRandom as _;
    let o = crate::tui::screens::development::compute(app);
    let new: std::collections::HashSet<&str> = o.not_yet.iter().map(|t| t.name.as_str()).collect();
    let candidates: Vec<(usize, usize)> = app
        .packs
        .iter()
        .enumerate()
        .flat_map(|(p, pack)| pack.dilemmas.iter().enumerate().map(move |(d, x)| (p, d, x)))
        .filter(|(_, _, d)| d.themes.iter().any(|t| new.contains(t.as_str())))
        .map(|(p, d, _)| (p, d))
        .collect();
    if let Some(&(p, d)) = candidates.choose(&mut app.rng) {
        open_dilemma(app, p, d);
    }
}
