//! The Markdown report of a session: agenda, method, per dilemma the distributions before
//! and after, the material used and the facilitator's notes. Never a name, never a vote per
//! person.

use crate::i18n::Lang;
use crate::pack::Pack;

use super::state::{Round, Session};

/// Texts the report needs (see `crate::i18n`).
pub type ReportText = crate::i18n::SessionText;

fn percent(n: u32, total: u32) -> u32 {
    if total == 0 { 0 } else { (f64::from(n) * 100.0 / f64::from(total)).round() as u32 }
}

fn cell(round: Option<&Round>, option: &str) -> String {
    match round.filter(|r| r.revealed) {
        None => "–".into(),
        Some(r) => {
            let n = r.ballots.counts().get(option).copied().unwrap_or(0);
            format!("{n} ({}%)", percent(n, r.ballots.cast()))
        }
    }
}

/// Escapes a table cell: a `|` would break the row.
fn md(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown. `date` is `YYYY-MM-DD`.
pub fn report(session: &Session, pack: &Pack, date: &str, lang: Lang) -> String {
    let t = lang.session();
    let mut out = String::new();
    let setup = &session.setup;
    out.push_str(&format!("# {} — {}\n\n", t.report_title, pack.title.as_str()));
    out.push_str(&format!("- {}: {date}\n", t.report_date));
    out.push_str(&format!("- {}: {}\n", t.report_method, t.method(setup.method)));
    out.push_str(&format!("- {}: {}\n", t.report_mode, t.mode(setup.mode)));
    out.push_str(&format!("- {}: {}\n", t.report_participants, setup.participants));
    out.push_str(&format!(
        "- Pack: {} ({} {})\n\n",
        pack.id.as_str(),
        lang.pick("versie", "version"),
        setup.version
    ));
    if !session.finished {
        out.push_str(&format!("*{}*\n\n", t.report_stopped));
    }
    out.push_str(&format!("## {}\n\n", t.report_agenda));
    for (i, item) in session.items.iter().enumerate() {
        let title = pack.dilemma(&item.dilemma).map_or(item.dilemma.as_str(), |d| d.title.as_str());
        out.push_str(&format!("{}. {}\n", i + 1, title));
    }
    for (i, item) in session.items.iter().enumerate() {
        let Some(d) = pack.dilemma(&item.dilemma) else { continue };
        out.push_str(&format!("\n## {}. {}\n\n", i + 1, d.title.as_str()));
        out.push_str(&format!("> {}\n\n", d.question.as_str()));
        let first = item.first.as_ref().filter(|r| r.revealed);
        let second = item.second.as_ref().filter(|r| r.revealed);
        if first.is_none() {
            out.push_str(&format!("{}\n", t.report_not_voted));
        } else {
            let votes =
                |r: Option<&Round>| r.map_or("–".to_string(), |r| t.votes(r.ballots.cast()));
            out.push_str(&format!(
                "| {} | {} ({}) | {} ({}) |\n|---|---|---|\n",
                t.report_option,
                t.first_round,
                votes(first),
                t.second_round,
                votes(second)
            ));
            for o in &d.options {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    md(o.title.as_str()),
                    cell(first, &o.id),
                    cell(second, &o.id)
                ));
            }
            if let Some((moved, both)) = Session::moved(item).filter(|_| second.is_some()) {
                out.push_str(&format!("\n{}\n", t.moved(moved, both)));
            }
        }
        let mut prompts = Vec::new();
        if item.onderbouwing_shown {
            prompts.push(format!("- {}", t.onderbouwing));
        }
        if item.research_shown {
            prompts.push(format!("- {}", t.research));
        }
        if item.questions_shown {
            for q in &d.questions {
                prompts.push(format!("- {}", q.as_str()));
            }
        }
        if !prompts.is_empty() {
            out.push_str(&format!("\n### {}\n\n{}\n", t.report_prompts, prompts.join("\n")));
        }
        out.push_str(&format!("\n### {}\n\n", t.report_notes));
        if item.notes.trim().is_empty() {
            out.push_str(&format!("{}\n", t.report_no_notes));
        } else {
            out.push_str(&format!("{}\n", item.notes.trim()));
        }
    }
    out.push_str(&format!("\n---\n{}\n", t.report_privacy));
    out
}
