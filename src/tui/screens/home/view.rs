//! Home: the packs with progress, "verras me", my answers, help.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph, Widget, Wrap};

use crate::tui::app::{App, HomeEntry, HomeState};
use crate::tui::widgets::text::{fit_line, truncate};

/// Draws the home screen.
pub fn render(app: &App, state: &HomeState, area: Rect, buf: &mut Buffer) {
    let ui = app.ui;
    let theme = app.theme;
    let notice = notice(app);
    // The notice names every skipped pack and the command that explains why: as many rows
    // as it needs, up to a third of the screen.
    let notice_rows = notice.as_deref().map_or(0, |n| {
        let rows = crate::tui::widgets::document::wrap(n, usize::from(area.width.max(10))).len();
        u16::try_from(rows).unwrap_or(u16::MAX).clamp(2, (area.height / 3).max(2))
    });
    let [head, list_area, notice_area] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Length(notice_rows),
    ])
    .areas(area);
    Paragraph::new(Span::styled(ui.home_intro, theme.dim()))
        .wrap(Wrap { trim: true })
        .render(head, buf);

    let width = usize::from(list_area.width);
    let items: Vec<ListItem> =
        app.home_entries().into_iter().map(|entry| entry_item(app, entry, width)).collect();
    app.render_select_list(items, state.selected, list_area, buf);
    if let Some(notice) = notice {
        Paragraph::new(Span::styled(notice, theme.warning()))
            .wrap(Wrap { trim: true })
            .render(notice_area, buf);
    }
}

/// The notice under the list, if any. Read-only comes first: it says why nothing will be
/// saved, before anything is typed.
fn notice(app: &App) -> Option<String> {
    let notices: Vec<String> = [
        app.read_only.clone(),
        app.packs.is_empty().then(|| app.ui.home_no_packs.to_string()),
        app.notice.clone().filter(|_| !app.packs.is_empty()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!notices.is_empty()).then(|| notices.join(" "))
}

/// One entry of the home list, `width` columns wide.
fn entry_item(app: &App, entry: HomeEntry, width: usize) -> ListItem<'static> {
    let (ui, theme) = (app.ui, app.theme);
    match entry {
        HomeEntry::Pack(i) => pack_item(app, i, width),
        HomeEntry::Surprise => ListItem::new(fit_line(
            Line::from(vec![
                Span::raw(format!("  {}", ui.home_surprise)),
                Span::styled(format!(" — {}", ui.home_surprise_hint), theme.dim()),
            ]),
            width.saturating_sub(1),
        )),
        HomeEntry::Month => month_item(app, width),
        HomeEntry::Development => ListItem::new(format!("  {}", ui.home_development)),
        HomeEntry::Session => ListItem::new(format!("  {}", app.st().home_entry)),
        HomeEntry::History => {
            ListItem::new(format!("  {} ({})", ui.home_history, app.answers.len()))
        }
        HomeEntry::Help => ListItem::new(format!("  {}", ui.home_help)),
    }
}

/// A pack: its title with progress on the right, its summary under it.
fn pack_item(app: &App, i: usize, width: usize) -> ListItem<'static> {
    let (ui, theme) = (app.ui, app.theme);
    let pack = &app.packs[i];
    let progress = ui.progress(app.answered_count(pack), pack.dilemmas.len());
    let title = truncate(pack.title.as_str(), width.saturating_sub(progress.chars().count() + 5));
    let title = title.as_str();
    let gap = width.saturating_sub(title.chars().count() + progress.chars().count() + 4);
    let mut lines = vec![
        Line::from(vec![
            Span::raw("  "),
            Span::raw(title.to_string()),
            Span::raw(" ".repeat(gap.max(1))),
            Span::styled(progress, theme.dim()),
        ]),
        Line::styled(
            format!("  {}", truncate(&pack.summary, width.saturating_sub(3))),
            theme.dim(),
        ),
    ];
    // The space between the packs and the other entries belongs to the last pack, so the
    // cursor on the next entry sits on that entry's own line.
    if i + 1 == app.packs.len() {
        lines.push(Line::default());
    }
    ListItem::new(lines)
}

/// The dilemma of the month: its title (ticked once answered), or that there is none.
fn month_item(app: &App, width: usize) -> ListItem<'static> {
    let (ui, theme) = (app.ui, app.theme);
    let pick = app.month_dilemma().and_then(|m| {
        let d = app.dilemma(m.pack, m.dilemma)?;
        Some((d.title.to_string(), m.answered))
    });
    let rest = match pick {
        Some((title, answered)) => {
            let done =
                if answered { format!("  ✓ {}", ui.home_month_done) } else { String::new() };
            format!(": {title}{done}")
        }
        None => format!(" — {}", ui.home_month_none),
    };
    ListItem::new(fit_line(
        Line::from(vec![
            Span::raw(format!("  {}", ui.home_month)),
            Span::styled(rest, theme.dim()),
        ]),
        width.saturating_sub(1),
    ))
}
