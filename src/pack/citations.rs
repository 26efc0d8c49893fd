//! Numbering the sources that notes cite, in order of first citation, for `[n]` marks and
//! the list of sources below them (the spiegel and the handouts number them alike).

use super::model::Note;

/// Sources numbered in order of first citation.
#[derive(Debug, Default)]
pub struct Citations<'p> {
    /// Source ids, the first cited first; source `n` is `order[n - 1]`.
    pub order: Vec<&'p str>,
}

impl<'p> Citations<'p> {
    /// The marks for a note's sources (" [1] [3]"), numbering sources seen for the first
    /// time.
    pub fn marks(&mut self, note: &'p Note) -> String {
        let mut marks = String::new();
        for s in &note.sources {
            let n = match self.order.iter().position(|x| *x == s.as_str()) {
                Some(i) => i + 1,
                None => {
                    self.order.push(s.as_str());
                    self.order.len()
                }
            };
            marks.push_str(&format!(" [{n}]"));
        }
        marks
    }
}
