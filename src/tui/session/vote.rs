//! Voting in a session. *Doorgeven*: a neutral hand-over screen per voter ("Beurt van
//! deelnemer 3"), then the werkwijzen to choose from with 1–9, then the next hand-over —
//! so nothing of one vote is left on screen for the next voter. *Telling*: the facilitator
//! types the count per werkwijze. Always the counter "4 van 6 gestemd", never the
//! distribution.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::stage::{header, instruction};
use super::state::SessionScreen;
use crate::session::{Ballots, VoteMode};
use crate::tui::app::App;
use crate::tui::widgets::overlay::picker;

/// Footer keys.
pub fn keys(app: &App, s: &SessionScreen) -> Vec<&'static str> {
    let st = app.st();
    if s.redo.is_some() {
        return vec![app.ui.key_move, app.ui.key_choose, app.ui.key_back];
    }
    match (s.session.setup.mode, s.session.turn) {
        (VoteMode::Telling, _) => {
            vec![app.ui.key_move, st.key_count, st.key_reveal, st.key_stop, app.ui.key_help]
        }
        (_, Some(t)) if t.handover => {
            vec![st.key_ready, st.key_skip_voter, st.key_redo, st.key_stop]
        }
        (_, Some(_)) => vec![st.key_vote],
        (_, None) => vec![st.key_reveal, st.key_redo, st.key_stop, app.ui.key_help],
    }
}

/// Draws the voting stage.
pub fn render(app: &App, s: &SessionScreen, area: Rect, buf: &mut Buffer) {
    let st = app.st();
    let [head, _, instr, body, counter] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(app, s, head, buf);
    let (cast, total) = s.session.progress();
    Line::styled(st.voted(cast, total), app.theme.own().add_modifier(Modifier::BOLD))
        .centered()
        .render(counter, buf);
    let Some(d) = app.packs.get(s.pack).and_then(|p| p.dilemma(&s.session.current().dilemma))
    else {
        return;
    };

    if s.session.setup.mode == VoteMode::Telling {
        instruction(app, s, instr, buf);
        let counts = match s.session.round().map(|r| &r.ballots) {
            Some(Ballots::Tally(t)) => t.clone(),
            _ => Default::default(),
        };
        let cursor = s.tally_cursor.min(d.options.len().saturating_sub(1));
        let mut lines = vec![Line::styled(st.tally_hint, app.theme.dim()), Line::default()];
        for (i, o) in d.options.iter().enumerate() {
            let n = counts.get(o.id.as_str()).copied().unwrap_or(0);
            let marker = if i == cursor { "▶" } else { " " };
            let style =
                if i == cursor { app.theme.selected() } else { ratatui::style::Style::new() };
            lines.push(Line::styled(
                format!("{marker} {:>3}   {}. {}", n, i + 1, o.title.as_str()),
                style,
            ));
        }
        lines.push(Line::default());
        lines.push(Line::styled(st.tally_total(cast, total), app.theme.title()));
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(body, buf);
        return;
    }

    match s.session.turn {
        Some(t) if t.handover => {
            // The neutral screen between voters: nothing of the previous vote remains.
            let name = s.voter_name(t.voter, |n| st.participant(n));
            let [_, mid, _] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(5), Constraint::Fill(1)])
                    .flex(Flex::Center)
                    .areas(Rect { height: body.height + instr.height, y: instr.y, ..body });
            Paragraph::new(vec![
                Line::styled(format!("{} {name}", st.handover_title), app.theme.title()).centered(),
                Line::default(),
                Line::from(st.handover_hint).centered(),
            ])
            .wrap(Wrap { trim: true })
            .render(mid, buf);
        }
        Some(t) => {
            let name = s.voter_name(t.voter, |n| st.participant(n));
            let mut lines = vec![
                Line::styled(name, app.theme.title()),
                Line::from(st.vote_prompt),
                Line::default(),
                Line::styled(
                    d.question.to_string(),
                    ratatui::style::Style::new().add_modifier(Modifier::BOLD),
                ),
                Line::default(),
            ];
            for (i, o) in d.options.iter().enumerate() {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {}  ", i + 1), app.theme.title()),
                    Span::raw(o.title.to_string()),
                ]));
            }
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(Rect { height: body.height + instr.height, y: instr.y, ..body }, buf);
        }
        None => {
            instruction(app, s, instr, buf);
            Paragraph::new(vec![
                Line::default(),
                Line::styled(st.all_voted, app.theme.title()).centered(),
            ])
            .wrap(Wrap { trim: true })
            .render(body, buf);
        }
    }

    if let Some(selected) = s.redo {
        let items = (0..s.session.setup.participants)
            .map(|i| format!("{}. {}", i + 1, s.voter_name(i, |n| st.participant(n))))
            .collect();
        picker(st.redo_prompt, items, selected, 50, area, buf, app.theme);
    }
}
