//! Generates a synthetic pool for benchmarks:
//! `cargo run --release --example gen_pool -- --records N --participants P --out DIR`.
//! See `wikken::store::synthetic` for what it contains.

use std::path::PathBuf;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Number of answers (revisions come on top as extra lines).
    #[arg(long)]
    records: usize,
    /// Number of participants (one file each).
    #[arg(long)]
    participants: usize,
    /// Output folder (created).
    #[arg(long)]
    out: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    wikken::store::synthetic::generate(&args.out, args.records, args.participants, args.seed)?;
    println!(
        "{} answers from {} participants in {}",
        args.records,
        args.participants,
        args.out.display()
    );
    Ok(())
}
