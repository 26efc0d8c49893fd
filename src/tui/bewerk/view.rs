//! The form editor on screen, drawn from `&State` only: the outline (and the editor of the
//! field being typed) on the left, the live preview on the right (or instead of the
//! outline on a narrow screen, by Tab), the problems `check --strict` finds below, then
//! what just happened and the keys.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::edit::{self, Item};
use super::state::{Cursor, Focus, Picker, Question, Row, State};
use crate::i18n::{BewerkText, render_message};
use crate::tui::widgets::document::{Doc, render_doc};
use crate::tui::widgets::editor::{EditorLook, render_editor};
use crate::tui::widgets::{frame, overlay};

/// From this width the outline and the preview stand side by side.
pub const SIDE_BY_SIDE: u16 = 100;

/// Rows of the problems strip.
const PROBLEM_ROWS: u16 = 3;

/// Where each part of the editor stands on a screen of `area`.
struct Areas {
    title: Rect,
    /// The outline (with the text editor under it while typing), if shown.
    form: Option<Rect>,
    /// The preview, if shown.
    preview: Option<Rect>,
    problems: Rect,
    status: Rect,
    footer: Rect,
}

fn areas(state: &State, area: Rect) -> Areas {
    let [title, body, _, problems, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(PROBLEM_ROWS),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (form, preview) = if area.width >= SIDE_BY_SIDE {
        let [left, _, right] = Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(body);
        (Some(left), Some(Rect { width: right.width.saturating_sub(1), ..right }))
    } else if state.show_preview {
        (None, Some(Rect { width: body.width.saturating_sub(2), ..body }))
    } else {
        (Some(body), None)
    };
    Areas { title, form, preview, problems, status, footer }
}

/// The first outline row shown in `height` rows: the cursor stays in the upper third, so
/// what follows it is in view.
fn outline_top(rows: usize, at: usize, height: usize) -> usize {
    at.saturating_sub(height / 3).min(rows.saturating_sub(height))
}

/// The outline row (an index into [`State::rows`]) at `column`, `row` of a screen of the
/// editor's size, when the outline has the keyboard and is shown there.
pub fn row_at(state: &State, column: u16, row: u16) -> Option<usize> {
    if !matches!(state.focus, Focus::Outline) {
        return None;
    }
    let screen = Rect::new(0, 0, state.size.0, state.size.1);
    let form = areas(state, screen).form?;
    let inside = column >= form.x && column < form.right() && row >= form.y && row < form.bottom();
    if !inside {
        return None;
    }
    let rows = state.rows();
    let at = rows.iter().position(|r| r.at == state.cursor).unwrap_or(0);
    let index = outline_top(rows.len(), at, usize::from(form.height)) + usize::from(row - form.y);
    (index < rows.len()).then_some(index)
}

/// Draws the editor.
pub fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let ui = state.ui;
    if area.width < crate::tui::MIN_WIDTH || area.height < crate::tui::MIN_HEIGHT {
        return frame::too_small(ui, area, buf, state.theme);
    }
    let text = state.lang().bewerk();
    let Areas { title, form: form_area, preview: preview_area, problems, status, footer } =
        areas(state, area);
    title_bar(state, text, title, buf);
    if let Some(at) = form_area {
        form(state, at, buf);
    }
    if let Some(at) = preview_area {
        preview(state, at, buf);
    }
    problem_strip(state, text, problems, buf);
    if let Some(s) = &state.status {
        let line = Line::styled(format!(" {}", text.status(s)), state.theme.warning());
        crate::tui::widgets::text::fit_line(line, usize::from(status.width)).render(status, buf);
    }
    let bindings = crate::tui::keys::table(super::place(state)).iter().collect();
    let keys: Vec<String> =
        crate::tui::keys::fitting(bindings, ui, usize::from(footer.width.saturating_sub(1)))
            .into_iter()
            .map(|b| b.entry(ui))
            .collect();
    frame::footer(&keys, footer, buf, state.theme);
    match &state.focus {
        Focus::Picker(picker) => pick_list(state, picker, area, buf),
        Focus::Confirm(question) => ask(state, *question, area, buf),
        Focus::Help(scroll) => help(state, *scroll, area, buf),
        Focus::Outline | Focus::Text(_) => {}
    }
}

fn title_bar(state: &State, text: BewerkText, area: Rect, buf: &mut Buffer) {
    frame::title_bar(&[state.ui.app_name, text.crumb(), &state.file], area, buf, state.theme);
    let mark = if state.saving { Some(text.saving()) } else { state.dirty.then(|| text.unsaved()) };
    if let Some(mark) = mark {
        let mark = format!(" {mark} ");
        let width = mark.width() as u16;
        let at = Rect { x: area.right().saturating_sub(width + 1), width, ..area };
        Line::styled(mark, state.theme.warning().add_modifier(Modifier::REVERSED)).render(at, buf);
    }
}

/// The outline, with the editor of the field being typed under it.
fn form(state: &State, area: Rect, buf: &mut Buffer) {
    let area = match &state.focus {
        Focus::Text(editor) => {
            let single = super::update::one_line(state);
            let height = if single { 3 } else { (area.height / 2).max(5) };
            let [outline_area, editor_area] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(area);
            let field = state.cursor.field.unwrap_or_default();
            let list = state.field().is_some_and(|f| f.kind == crate::pack::schema::Kind::Texts);
            let hint = state.lang().bewerk().editor_hint(single, list);
            let look = EditorLook {
                block: Block::bordered()
                    .border_type(BorderType::Rounded)
                    .title(format!(" {field} "))
                    .title_bottom(format!(" {hint} ")),
                placeholder: "",
                placeholder_style: state.theme.dim(),
                cursor: true,
            };
            render_editor(editor, look, editor_area, buf);
            outline_area
        }
        _ => area,
    };
    outline(state, area, buf);
}

fn outline(state: &State, area: Rect, buf: &mut Buffer) {
    let rows = state.rows();
    let at = rows.iter().position(|r| r.at == state.cursor).unwrap_or(0);
    let height = usize::from(area.height);
    let top = outline_top(rows.len(), at, height);
    for (y, row) in rows.iter().skip(top).take(height).enumerate() {
        let on = row.at == state.cursor;
        let line = row_line(state, row, usize::from(area.width));
        let line = if on { state.theme.select(line) } else { line };
        let style = if on { state.theme.selected() } else { Style::new() };
        let y = area.y + y as u16;
        buf.set_style(Rect { y, height: 1, ..area }, style);
        line.render(Rect { y, height: 1, ..area }, buf);
    }
}

/// A record's number and what it is called, for a heading and for "where" in a problem.
fn record_label(state: &State, item: Item) -> String {
    let text = state.lang().bewerk();
    let name = text.record(item.schema().name);
    match item.place() {
        None => name.to_string(),
        Some((_, _, i)) => format!("{name} {}", i + 1),
    }
}

/// A one-line glimpse of a text, safe for a terminal.
fn glimpse(value: &str) -> String {
    crate::clean::one_line(value).into_owned()
}

fn heading_summary(state: &State, item: Item) -> String {
    let pack = &state.pack;
    let text = state.lang().bewerk();
    let title = |field: &str| edit::field_text(pack, item, field);
    let summary = match item {
        Item::Pack | Item::Dilemma(_) | Item::Werkwijze(..) => title("title"),
        Item::Source(_) => title("id"),
        Item::Note(..) => {
            let kind = title("kind");
            let kind = if kind.is_empty() { text.no_kind().to_string() } else { kind };
            format!("{kind} · {}", title("text"))
        }
    };
    glimpse(&summary)
}

fn row_line(state: &State, row: &Row, width: usize) -> Line<'static> {
    let theme = state.theme;
    let text = state.lang().bewerk();
    let problems: Vec<bool> = state.problems_at(row.at).map(|p| p.diag.is_error()).collect();
    let gutter = if problems.contains(&true) {
        Span::styled("✗", theme.warning())
    } else if !problems.is_empty() {
        Span::styled("!", theme.dim())
    } else {
        Span::raw(" ")
    };
    // The cursor is marked in text too, not only by colour (a plain theme, a screen reader).
    let here = Span::raw(if row.at == state.cursor { "▶" } else { " " });
    let indent = " ".repeat(usize::from(row.depth) * 2);
    let Cursor { item, field } = row.at;
    let mut spans = vec![gutter, here, Span::raw(indent)];
    match field.and_then(|f| edit::field_of(item, f)) {
        None => {
            let marker = if state.open(item) { "▾ " } else { "▸ " };
            spans.push(Span::styled(
                format!("{marker}{}: ", record_label(state, item)),
                theme.title(),
            ));
            spans.push(Span::raw(heading_summary(state, item)));
        }
        Some(f) if edit::is_record_list(f) => {
            let n = edit::list_len(&state.pack, item, f.name);
            spans.push(Span::styled(format!("{} ({n})", f.name), theme.title()));
        }
        Some(f) => {
            spans.push(Span::styled(format!("{}: ", f.name), theme.dim()));
            let value = edit::field_text(&state.pack, item, f.name);
            if value.is_empty() {
                spans.push(Span::styled(text.empty(), theme.dim()));
            } else {
                spans.push(Span::raw(glimpse(&value.replace('\n', " · "))));
            }
        }
    }
    crate::tui::widgets::text::fit_line(Line::from(spans), width)
}

/// The dilemma the cursor is in, as a participant sees it, with its spiegel.
fn preview(state: &State, area: Rect, buf: &mut Buffer) {
    let d = state.preview_dilemma();
    if state.pack.dilemmas.get(d).is_none() {
        Paragraph::new(state.lang().bewerk().no_dilemma())
            .style(state.theme.dim())
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let (doc, spiegel_at) = crate::tui::preview::sample_document(
        state.ui,
        state.theme,
        state.pack.clone(),
        d,
        area.width,
    );
    // Editing what the spiegel shows (notes, intervisie questions): the spiegel in view.
    let Cursor { item, field } = state.cursor;
    let in_spiegel = matches!(item, Item::Note(..)) || matches!(field, Some("notes" | "questions"));
    let base = if in_spiegel { u16::try_from(spiegel_at).unwrap_or(u16::MAX) } else { 0 };
    render_doc(&doc, base.saturating_add(state.preview_scroll), area, buf);
}

/// Where a problem is, in the outline's words: "Dilemma 2 › Werkwijze 1 › title".
pub fn where_label(state: &State, at: Cursor) -> String {
    let mut parts = Vec::new();
    let mut item = Some(at.item);
    while let Some(i) = item {
        if i != Item::Pack || parts.is_empty() {
            parts.push(record_label(state, i));
        }
        item = i.place().map(|(parent, _, _)| parent);
    }
    parts.reverse();
    parts.extend(at.field.map(str::to_string));
    parts.join(" › ")
}

/// The count of problems, then those about the row under the cursor, then the others.
fn problem_strip(state: &State, text: BewerkText, area: Rect, buf: &mut Buffer) {
    let theme = state.theme;
    let errors = state.errors();
    let warnings = state.problems.len() - errors;
    let mut doc = Doc::new(area.width.saturating_sub(1));
    if state.problems.is_empty() {
        doc.para(text.no_problems(), theme.dim());
        return render_doc(&doc, 0, Rect { x: area.x + 1, ..area }, buf);
    }
    let style = if errors > 0 { theme.warning() } else { theme.dim() };
    doc.para(&text.problem_count(errors, warnings), style);
    let here = state.problems.iter().filter(|p| p.at == state.cursor);
    let others = state.problems.iter().filter(|p| p.at != state.cursor);
    for problem in here.chain(others).take(usize::from(PROBLEM_ROWS)) {
        let severity = if problem.diag.is_error() {
            state.lang().studio().error
        } else {
            state.lang().studio().warning
        };
        let lead = format!("{} ({severity}): ", where_label(state, problem.at));
        let message = render_message(state.lang(), &problem.diag);
        doc.line(crate::tui::widgets::text::fit_line(
            Line::from(vec![Span::styled(lead, theme.title()), Span::raw(message)]),
            usize::from(area.width.saturating_sub(2)),
        ));
    }
    doc.lines.truncate(usize::from(PROBLEM_ROWS));
    render_doc(&doc, 0, Rect { x: area.x + 1, width: area.width.saturating_sub(1), ..area }, buf);
}

fn pick_list(state: &State, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let text = state.lang().bewerk();
    let items: Vec<String> = picker
        .values
        .iter()
        .zip(&picker.chosen)
        .map(|(value, &chosen)| {
            let name = if value.is_empty() { text.none().to_string() } else { glimpse(value) };
            let mark = match (picker.multi, chosen) {
                (true, true) => "[x] ",
                (true, false) => "[ ] ",
                (false, true) => "● ",
                (false, false) => "  ",
            };
            format!("{mark}{name}")
        })
        .collect();
    if items.is_empty() {
        return ask_box(state, text.no_sources(), "Esc", area, buf);
    }
    let width = items.iter().map(|i| i.width()).max().unwrap_or(0).max(30) as u16 + 6;
    let title = text.picker_title(picker.field);
    overlay::picker(title, items, picker.selected, width, area, buf, state.theme);
}

fn ask(state: &State, question: Question, area: Rect, buf: &mut Buffer) {
    let text = state.lang().bewerk();
    match question {
        Question::Remove(item) => {
            let what = record_label(state, item);
            overlay::confirm(state.ui, &text.remove_question(&what), area, buf, state.theme);
        }
        Question::Quit => overlay::confirm(state.ui, text.quit_question(), area, buf, state.theme),
        Question::SaveWhere => {
            let copy = super::run::copy_name(state.lang(), &state.path, 1);
            let copy =
                crate::clean::path(copy.file_name().map_or(copy.as_path(), std::path::Path::new));
            let moved = state.comments.moved().len();
            ask_box(state, &text.save_where_question(moved, &copy), "", area, buf);
        }
    }
}

/// A question or a note in a box over the screen, with a line of keys under it.
fn ask_box(state: &State, question: &str, keys: &str, area: Rect, buf: &mut Buffer) {
    let rect = overlay::centered(area, 64, 9);
    Clear.render(rect, buf);
    Paragraph::new(vec![
        Line::from(question.to_string()),
        Line::default(),
        Line::styled(keys.to_string(), state.theme.title()),
    ])
    .block(Block::bordered().border_type(BorderType::Double))
    .wrap(Wrap { trim: true })
    .render(rect, buf);
}

/// The help as a document: what the editor does, then every key of its places, from the
/// key table.
pub fn help_document(state: &State, width: u16) -> Doc {
    let (ui, theme) = (state.ui, state.theme);
    let mut doc = Doc::new(width);
    doc.para(state.lang().bewerk().help_intro(), Style::new());
    for place in crate::tui::keys::BEWERK_PLACES {
        doc.heading(place.heading(ui.lang), theme.title());
        for b in crate::tui::keys::table(place) {
            if matches!(b.does, crate::tui::keys::Does::Edit) {
                continue;
            }
            let lead = format!("  {:<12}  ", b.caption(ui));
            doc.hanging(Span::styled(lead, theme.title()), b.label.text(ui.lang), Style::new());
        }
    }
    doc.blank();
    doc.para(ui.help_close, theme.dim());
    doc
}

fn help(state: &State, scroll: u16, area: Rect, buf: &mut Buffer) {
    let rect = overlay::help_rect(area);
    Clear.render(rect, buf);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(format!(" {} ", state.lang().bewerk().help_title()))
        .render(rect, buf);
    let inner = overlay::help_text_area(area);
    render_doc(&help_document(state, inner.width), scroll, inner, buf);
}
