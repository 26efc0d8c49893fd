//! The spiegel: your choice, how colleagues chose (or the count below the anonymity
//! threshold), each werkwijze's onderbouwing, research notes with full citations, what
//! colleagues considered, intervisie questions, and one chance to choose again.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;

use crate::pack::{Citations, Dilemma, Pack};
use crate::tui::app::{App, PoolState, SpiegelState};
use crate::tui::widgets::chart::{Bar, Marks, bar_lines};
use crate::tui::widgets::document::{Doc, render_doc};
use crate::tui::widgets::notes::{Level, grouped};
use crate::tui::widgets::overlay::picker;

/// The spiegel as a document.
pub fn document(app: &App, state: &SpiegelState, width: u16) -> Doc {
    document_and_chart(app, state, width).0
}

/// The spiegel as a document, and the line where the colleagues' chart starts (what a
/// revision brings into view).
pub fn document_and_chart(app: &App, state: &SpiegelState, width: u16) -> (Doc, Option<usize>) {
    let ui = app.ui;
    let theme = app.theme;
    let mut doc = Doc::new(width);
    let (Some(pack), Some(d), Some(answer)) = (
        app.packs.get(state.pack),
        app.dilemma(state.pack, state.dilemma),
        app.spiegel_answer(state),
    ) else {
        return (doc, None);
    };
    let number = |id: &str| {
        state.order.iter().position(|&i| d.options[i].id.as_str() == id).map_or(0, |p| p + 1)
    };
    let label = |id: &str| {
        let title = d.option(id).map_or(id, |o| o.title.as_str());
        format!("{}. {title}", number(id))
    };
    doc.para(&format!("{} — {}", ui.spiegel_title, d.title.as_str()), theme.title());
    doc.blank();
    doc.choices(
        app.ui,
        theme,
        &label(&answer.first.choice),
        answer.revised.as_deref().map(|r| (label(r), None)),
    );
    if let Some(notice) = &state.notice {
        doc.para(notice, theme.warning());
    }

    let own = answer.current_choice();
    let mut shown_distribution = false;
    doc.blank();
    let chart = Some(doc.len());
    if let Some(confirmation) = &state.confirmation {
        doc.para(confirmation, theme.own());
    }
    if app.preview.is_some() {
        sample_distribution(&mut doc, app, d, state, own, width);
    } else {
        doc.heading(ui.spiegel_colleagues, theme.title());
    }
    match &app.pool {
        _ if app.preview.is_some() => {}
        PoolState::Loading => doc.para(ui.spiegel_pool_loading, theme.dim()),
        PoolState::Ready(tally) => {
            let shown = crate::practice::colleagues(tally, pack, d, app.threshold);
            let caption = ui.spiegel_caption(&shown, app.threshold.k());
            match shown.distribution() {
                None => doc.para(&caption, Style::new()),
                Some(dist) => {
                    shown_distribution = true;
                    doc.para(&caption, theme.dim());
                    // Once anyone revised (you, or colleagues), a second bar per werkwijze
                    // shows where people ended up; "◀ jij" marks what you hold now.
                    let revised = answer.revised.is_some();
                    let after = dist.revised > 0 || revised;
                    let bars: Vec<Bar> = state
                        .order
                        .iter()
                        .enumerate()
                        .map(|(pos, &i)| {
                            let o = &d.options[i];
                            Bar {
                                after: after.then(|| dist.after_count(&o.id)),
                                own: o.id.as_str() == own,
                                first_own: revised && o.id.as_str() == answer.first.choice,
                                ..Bar::plain(pos + 1, o.title.as_str(), dist.count(&o.id))
                            }
                        })
                        .collect();
                    let marks = Marks {
                        you: ui.spiegel_you,
                        your_first: ui.spiegel_your_first,
                        first: ui.spiegel_chart_first,
                        after: ui.spiegel_chart_after,
                    };
                    for line in bar_lines(&bars, dist.participants, width, marks, theme) {
                        doc.line(line);
                    }
                }
            }
        }
    }

    doc.heading(ui.spiegel_your_reasoning, theme.title());
    if app.preview.is_some() {
        doc.para(app.ui.lang.studio().preview_nothing_saved, theme.dim());
    } else if answer.first.reasoning.trim().is_empty() {
        doc.para(ui.spiegel_no_reasoning, theme.dim());
    } else {
        doc.para(&answer.first.reasoning, Style::new());
    }

    let mut citations = Citations::default();
    doc.heading(ui.spiegel_onderbouwing, theme.title());
    for (pos, &i) in state.order.iter().enumerate() {
        let o = &d.options[i];
        let mine = o.id.as_str() == own;
        let marker = if mine { "▶" } else { " " };
        let style = if mine {
            theme.own()
        } else {
            Style::new().add_modifier(ratatui::style::Modifier::BOLD)
        };
        doc.blank();
        doc.hanging(Span::styled(format!("{marker}{}. ", pos + 1), style), o.title.as_str(), style);
        grouped(&mut doc, &o.notes, ui, theme, Level::Nested, |note| {
            format!("{}{}", note.text.as_str(), citations.marks(note))
        });
    }

    // The dilemma's notes under one heading per kind of knowledge: never a practice story
    // under "Wat onderzoek zegt".
    grouped(&mut doc, &d.notes, ui, theme, Level::Section, |note| {
        format!("{}{}", note.text.as_str(), citations.marks(note))
    });

    if shown_distribution && !state.shared.is_empty() {
        doc.heading(ui.spiegel_shared_reasoning, theme.title());
        for text in &state.shared {
            doc.hanging(Span::styled("› ", theme.dim()), text, Style::new());
        }
    }

    // The questions before the full citations: at 80×24 a list of sources should not
    // stand between the reader and the conversation.
    if !d.questions.is_empty() {
        doc.heading(ui.spiegel_questions, theme.title());
        for q in &d.questions {
            doc.hanging(Span::raw("• "), q.as_str(), Style::new());
        }
    }

    doc.heading(ui.spiegel_revise_prompt, theme.title());
    let hint =
        if answer.revised.is_some() { ui.spiegel_revise_done } else { ui.spiegel_revise_hint };
    doc.para(hint, theme.dim());

    sources(&mut doc, pack, &citations, app);
    (doc, chart)
}

/// The preview's chart: a fixed sample spread, marked "voorbeeld" in its heading and
/// caption so nobody takes it for colleagues' answers.
fn sample_distribution(
    doc: &mut Doc,
    app: &App,
    d: &Dilemma,
    state: &SpiegelState,
    own: &str,
    width: u16,
) {
    let text = app.ui.lang.studio();
    let counts = crate::tui::preview::sample_counts(d.options.len());
    let participants = counts.iter().sum();
    doc.heading(text.preview_sample_heading, app.theme.warning());
    doc.para(&text.preview_sample_caption(participants), app.theme.warning());
    let bars: Vec<Bar> = state
        .order
        .iter()
        .enumerate()
        .map(|(pos, &i)| Bar {
            own: d.options[i].id.as_str() == own,
            ..Bar::plain(pos + 1, d.options[i].title.as_str(), counts.get(i).copied().unwrap_or(0))
        })
        .collect();
    let marks = Marks {
        you: app.ui.spiegel_you,
        your_first: app.ui.spiegel_your_first,
        first: app.ui.spiegel_chart_first,
        after: app.ui.spiegel_chart_after,
    };
    for line in bar_lines(&bars, participants, width, marks, app.theme) {
        doc.line(line);
    }
}

fn sources(doc: &mut Doc, pack: &Pack, citations: &Citations, app: &App) {
    if citations.order.is_empty() {
        return;
    }
    doc.heading(app.ui.spiegel_sources, app.theme.title());
    for (n, id) in citations.order.iter().enumerate() {
        let Some(source) = pack.source(id) else { continue };
        let url = source.url.as_ref().map(|u| format!(" {}", u.as_str())).unwrap_or_default();
        doc.hanging(
            Span::styled(format!("[{}] ", n + 1), app.theme.dim()),
            &format!("{}{url}", source.citation.as_str()),
            Style::new(),
        );
    }
}

/// Draws the spiegel, and the revision picker over it while choosing again.
pub fn render(app: &App, state: &SpiegelState, area: Rect, buf: &mut Buffer) {
    let doc = document(app, state, area.width);
    render_doc(&doc, state.scroll, area, buf);
    if let (Some(selected), Some(d)) = (state.revising, app.dilemma(state.pack, state.dilemma)) {
        revise_picker(app, d, state, selected, area, buf);
    }
}

fn revise_picker(
    app: &App,
    d: &Dilemma,
    state: &SpiegelState,
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let own = app.spiegel_answer(state).map(|a| a.first.choice.as_str());
    let items = state
        .order
        .iter()
        .enumerate()
        .map(|(pos, &i)| {
            let o = &d.options[i];
            let mark = if Some(o.id.as_str()) == own {
                format!(" ({})", app.ui.spiegel_you)
            } else {
                String::new()
            };
            format!("{}. {}{mark}", pos + 1, o.title.as_str())
        })
        .collect();
    let width = area.width.saturating_sub(6);
    // At the bottom, under the chart the question is about (scrolled to the top).
    // (the picker keeps a row free above and below itself inside the rectangle it is given)
    let height = (state.order.len() as u16 + 4).min(area.height / 2 + 2).max(5);
    let at = Rect { y: area.bottom().saturating_sub(height), height, ..area };
    picker(app.ui.spiegel_revise_choose, items, selected, width, at, buf, app.theme);
}
