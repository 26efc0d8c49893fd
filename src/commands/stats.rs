//! `wikken stats`: per dilemma the participants, counts and percentages per werkwijze, and
//! who revised to what — as a table, CSV or JSON, always behind the anonymity threshold,
//! with answers imported from other teams counted apart (they never unlock the team's own).

use std::io::Write;

use serde::Serialize;

use super::Exit;
use crate::i18n::{CliText, Lang};
use crate::pack::Pack;
use crate::store::percent;
use crate::store::{Distribution, Summary, Threshold};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    /// Aligned text for the terminal.
    Table,
    /// CSV for spreadsheets: UTF-8 with BOM; `;` in Dutch (Excel's list separator in Dutch
    /// locales), `,` in English.
    Csv,
    /// JSON for scripts.
    Json,
}

/// Prints the statistics of `packs` from the pool summary.
pub fn stats(
    lang: Lang,
    packs: &[&Pack],
    summary: &Summary,
    threshold: Threshold,
    format: StatsFormat,
    out: &mut dyn Write,
) -> std::io::Result<Exit> {
    let text = match format {
        StatsFormat::Table => table(lang, packs, summary, threshold),
        StatsFormat::Csv => csv(lang, packs, summary),
        StatsFormat::Json => json(packs, summary),
    };
    out.write_all(text.as_bytes())?;
    Ok(Exit::Ok)
}

/// "a → c (1), b → c (2)" for moves out of `from` (or all moves when `from` is None).
fn moves_text(d: &Distribution, from: Option<&str>) -> String {
    let mut moves: Vec<(&String, &String, u32)> = d
        .moves
        .iter()
        .filter(|((a, _), _)| from.is_none_or(|f| f == a))
        .map(|((a, b), n)| (a, b, *n))
        .collect();
    moves.sort();
    moves
        .iter()
        .map(
            |(a, b, n)| {
                if from.is_some() { format!("{b} ({n})") } else { format!("{a} → {b} ({n})") }
            },
        )
        .collect::<Vec<_>>()
        .join(", ")
}

fn table(lang: Lang, packs: &[&Pack], summary: &Summary, k: Threshold) -> String {
    let text = CliText(lang);
    let [first_col, pct_col, after_col] = text.stats_columns();
    let mut out = String::new();
    for pack in packs {
        out.push_str(&text.stats_pack(&pack.title, &pack.id, *pack.version, k.k()));
        out.push_str("\n\n");
        for dilemma in &pack.dilemmas {
            let shown = summary.shown(&pack.id, *pack.version, &dilemma.id);
            out.push_str(&format!("{} ({})\n", dilemma.title.as_str(), dilemma.id.as_str()));
            out.push_str(&format!("  {}\n", text.stats_caption(&shown, k.k())));
            let Some(d) = shown.distribution() else {
                out.push('\n');
                continue;
            };
            let width =
                dilemma.options.iter().map(|o| o.title.chars().count()).max().unwrap_or(0).min(44);
            out.push_str(&format!(
                "  {:<idw$}  {:<width$}  {first_col:>12}  {pct_col:>4}  {after_col:>13}\n",
                "",
                "",
                idw = 4,
            ));
            for o in &dilemma.options {
                let n = d.count(&o.id);
                let title = crate::tui::widgets::text::truncate(&o.title, width);
                out.push_str(&format!(
                    "  {:<4}  {title:<width$}  {n:>12}  {:>3}%  {:>13}\n",
                    o.id.as_str(),
                    percent(n, d.participants),
                    d.after_count(&o.id),
                ));
            }
            if d.revised > 0 {
                out.push_str(&format!("  {}\n", text.stats_moves(&moves_text(d, None))));
            }
            out.push('\n');
        }
    }
    // Pack texts are cleaned when a pack loads and pool ids when the pool is counted; this
    // last pass keeps any other byte from reaching the terminal all the same.
    crate::clean::text(&out).into_owned()
}

fn csv(lang: Lang, packs: &[&Pack], summary: &Summary) -> String {
    let text = CliText(lang);
    let sep = lang.pick(';', ',');
    let line = |fields: &[String]| {
        let cells: Vec<String> = fields.iter().map(|f| crate::clean::csv_cell(f, sep)).collect();
        format!("{}\r\n", cells.join(&sep.to_string()))
    };
    // The byte order mark makes Excel read UTF-8 (ë, „”) correctly.
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = text.csv_header().iter().map(|s| s.to_string()).collect();
    out.push_str(&line(&header));
    for pack in packs {
        for dilemma in &pack.dilemmas {
            let shown = summary.shown(&pack.id, *pack.version, &dilemma.id);
            let (dist, c) = (shown.distribution(), shown.counts());
            let base = [
                pack.id.value.clone(),
                pack.version.to_string(),
                dilemma.id.value.clone(),
                dilemma.title.value.clone(),
                dist.map_or(c.own + c.sessions + c.other, |d| d.participants).to_string(),
                text.yes_no(dist.is_some()).to_string(),
                c.own.to_string(),
                c.sessions.to_string(),
                c.other.to_string(),
                text.scope(shown.scope()).to_string(),
            ];
            let Some(d) = dist else {
                let mut row = base.to_vec();
                row.extend(std::iter::repeat_n(String::new(), 6));
                out.push_str(&line(&row));
                continue;
            };
            for o in &dilemma.options {
                let n = d.count(&o.id);
                let mut row = base.to_vec();
                row.extend([
                    o.id.value.clone(),
                    o.title.value.clone(),
                    n.to_string(),
                    percent(n, d.participants).to_string(),
                    d.after_count(&o.id).to_string(),
                    moves_text(d, Some(&o.id)),
                ]);
                out.push_str(&line(&row));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonStats<'a> {
    threshold: u32,
    dilemmas: Vec<JsonDilemma<'a>>,
}

#[derive(Serialize)]
struct JsonDilemma<'a> {
    pack: &'a str,
    version: u32,
    dilemma: &'a str,
    title: &'a str,
    /// Participants in the distribution shown; below the threshold all counted so far.
    participants: u32,
    visible: bool,
    /// Whose answers the distribution holds: "all", "groups" (sessions and other teams
    /// only) or "hidden".
    scope: &'static str,
    /// Participants who answered alone in this team's pool.
    own: u32,
    /// Votes from this team's intervisie sessions.
    sessions: u32,
    /// Participants from other teams (imported bundles).
    other_teams: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    revised: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    options: Vec<JsonOption<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    moves: Vec<JsonMove>,
}

#[derive(Serialize)]
struct JsonOption<'a> {
    id: &'a str,
    title: &'a str,
    first: u32,
    percent: u32,
    after: u32,
}

#[derive(Serialize)]
struct JsonMove {
    from: String,
    to: String,
    count: u32,
}

fn json(packs: &[&Pack], summary: &Summary) -> String {
    let mut dilemmas = Vec::new();
    for pack in packs {
        for dilemma in &pack.dilemmas {
            let shown = summary.shown(&pack.id, *pack.version, &dilemma.id);
            let (dist, c) = (shown.distribution(), shown.counts());
            let mut moves: Vec<JsonMove> = dist
                .map(|d| {
                    d.moves
                        .iter()
                        .map(|((a, b), n)| JsonMove { from: a.clone(), to: b.clone(), count: *n })
                        .collect()
                })
                .unwrap_or_default();
            moves.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
            dilemmas.push(JsonDilemma {
                pack: &pack.id,
                version: *pack.version,
                dilemma: &dilemma.id,
                title: &dilemma.title,
                participants: dist.map_or(c.own + c.sessions + c.other, |d| d.participants),
                visible: dist.is_some(),
                scope: shown.scope().name(),
                own: c.own,
                sessions: c.sessions,
                other_teams: c.other,
                revised: dist.map(|d| d.revised),
                options: dist
                    .map(|d| {
                        dilemma
                            .options
                            .iter()
                            .map(|o| JsonOption {
                                id: &o.id,
                                title: &o.title,
                                first: d.count(&o.id),
                                percent: percent(d.count(&o.id), d.participants),
                                after: d.after_count(&o.id),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                moves,
            });
        }
    }
    let mut text = serde_json::to_string_pretty(&JsonStats { threshold: summary.k, dilemmas })
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
