//! Preparing an intervisie session: pack, agenda, participants, optional names (screen
//! only), voting mode and method.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::state::{SetupRow, SetupState};
use crate::tui::app::App;
use crate::tui::widgets::chart::truncate;

/// Footer keys.
pub fn keys(app: &App) -> Vec<&'static str> {
    let (ui, st) = (app.ui, app.st());
    vec![ui.key_move, st.key_toggle, st.key_change, st.key_start, ui.key_back, ui.key_help]
}

/// Draws the form.
pub fn render(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let (st, theme) = (app.st(), app.theme);
    let Some(pack) = app.packs.get(s.pack) else { return };
    let [list_area, hint_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let width = usize::from(list_area.width).saturating_sub(4);
    let label = |text: &str| Span::styled(format!("{text:<22}"), theme.dim());
    let rows = SetupState::rows(pack.dilemmas.len());
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| match row {
            SetupRow::Pack => ListItem::new(Line::from(vec![
                label(st.setup_pack),
                Span::raw(format!("◀ {} ▶", pack.title.as_str())),
            ])),
            SetupRow::Dilemma(d) => {
                let place = s.agenda.iter().position(|x| x == d);
                let mark = place.map_or("[ ]".to_string(), |p| format!("[{}]", p + 1));
                let head = if *d == 0 { st.setup_agenda } else { "" };
                ListItem::new(Line::from(vec![
                    label(head),
                    Span::raw(format!("{mark:<5}")),
                    Span::raw(truncate(pack.dilemmas[*d].title.as_str(), width.saturating_sub(28))),
                ]))
            }
            SetupRow::Participants => ListItem::new(Line::from(vec![
                label(st.setup_participants),
                Span::raw(format!("◀ {} ▶", s.participants)),
            ])),
            SetupRow::Names => {
                let names = s.names.lines().join(",");
                ListItem::new(Line::from(vec![
                    label(st.setup_names),
                    Span::raw(format!("[{names}▏]")),
                ]))
            }
            SetupRow::Mode => ListItem::new(Line::from(vec![
                label(st.setup_mode),
                Span::raw(format!("◀ {} ▶ ", st.mode(s.mode))),
                Span::styled(
                    match s.mode {
                        crate::session::VoteMode::Doorgeven => st.mode_doorgeven_hint,
                        crate::session::VoteMode::Telling => st.mode_telling_hint,
                    },
                    theme.dim(),
                ),
            ])),
            SetupRow::Method => ListItem::new(Line::from(vec![
                label(st.setup_method),
                Span::raw(format!("◀ {} ▶ ", st.method(s.method))),
                Span::styled(
                    match s.method {
                        crate::session::Method::Snel => st.method_snel_hint,
                        crate::session::Method::MoreelBeraad => st.method_moreel_hint,
                    },
                    theme.dim(),
                ),
            ])),
            SetupRow::Start => {
                ListItem::new(Line::styled(format!("  {}", st.setup_start), theme.title()))
            }
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(s.row.min(rows.len() - 1)));
    StatefulWidget::render(
        List::new(items).highlight_style(theme.selected()).highlight_symbol("▶"),
        list_area,
        buf,
        &mut state,
    );
    let hint = match rows.get(s.row) {
        _ if s.error => Span::styled(st.setup_need_agenda, theme.warning()),
        Some(SetupRow::Dilemma(_)) => Span::styled(st.setup_agenda_hint, theme.dim()),
        Some(SetupRow::Names) => Span::styled(st.setup_names_hint, theme.dim()),
        _ => Span::raw(""),
    };
    Paragraph::new(hint).wrap(Wrap { trim: true }).render(hint_area, buf);
}
