//! The reveal, made to be read from the back of a room: the distribution in big bars over
//! the whole width, little chrome. In the discussion the facilitator can add each
//! werkwijze's onderbouwing, the research notes or the intervisie questions; after the
//! re-vote both rounds stand side by side with how many moved.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome::{header, notes};
use super::layout::{Placed, dilemma};
use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::session::{Round, Session, StageKind};
use crate::tui::action::Panel;
use crate::tui::app::App;
use crate::tui::widgets::chart::{Bar, Marks, thick_bar_lines};
use crate::tui::widgets::document::{Doc, render_doc};
use crate::tui::widgets::notes::{Level, grouped};

/// Footer keys.
pub fn keys(app: &App, s: &SessionScreen) -> Vec<&'static str> {
    let st = app.st();
    if s.notes.is_some() {
        return vec![st.key_save_notes, app.ui.key_back];
    }
    match s.session.current_stage().kind {
        StageKind::Compare => vec![st.key_next, st.key_notes, st.key_stop, app.ui.key_help],
        _ => {
            let mut keys = vec![st.key_next, st.key_material];
            if s.panel.is_some() {
                keys.push(st.key_scroll);
            }
            keys.extend([st.key_timer, st.key_notes, st.key_stop, app.ui.key_help]);
            keys
        }
    }
}

fn bars(d: &Dilemma, round: &Round) -> Vec<Bar> {
    let counts = round.ballots.counts();
    d.options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            Bar::plain(i + 1, o.title.as_str(), counts.get(o.id.as_str()).copied().unwrap_or(0))
        })
        .collect()
}

/// A chart of one round with a title line, filling `area`.
fn chart(app: &App, d: &Dilemma, title: &str, round: Option<&Round>, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    let Some(round) = round.filter(|r| r.revealed) else {
        Paragraph::new(vec![
            Line::styled(title.to_string(), app.theme.title()),
            Line::from(st.no_votes),
        ])
        .render(area, buf);
        return;
    };
    let total = round.ballots.cast();
    let n = d.options.len() as u16;
    // As thick as the height allows, up to three rows a bar.
    let thickness = (area.height.saturating_sub(2) / n.max(1)).saturating_sub(2).clamp(1, 3);
    let mut lines = vec![Line::from(vec![
        Span::styled(title.to_string(), app.theme.title()),
        Span::styled(format!("  {}", st.votes(total)), app.theme.dim()),
    ])];
    lines.push(Line::default());
    for (i, line) in
        thick_bar_lines(&bars(d, round), total, area.width, thickness, Marks::default(), app.theme)
            .into_iter()
            .enumerate()
    {
        if i > 0 && i % (usize::from(thickness) + 1) == 0 && thickness > 1 {
            lines.push(Line::default());
        }
        lines.push(line);
    }
    Paragraph::new(lines).render(area, buf);
}

/// The material the facilitator put on screen: each werkwijze's onderbouwing, the
/// research notes or the intervisie questions.
pub fn material(app: &App, d: &Dilemma, panel: Panel, width: u16) -> Doc {
    let st = app.st();
    let mut doc = Doc::new(width);
    match panel {
        Panel::Onderbouwing => {
            doc.para(st.onderbouwing, app.theme.title());
            for (i, o) in d.options.iter().enumerate() {
                doc.hanging(
                    Span::styled(format!("{}. ", i + 1), app.theme.title()),
                    o.title.as_str(),
                    Style::new(),
                );
                grouped(&mut doc, &o.notes, app.ui, app.theme, Level::Nested, |n| {
                    n.text.value.clone()
                });
            }
        }
        Panel::Research => {
            // Grouped by kind, as in the spiegel: research, practice, clients, the law.
            doc.para(st.research, app.theme.title());
            grouped(&mut doc, &d.notes, app.ui, app.theme, Level::Section, |n| {
                n.text.value.clone()
            });
        }
        Panel::Questions => {
            doc.para(st.questions, app.theme.title());
            for q in &d.questions {
                doc.hanging(Span::raw("• "), q.as_str(), Style::new());
            }
        }
    }
    doc
}

/// Draws the discussion or the before/after view into the areas the layout gave it: the
/// chart (or both rounds), and beside it the material or the notes editor.
pub fn render(app: &App, s: &SessionScreen, placed: &Placed, buf: &mut Buffer) {
    let (areas, text) = (&placed.areas, placed.text.as_ref());
    let st = app.st();
    header(app, s, areas.head, buf);
    let Some(d) = dilemma(app, s) else { return };
    let item = s.session.current();
    if s.session.current_stage().kind == StageKind::Compare {
        let [left, _, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(2), Constraint::Fill(1)])
                .areas(areas.body);
        chart(app, d, st.first_round, item.first.as_ref(), left, buf);
        chart(app, d, st.second_round, item.second.as_ref(), right, buf);
        if let Some((moved, both)) = Session::moved(item) {
            Paragraph::new(Line::styled(st.moved(moved, both), app.theme.own()))
                .wrap(Wrap { trim: true })
                .render(Rect { height: areas.foot.height.min(2), ..areas.foot }, buf);
        }
    } else {
        chart(app, d, st.first_round, item.first.as_ref(), areas.body, buf);
    }
    // The last row of the foot: where phones join, for the next round.
    if let Some(line) = super::join::address_line(app, s, areas.foot.width) {
        let last = Rect { y: areas.foot.bottom().saturating_sub(1), height: 1, ..areas.foot };
        line.centered().render(last, buf);
    }
    if s.notes.is_some() {
        notes(app, s, areas.side, buf);
    } else if let Some(t) = text {
        render_doc(&t.doc, s.scroll, t.rect, buf);
    }
}
