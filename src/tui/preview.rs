//! The live preview (`wikken preview FILE`): one pack shown as a trainee sees it, reloaded
//! on every save. What happens here never reaches a disk: choosing a werkwijze opens the
//! spiegel on an answer kept in memory, the chart is a sample marked "voorbeeld", and the
//! loop that runs the preview performs no effects at all (see `runtime::run_preview`).
//!
//! A save that does not load keeps the last good version on screen, with the problems
//! (line:col and message) in a panel below it; a save that does load replaces the pack and
//! keeps every screen on the dilemma it showed, found by id.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use super::app::{App, DilemmaState, Screen, SpiegelState};
use super::widgets::document::{Doc, render_doc};
use crate::i18n::render_message;
use crate::pack::{Checked, Diagnostic};
use crate::store::{Answer, NewAnswer};

/// What the preview adds to the trainer's state.
#[derive(Debug, Clone, Default)]
pub struct Preview {
    /// The file shown, cleaned for the title bar.
    pub file: String,
    /// The problems of the latest read of the file, errors and warnings, in file order.
    pub problems: Vec<Diagnostic>,
    /// The choice the spiegel shows: in memory only, never written anywhere.
    pub answer: Option<Answer>,
}

impl Preview {
    /// A preview of `file` (already cleaned for a terminal).
    pub fn new(file: String) -> Self {
        Preview { file, ..Preview::default() }
    }

    /// Whether the latest save does not load, so an older version is on screen.
    pub fn broken(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// A trainer for the preview of `file` (its name, cleaned for a terminal): no packs until
/// the first read arrives as [`crate::tui::Action::PreviewLoaded`], no answers, and the
/// pack's dilemma list at the bottom of the stack instead of the home screen (whose
/// entries — sessions, my answers — have no place here).
pub fn app(ui: &'static crate::i18n::UiText, theme: super::Theme, file: String) -> App {
    let mut app = App::new(ui, theme, Vec::new(), Vec::new(), 0, super::FALLBACK_SIZE);
    app.preview = Some(Preview::new(file));
    app.stack = vec![Screen::Pack(super::app::PackState { pack: 0, selected: 0, theme: None })];
    app
}

/// Participants in the sample chart.
const SAMPLE_WEIGHTS: [u32; 6] = [5, 3, 2, 1, 1, 1];

/// The sample counts for `options` werkwijzen in file order: fixed, so the chart does not
/// jump on every save, and uneven, so it looks like a real spread.
pub fn sample_counts(options: usize) -> Vec<u32> {
    (0..options).map(|i| SAMPLE_WEIGHTS.get(i).copied().unwrap_or(1)).collect()
}

/// The dilemma index a screen shows, if it shows one.
fn dilemma_of(screen: &Screen) -> Option<usize> {
    match screen {
        Screen::Dilemma(s) => Some(s.dilemma),
        Screen::Spiegel(s) => Some(s.dilemma),
        _ => None,
    }
}

/// A new read of the file: a pack that loads replaces the one shown, and every screen stays
/// on its dilemma (by id; by place if the id is gone); one that does not load only shows
/// its problems.
pub fn reloaded(app: &mut App, checked: Checked) {
    let Some(preview) = app.preview.as_mut() else { return };
    let Checked { pack, diagnostics } = checked;
    preview.problems = diagnostics;
    if preview.broken() {
        return;
    }
    let Some(pack) = pack else { return };
    let old_ids: Vec<Option<String>> = app
        .stack
        .iter()
        .map(|s| {
            let d = app.packs.first()?.dilemmas.get(dilemma_of(s)?)?;
            Some(d.id.value.clone())
        })
        .collect();
    let themes: Vec<String> = pack.themes().into_iter().map(str::to_string).collect();
    let count = pack.dilemmas.len();
    let index_of = |id: &str| pack.dilemmas.iter().position(|d| d.id.as_str() == id);
    let new_index: Vec<Option<usize>> = app
        .stack
        .iter()
        .zip(&old_ids)
        .map(|(s, id)| {
            let old = dilemma_of(s)?;
            id.as_deref().and_then(index_of).or(Some(old.min(count.checked_sub(1)?)))
        })
        .collect();
    app.packs = vec![pack];
    if count == 0 {
        app.stack.truncate(1);
    }
    let orders: Vec<Vec<usize>> =
        new_index.iter().map(|d| d.map(|d| app.option_order(0, d)).unwrap_or_default()).collect();
    for ((screen, index), order) in app.stack.iter_mut().zip(&new_index).zip(orders) {
        match screen {
            Screen::Pack(s) => {
                s.pack = 0;
                if s.theme.as_ref().is_some_and(|t| !themes.contains(t)) {
                    s.theme = None;
                }
                s.selected = s.selected.min(count.saturating_sub(1));
            }
            Screen::Dilemma(s) => {
                s.dilemma = index.unwrap_or(0);
                s.selected = s.selected.min(order.len().saturating_sub(1));
                s.order = order;
            }
            Screen::Spiegel(s) => {
                s.dilemma = index.unwrap_or(0);
                s.revising = None;
                s.order = order;
            }
            _ => {}
        }
    }
    super::update::clamp_scroll(app);
}

/// The werkwijze at `from.selected` was chosen: the preview keeps the choice in memory and
/// opens the spiegel over the dilemma (Esc returns to it).
pub fn choose(app: &mut App, from: DilemmaState, option: usize) {
    let (Some(pack), Some(d)) = (app.packs.get(from.pack), app.dilemma(from.pack, from.dilemma))
    else {
        return;
    };
    let Some(choice) = d.options.get(option).map(|o| o.id.value.clone()) else { return };
    let answer = Answer {
        first: NewAnswer {
            id: String::new(),
            pack: pack.id.value.clone(),
            pack_version: *pack.version,
            dilemma: d.id.value.clone(),
            choice,
            reasoning: String::new(),
            confidence: None,
            share: false,
            at: app.today.clone(),
        },
        revised: None,
        revised_at: None,
    };
    if let Some(preview) = app.preview.as_mut() {
        preview.answer = Some(answer);
    }
    let spiegel = SpiegelState {
        answer: 0,
        pack: from.pack,
        dilemma: from.dilemma,
        order: from.order.clone(),
        scroll: 0,
        revising: None,
        shared: Vec::new(),
        notice: None,
        confirmation: None,
    };
    *app.screen_mut() = Screen::Dilemma(from);
    app.stack.push(Screen::Spiegel(spiegel));
}

/// "Zou je nu anders kiezen?" in the preview: remembered in memory only.
pub fn revise(app: &mut App, choice: String) {
    if let Some(answer) = app.preview.as_mut().and_then(|p| p.answer.as_mut()) {
        answer.revised = Some(choice);
    }
}

/// Rows the problems panel wants in a body of `height` rows: none when there is nothing
/// to say, otherwise its lines, up to half the body.
pub fn panel_height(app: &App, width: u16, height: u16) -> u16 {
    let Some(preview) = &app.preview else { return 0 };
    if preview.problems.is_empty() && !app.packs.is_empty() {
        return 0;
    }
    let lines = panel(app, width).0.len();
    let cap = if app.packs.is_empty() { height } else { height / 2 };
    u16::try_from(lines).unwrap_or(u16::MAX).min(cap.max(3))
}

/// The problems panel as a document — a title that says what is on screen, then one entry
/// per problem with its line and column — and the line each problem starts on.
fn panel(app: &App, width: u16) -> (Doc, Vec<usize>) {
    let mut doc = Doc::new(width);
    let mut starts = Vec::new();
    let Some(preview) = &app.preview else { return (doc, starts) };
    let text = app.ui.lang.studio();
    let theme = app.theme;
    if app.packs.is_empty() {
        doc.para(text.preview_never_loaded, theme.warning());
    } else if preview.broken() {
        doc.para(text.preview_broken, theme.warning());
    } else {
        doc.para(&text.preview_warnings(preview.problems.len()), theme.dim());
    }
    for diag in &preview.problems {
        let severity = if diag.is_error() { text.error } else { text.warning };
        let prefix = format!("{}:{} {severity}: ", diag.pos.line, diag.pos.col);
        let style = if diag.is_error() { theme.warning() } else { Style::new() };
        starts.push(doc.len());
        doc.hanging(Span::styled(prefix, style), &render_message(app.ui.lang, diag), Style::new());
    }
    (doc, starts)
}

/// Draws the problems panel in `area`; when it is too long, the last row says how many
/// problems did not fit.
pub fn render_panel(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let (mut doc, starts) = panel(app, area.width);
    let rows = usize::from(area.height);
    if doc.len() > rows {
        let hidden = starts.iter().filter(|&&start| start >= rows - 1).count();
        doc.lines.truncate(rows - 1);
        doc.para(&app.ui.lang.studio().preview_more(hidden), app.theme.dim());
    }
    render_doc(&doc, 0, area, buf);
}

/// The dilemma `dilemma` of `pack` as the preview shows it — the dilemma as a trainee reads
/// it, then its spiegel with the first werkwijze chosen and the sample chart marked
/// "voorbeeld" — as one document `width` columns wide: what `wikken bewerk` shows beside
/// the form, and the line its spiegel starts on. `pack` is made safe for a terminal first,
/// as the loader does.
pub fn sample_document(
    ui: &'static crate::i18n::UiText,
    theme: super::Theme,
    mut pack: crate::pack::Pack,
    dilemma: usize,
    width: u16,
) -> (Doc, usize) {
    pack.clean();
    let mut app = app(ui, theme, String::new());
    app.packs = vec![pack];
    let mut doc = Doc::new(width);
    if app.dilemma(0, dilemma).is_none() {
        return (doc, 0);
    }
    let state = DilemmaState {
        pack: 0,
        dilemma,
        order: app.option_order(0, dilemma),
        selected: 0,
        scroll: 0,
    };
    doc.lines.extend(super::screens::dilemma::document(&app, &state, width).0.lines);
    choose(&mut app, state, 0);
    doc.blank();
    let spiegel_at = doc.len();
    if let Screen::Spiegel(spiegel) = app.screen() {
        doc.lines.extend(super::screens::spiegel::document(&app, spiegel, width).lines);
    }
    (doc, spiegel_at)
}
