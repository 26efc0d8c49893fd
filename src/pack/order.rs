//! The order in which one person sees a dilemma's werkwijzen: shuffled per person, to avoid
//! position bias (the first option is chosen more often just for being first), and the same
//! on every visit and in every version of wikken, so the screen never jumps around. The
//! generator is named and value-stable (ChaCha8 from `rand_chacha`, whose output is fixed by
//! its specification) and the shuffle is written here, so no library upgrade can reorder
//! anyone's werkwijzen; answers store the werkwijze's id, never its position.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

/// The display order of `n` werkwijzen of dilemma `dilemma` in pack `pack` for the person
/// whose order seed is `seed` (derived from the install's order key): position → index.
pub fn werkwijze_order(seed: u64, pack: &str, dilemma: &str, n: usize) -> Vec<usize> {
    let key = format!("{pack}/{dilemma}");
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ crate::store::fnv1a(key.as_bytes()));
    let mut order: Vec<usize> = (0..n).collect();
    // Fisher–Yates, from the back.
    for i in (1..n).rev() {
        let j = below(&mut rng, i + 1);
        order.swap(i, j);
    }
    order
}

/// A uniform number below `bound` (at most a few werkwijzen), without modulo bias: values
/// from the top of the range that would favour small numbers are drawn again.
fn below(rng: &mut ChaCha8Rng, bound: usize) -> usize {
    let bound = u32::try_from(bound).unwrap_or(u32::MAX).max(1);
    let zone = u32::MAX - u32::MAX % bound;
    loop {
        let x = rng.next_u32();
        if x < zone {
            // Invariant: x % bound < bound, which came from a usize.
            return (x % bound) as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_pinned() {
        // If this changes, every person's werkwijzen move on screen after an upgrade.
        assert_eq!(werkwijze_order(42, "werk-en-inkomen", "verzwegen-samenwonen", 4), PINNED);
        assert_eq!(werkwijze_order(7, "oefen", "te-laat", 3), PINNED_SMALL);
    }

    const PINNED: [usize; 4] = [1, 3, 2, 0];
    const PINNED_SMALL: [usize; 3] = [2, 1, 0];

    #[test]
    fn every_order_is_a_permutation_and_they_differ_between_people() {
        let mut seen = std::collections::HashSet::new();
        for seed in 0..200u64 {
            let order = werkwijze_order(seed, "p", "d", 4);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, vec![0, 1, 2, 3]);
            seen.insert(order);
        }
        // 24 orders of four; 200 people see (nearly) all of them.
        assert!(seen.len() >= 20, "{}", seen.len());
    }
}
