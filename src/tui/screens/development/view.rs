//! "Mijn ontwikkeling": the person's own practice over time, from the journal alone (and,
//! for one figure, only the colleagues' distributions the threshold lets be seen). One
//! theme's reasoning over time at a time; `t` picks another.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::development::{Overview, overview};
use crate::i18n::{DevelopmentText, Item};
use crate::tui::app::{App, DevelopmentState, PoolState};
use crate::tui::widgets::chart::cells;
use crate::tui::widgets::document::{Doc, render_doc};
use crate::tui::widgets::text::truncate;

/// The overview of this person's answers, as far as the pool is loaded.
pub fn compute(app: &App) -> Overview {
    let pool = match &app.pool {
        PoolState::Ready(tally) => Some((&**tally, app.threshold)),
        PoolState::Loading => None,
    };
    overview(&app.answers, &app.packs, pool)
}

/// The screen as a document.
pub fn document(app: &App, state: &DevelopmentState, width: u16) -> Doc {
    document_and_theme(app, state, width).0
}

/// The screen as a document, and the line where the chosen theme's reasoning starts (what
/// `t` changes, so the screen shows it).
pub fn document_and_theme(app: &App, state: &DevelopmentState, width: u16) -> (Doc, Option<usize>) {
    let (theme, text) = (app.theme, DevelopmentText(app.ui.lang));
    let o = compute(app);
    let mut doc = Doc::new(width);
    doc.para(text.title(), theme.title());
    doc.para(text.private(), theme.dim());
    let themes = o.reasoning.len();
    let chosen = (themes > 0).then(|| state.theme % themes);
    let mut anchor = None;
    for section in text.sections_with(&o, chosen.or(Some(usize::MAX)), true) {
        doc.heading(&section.heading, theme.title());
        if let Some(i) = chosen.filter(|_| section.items.iter().any(|i| matches!(i, Item::Sub(_))))
        {
            anchor = Some(doc.len().saturating_sub(1));
            doc.para(&text.theme_hint(i + 1, themes), theme.dim());
        }
        let label_width = section
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Bar(label, ..) => Some(label.chars().count()),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        for item in &section.items {
            match item {
                Item::Text(t) => doc.para(t, Style::new()),
                Item::Note(t) => doc.para(t, theme.dim()),
                Item::Bullet(t) => doc.hanging(Span::raw("  • "), t, Style::new()),
                Item::Bar(label, n, max) => {
                    let room = usize::from(width).saturating_sub(label_width + 10);
                    doc.line(Line::from(vec![
                        Span::styled(format!("  {label:<label_width$} "), theme.dim()),
                        Span::styled("█".repeat(cells(*n, *max, room)), theme.bar()),
                        Span::raw(format!(" {n}")),
                    ]));
                }
                Item::Sub(t) => {
                    doc.blank();
                    doc.para(
                        &truncate(t, usize::from(width)),
                        Style::new().add_modifier(Modifier::BOLD),
                    );
                }
                Item::Quote(t) => doc.hanging(Span::styled("  │ ", theme.dim()), t, Style::new()),
            }
        }
    }
    doc.blank();
    doc.para(text.export_hint(), theme.dim());
    (doc, anchor)
}

/// Draws the screen.
pub fn render(app: &App, state: &DevelopmentState, area: Rect, buf: &mut Buffer) {
    render_doc(&document(app, state, area.width), state.scroll, area, buf);
}
