//! Voting in a session. *Doorgeven*: a neutral hand-over screen per voter ("Beurt van
//! deelnemer 3"), then the ballot — the question and every werkwijze with its text, chosen
//! with 1–9 (Esc goes back to the neutral screen) — then the next hand-over, so nothing of
//! one vote is left on screen for the next voter. *Telling*: the facilitator types the count
//! per werkwijze. *Eigen telefoon*: phones and votes counted against the participants
//! expected, and how to join beside it (see `join`). Always the counter "4 van 6 gestemd", never the distribution, and
//! never anything about one phone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::chrome::{header, werkwijzen};
use super::layout::{Placed, View, dilemma};
use super::state::SessionScreen;
use crate::pack::Dilemma;
use crate::session::Ballots;
use crate::tui::app::App;
use crate::tui::widgets::document::{Doc, render_doc};
use crate::tui::widgets::overlay::picker;

/// A voter's ballot: their name, the question, and every werkwijze with its text.
pub fn ballot(app: &App, s: &SessionScreen, d: &Dilemma, width: u16) -> Doc {
    ballot_and_werkwijzen(app, s, d, width).0
}

/// [`ballot`], and the lines each werkwijze takes on it (a click there votes for it).
fn ballot_and_werkwijzen(
    app: &App,
    s: &SessionScreen,
    d: &Dilemma,
    width: u16,
) -> (Doc, Vec<(usize, usize)>) {
    let (st, theme) = (app.st(), app.theme);
    let mut doc = Doc::new(width);
    if let Some(t) = s.session.turn {
        doc.para(&s.voter_name(t.voter, |n| st.participant(n)), theme.title());
    }
    doc.para(st.vote_prompt, Style::new());
    doc.blank();
    doc.para(d.question.as_str(), Style::new().add_modifier(Modifier::BOLD));
    let ranges = werkwijzen(&mut doc, d, theme, |n| format!("  {n}  "));
    (doc, ranges)
}

/// Draws the voting stage into the areas the layout gave it.
pub fn render(app: &App, s: &SessionScreen, placed: &Placed, buf: &mut Buffer) {
    let (areas, text) = (&placed.areas, placed.text.as_ref());
    let st = app.st();
    header(app, s, areas.head, buf);
    let (cast, total) = s.session.progress();
    let skipped = s.session.skipped();
    Line::styled(st.voted(cast, total, skipped), app.theme.own().add_modifier(Modifier::BOLD))
        .centered()
        .render(areas.foot, buf);
    let Some(d) = dilemma(app, s) else { return };
    match View::of(s) {
        View::Tally => tally(app, s, d, areas.body, buf),
        View::Phones => super::join::voting(app, s, d, areas.body, buf),
        View::Handover => {
            // The neutral screen between voters: nothing of the previous vote remains.
            let name = s.session.turn.map(|t| s.voter_name(t.voter, |n| st.participant(n)));
            let [_, mid, _] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(5), Constraint::Fill(1)])
                    .flex(Flex::Center)
                    .areas(areas.body);
            Paragraph::new(vec![
                Line::styled(st.handover(&name.unwrap_or_default()), app.theme.title()).centered(),
                Line::default(),
                Line::from(st.handover_hint).centered(),
            ])
            .wrap(Wrap { trim: true })
            .render(mid, buf);
        }
        View::Ballot => {
            if let Some(t) = text {
                render_doc(&t.doc, s.scroll, t.rect, buf);
                // The voter may click their werkwijze instead of typing its number.
                let (_, ranges) = ballot_and_werkwijzen(app, s, d, t.rect.width);
                for (i, range) in ranges.into_iter().enumerate() {
                    let n = u8::try_from(i + 1).unwrap_or(u8::MAX);
                    app.hit_lines(t.rect, s.scroll, range, crate::tui::action::Action::Pick(n));
                }
            }
        }
        _ => {
            Paragraph::new(vec![
                Line::default(),
                Line::styled(st.all_voted(cast, total, skipped), app.theme.title()).centered(),
            ])
            .wrap(Wrap { trim: true })
            .render(areas.body, buf);
        }
    }
    if let Some(selected) = s.redo {
        let items = (0..s.session.setup.participants)
            .map(|i| format!("{}. {}", i + 1, s.voter_name(i, |n| st.participant(n))))
            .collect();
        let whole =
            Rect { y: areas.head.y, height: areas.foot.bottom() - areas.head.y, ..areas.body };
        picker(st.redo_prompt, items, selected, 50, whole, buf, app.theme);
    }
}

/// The facilitator's tally: a count per werkwijze and the total.
fn tally(app: &App, s: &SessionScreen, d: &Dilemma, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    let counts = match s.session.round().map(|r| &r.ballots) {
        Some(Ballots::Tally(t)) => t.clone(),
        _ => Default::default(),
    };
    let (cast, total) = s.session.progress();
    let cursor = s.tally_cursor.min(d.options.len().saturating_sub(1));
    let mut lines = vec![Line::styled(st.tally_hint, app.theme.dim()), Line::default()];
    for (i, o) in d.options.iter().enumerate() {
        let n = counts.get(o.id.as_str()).copied().unwrap_or(0);
        let marker = if i == cursor { "▶" } else { " " };
        let style = if i == cursor { app.theme.selected() } else { Style::new() };
        lines.push(Line::styled(
            format!("{marker} {:>3}   {}. {}", n, i + 1, o.title.as_str()),
            style,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(st.tally_total(cast, total), app.theme.title()));
    Paragraph::new(lines).wrap(Wrap { trim: false }).render(area, buf);
}
