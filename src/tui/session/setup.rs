//! Preparing an intervisie session: pack, participants, optional names (screen only),
//! voting mode and method on top, always on screen; the agenda in its own scrolled pane,
//! however long the pack; the start button under it; and what the facilitator should know
//! before starting (nothing can be saved, the pool cannot be reached). Explanations wrap
//! under their value instead of being cut.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    List, ListItem, ListState, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget, Wrap,
};
use unicode_width::UnicodeWidthStr;

use super::state::{SetupRow, SetupState};
use crate::pack::Pack;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::widgets::document::wrap;
use crate::tui::widgets::text::truncate;

/// The hint under the form for the focused row, if any.
fn hint(app: &App, s: &SetupState, row: Option<&SetupRow>) -> Option<(&'static str, Style)> {
    let (st, theme) = (app.st(), app.theme);
    match row {
        _ if s.error => Some((st.setup_need_agenda, theme.warning())),
        Some(SetupRow::Dilemma(_)) => Some((st.setup_agenda_hint, theme.dim())),
        Some(SetupRow::Names) => Some((st.setup_names_hint, theme.dim())),
        _ => None,
    }
}

/// What the facilitator should know before starting: nothing can be saved (read-only), or
/// the pool cannot be reached (the report is kept, the votes not). Said here, not only at
/// the end, so the room hears it before anyone votes.
fn warnings(app: &App) -> Vec<String> {
    let st = app.st();
    let mut out = Vec::new();
    if app.read_only.is_some() {
        out.push(st.setup_read_only.to_string());
    } else if let Some(problem) = &app.pool_problem {
        out.push(st.setup_pool_problem(problem));
    }
    out
}

/// What every part of the form needs: the pack, the focused row, the widths the labels
/// and values are laid out in. Built once per frame by [`render`].
struct Form<'a> {
    app: &'a App,
    s: &'a SetupState,
    pack: &'a Pack,
    rows: Vec<SetupRow>,
    selected: SetupRow,
    /// The width inside the margin.
    width: u16,
    /// The labels' column, padded to the longest label.
    label_width: usize,
    /// What follows the label: the width, less the cursor and the label.
    value_width: usize,
}

impl<'a> Form<'a> {
    fn new(app: &'a App, s: &'a SetupState, pack: &'a Pack, area: Rect) -> Self {
        let st = app.st();
        let rows = s.rows(pack.dilemmas.len());
        let selected = rows.get(s.row.min(rows.len() - 1)).copied().unwrap_or(SetupRow::Pack);
        let width = area.width.saturating_sub(2);
        let labels = [
            st.setup_pack,
            st.setup_agenda,
            st.setup_participants,
            st.setup_names,
            st.setup_mode,
            st.setup_address,
            st.setup_method,
        ];
        let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 2;
        let value_width = usize::from(width).saturating_sub(2 + label_width);
        Form { app, s, pack, rows, selected, width, label_width, value_width }
    }

    /// The row's index, for the click that selects it.
    fn index(&self, row: SetupRow) -> usize {
        self.rows.iter().position(|r| *r == row).unwrap_or(0)
    }

    fn label(&self, text: &str) -> Span<'static> {
        let label_width = self.label_width;
        Span::styled(format!("{text:<label_width$}"), self.app.theme.dim())
    }

    /// A value (a fixed one, or a choice with ◀ ▶) and its explanation wrapped under the
    /// value, never cut.
    fn shown(&self, name: &str, value: String, explanation: &str) -> Vec<Line<'static>> {
        let value = truncate(&value, self.value_width);
        let mut lines = vec![Line::from(vec![self.label(name), Span::raw(value)])];
        for row in wrap(explanation, self.value_width.max(10)) {
            lines.push(Line::from(vec![self.label(""), Span::styled(row, self.app.theme.dim())]));
        }
        lines
    }

    /// A choice with ◀ ▶ and its explanation wrapped under the value, never cut.
    fn explained(&self, name: &str, value: &str, explanation: &str) -> Vec<Line<'static>> {
        self.shown(name, format!("◀ {value} ▶"), explanation)
    }

    /// The lines of one field above the agenda.
    fn field(&self, row: SetupRow) -> Vec<Line<'static>> {
        let (app, st, s) = (self.app, self.app.st(), self.s);
        match row {
            SetupRow::Pack => vec![Line::from(vec![
                self.label(st.setup_pack),
                Span::raw(truncate(&format!("◀ {} ▶", self.pack.title.as_str()), self.value_width)),
            ])],
            SetupRow::Participants => vec![Line::from(vec![
                self.label(st.setup_participants),
                Span::raw(format!("◀ {} ▶", s.participants)),
            ])],
            SetupRow::Names => {
                let names = s.names.lines().join(",");
                // The end of what is typed stays in view, with "…" in front when cut.
                let room = self.value_width.saturating_sub(3);
                let shown = if names.width() > room {
                    let tail: String = names.chars().rev().take(room.saturating_sub(1)).collect();
                    format!("…{}", tail.chars().rev().collect::<String>())
                } else {
                    names
                };
                vec![Line::from(vec![self.label(st.setup_names), Span::raw(format!("[{shown}▏]"))])]
            }
            SetupRow::Mode => self.explained(st.setup_mode, st.mode(s.mode), st.mode_hint(s.mode)),
            SetupRow::Address => {
                let (value, about) = st.setup_address(
                    app.listen,
                    s.picked_address(),
                    s.address,
                    s.address_choices(),
                );
                if app.listen.is_none() && s.address_choices() > 1 {
                    self.explained(st.setup_address, &value, &about)
                } else {
                    self.shown(st.setup_address, value, &about)
                }
            }
            SetupRow::Method => {
                self.explained(st.setup_method, st.method(s.method), &st.method_hint(s.method))
            }
            SetupRow::Dilemma(_) | SetupRow::Start => Vec::new(),
        }
    }

    /// The row's lines with the cursor in front, highlighted when it is the focused row.
    fn mark(&self, row: SetupRow, lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
        let on = row == self.selected;
        let theme = self.app.theme;
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let lead = if on && i == 0 { "▶ " } else { "  " };
                let mut spans = vec![Span::raw(lead)];
                spans.extend(line.spans);
                let line = Line::from(spans);
                if on { theme.select(line) } else { line }
            })
            .collect()
    }

    /// The fields above the agenda (the phones' address only when phones vote), and which
    /// lines belong to which field (for clicks).
    fn fields(&self) -> (Vec<Line<'static>>, Vec<(SetupRow, u16, u16)>) {
        let mut form: Vec<Line> = Vec::new();
        let mut field_lines: Vec<(SetupRow, u16, u16)> = Vec::new();
        let rows = self.rows.iter().copied();
        for row in rows.filter(|r| !matches!(r, SetupRow::Dilemma(_) | SetupRow::Start)) {
            let marked = self.mark(row, self.field(row));
            field_lines.push((row, form.len() as u16, marked.len() as u16));
            form.extend(marked);
        }
        (form, field_lines)
    }

    /// The hint for the focused row first, then the warnings.
    fn notes(&self) -> Vec<(String, Style)> {
        let theme = self.app.theme;
        let mut notes: Vec<(String, Style)> =
            warnings(self.app).into_iter().map(|w| (w, theme.warning())).collect();
        if let Some((text, style)) = hint(self.app, self.s, Some(&self.selected)) {
            notes.insert(0, (text.to_string(), style));
        }
        notes
    }

    /// The agenda: every dilemma of the pack with its place on the agenda, in a pane that
    /// keeps the focused dilemma in view.
    fn agenda(&self, head_area: Rect, agenda_area: Rect, buf: &mut Buffer) {
        let (app, s, pack) = (self.app, self.s, self.pack);
        let (st, theme) = (app.st(), app.theme);
        let chosen = s.agenda.len();
        Line::from(vec![
            Span::styled(format!("  {}", st.setup_agenda), theme.title()),
            Span::styled(
                format!("  {}", st.agenda_count(chosen, pack.dilemmas.len())),
                theme.dim(),
            ),
        ])
        .render(head_area, buf);
        let list_area = Rect { width: agenda_area.width.saturating_sub(2), ..agenda_area };
        let items: Vec<ListItem> = (0..pack.dilemmas.len())
            .map(|d| {
                let place = s.agenda.iter().position(|x| *x == d);
                let mark = place.map_or("[ ]".to_string(), |p| format!("[{}]", p + 1));
                let title = pack.dilemmas[d].title.as_str();
                ListItem::new(Line::from(vec![
                    Span::raw(format!("{mark:<5}")),
                    Span::raw(truncate(title, usize::from(list_area.width).saturating_sub(8))),
                ]))
            })
            .collect();
        let focused = match self.selected {
            SetupRow::Dilemma(d) => Some(d),
            _ => None,
        };
        let mut state = ListState::default().with_selected(focused);
        if focused.is_none() {
            // Not in the agenda: show it from the first ticked dilemma (or the top).
            let first = s.agenda.iter().min().copied().unwrap_or(0);
            *state.offset_mut() = first.saturating_sub(1);
        }
        StatefulWidget::render(
            List::new(items).highlight_style(theme.selected()).highlight_symbol("▶ "),
            list_area,
            buf,
            &mut state,
        );
        let heights = vec![1; pack.dilemmas.len()];
        app.hit_list(list_area, &heights, state.offset(), |d| {
            Action::Select(self.index(SetupRow::Dilemma(d)))
        });
        if pack.dilemmas.len() > usize::from(list_area.height) {
            let mut bar = ScrollbarState::new(pack.dilemmas.len()).position(focused.unwrap_or(0));
            let bar_area = Rect { x: list_area.right() + 1, width: 1, ..list_area };
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(Some("▲"))
                .end_symbol(Some("▼"))
                .render(bar_area, buf, &mut bar);
        }
    }
}

/// Draws the form: the fields on top (always on screen), the agenda in its own scrolled
/// pane, the start button under it, then a hint for the focused row and what the
/// facilitator should know before starting.
pub fn render(app: &App, s: &SetupState, area: Rect, buf: &mut Buffer) {
    let (st, theme) = (app.st(), app.theme);
    let Some(pack) = app.packs.get(s.pack) else { return };
    let f = Form::new(app, s, pack, area);
    let (form, field_lines) = f.fields();
    let notes = f.notes();
    let note_rows: u16 =
        notes.iter().map(|(t, _)| wrap(t, usize::from(f.width)).len().min(3) as u16).sum::<u16>();
    let [form_area, _, head_area, agenda_area, _, start_area, _, note_area] = Layout::vertical([
        Constraint::Length(form.len() as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(note_rows > 0)),
        Constraint::Length(note_rows),
    ])
    .areas(area);
    Paragraph::new(form).render(form_area, buf);
    // A click focuses a field, ticks a dilemma, or starts the session.
    for (row, top, height) in field_lines {
        let at = Rect { y: form_area.y + top, height, ..form_area };
        app.hit(at.intersection(form_area), Action::Select(f.index(row)));
    }

    f.agenda(head_area, agenda_area, buf);

    let start = vec![Line::styled(format!("  {}", st.setup_start), theme.title())];
    Paragraph::new(f.mark(SetupRow::Start, start)).render(start_area, buf);
    app.hit(start_area, Action::Select(f.index(SetupRow::Start)));

    let mut y = note_area.y;
    for (text, style) in notes {
        let rows =
            (wrap(&text, usize::from(f.width)).len().min(3) as u16).min(note_area.bottom() - y);
        let at = Rect { y, height: rows, ..note_area };
        Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }).render(at, buf);
        y += rows;
    }
}
