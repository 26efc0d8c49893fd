//! Synthetic pools for benchmarks and scale tests (`examples/gen_pool.rs`,
//! `benches/pool.rs`): one file per participant, as real writers produce, with dilemma and
//! werkwijze ids from the bundled packs, about 10% of answers revised (a second line, as
//! the trainer writes it) and 5% with shared reasoning. A participant with no more answers than
//! there are dilemmas answers each dilemma at most once. Deterministic for a seed.

use std::io::{BufWriter, Write};
use std::path::Path;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};

use super::record::PoolRecord;
use crate::pack::{BUNDLED, check_text};

/// Writes `records` answers from `participants` participants into `dir`.
pub fn generate(dir: &Path, records: usize, participants: usize, seed: u64) -> std::io::Result<()> {
    let dilemmas: Vec<(String, u32, String, Vec<String>)> = BUNDLED
        .iter()
        .filter_map(|(_, text)| check_text(text).pack)
        .flat_map(|p| {
            let (pack, v) = (p.id.value.clone(), *p.version);
            p.dilemmas.into_iter().map(move |d| {
                let options = d.options.iter().map(|o| o.id.value.clone()).collect();
                (pack.clone(), v, d.id.value, options)
            })
        })
        .collect();
    if dilemmas.is_empty() {
        return Err(std::io::Error::other("no bundled dilemmas"));
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = StdRng::seed_from_u64(seed);
    let participants = participants.max(1);
    for i in 0..participants {
        let p = format!("{:016x}", rng.random::<u64>());
        let mut w = BufWriter::new(std::fs::File::create(dir.join(format!("{p}.jsonl")))?);
        let n = records / participants + usize::from(i < records % participants);
        // Up to one answer per dilemma, each dilemma once (as a real participant answers);
        // beyond that, dilemmas repeat at random (re-answers).
        let mut order: Vec<usize> = (0..dilemmas.len()).collect();
        order.shuffle(&mut rng);
        let distinct = n <= dilemmas.len();
        for k in 0..n {
            let pick = match order.get(k) {
                Some(&d) if distinct => d,
                _ => rng.random_range(0..dilemmas.len()),
            };
            let (pack, v, dilemma, options) = &dilemmas[pick];
            let mut record = PoolRecord {
                rid: format!("{:016x}", rng.random::<u64>()),
                pack: pack.clone(),
                v: *v,
                dilemma: dilemma.clone(),
                first: options[rng.random_range(0..options.len())].clone(),
                revised: None,
                p: p.clone(),
                date: format!(
                    "2026-{:02}-{:02}",
                    rng.random_range(1..=12),
                    rng.random_range(1..=28)
                ),
                reasoning: rng
                    .random_bool(0.05)
                    .then(|| "Ik weeg de menselijke maat zwaarder dan de regel.".to_string()),
            };
            serde_json::to_writer(&mut w, &record)?;
            w.write_all(b"\n")?;
            if rng.random_bool(0.1) {
                record.revised = Some(options[rng.random_range(0..options.len())].clone());
                serde_json::to_writer(&mut w, &record)?;
                w.write_all(b"\n")?;
            }
        }
        w.flush()?;
    }
    Ok(())
}
