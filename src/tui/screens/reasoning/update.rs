//! What actions do to this screen: its part of `update`, without I/O.

use crate::store::Answer;
use crate::tui::action::Action;
use crate::tui::app::{App, Confirm, Field, Overlay, ReasoningState, Screen};
use crate::tui::effect::Draft;
use crate::tui::effect::Effect;
use crate::tui::nav::{back, replace};
use crate::tui::screens::spiegel::new_spiegel;

pub(in crate::tui) fn reasoning(
    app: &mut App,
    mut s: ReasoningState,
    action: Action,
) -> Vec<Effect> {
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

pub(in crate::tui) fn submit(app: &mut App, mut s: ReasoningState) -> Vec<Effect> {
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
pub(in crate::tui) fn answer_saved(app: &mut App, answer: crate::store::NewAnswer) -> Vec<Effect> {
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
