//! The reveal, made to be read from the back of a room: the distribution in big bars over
//! the whole width, little chrome. In the discussion the facilitator can add each
//! werkwijze's onderbouwing, the research notes or the intervisie questions; after the
//! re-vote both rounds stand side by side with how many moved.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::chrome::{header, notes};
use super::layout::{Placed, dilemma};
use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::session::{Round, Session, StageKind};
use crate::tui::action::{Action, Panel};
use crate::tui::app::App;
use crate::tui::widgets::chart::{Bar, Marks, thick_bar_lines};
use crate::tui::widgets::digits;
use crate::tui::widgets::document::{Doc, render_doc};
use crate::tui::widgets::notes::{Level, grouped};

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

/// One round's counts beside a dilemma's werkwijzen: (count, percentage) each, and the
/// votes cast; `None` when the round was not revealed.
fn counts(d: &Dilemma, round: Option<&Round>) -> Option<(Vec<u32>, u32)> {
    let round = round.filter(|r| r.revealed)?;
    let counts = round.ballots.counts();
    let per = d.options.iter().map(|o| counts.get(o.id.as_str()).copied().unwrap_or(0)).collect();
    Some((per, round.ballots.cast()))
}

/// "12 (50%)": a count and its share, as block digits show it.
fn count_text(count: u32, total: u32) -> String {
    format!("{count} ({}%)", crate::store::percent(count, total))
}

/// The projector's chart: per werkwijze its title, then a bar three rows high across the
/// width with the count and percentage beside it in block digits, for each round shown
/// (`rounds`: the caption and the round; two for before and after). Returns `false` when
/// `area` is too small for it (the normal chart is drawn then).
fn big_chart(
    app: &App,
    d: &Dilemma,
    title: &str,
    rounds: &[(&str, Option<&Round>)],
    area: Rect,
    buf: &mut Buffer,
) -> bool {
    let shown: Vec<(&str, Vec<u32>, u32)> = rounds
        .iter()
        .filter_map(|(caption, round)| counts(d, *round).map(|(c, t)| (*caption, c, t)))
        .collect();
    if shown.is_empty() {
        return false;
    }
    let per_option = 1 + shown.len() as u16 * (digits::ROWS + 1);
    let needed = 2 + per_option * d.options.len() as u16;
    if needed > area.height || area.width < 60 {
        return false;
    }
    let caption_width = if shown.len() > 1 {
        shown.iter().map(|(c, ..)| c.width() as u16).max().unwrap_or(0) + 2
    } else {
        0
    };
    let number_width = shown
        .iter()
        .flat_map(|(_, counts, total)| {
            counts.iter().map(|&n| digits::width(&count_text(n, *total)))
        })
        .max()
        .unwrap_or(0);
    let room = area.width.saturating_sub(caption_width + number_width + 3);
    // The largest count fills the room, so the leading werkwijze reads from the back of the
    // room; the shares stand beside every bar in digits.
    let largest = shown.iter().flat_map(|(_, counts, _)| counts.iter().copied()).max().unwrap_or(0);
    let st = app.st();
    let totals: Vec<String> =
        shown.iter().map(|(c, _, t)| format!("{c} {}", st.votes(*t))).collect();
    let heading = Line::from(vec![
        Span::styled(title.to_string(), app.theme.title()),
        Span::styled(format!("  {}", totals.join(" · ").trim()), app.theme.dim()),
    ]);
    heading.render(Rect { height: 1, ..area }, buf);
    let mut y = area.y + 2;
    for (i, o) in d.options.iter().enumerate() {
        let label = crate::tui::widgets::text::truncate(
            &format!("{}. {}", i + 1, o.title.as_str()),
            usize::from(area.width),
        );
        Line::styled(label, Style::new().add_modifier(ratatui::style::Modifier::BOLD))
            .render(Rect { x: area.x, y, width: area.width, height: 1 }, buf);
        y += 1;
        for (caption, counts, total) in &shown {
            let n = counts[i];
            if caption_width > 0 {
                Line::styled(caption.to_string(), app.theme.dim())
                    .render(Rect { x: area.x, y: y + 1, width: caption_width, height: 1 }, buf);
            }
            let cells = crate::tui::widgets::chart::cells(n, largest, usize::from(room)) as u16;
            let bar = Rect { x: area.x + caption_width, y, width: cells, height: digits::ROWS };
            for row in 0..digits::ROWS {
                buf.set_string(bar.x, bar.y + row, "█".repeat(usize::from(cells)), app.theme.bar());
            }
            let at = Rect { x: bar.x + cells + 2, y, width: number_width, height: digits::ROWS };
            digits::render(&count_text(n, *total), app.theme.big(), at, buf);
            y += digits::ROWS + 1;
        }
    }
    true
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
    let compare = s.session.current_stage().kind == StageKind::Compare;
    // On a projector, with nothing beside it, the result takes the whole width in block
    // digits; before and after stand bar under bar per werkwijze.
    if app.projector() && areas.side.height == 0 {
        let rounds: Vec<(&str, Option<&Round>)> = if compare {
            vec![(st.before, item.first.as_ref()), (st.after, item.second.as_ref())]
        } else {
            vec![("", item.first.as_ref())]
        };
        let title = if compare { st.before_after } else { st.first_round };
        if big_chart(app, d, title, &rounds, areas.body, buf) {
            if compare && let Some((moved, both)) = Session::moved(item) {
                Paragraph::new(Line::styled(st.moved(moved, both), app.theme.own()))
                    .wrap(Wrap { trim: true })
                    .render(areas.foot, buf);
            }
            return;
        }
    }
    if compare {
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
    } else if s.panel.is_none() && s.notes.is_none() && areas.body.height > 6 {
        // What can be put beside the result, named under it (the footer may not have room
        // for all three at 80 columns): from the key table, so it says what the keys do.
        let [top, hint] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(areas.body);
        chart(app, d, st.first_round, item.first.as_ref(), top, buf);
        let material: Vec<String> = crate::tui::keys::table::REVEAL
            .iter()
            .filter(|b| matches!(b.does, crate::tui::keys::Does::Act(Action::Panel(_))))
            .map(|b| b.entry(app.ui))
            .collect();
        Line::styled(format!("  {}", material.join(" · ")), app.theme.dim()).render(hint, buf);
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
