//! The session report in words: Markdown in the facilitator's language, from the
//! domain's [`Report`]. Never a name, never a vote per person — the report holds neither.

use super::{Lang, SessionText};
use crate::session::{Method, Report, ReportItem, RoundCounts};
use crate::store::percent;

fn cell(round: Option<&RoundCounts>, option: &str) -> String {
    match round {
        None => "–".into(),
        Some(r) => {
            let n = r.count(option);
            format!("{n} ({}%)", percent(n, r.cast))
        }
    }
}

/// Escapes a table cell: a `|` would break the row.
fn md(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The report as Markdown.
pub fn session_report(report: &Report, lang: Lang) -> String {
    let t = lang.session();
    let mut out = String::new();
    out.push_str(&format!("# {} — {}\n\n", t.report_title, report.pack_title));
    out.push_str(&format!("- {}: {}\n", t.report_date, report.date));
    out.push_str(&format!("- {}: {}\n", t.report_method, t.method(report.method)));
    out.push_str(&format!("- {}: {}\n", t.report_mode, t.mode(report.mode)));
    out.push_str(&format!("- {}: {}\n", t.report_participants, report.participants));
    out.push_str(&format!(
        "- Pack: {} ({} {})\n\n",
        report.pack_id,
        lang.pick("versie", "version"),
        report.version
    ));
    if !report.finished {
        out.push_str(&format!("*{}*\n\n", t.report_stopped));
    }
    out.push_str(&format!("## {}\n\n", t.report_agenda));
    for (i, item) in report.items.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, item.title));
    }
    for (i, item) in report.items.iter().enumerate() {
        // A dilemma the pack no longer has is named in the agenda only.
        let Some(question) = &item.question else { continue };
        out.push_str(&format!("\n## {}. {}\n\n", i + 1, item.title));
        out.push_str(&format!("> {question}\n\n"));
        votes_table(&mut out, t, item);
        prompts_and_notes(&mut out, t, item, report.method);
    }
    out.push_str(&format!("\n---\n{}\n", t.report_privacy));
    out
}

/// A dilemma's votes: a table of both rounds per werkwijze, how many moved, and a round
/// with more votes than people; or that it was not voted on.
fn votes_table(out: &mut String, t: &SessionText, item: &ReportItem) {
    let (first, second) = (item.first.as_ref(), item.second.as_ref());
    if first.is_none() {
        out.push_str(&format!("{}\n", t.report_not_voted));
        return;
    }
    let votes = |r: Option<&RoundCounts>| r.map_or("–".to_string(), |r| t.votes(r.cast));
    out.push_str(&format!(
        "| {} | {} ({}) | {} ({}) |\n|---|---|---|\n",
        t.report_option,
        t.first_round,
        votes(first),
        t.second_round,
        votes(second)
    ));
    for (id, title) in &item.options {
        out.push_str(&format!("| {} | {} | {} |\n", md(title), cell(first, id), cell(second, id)));
    }
    if let Some((moved, both)) = item.moved {
        out.push_str(&format!("\n{}\n", t.moved(moved, both)));
    }
    for (name, round) in [(t.first_round, first), (t.second_round, second)] {
        if let Some(r) = round.filter(|r| r.surplus) {
            out.push_str(&format!("\n{}\n", t.report_surplus(name, r.cast)));
        }
    }
}

/// What the group was asked to consider, and the notes taken. Each step's notes under the
/// step's name, so conclusions and the evaluation stay apart and a reader knows what a
/// note answered.
fn prompts_and_notes(out: &mut String, t: &SessionText, item: &ReportItem, method: Method) {
    let mut prompts = Vec::new();
    if item.onderbouwing_shown {
        prompts.push(format!("- {}", t.onderbouwing));
    }
    if item.research_shown {
        prompts.push(format!("- {}", t.research));
    }
    prompts.extend(item.questions.iter().map(|q| format!("- {q}")));
    if !prompts.is_empty() {
        out.push_str(&format!("\n### {}\n\n{}\n", t.report_prompts, prompts.join("\n")));
    }
    out.push_str(&format!("\n### {}\n\n", t.report_notes));
    if item.notes.is_empty() {
        out.push_str(&format!("{}\n", t.report_no_notes));
    }
    for (i, n) in item.notes.iter().enumerate() {
        let (step, _) = t.stage(n.stage, method);
        let gap = if i == 0 { "" } else { "\n" };
        out.push_str(&format!("{gap}**{step}**\n\n{}\n", n.text));
    }
}
