//! One pool record line, read with its strings borrowed from the line. Counting a pool is
//! mostly reading such lines, so the exact shape wikken writes them in (the fields of
//! [`PoolRecord`](super::PoolRecord) in their order, strings without escapes) is read by a
//! small reader made for it; any line that differs in the least — another field order,
//! whitespace, an escape, a duplicate or unknown field, a number that is not a plain
//! `u32` — goes to `serde_json`, which decides as it always did. The fast reader therefore
//! never accepts a line serde would refuse, and never reads one differently (a property
//! test holds it to that); it only saves the time of the general reader.

use std::borrow::Cow;

use serde::Deserialize;

/// A pool record as it is read: fields borrowed from the line where possible.
#[derive(Debug, PartialEq, Eq, Deserialize)]
pub(super) struct Raw<'a> {
    // Required strings, as for every reader of the pool (a line without them is damaged),
    // but not read: which answer counts is decided by the order of lines, never by an id
    // or a date that a file could forge.
    #[serde(borrow, rename = "rid")]
    pub(super) _rid: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) pack: Cow<'a, str>,
    pub(super) v: u32,
    #[serde(borrow)]
    pub(super) dilemma: Cow<'a, str>,
    #[serde(borrow)]
    pub(super) first: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(super) revised: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub(super) p: Cow<'a, str>,
    #[serde(borrow, rename = "date")]
    pub(super) _date: Cow<'a, str>,
    #[serde(default, borrow)]
    pub(super) reasoning: Option<Cow<'a, str>>,
}

impl<'a> Raw<'a> {
    /// Reads one line (without its newline) as a record, or says why it is not one.
    pub(super) fn parse(line: &'a [u8]) -> Result<Raw<'a>, serde_json::Error> {
        match canonical(line) {
            Some(raw) => Ok(raw),
            None => serde_json::from_slice(line),
        }
    }
}

/// The line read as wikken writes it, or `None` for anything else (then serde decides).
fn canonical(line: &[u8]) -> Option<Raw<'_>> {
    let mut c = Cursor { line, at: 0 };
    c.need(b"{\"rid\":")?;
    let rid = c.string()?;
    c.need(b",\"pack\":")?;
    let pack = c.string()?;
    c.need(b",\"v\":")?;
    let v = c.number()?;
    c.need(b",\"dilemma\":")?;
    let dilemma = c.string()?;
    c.need(b",\"first\":")?;
    let first = c.string()?;
    let revised = if c.eat(b",\"revised\":") { Some(c.string()?) } else { None };
    c.need(b",\"p\":")?;
    let p = c.string()?;
    c.need(b",\"date\":")?;
    let date = c.string()?;
    let reasoning = if c.eat(b",\"reasoning\":") { Some(c.string()?) } else { None };
    c.need(b"}")?;
    // Nothing may follow, not even whitespace (serde allows that; it reads such a line).
    (c.at == line.len()).then_some(Raw {
        _rid: rid,
        pack,
        v,
        dilemma,
        first,
        revised,
        p,
        _date: date,
        reasoning,
    })
}

/// A place in the line being read.
struct Cursor<'a> {
    line: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// Steps over `text` if the line goes on with it.
    fn eat(&mut self, text: &[u8]) -> bool {
        let found = self.line.get(self.at..).is_some_and(|rest| rest.starts_with(text));
        if found {
            self.at += text.len();
        }
        found
    }

    /// Steps over `text`, which must come next.
    fn need(&mut self, text: &[u8]) -> Option<()> {
        self.eat(text).then_some(())
    }

    /// A JSON string without escapes and without control characters (which JSON forbids
    /// unescaped), valid UTF-8: exactly what serde would read, borrowed.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.at + 1;
        if self.line.get(self.at) != Some(&b'"') {
            return None;
        }
        // One pass: with no backslash before it, the first quote is the string's end. The
        // strings are short ids, where a plain loop beats searching in blocks.
        let rest = self.line.get(start..)?;
        let len = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest[len] != b'"' {
            return None;
        }
        let bytes = &rest[..len];
        let text = std::str::from_utf8(bytes).ok()?;
        self.at = start + len + 1;
        Some(Cow::Borrowed(text))
    }

    /// A plain `u32` in JSON's spelling: `0`, or digits without a leading zero.
    fn number(&mut self) -> Option<u32> {
        let rest = self.line.get(self.at..)?;
        let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let digits = &rest[..len];
        if len == 0 || (len > 1 && digits[0] == b'0') {
            return None;
        }
        // Digits only, so this is ASCII; `parse` refuses what does not fit in a u32.
        let n = std::str::from_utf8(digits).ok()?.parse().ok()?;
        self.at += len;
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    //! The fast reader against serde: the same record for every line it reads, and lines it
    //! does not read are left to serde.

    use super::*;
    use crate::store::PoolRecord;
    use proptest::prelude::*;

    fn line(r: &PoolRecord) -> Vec<u8> {
        serde_json::to_vec(r).expect("serialises")
    }

    fn record(revised: bool, reasoning: Option<&str>) -> PoolRecord {
        PoolRecord {
            rid: "15b6979241f7f509".into(),
            pack: "werk-en-inkomen".into(),
            v: 3,
            dilemma: "zachte-landing".into(),
            first: "c".into(),
            revised: revised.then(|| "a".into()),
            p: "00077c7525e2d060".into(),
            date: "2026-04-23".into(),
            reasoning: reasoning.map(str::to_string),
        }
    }

    #[test]
    fn what_wikken_writes_is_read_by_the_fast_reader() {
        for r in [
            record(false, None),
            record(true, None),
            record(true, Some("Eerst bellen, dan pas een brief.")),
            record(false, Some("Één gesprek — niet méér.")),
        ] {
            let l = line(&r);
            let fast = canonical(&l).expect("the shape wikken writes");
            assert_eq!(fast, serde_json::from_slice::<Raw>(&l).expect("serde reads it"));
            assert_eq!(fast.pack, r.pack);
            assert_eq!(fast.revised.as_deref(), r.revised.as_deref());
            assert_eq!(fast.reasoning.as_deref(), r.reasoning.as_deref());
        }
    }

    #[test]
    fn anything_else_is_left_to_serde() {
        let plain = String::from_utf8(line(&record(false, None))).expect("utf-8");
        let cases = [
            // An escape (a newline in the reasoning): serde reads it, the fast reader does not.
            String::from_utf8(line(&record(false, Some("twee\nregels")))).expect("utf-8"),
            plain.replace("{\"rid\"", "{ \"rid\""),
            format!("{plain} "),
            format!("{plain}\r"),
            plain.replace("\"v\":3", "\"v\":03"),
            plain.replace("\"v\":3", "\"v\":3.0"),
            plain.replace("\"v\":3", "\"v\":4294967296"),
            plain.replace("\"v\":3", "\"v\":-3"),
            plain.replace(",\"date\"", ",\"revised\":null,\"date\""),
            plain.replace(",\"p\":", ",\"p\":\"x\",\"p\":"),
            plain.replace("\"c\"", "\"c\u{1}\""),
            plain.replace("}", ",\"extra\":1}"),
            plain.replace(
                "{\"rid\":\"15b6979241f7f509\",\"pack\":\"werk-en-inkomen\"",
                "{\"pack\":\"werk-en-inkomen\",\"rid\":\"15b6979241f7f509\"",
            ),
        ];
        for case in cases {
            assert_eq!(canonical(case.as_bytes()), None, "{case}");
            // And parse gives exactly serde's answer for it.
            let ours = Raw::parse(case.as_bytes()).map_err(|e| e.to_string());
            let serdes = serde_json::from_slice::<Raw>(case.as_bytes()).map_err(|e| e.to_string());
            assert_eq!(ours, serdes, "{case}");
        }
    }

    #[test]
    fn invalid_utf8_is_never_read_fast() {
        let mut l = line(&record(false, None));
        let at = l.windows(3).position(|w| w == b"\"c\"").expect("first") + 1;
        l[at] = 0xff;
        assert_eq!(canonical(&l), None);
        assert!(Raw::parse(&l).is_err(), "serde refuses it too");
    }

    fn field() -> impl Strategy<Value = String> {
        // Mostly plain ids, sometimes quotes, backslashes, control and non-ASCII characters.
        prop_oneof!["[a-z0-9-]{0,12}", any::<String>(), "[\"\\\\\u{0}-\u{1f}é→]{0,4}",]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever a record holds, and whatever a byte of its line is changed to, the fast
        /// reader either leaves the line to serde or reads exactly what serde reads.
        #[test]
        fn the_fast_reader_agrees_with_serde(
            pack in field(), dilemma in field(), first in field(), p in field(),
            revised in proptest::option::of(field()), reasoning in proptest::option::of(field()),
            v in any::<u32>(), change in proptest::option::of((any::<prop::sample::Index>(), any::<u8>())),
            cut in proptest::option::of(any::<prop::sample::Index>()),
        ) {
            let r = PoolRecord {
                rid: "r".into(), pack, v, dilemma, first, revised, p,
                date: "2026-12-07".into(), reasoning,
            };
            let mut l = line(&r);
            if let Some((i, b)) = change {
                let i = i.index(l.len());
                l[i] = b;
            }
            if let Some(i) = cut {
                l.truncate(i.index(l.len() + 1));
            }
            if let Some(fast) = canonical(&l) {
                let serde = serde_json::from_slice::<Raw>(&l).map_err(|e| e.to_string());
                prop_assert_eq!(serde, Ok(fast));
            }
            if change.is_none() && cut.is_none() {
                prop_assert_eq!(Raw::parse(&l).map_err(|e| e.to_string()),
                    serde_json::from_slice::<Raw>(&l).map_err(|e| e.to_string()));
            }
        }
    }
}
