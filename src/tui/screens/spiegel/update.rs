//! What actions do to this screen: its part of `update`, without I/O.

use crate::store::PoolRecord;

use crate::tui::action::Action;
use crate::tui::app::{App, PoolState, Screen, SpiegelState};
use crate::tui::effect::Effect;
use crate::tui::nav::{back, body, doc_scroll, open_dilemma, replace, step};

pub(in crate::tui) fn new_spiegel(
    app: &mut App,
    answer: usize,
    pack: usize,
    dilemma: usize,
    notice: Option<String>,
) -> SpiegelState {
    let order = app.option_order(pack, dilemma);
    let shared = match &app.pool {
        PoolState::Ready(tally) => {
            let p = &app.packs[pack];
            // Shared reasoning follows the same rule as the chart: only what may be shown,
            // and never the person's own.
            let shown = crate::practice::colleagues(tally, p, &p.dilemmas[dilemma], app.threshold);
            crate::practice::shared_reasoning(&shown, app.answers.get(answer), &mut app.rng)
        }
        PoolState::Loading => Vec::new(),
    };
    let notice = notice.map(|e| app.ui.pool_failed(&e));
    SpiegelState {
        answer,
        pack,
        dilemma,
        order,
        scroll: 0,
        revising: None,
        shared,
        notice,
        confirmation: None,
    }
}

pub(in crate::tui) fn spiegel(app: &mut App, mut s: SpiegelState, action: Action) -> Vec<Effect> {
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
    let len = crate::tui::screens::spiegel::document(app, &s, width).len();
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
            // The chart the question is about comes to the top; the choice opens under it.
            s.scroll = chart_top(app, &s, width, height);
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

pub(in crate::tui) fn revise(app: &mut App, mut s: SpiegelState, position: usize) -> Vec<Effect> {
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
            crate::tui::preview::revise(app, choice);
        }
        return Vec::new();
    }
    if unchanged { Vec::new() } else { vec![Effect::SaveRevision { answer, choice }] }
}

/// The revision is in the journal; the pool gets the answer as it now stands.
pub(in crate::tui) fn revision_saved(
    app: &mut App,
    answer_id: &str,
    choice: String,
    at: String,
) -> Vec<Effect> {
    let Some(a) = app.answers.iter_mut().find(|a| a.first.id == answer_id) else {
        return Vec::new();
    };
    a.revised = Some(choice.clone());
    a.revised_at = Some(at);
    let effects = vec![Effect::AddToPool(Box::new(a.clone()))];
    // Said in words, and the chart — now with where people ended up — brought into view.
    let (width, height) = body(app);
    let label = app.screen().clone();
    if let Screen::Spiegel(mut s) = label {
        let title = app
            .dilemma(s.pack, s.dilemma)
            .and_then(|d| d.option(&choice))
            .map_or(choice.clone(), |o| o.title.to_string());
        let number = app
            .dilemma(s.pack, s.dilemma)
            .and_then(|d| s.order.iter().position(|&i| d.options[i].id.as_str() == choice))
            .map_or(0, |p| p + 1);
        s.confirmation = Some(app.ui.revision_saved(number, &title));
        s.scroll = chart_top(app, &s, width, height);
        replace(app, Screen::Spiegel(s));
    }
    effects
}

/// The scroll offset that puts the colleagues' chart at the top of the screen.
fn chart_top(app: &App, s: &SpiegelState, width: u16, height: u16) -> u16 {
    let (doc, chart) = crate::tui::screens::spiegel::document_and_chart(app, s, width);
    let top = u16::try_from(chart.unwrap_or(0)).unwrap_or(u16::MAX);
    top.min(crate::tui::widgets::document::max_scroll(doc.len(), height))
}

/// The pool took the record (it now counts in the chart), or could not (the spiegel says
/// so; the answer is safe in the journal).
pub(in crate::tui) fn pool_written(
    app: &mut App,
    record: Option<PoolRecord>,
    error: Option<String>,
) {
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

/// From the spiegel to the next dilemma of the pack: the next unanswered one after this,
/// else simply the next.
pub(in crate::tui) fn next_dilemma(app: &mut App, s: &SpiegelState) {
    let Some(next) = crate::practice::next_dilemma(&app.packs[s.pack], &app.answers, s.dilemma)
    else {
        return;
    };
    back(app);
    if app.preview.is_some() {
        // The preview opened the spiegel over the dilemma: leave that too.
        back(app);
    }
    open_dilemma(app, s.pack, next);
}
