//! `update`: the only place the trainer's state changes. It does no I/O; what must touch
//! the disk is returned as [`Effect`]s for the loop, whose results come back as actions.

use rand::seq::{IndexedRandom, SliceRandom};
use ratatui_textarea::{TextArea, WrapMode};

use super::action::Action;
use super::app::{
    AnswerState, App, Confirm, DevelopmentState, DilemmaState, Field, HistoryState, HomeEntry,
    Overlay, PackState, PoolState, ReasoningState, Screen, Size, SpiegelState,
};
use super::effect::{Draft, Effect};
use super::screens;
use super::widgets::document::{max_scroll, scroll_to_show};
use crate::store::{Answer, PoolRecord};

/// Lines the mouse wheel scrolls per notch.
pub(crate) const WHEEL_LINES: i32 = 3;

/// Applies one action and returns the effects the loop must perform. Keeps count of the
/// stores' effects under way (each is answered by exactly one action), so every screen can
/// say "wordt bewaard…" until they are done.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if action.completes_store_effect() {
        app.saves.done();
    }
    let effects = apply(app, action);
    app.saves.started(effects.iter().filter(|e| e.is_store()).count());
    effects
}

fn apply(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(w, h) => {
            app.size = Size { width: w, height: h };
            clamp_scroll(app);
            return Vec::new();
        }
        Action::PoolLoaded { tally, warnings, unusable } => {
            app.pool = PoolState::Ready(tally);
            if let Some(reason) = unusable {
                app.notice = Some(reason);
            } else if warnings > 0 {
                app.notice = Some(app.ui.read_warnings(warnings));
            }
            return Vec::new();
        }
        Action::AnswerSaved { answer } => return answer_saved(app, *answer),
        Action::PoolWritten { record, error } => {
            pool_written(app, record, error);
            return Vec::new();
        }
        Action::SaveFailed(reason) => {
            let message = app.ui.save_failed(&reason);
            match app.screen_mut() {
                Screen::Reasoning(r) => {
                    r.saving = false;
                    r.error = Some(message);
                }
                // A revision that could not be written: the spiegel says so.
                Screen::Spiegel(s) => s.notice = Some(reason),
                _ => {}
            }
            return Vec::new();
        }
        Action::PreviewLoaded(checked) => {
            super::preview::reloaded(app, *checked);
            return Vec::new();
        }
        Action::Tick(now) => {
            app.now = now;
            return Vec::new();
        }
        Action::SessionSaved { path, error } => {
            super::session::update::saved(app, path, error);
            return Vec::new();
        }
        // From the phone server: counted whatever is on screen (help, a question, notes),
        // so no vote is lost to an overlay.
        Action::Phone(_) | Action::PhonesReady { .. } | Action::PhonesFailed(_) => {
            super::session::phones::arrived(app, action);
            return Vec::new();
        }
        Action::RevisionSaved { answer_id, choice, at } => {
            return revision_saved(app, &answer_id, choice, at);
        }
        _ => {}
    }
    if let Screen::Reasoning(r) = app.screen()
        && r.saving
    {
        // Nothing moves while an answer is being written.
        return Vec::new();
    }
    match app.overlay {
        Some(Overlay::Help) => {
            help(app, &action);
            return Vec::new();
        }
        Some(Overlay::Confirm(c)) => return confirm(app, c, action),
        None => {}
    }
    if let Screen::Session(s) = app.screen() {
        // The session asks its own questions (stop? reveal?) and ends on its own screen.
        if s.ended() && matches!(action, Action::Quit) {
            // Notes that could not be saved are only on this screen: ask before they go.
            if s.save_error.is_some() {
                app.overlay = Some(Overlay::Confirm(Confirm::QuitUnsavedReport));
            } else {
                app.quit = true;
            }
            return Vec::new();
        }
        if !matches!(action, Action::Help) {
            let s = (**s).clone();
            return super::session::update::session(app, s, action);
        }
    }
    match action {
        Action::Quit => {
            if app.has_unsaved_text() {
                app.overlay = Some(Overlay::Confirm(Confirm::Quit));
            } else {
                app.quit = true;
            }
            return Vec::new();
        }
        Action::Help => {
            open_help(app);
            return Vec::new();
        }
        // "Mijn antwoorden" from every screen outside an editor (the keys make `a` text
        // there), but never over an intervisie: that screen is shared with the room.
        Action::History | Action::Development | Action::Month
            if !matches!(app.screen(), Screen::SessionSetup(_) | Screen::Session(_)) =>
        {
            match action {
                Action::History => open_history(app),
                Action::Development => open_development(app),
                _ => open_month(app),
            }
            return Vec::new();
        }
        _ => {}
    }
    match app.screen().clone() {
        Screen::Home(s) => home(app, s.selected, action),
        Screen::Pack(s) => pack(app, s, action),
        Screen::Dilemma(s) => dilemma(app, s, action),
        Screen::Reasoning(s) => return reasoning(app, *s, action),
        Screen::Spiegel(s) => return spiegel(app, s, action),
        Screen::History(s) => history(app, s, action),
        Screen::Answer(s) => answer(app, s, action),
        Screen::Development(s) => development(app, s, action),
        Screen::SessionSetup(s) => return super::session::update::setup(app, *s, action),
        Screen::Session(_) => {}
    }
    Vec::new()
}

/// Opens the help at its top: the keys of the screen it was opened on come first.
fn open_help(app: &mut App) {
    app.overlay = Some(Overlay::Help);
    app.help_scroll = 0;
}

/// The help over a screen: it scrolls, and closes on its keys.
fn help(app: &mut App, action: &Action) {
    if matches!(action, Action::CloseOverlay | Action::Quit | Action::Help) {
        app.overlay = None;
        return;
    }
    let area = super::widgets::overlay::help_text_area(ratatui::layout::Rect::new(
        0,
        0,
        app.size.width,
        app.size.height,
    ));
    let len = super::widgets::overlay::help_document(app, area.width).len();
    if let Some(scroll) = doc_scroll(app.help_scroll, action, len, area.height) {
        app.help_scroll = scroll;
    }
}

fn confirm(app: &mut App, question: Confirm, action: Action) -> Vec<Effect> {
    match action {
        Action::Yes => {
            app.overlay = None;
            match question {
                Confirm::Quit | Confirm::QuitUnsavedReport => app.quit = true,
                Confirm::Discard => back(app),
                Confirm::EmptyReasoning => {
                    if let Screen::Reasoning(r) = app.screen().clone() {
                        return submit(app, *r);
                    }
                }
            }
        }
        Action::No | Action::Back => app.overlay = None,
        _ => {}
    }
    Vec::new()
}

/// Leaves the current screen; home is never left this way.
fn back(app: &mut App) {
    if app.stack.len() > 1 {
        app.stack.pop();
    }
}

fn replace(app: &mut App, screen: Screen) {
    *app.screen_mut() = screen;
}

fn step(selected: usize, len: usize, up: bool) -> usize {
    if len == 0 {
        0
    } else if up {
        selected.saturating_sub(1)
    } else {
        (selected + 1).min(len - 1)
    }
}

fn home(app: &mut App, selected: usize, action: Action) {
    let entries = app.home_entries();
    match action {
        Action::Up | Action::Down => {
            let s = step(selected, entries.len(), matches!(action, Action::Up));
            replace(app, Screen::Home(super::app::HomeState { selected: s }));
        }
        Action::First => replace(app, Screen::Home(super::app::HomeState { selected: 0 })),
        Action::Last => {
            replace(app, Screen::Home(super::app::HomeState { selected: entries.len() - 1 }))
        }
        Action::Enter => match entries.get(selected) {
            Some(HomeEntry::Pack(i)) => open_pack(app, *i),
            Some(HomeEntry::Month) => open_month(app),
            Some(HomeEntry::Surprise) => surprise(app, None),
            Some(HomeEntry::Development) => open_development(app),
            Some(HomeEntry::Session) => super::session::update::open_setup(app),
            Some(HomeEntry::History) => open_history(app),
            Some(HomeEntry::Help) => open_help(app),
            None => {}
        },
        Action::Pick(n) if usize::from(n) <= app.packs.len() => open_pack(app, usize::from(n) - 1),
        Action::Surprise => surprise(app, None),
        Action::StartSession => super::session::update::open_setup(app),
        _ => {}
    }
}

/// Opens my answers on top of the current screen, which stays beneath (a reasoning being
/// written is kept); from the list itself, nothing changes.
fn open_history(app: &mut App) {
    if !matches!(app.screen(), Screen::History(_)) {
        app.stack.push(Screen::History(HistoryState::default()));
    }
}

/// Opens "Mijn ontwikkeling" on top of the current screen (never twice in a row).
fn open_development(app: &mut App) {
    if !matches!(app.screen(), Screen::Development(_)) {
        app.stack.push(Screen::Development(DevelopmentState::default()));
    }
}

/// Opens this month's dilemma; when every dilemma was answered before this month, says so.
fn open_month(app: &mut App) {
    match app.month_dilemma() {
        Some(m) => open_dilemma(app, m.pack, m.dilemma),
        None if !app.packs.is_empty() => app.notice = Some(app.ui.month_all_answered.to_string()),
        None => {}
    }
}

fn open_pack(app: &mut App, pack: usize) {
    app.stack.push(Screen::Pack(PackState { pack, selected: 0, theme: None }));
}

/// "Verras me": a random dilemma not yet answered (in one pack, or in all), or any
/// dilemma once everything has an answer.
fn surprise(app: &mut App, only_pack: Option<usize>) {
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

fn open_dilemma(app: &mut App, pack: usize, dilemma: usize) {
    let order = app.option_order(pack, dilemma);
    app.stack.push(Screen::Dilemma(DilemmaState { pack, dilemma, order, selected: 0, scroll: 0 }));
}

fn pack(app: &mut App, mut s: PackState, action: Action) {
    let visible = app.visible_dilemmas(s.pack, s.theme.as_deref());
    match action {
        Action::Up | Action::Down => {
            s.selected = step(s.selected, visible.len(), matches!(action, Action::Up))
        }
        Action::First => s.selected = 0,
        Action::Last => s.selected = visible.len().saturating_sub(1),
        Action::PageUp => s.selected = s.selected.saturating_sub(5),
        Action::PageDown => s.selected = (s.selected + 5).min(visible.len().saturating_sub(1)),
        Action::Theme => {
            let themes: Vec<String> =
                app.packs[s.pack].themes().into_iter().map(str::to_string).collect();
            s.theme = match &s.theme {
                None => themes.first().cloned(),
                Some(t) => {
                    themes.iter().position(|x| x == t).and_then(|i| themes.get(i + 1)).cloned()
                }
            };
            s.selected = 0;
        }
        Action::Enter => {
            if let Some(&d) = visible.get(s.selected) {
                open_dilemma(app, s.pack, d);
            }
            return;
        }
        Action::Surprise => {
            surprise(app, Some(s.pack));
            return;
        }
        Action::Back => {
            back(app);
            return;
        }
        _ => return,
    }
    replace(app, Screen::Pack(s));
}

/// Whether the screen's text is longer than the screen, so the scrolling keys do something
/// (footers name them only then).
pub(crate) fn scrolls(app: &App) -> bool {
    let (width, height) = body(app);
    let len = match app.screen() {
        Screen::Dilemma(s) => screens::dilemma::document(app, s, width).0.len(),
        Screen::Spiegel(s) => screens::spiegel::document(app, s, width).len(),
        Screen::Answer(s) => screens::answer::document(app, s, width).len(),
        Screen::Development(s) => screens::development::document(app, s, width).len(),
        Screen::Session(s) => return super::session::layout::max_scroll_of(app, s) > 0,
        _ => return true,
    };
    len > usize::from(height)
}

/// The body's width and height, as the views use them.
fn body(app: &App) -> (u16, u16) {
    (app.size.text_width(), app.size.body_height())
}

fn scroll_by(scroll: u16, delta: i32, len: usize, height: u16) -> u16 {
    let target = (i32::from(scroll) + delta).max(0);
    u16::try_from(target).unwrap_or(u16::MAX).min(max_scroll(len, height))
}

fn page(height: u16) -> i32 {
    i32::from(height.saturating_sub(2).max(1))
}

/// The scroll offset after a scrolling key in a document of `len` lines shown in `height`
/// rows; `None` when the action does not scroll.
fn doc_scroll(scroll: u16, action: &Action, len: usize, height: u16) -> Option<u16> {
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

fn dilemma(app: &mut App, mut s: DilemmaState, action: Action) {
    let (width, height) = body(app);
    let (doc, ranges) = screens::dilemma::document(app, &s, width);
    match action {
        Action::Up | Action::Down => {
            s.selected = step(s.selected, s.order.len(), matches!(action, Action::Up));
            if let Some(&(start, end)) = ranges.get(s.selected) {
                // Show the werkwijzen heading with the first one, so it is not cut off.
                let start = if s.selected == 0 { start.saturating_sub(2) } else { start };
                s.scroll = scroll_to_show(s.scroll, start, end, height);
            }
        }
        Action::PageUp => s.scroll = scroll_by(s.scroll, -page(height), doc.len(), height),
        Action::PageDown => s.scroll = scroll_by(s.scroll, page(height), doc.len(), height),
        Action::ScrollUp => s.scroll = scroll_by(s.scroll, -WHEEL_LINES, doc.len(), height),
        Action::ScrollDown => s.scroll = scroll_by(s.scroll, WHEEL_LINES, doc.len(), height),
        Action::First => s.scroll = 0,
        Action::Last => s.scroll = max_scroll(doc.len(), height),
        Action::Enter => {
            // Enter chooses only a werkwijze the reader can see; before that it brings the
            // werkwijzen into view, so nobody picks one by pressing Enter to read on.
            match ranges.get(s.selected) {
                Some(&(start, end)) if !visible(s.scroll, start, end, height) => {
                    let start = if s.selected == 0 { start.saturating_sub(2) } else { start };
                    s.scroll = scroll_to_show(s.scroll, start, end, height);
                }
                _ => return choose(app, s),
            }
        }
        Action::Pick(n) if (1..=s.order.len()).contains(&usize::from(n)) => {
            s.selected = usize::from(n) - 1;
            return choose(app, s);
        }
        Action::Back => return back(app),
        _ => return,
    }
    replace(app, Screen::Dilemma(s));
}

/// Whether lines `start..end` are all on screen.
fn visible(scroll: u16, start: usize, end: usize, height: u16) -> bool {
    start >= usize::from(scroll) && end <= usize::from(scroll) + usize::from(height)
}

fn choose(app: &mut App, from: DilemmaState) {
    let Some(&option) = from.order.get(from.selected) else { return };
    if app.preview.is_some() {
        return super::preview::choose(app, from, option);
    }
    let mut editor = TextArea::default();
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    replace(app, Screen::Dilemma(from.clone()));
    app.stack.push(Screen::Reasoning(Box::new(ReasoningState {
        from,
        option,
        editor,
        confidence: None,
        share: false,
        focus: Field::Editor,
        saving: false,
        error: None,
    })));
}

fn reasoning(app: &mut App, mut s: ReasoningState, action: Action) -> Vec<Effect> {
    match (action, s.focus) {
        (Action::Submit, _) => {
            if !s.has_text() {
                app.overlay = Some(Overlay::Confirm(Confirm::EmptyReasoning));
                return Vec::new();
            }
            return submit(app, s);
        }
        (Action::Back, _) => {
            if s.has_text() {
                app.overlay = Some(Overlay::Confirm(Confirm::Discard));
            } else {
                back(app);
            }
            return Vec::new();
        }
        (Action::NextField, f) => {
            s.focus = match f {
                Field::Editor => Field::Confidence,
                Field::Confidence => Field::Share,
                Field::Share => Field::Editor,
            }
        }
        (Action::PrevField, f) => {
            s.focus = match f {
                Field::Editor => Field::Share,
                Field::Confidence => Field::Editor,
                Field::Share => Field::Confidence,
            }
        }
        (Action::Edit(key), Field::Editor) => {
            s.editor.input(key);
            s.error = None;
        }
        (Action::Paste(text), Field::Editor) => {
            s.editor.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
        }
        (Action::Pick(n), Field::Confidence) => s.confidence = (1..=5).contains(&n).then_some(n),
        (Action::Left, Field::Confidence) => {
            s.confidence = match s.confidence {
                None | Some(1) => None,
                Some(c) => Some(c - 1),
            }
        }
        (Action::Right, Field::Confidence) => {
            s.confidence = Some(s.confidence.map_or(1, |c| (c + 1).min(5)))
        }
        (Action::Toggle | Action::Enter, Field::Share) => s.share = !s.share,
        _ => return Vec::new(),
    }
    replace(app, Screen::Reasoning(Box::new(s)));
    Vec::new()
}

fn submit(app: &mut App, mut s: ReasoningState) -> Vec<Effect> {
    let (Some(pack), Some(d)) =
        (app.packs.get(s.from.pack), app.dilemma(s.from.pack, s.from.dilemma))
    else {
        return Vec::new();
    };
    let draft = Draft {
        pack: pack.id.value.clone(),
        pack_version: *pack.version,
        dilemma: d.id.value.clone(),
        choice: d.options[s.option].id.value.clone(),
        reasoning: s.text().trim_end().to_string(),
        confidence: s.confidence,
        share: s.share,
    };
    s.saving = true;
    s.error = None;
    replace(app, Screen::Reasoning(Box::new(s)));
    vec![Effect::SaveAnswer(draft)]
}

/// The answer is in the journal: the spiegel opens, and the pool is written next.
fn answer_saved(app: &mut App, answer: crate::store::NewAnswer) -> Vec<Effect> {
    let Some((pack, dilemma)) = app.find_dilemma(&answer.pack, &answer.dilemma) else {
        return Vec::new();
    };
    let full = Answer { first: answer, revised: None, revised_at: None };
    app.answers.push(full.clone());
    // Leave the reasoning and dilemma screens: back from the spiegel goes to where the
    // dilemma was opened from.
    while matches!(app.screen(), Screen::Reasoning(_) | Screen::Dilemma(_)) && app.stack.len() > 1 {
        app.stack.pop();
    }
    let spiegel = new_spiegel(app, app.answers.len() - 1, pack, dilemma, None);
    app.stack.push(Screen::Spiegel(spiegel));
    vec![Effect::AddToPool(Box::new(full))]
}

/// The pool took the record (it now counts in the chart), or could not (the spiegel says
/// so; the answer is safe in the journal).
fn pool_written(app: &mut App, record: Option<PoolRecord>, error: Option<String>) {
    if let (Some(record), PoolState::Ready(records)) = (record, &mut app.pool) {
        records.add(&record);
    }
    if let Some(e) = error {
        let notice = app.ui.pool_failed(&e);
        if let Screen::Spiegel(s) = app.screen_mut() {
            s.notice = Some(notice);
        }
    }
}

fn new_spiegel(
    app: &mut App,
    answer: usize,
    pack: usize,
    dilemma: usize,
    notice: Option<String>,
) -> SpiegelState {
    let order = app.option_order(pack, dilemma);
    let mut shared = match &app.pool {
        PoolState::Ready(tally) => {
            let p = &app.packs[pack];
            // Shared reasoning follows the same rule as the chart: only what may be shown.
            let split = tally.split(&p.id, *p.version, &p.dilemmas[dilemma].id);
            split
                .shown(app.threshold)
                .distribution()
                .map(|d| d.reasoning.clone())
                .unwrap_or_default()
        }
        PoolState::Loading => Vec::new(),
    };
    shared.shuffle(&mut app.rng);
    let notice = notice.map(|e| app.ui.pool_failed(&e));
    SpiegelState { answer, pack, dilemma, order, scroll: 0, revising: None, shared, notice }
}

fn spiegel(app: &mut App, mut s: SpiegelState, action: Action) -> Vec<Effect> {
    let (width, height) = body(app);
    if let Some(selected) = s.revising {
        match action {
            Action::Up | Action::Down => {
                s.revising = Some(step(selected, s.order.len(), matches!(action, Action::Up)))
            }
            Action::Enter => return revise(app, s, selected),
            Action::Pick(n) if (1..=s.order.len()).contains(&usize::from(n)) => {
                return revise(app, s, usize::from(n) - 1);
            }
            Action::Back => s.revising = None,
            _ => return Vec::new(),
        }
        replace(app, Screen::Spiegel(s));
        return Vec::new();
    }
    let len = screens::spiegel::document(app, &s, width).len();
    if let Some(scroll) = doc_scroll(s.scroll, &action, len, height) {
        s.scroll = scroll;
        replace(app, Screen::Spiegel(s));
        return Vec::new();
    }
    match action {
        Action::Revise => {
            let Some(a) = app.spiegel_answer(&s) else { return Vec::new() };
            if a.revised.is_some() {
                return Vec::new();
            }
            let d = &app.packs[s.pack].dilemmas[s.dilemma];
            let current = s.order.iter().position(|&i| d.options[i].id.value == a.first.choice);
            s.revising = Some(current.unwrap_or(0));
        }
        Action::Next => {
            next_dilemma(app, &s);
            return Vec::new();
        }
        Action::Back => {
            back(app);
            return Vec::new();
        }
        _ => return Vec::new(),
    }
    replace(app, Screen::Spiegel(s));
    Vec::new()
}

fn revise(app: &mut App, mut s: SpiegelState, position: usize) -> Vec<Effect> {
    s.revising = None;
    let d = &app.packs[s.pack].dilemmas[s.dilemma];
    let (Some(&i), Some(a)) = (s.order.get(position), app.spiegel_answer(&s)) else {
        return Vec::new();
    };
    let choice = d.options[i].id.value.clone();
    let answer = Box::new(a.clone());
    let unchanged = choice == a.first.choice;
    replace(app, Screen::Spiegel(s));
    if app.preview.is_some() {
        if !unchanged {
            super::preview::revise(app, choice);
        }
        return Vec::new();
    }
    if unchanged { Vec::new() } else { vec![Effect::SaveRevision { answer, choice }] }
}

/// The revision is in the journal; the pool gets the answer as it now stands.
fn revision_saved(app: &mut App, answer_id: &str, choice: String, at: String) -> Vec<Effect> {
    let Some(a) = app.answers.iter_mut().find(|a| a.first.id == answer_id) else {
        return Vec::new();
    };
    a.revised = Some(choice);
    a.revised_at = Some(at);
    vec![Effect::AddToPool(Box::new(a.clone()))]
}

/// From the spiegel to the next dilemma of the pack: the next unanswered one after this,
/// else simply the next.
fn next_dilemma(app: &mut App, s: &SpiegelState) {
    let pack = &app.packs[s.pack];
    let n = pack.dilemmas.len();
    let after = (1..n).map(|k| (s.dilemma + k) % n);
    let unanswered =
        after.clone().find(|&d| app.latest_answer(&pack.id, &pack.dilemmas[d].id).is_none());
    let Some(next) = unanswered.or_else(|| after.clone().next()) else { return };
    back(app);
    if app.preview.is_some() {
        // The preview opened the spiegel over the dilemma: leave that too.
        back(app);
    }
    open_dilemma(app, s.pack, next);
}

fn history(app: &mut App, mut s: HistoryState, action: Action) {
    let rows = screens::history::newest_first(app);
    match action {
        Action::Up | Action::Down => {
            s.selected = step(s.selected, rows.len(), matches!(action, Action::Up))
        }
        Action::First => s.selected = 0,
        Action::Last => s.selected = rows.len().saturating_sub(1),
        Action::Enter => {
            if let Some(&answer) = rows.get(s.selected) {
                app.stack.push(Screen::Answer(AnswerState { answer, scroll: 0 }));
            }
            return;
        }
        Action::Back => return back(app),
        _ => return,
    }
    replace(app, Screen::History(s));
}

fn development(app: &mut App, mut s: DevelopmentState, action: Action) {
    let (width, height) = body(app);
    let len = screens::development::document(app, &s, width).len();
    if let Some(scroll) = doc_scroll(s.scroll, &action, len, height) {
        s.scroll = scroll;
        return replace(app, Screen::Development(s));
    }
    match action {
        Action::Theme => {
            // The next theme's reasoning, brought into view: its heading at the top.
            s.theme = s.theme.wrapping_add(1);
            let (doc, anchor) = screens::development::document_and_theme(app, &s, width);
            let top = anchor.map_or(usize::from(s.scroll), |a| a);
            s.scroll = u16::try_from(top).unwrap_or(u16::MAX).min(max_scroll(doc.len(), height));
        }
        Action::Back => return back(app),
        _ => return,
    }
    replace(app, Screen::Development(s));
}

fn answer(app: &mut App, mut s: AnswerState, action: Action) {
    let (width, height) = body(app);
    let len = screens::answer::document(app, &s, width).len();
    if let Some(scroll) = doc_scroll(s.scroll, &action, len, height) {
        s.scroll = scroll;
        return replace(app, Screen::Answer(s));
    }
    match action {
        Action::OpenSpiegel | Action::Enter => {
            let Some(a) = app.answers.get(s.answer) else { return };
            if let Some((p, d)) = app.find_dilemma(&a.first.pack, &a.first.dilemma) {
                let spiegel = new_spiegel(app, s.answer, p, d, None);
                app.stack.push(Screen::Spiegel(spiegel));
            }
        }
        Action::Back => back(app),
        _ => {}
    }
}

/// After a resize, keeps every scroll offset within its document.
pub(super) fn clamp_scroll(app: &mut App) {
    let (width, height) = body(app);
    let screen = app.screen().clone();
    let clamped = match screen {
        Screen::Dilemma(mut s) => {
            let len = screens::dilemma::document(app, &s, width).0.len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Dilemma(s)
        }
        Screen::Spiegel(mut s) => {
            let len = screens::spiegel::document(app, &s, width).len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Spiegel(s)
        }
        Screen::Answer(mut s) => {
            let len = screens::answer::document(app, &s, width).len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Answer(s)
        }
        Screen::Development(mut s) => {
            let len = screens::development::document(app, &s, width).len();
            s.scroll = s.scroll.min(max_scroll(len, height));
            Screen::Development(s)
        }
        Screen::Session(mut s) => {
            super::session::update::clamp_scroll(app, &mut s);
            Screen::Session(s)
        }
        other => other,
    };
    replace(app, clamped);
}
