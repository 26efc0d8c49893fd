//! Moving between the trainer's screens and scrolling their text: what several screens'
//! `update`s share (opening a pack, a dilemma, "verras me", my answers; one step in a list;
//! the scroll offset after a key).

use rand::seq::IndexedRandom;

use super::action::Action;
use super::app::{App, DevelopmentState, DilemmaState, HistoryState, PackState, Screen};
use super::widgets::document::max_scroll;

/// Lines the mouse wheel scrolls per notch.
pub(crate) const WHEEL_LINES: i32 = 3;

/// Leaves the current screen; home is never left this way.
pub(in crate::tui) fn back(app: &mut App) {
    if app.stack.len() > 1 {
        app.stack.pop();
    }
}

pub(in crate::tui) fn replace(app: &mut App, screen: Screen) {
    *app.screen_mut() = screen;
}

pub(in crate::tui) fn step(selected: usize, len: usize, up: bool) -> usize {
    if len == 0 {
        0
    } else if up {
        selected.saturating_sub(1)
    } else {
        (selected + 1).min(len - 1)
    }
}

/// Opens my answers on top of the current screen, which stays beneath (a reasoning being
/// written is kept); from the list itself, nothing changes.
pub(in crate::tui) fn open_history(app: &mut App) {
    if !matches!(app.screen(), Screen::History(_)) {
        app.stack.push(Screen::History(HistoryState::default()));
    }
}

/// Opens "Mijn ontwikkeling" on top of the current screen (never twice in a row).
pub(in crate::tui) fn open_development(app: &mut App) {
    if !matches!(app.screen(), Screen::Development(_)) {
        app.stack.push(Screen::Development(DevelopmentState::default()));
    }
}

/// Opens this month's dilemma; when every dilemma was answered before this month, says so.
pub(in crate::tui) fn open_month(app: &mut App) {
    match app.month_dilemma() {
        Some(m) => open_dilemma(app, m.pack, m.dilemma),
        None if !app.packs.is_empty() => app.notice = Some(app.ui.month_all_answered.to_string()),
        None => {}
    }
}

pub(in crate::tui) fn open_pack(app: &mut App, pack: usize) {
    app.stack.push(Screen::Pack(PackState { pack, selected: 0, theme: None }));
}

/// "Verras me": a random dilemma not yet answered (in one pack, or in all), or any
/// dilemma once everything has an answer.
pub(in crate::tui) fn surprise(app: &mut App, only_pack: Option<usize>) {
    let all: Vec<(usize, usize)> = app
        .packs
        .iter()
        .enumerate()
        .filter(|(p, _)| only_pack.is_none_or(|o| o == *p))
        .flat_map(|(p, pack)| (0..pack.dilemmas.len()).map(move |d| (p, d)))
        .collect();
    let open: Vec<(usize, usize)> = all
        .iter()
        .copied()
        .filter(|&(p, d)| {
            let pack = &app.packs[p];
            app.latest_answer(&pack.id, &pack.dilemmas[d].id).is_none()
        })
        .collect();
    let pool = if open.is_empty() { &all } else { &open };
    if open.is_empty() && !all.is_empty() {
        app.notice = Some(app.ui.home_all_answered.to_string());
    }
    if let Some(&(p, d)) = pool.choose(&mut app.rng) {
        open_dilemma(app, p, d);
    }
}

/// "Verras me" from the home screen: from the pack this person practises most (the first
/// pack before any answer), so a klantmanager is not handed the leidinggevenden's
/// dilemmas; from every pack once that one is all answered.
pub(in crate::tui) fn surprise_me(app: &mut App) {
    let practised = |p: &crate::pack::Pack| {
        app.answers.iter().filter(|a| a.first.pack == p.id.as_str()).count()
    };
    let most = app
        .packs
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| practised(a).cmp(&practised(b)).then(j.cmp(i)))
        .map(|(i, _)| i);
    let open_in = |p: usize| {
        let pack = &app.packs[p];
        pack.dilemmas.iter().any(|d| app.latest_answer(&pack.id, &d.id).is_none())
    };
    match most {
        Some(p) if open_in(p) => surprise(app, Some(p)),
        _ => surprise(app, None),
    }
}

pub(in crate::tui) fn open_dilemma(app: &mut App, pack: usize, dilemma: usize) {
    let order = app.option_order(pack, dilemma);
    app.stack.push(Screen::Dilemma(DilemmaState { pack, dilemma, order, selected: 0, scroll: 0 }));
}

/// The body's width and height, as the views use them.
pub(in crate::tui) fn body(app: &App) -> (u16, u16) {
    (app.size.text_width(), app.size.body_height())
}

pub(in crate::tui) fn scroll_by(scroll: u16, delta: i32, len: usize, height: u16) -> u16 {
    let target = (i32::from(scroll) + delta).max(0);
    u16::try_from(target).unwrap_or(u16::MAX).min(max_scroll(len, height))
}

pub(in crate::tui) fn page(height: u16) -> i32 {
    i32::from(height.saturating_sub(2).max(1))
}

/// The scroll offset after a scrolling key in a document of `len` lines shown in `height`
/// rows; `None` when the action does not scroll.
pub(in crate::tui) fn doc_scroll(
    scroll: u16,
    action: &Action,
    len: usize,
    height: u16,
) -> Option<u16> {
    let delta = match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::ScrollUp => -WHEEL_LINES,
        Action::ScrollDown => WHEEL_LINES,
        Action::PageUp => -page(height),
        Action::PageDown => page(height),
        Action::First => return Some(0),
        Action::Last => return Some(max_scroll(len, height)),
        _ => return None,
    };
    Some(scroll_by(scroll, delta, len, height))
}
