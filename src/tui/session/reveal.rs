//! The reveal, made to be read from the back of a room: the distribution in big bars over
//! the whole width, little chrome. In the discussion the facilitator can add each
//! werkwijze's onderbouwing, the research notes or the intervisie questions; after the
//! re-vote both rounds stand side by side with how many moved.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::stage::header;
use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::session::{Round, Session, StageKind};
use crate::tui::action::Panel;
use crate::tui::app::App;
use crate::tui::widgets::chart::{Bar, thick_bar_lines};
use crate::tui::widgets::document::{Doc, render_doc};

/// Footer keys.
pub fn keys(app: &App, s: &SessionScreen) -> Vec<&'static str> {
    let st = app.st();
    match s.session.current_stage().kind {
        StageKind::Compare => vec![st.key_next, st.key_notes, st.key_stop, app.ui.key_help],
        _ => vec![
            st.key_next,
            st.key_material,
            st.key_timer,
            st.key_notes,
            st.key_stop,
            app.ui.key_help,
        ],
    }
}

fn bars(d: &Dilemma, round: &Round) -> Vec<Bar> {
    let counts = round.ballots.counts();
    d.options
        .iter()
        .enumerate()
        .map(|(i, o)| Bar {
            number: i + 1,
            label: o.title.to_string(),
            count: counts.get(o.id.as_str()).copied().unwrap_or(0),
            own: false,
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
    for (i, line) in thick_bar_lines(&bars(d, round), total, area.width, thickness, "", app.theme)
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

fn material(app: &App, d: &Dilemma, panel: Panel, width: u16) -> Doc {
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
                for n in &o.notes {
                    doc.hanging(Span::raw("   – "), n.text.as_str(), Style::new());
                }
            }
        }
        Panel::Research => {
            doc.para(st.research, app.theme.title());
            for n in &d.notes {
                doc.hanging(Span::raw("– "), n.text.as_str(), Style::new());
            }
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

/// Draws the discussion or the before/after view.
pub fn render(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    let [head, _, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)])
            .areas(area);
    header(app, s, head, buf);
    let Some(d) = app.packs.get(s.pack).and_then(|p| p.dilemma(&s.session.current().dilemma))
    else {
        return;
    };
    let item = s.session.current();
    if s.session.current_stage().kind == StageKind::Compare {
        let moved = Session::moved(item).map(|(m, both)| st.moved(m, both));
        let [charts, foot] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(if moved.is_some() { 2 } else { 0 }),
        ])
        .areas(body);
        let [left, _, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(2), Constraint::Fill(1)])
                .areas(charts);
        chart(app, d, st.first_round, item.first.as_ref(), left, buf);
        chart(app, d, st.second_round, item.second.as_ref(), right, buf);
        if let Some(moved) = moved {
            Paragraph::new(Line::styled(moved, app.theme.own()))
                .wrap(Wrap { trim: true })
                .render(foot, buf);
        }
        return;
    }
    match s.panel {
        None => chart(app, d, st.first_round, item.first.as_ref(), body, buf),
        Some(panel) => {
            // Chart on the left, material on the right; stacked on narrow screens.
            let wide = body.width >= 100;
            let (a, b) = if wide {
                let [a, _, b] = Layout::horizontal([
                    Constraint::Fill(1),
                    Constraint::Length(2),
                    Constraint::Fill(1),
                ])
                .areas(body);
                (a, b)
            } else {
                let rows = (d.options.len() as u16 * 2 + 3).min(body.height / 2);
                let [a, b] =
                    Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(body);
                (a, b)
            };
            chart(app, d, st.first_round, item.first.as_ref(), a, buf);
            let doc = material(app, d, panel, b.width.saturating_sub(2));
            render_doc(&doc, s.scroll, Rect { width: b.width.saturating_sub(2), ..b }, buf);
        }
    }
}
