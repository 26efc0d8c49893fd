//! The bundled packs meet the content rules beyond `wikken check` (design.md, "Writing
//! dilemmas"): 2–4 werkwijzen each with its own onderbouwing, every note labelled with its
//! kind of knowledge and every legal statement dated, at least two notes and 2–5 intervisie
//! questions, cases of 80–250 words with at least six short ones for quick sessions, no
//! "Tegelijk…" template, no client name shared between packs, and short quotations marked
//! „…”. Where the source publications are present beside the repository (as in CI), every
//! quotation is also checked word for word against them, against the publication its note
//! cites, and against the person its note credits. Every Wet note says what kind of rule it
//! is (moet, mag, lokaal) in its first line, and no dilemma's notes are of one kind only.

use std::path::Path;

use wikken::pack::{BUNDLED, Note, NoteKind, Pack, check_text};

/// How long a case is, in words (dilemmas/README.md, the `case` field).
const CASE_WORDS: std::ops::RangeInclusive<usize> = 80..=250;

/// A short case for a quick session.
const SHORT_CASE_WORDS: std::ops::RangeInclusive<usize> = 80..=120;

fn bundled() -> Vec<(&'static str, Pack)> {
    BUNDLED
        .iter()
        .map(|(name, text)| {
            let checked = check_text(text);
            assert!(checked.diagnostics.is_empty(), "{name}: {:?}", checked.diagnostics);
            (*name, checked.pack.expect("decodes"))
        })
        .collect()
}

/// Every text of a pack a reader sees, with a label for messages.
fn texts(pack: &Pack) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in &pack.dilemmas {
        let id = d.id.as_str();
        out.push((format!("{id}: case"), d.case.value.clone()));
        out.push((format!("{id}: question"), d.question.value.clone()));
        for o in &d.options {
            out.push((format!("{id}/{}: text", o.id.as_str()), o.text.value.clone()));
            for n in &o.notes {
                out.push((format!("{id}/{}: note", o.id.as_str()), n.text.value.clone()));
            }
        }
        for n in &d.notes {
            out.push((format!("{id}: note"), n.text.value.clone()));
        }
        for q in &d.questions {
            out.push((format!("{id}: question"), q.value.clone()));
        }
    }
    out
}

/// Every note of a dilemma, with a label for messages: its own notes and its werkwijzen'.
fn all_notes(pack: &Pack) -> Vec<(String, &Note)> {
    let mut out = Vec::new();
    for d in &pack.dilemmas {
        let id = d.id.as_str();
        out.extend(d.notes.iter().map(|n| (id.to_string(), n)));
        for o in &d.options {
            out.extend(o.notes.iter().map(|n| (format!("{id}/{}", o.id.as_str()), n)));
        }
    }
    out
}

/// Every Wet note of the bundled packs: the pack's file name, where the note stands, the note.
fn wet_notes() -> Vec<(&'static str, String, Note)> {
    let mut out = Vec::new();
    for (name, pack) in bundled() {
        for (id, note) in all_notes(&pack) {
            if note.kind() == Some(NoteKind::Wet) {
                out.push((name, id, note.clone()));
            }
        }
    }
    out
}

/// The month a note was checked, or "" when it has none.
fn as_of(note: &Note) -> &str {
    note.as_of.as_ref().map(|a| a.as_str()).unwrap_or_default()
}

/// The first paragraph of a note: for a Wet note, the line that says what kind of rule it
/// is (dilemmas/README.md, "Wet-notities: moet, mag of lokaal").
fn first_paragraph(text: &str) -> &str {
    text.split("\n\n").next().unwrap_or_default()
}

/// The quotations „…” in a text.
fn quotes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('„') {
        let after = &rest[start + '„'.len_utf8()..];
        match after.find('”') {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end + '”'.len_utf8()..];
            }
            None => panic!("unclosed „ in: {text}"),
        }
    }
    out
}

#[test]
fn bundled_packs_are_the_two_content_packs() {
    let packs = bundled();
    let find = |id: &str| packs.iter().find(|(_, p)| p.id.as_str() == id).map(|(_, p)| p);
    let wi = find("werk-en-inkomen").expect("werk-en-inkomen is bundled");
    assert!(wi.dilemmas.len() >= 36, "{}", wi.dilemmas.len());
    assert!(wi.themes().len() >= 6, "{:?}", wi.themes());
    let lg = find("leidinggevenden").expect("leidinggevenden is bundled");
    assert!(lg.dilemmas.len() >= 8, "{}", lg.dilemmas.len());
}

#[test]
fn every_dilemma_meets_the_content_rules() {
    for (name, pack) in bundled() {
        assert_eq!(pack.language.as_str(), "nl", "{name}");
        for d in &pack.dilemmas {
            let id = format!("{name}/{}", d.id.as_str());
            assert!((2..=4).contains(&d.options.len()), "{id}: {} werkwijzen", d.options.len());
            for o in &d.options {
                assert!(
                    o.notes.iter().any(|n| !n.sources.is_empty()),
                    "{id}/{}: no onderbouwing citing a source",
                    o.id.as_str()
                );
            }
            assert!(d.notes.len() >= 2, "{id}: {} notes", d.notes.len());
            assert!(d.notes.iter().all(|n| !n.sources.is_empty()), "{id}: a note without source");
            let all_notes = d.notes.iter().chain(d.options.iter().flat_map(|o| &o.notes));
            for n in all_notes {
                let kind = n.kind();
                assert!(kind.is_some(), "{id}: a note without kind: {}", n.text.as_str());
                if kind == Some(NoteKind::Wet) {
                    assert!(n.as_of.is_some(), "{id}: an undated Wet note: {}", n.text.as_str());
                }
            }
            assert!((2..=5).contains(&d.questions.len()), "{id}: {} questions", d.questions.len());
            assert!(!d.themes.is_empty(), "{id}: no themes");
            let words = d.case.split_whitespace().count();
            assert!(CASE_WORDS.contains(&words), "{id}: case has {words} words");
        }
    }
}

#[test]
fn cases_vary_in_length_and_form() {
    let packs = bundled();
    let cases: Vec<(String, &str)> = packs
        .iter()
        .flat_map(|(name, p)| {
            p.dilemmas.iter().map(move |d| (format!("{name}/{}", d.id.as_str()), d.case.as_str()))
        })
        .collect();
    let short: Vec<&String> = cases
        .iter()
        .filter(|(_, c)| SHORT_CASE_WORDS.contains(&c.split_whitespace().count()))
        .map(|(id, _)| id)
        .collect();
    assert!(short.len() >= 6, "only {} short cases (80–120 words): {short:?}", short.len());
    let tegelijk: Vec<&String> =
        cases.iter().filter(|(_, c)| c.contains("Tegelijk")).map(|(id, _)| id).collect();
    assert!(tegelijk.len() <= 4, "\"Tegelijk\" in {} cases: {tegelijk:?}", tegelijk.len());
    for (name, pack) in &packs {
        for d in &pack.dilemmas {
            let other = d.questions.iter().any(|q| {
                let q = q.to_lowercase();
                q.contains("andere keuze")
                    || q.contains("anders kiezen")
                    || q.contains("anders doen")
            });
            assert!(
                other,
                "{name}/{}: no question on what would make you choose otherwise",
                d.id.as_str()
            );
        }
    }
}

/// The words of a text, without punctuation.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphabetic() || *c == '-').collect::<String>())
        .filter(|w| !w.is_empty())
}

/// The words of a text that do not start a sentence (or a quotation).
fn inside_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = true;
    for raw in text.split_whitespace() {
        let opens = raw.starts_with(['‘', '„', '“', '(', '—', '–']);
        let word: String = raw.chars().filter(|c| c.is_alphabetic() || *c == '-').collect();
        if !start && !opens && !word.is_empty() {
            out.push(word);
        }
        start = raw.ends_with(['.', '?', '!', ':', '‘', '„'])
            || raw.ends_with(".’")
            || raw.ends_with("?’");
    }
    out
}

/// The people named in a pack's cases: capitalised words whose lower-case form is not a
/// word of any text (so "Een" at a sentence start or "Werk" in "Werk en Inkomen" are not
/// names, while "Femke" is).
fn names_in(
    pack: &Pack,
    vocabulary: &std::collections::HashSet<String>,
) -> std::collections::BTreeSet<String> {
    pack.dilemmas
        .iter()
        .flat_map(|d| inside_sentences(d.case.as_str()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() >= 3)
        .filter(|w| !w.chars().all(char::is_uppercase))
        .filter(|w| !vocabulary.contains(&w.to_lowercase()))
        .collect()
}

#[test]
fn no_client_name_in_two_packs() {
    // Institutions and terms that both packs may name.
    const SHARED_TERMS: &[&str] = &[
        "Participatiewet",
        "Divosa",
        "Vraagbaak",
        "Werkplein",
        "Wajong",
        "Bbz",
        "Nederland",
        "Nederlands",
        "Nederlandse",
        "Belastingdienst",
        "Awb",
        "Centrale",
        "Raad",
        "Beroep",
    ];
    let packs = bundled();
    let vocabulary: std::collections::HashSet<String> = packs
        .iter()
        .flat_map(|(_, p)| texts(p).into_iter().map(|(_, t)| t))
        .flat_map(|t| {
            words(&t).filter(|w| w.chars().all(|c| !c.is_uppercase())).collect::<Vec<_>>()
        })
        .collect();
    for (i, (a, pa)) in packs.iter().enumerate() {
        for (b, pb) in packs.iter().skip(i + 1) {
            let both: Vec<String> = names_in(pa, &vocabulary)
                .intersection(&names_in(pb, &vocabulary))
                .filter(|n| !SHARED_TERMS.contains(&n.as_str()))
                .cloned()
                .collect();
            assert!(both.is_empty(), "{a} and {b} both use {both:?}");
        }
    }
    // The check finds names at all (a sample from each pack).
    assert!(packs.iter().all(|(_, p)| names_in(p, &vocabulary).len() >= 5));
}

#[test]
fn quotations_are_short_and_marked() {
    for (name, pack) in bundled() {
        for (label, text) in texts(&pack) {
            assert!(!text.contains('"'), "{name} {label}: ASCII double quote; use „…”");
            for q in quotes(&text) {
                let words = q.split_whitespace().count();
                assert!(words <= 25, "{name} {label}: quotation of {words} words: {q}");
            }
        }
    }
}

fn normalise(text: &str) -> String {
    text.replace(['’', '‘'], "'").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn quotations_are_verbatim_in_the_sources_when_present() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        eprintln!("source publications not found at {}; verbatim check skipped", seeds.display());
        return;
    };
    let corpus: String = entries
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| normalise(&t.replace('*', "")))
        .collect::<Vec<_>>()
        .join("\n");
    let mut missing = Vec::new();
    for (name, pack) in bundled() {
        for (label, text) in texts(&pack) {
            for q in quotes(&text) {
                let q = normalise(q.trim_matches(|c: char| c == '…' || c.is_whitespace()));
                let parts: Vec<&str> =
                    q.split('…').map(str::trim).filter(|p| !p.is_empty()).collect();
                if parts.iter().any(|p| !corpus.contains(p)) {
                    missing.push(format!("{name} {label}: „{q}”"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "quotations not found verbatim:\n{}", missing.join("\n"));
}

/// Where a Wet note's first line names what to look up for a local rule.
const LOCAL_PLACES: &[&str] = &[
    "verordening",
    "beleid",
    "werkinstructie",
    "meldcode",
    "protocol",
    "burgerzaken",
    "privacyfunctionaris",
];

/// Articles of the Participatiewet that the Participatiewet in balans changes (the
/// reviewers' list: rechtsvermoeden, ontheffing, verlagingen, boete, IIT): a note whose
/// first line cites one of them must say so.
const CHANGED_BY_PIB: &[&str] =
    &["artikel 3 lid 3", "artikel 9 lid 2", "artikel 18 lid 2", "18a", "artikel 36"];

#[test]
fn every_wet_note_says_what_kind_of_rule_it_is() {
    let notes = wet_notes();
    for (name, id, note) in &notes {
        let text = note.text.as_str();
        let line = first_paragraph(text);
        let at = format!("{name}/{id}: {line}");
        let kind = ["Moet: ", "Mag: ", "Lokaal: "].iter().find(|k| line.starts_with(**k));
        assert!(kind.is_some(), "{at}: does not start with Moet:, Mag: or Lokaal:");
        assert!(!line.contains('\n'), "{at}: the kind is one line");
        assert!(line.split_whitespace().count() <= 25, "{at}: the first line is long");
        assert!(text.len() > line.len(), "{at}: the rule itself is missing");
        let local = line.to_lowercase().contains("lokaal:");
        let article = line.contains("artikel ") || line.contains("afdeling ");
        assert!(article || local, "{at}: names no article and is not local");
        if local {
            let place = LOCAL_PLACES.iter().any(|p| line.to_lowercase().contains(p));
            assert!(place, "{at}: a local rule says where to look it up");
        }
        assert!(
            !text.contains("werkinstructie") || local,
            "{at}: sends the reader to the werkinstructie for what is not local"
        );
        let as_of = as_of(note);
        assert!(wikken::pack::YearMonth::parse(as_of).is_some(), "{at}: as_of {as_of:?}");
        if text.contains("Participatiewet in balans") {
            assert!(
                text.contains("1 januari 2026") && text.contains("1 januari 2027"),
                "{at}: a note on the Participatiewet in balans names both dates"
            );
            assert!(
                note.sources.iter().any(|s| s.as_str() == "participatiewet-in-balans"),
                "{at}: cites the Participatiewet in balans as a source"
            );
        }
        if CHANGED_BY_PIB.iter().any(|a| line.contains(a)) {
            assert!(
                text.contains("Participatiewet in balans"),
                "{at}: cites a rule the Participatiewet in balans changes without saying so"
            );
        }
    }
    assert!(notes.len() >= 65, "only {} Wet notes", notes.len());
}

#[test]
fn every_werk_en_inkomen_dilemma_has_a_wet_note() {
    for (name, pack) in bundled().into_iter().filter(|(_, p)| p.id.as_str() == "werk-en-inkomen") {
        for d in &pack.dilemmas {
            let notes = d.notes.iter().chain(d.options.iter().flat_map(|o| &o.notes));
            let wet = notes.filter(|n| n.kind() == Some(NoteKind::Wet)).count();
            assert!(wet >= 1, "{name}/{}: no Wet note", d.id.as_str());
        }
    }
}

#[test]
fn the_convention_check_rejects_what_it_should() {
    // The rules above, on notes that break them: a test that can fail.
    let line = |t: &'static str| first_paragraph(t);
    assert_eq!(
        line("Moet: artikel 17 Participatiewet.\n\nTekst."),
        "Moet: artikel 17 Participatiewet."
    );
    assert!(!line("Volgens de wet moet je dit.").starts_with("Moet: "));
    let vague = line("Moet: de Participatiewet.\n\nTekst.");
    assert!(!vague.contains("artikel ") && !vague.to_lowercase().contains("lokaal:"));
}

/// The source publications beside the repository, by the three-digit prefix of their file
/// name, each split into paragraphs with quotes and spaces normalised; `None` when they are
/// not there (a checkout without them).
fn seed_paragraphs() -> Option<Vec<(String, Vec<String>)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().chars().take(3).collect::<String>();
        let text = std::fs::read_to_string(entry.path()).ok()?.replace('*', "");
        out.push((name, text.split("\n\n").map(normalise).collect()));
    }
    Some(out)
}

/// Which publication a source is: the four reports by their ids, and every work the Divosa
/// bundle (seed 002) quotes, whose citation says so. Laws and rulings have no seed.
fn seed_of(pack: &Pack, source: &str) -> Option<&'static str> {
    match source {
        "debruin-bestuurders" => Some("000"),
        "partnerschap-initiatieven" => Some("001"),
        "divosa-2020" => Some("002"),
        "vgs-uitvoering-op-zn-kop" => Some("003"),
        "debruin-leidinggevenden" => Some("004"),
        _ => pack
            .sources
            .iter()
            .find(|s| s.id.as_str() == source)
            .filter(|s| s.citation.contains("Aangehaald in: Divosa (2020)"))
            .map(|_| "002"),
    }
}

/// People the source publications quote, by the surname a note credits them with.
const PEOPLE: &[&str] = &[
    "Tonkens",
    "Bosselaar",
    "Van der Aa",
    "Van Berkel",
    "Van der Lans",
    "Sweijen",
    "Bouzarouata",
    "Wiersma",
    "Kok",
    "Donner",
    "Jansen",
    "Acharki",
    "Kenis",
    "Tops",
    "Zwennis",
    "Busschops",
    "Gubler",
    "Van Nieuwburg",
    "Van den Hoek",
    "Van der Meulen",
    "Ensink",
    "Rabinig",
    "Bigot",
    "Kortbeek",
    "Van Zutphen",
    "Ter Horst",
    "Boerrigter",
    "Van Hoof",
    "Van de Put",
    "Sewdas",
    "Tholen",
    "Van Hal",
    "Brinkhuis",
    "Drost",
    "Van der Starre",
    "Van Druenen",
    "Van Doremalen",
    "Hartogh",
    "Janssen",
    "Polstra",
    "Hazelzet",
    "Van der Torre",
    "Bakker-Klein",
    "Albers",
    "Kruiter",
    "Naaijkens",
    "Bootsma",
    "Van den Tillaar",
    "Bieshaar",
    "De Visser",
    "Spies",
    "Sprangers",
    "Boer",
];

/// Whether `text` names `person` by the last word of the surname, as a whole word.
fn names(text: &str, person: &str) -> bool {
    let last = person.rsplit(' ').next().unwrap_or(person);
    text.match_indices(last).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + last.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// How many paragraphs before a quotation may name its speaker (a long interview runs over
/// several paragraphs; the name may also follow the quotation in its own paragraph).
const SPEAKER_REACH: usize = 5;

#[test]
fn quotations_are_credited_to_their_publication_and_person() {
    let Some(seeds) = seed_paragraphs() else {
        eprintln!("source publications not found beside the repository; attribution check skipped");
        return;
    };
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (name, pack) in bundled() {
        for (id, note) in all_notes(&pack) {
            let text = note.text.as_str();
            let publications: Vec<&str> =
                note.sources.iter().filter_map(|s| seed_of(&pack, s.as_str())).collect();
            let outside: String =
                text.split('„').map(|p| p.split_once('”').map_or(p, |(_, r)| r)).collect();
            let credited: Vec<&str> =
                PEOPLE.iter().copied().filter(|p| names(&outside, p)).collect();
            for q in quotes(text) {
                let q = normalise(q.trim_matches(|c: char| c == '…' || c.is_whitespace()));
                let first = q.split('…').map(str::trim).find(|p| !p.is_empty()).unwrap_or_default();
                let places: Vec<(&str, usize)> = seeds
                    .iter()
                    .flat_map(|(seed, paras)| {
                        paras
                            .iter()
                            .enumerate()
                            .filter(|(_, p)| p.contains(first))
                            .map(move |(i, _)| (seed.as_str(), i))
                    })
                    .collect();
                checked += 1;
                if !places.iter().any(|(seed, _)| publications.contains(seed)) {
                    wrong.push(format!(
                        "{name}/{id}: „{first}” is not in a publication the note cites"
                    ));
                }
                for person in &credited {
                    let near = places.iter().any(|(seed, i)| {
                        let paras = &seeds.iter().find(|(s, _)| s == seed).expect("seed").1;
                        paras[i.saturating_sub(SPEAKER_REACH)..=*i].iter().any(|p| names(p, person))
                    });
                    if !near {
                        wrong.push(format!(
                            "{name}/{id}: „{first}” credited to {person}, who is not named there"
                        ));
                    }
                }
            }
        }
    }
    assert!(checked >= 150, "only {checked} quotations");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Attributions the reviewers found wrong, each with what the note must (not) say now: a
/// fragment of the quotation, and a check on the note that quotes it.
#[allow(clippy::type_complexity)]
const REVIEWED: &[(&str, &str, fn(&Note) -> bool)] = &[
    ("niet zozeer uit onwil", "the Divosa authors wrote this, not Van der Lans", |n| {
        n.text.contains("Divosa")
    }),
    ("niet vooraan in de rij", "the Divosa authors wrote this, not Van der Lans", |n| {
        n.text.contains("Divosa")
    }),
    ("overtreden niet de regels", "the bundle's own aside, not Bosselaar's", |n| {
        n.text.contains("Divosa")
    }),
    ("unieks", "Bosselaar's exhortation is not Onderzoek", |n| {
        n.kind() == Some(NoteKind::Praktijk)
    }),
    ("voorbij scheidslijnen", "Bosselaar's judgement is not Onderzoek", |n| {
        n.kind() == Some(NoteKind::Praktijk)
    }),
    ("stevig moeten investeren", "Van der Aa's own recommendation is not Onderzoek", |n| {
        n.kind() == Some(NoteKind::Praktijk)
    }),
    ("hanteerbare caseload", "Van der Aa's own recommendation, not both authors'", |n| {
        n.kind() == Some(NoteKind::Praktijk)
            && !n.text.contains("Van der Aa en Rik van Berkel stellen")
    }),
    (
        "moet van ver komen",
        "the respondents see the resistance, the researcher writes this line",
        |n| n.text.contains("respondenten"),
    ),
    ("heel kil ervaren", "a director speaks: Praktijk, not Client", |n| {
        n.kind() == Some(NoteKind::Praktijk)
    }),
    ("Bedreiging van medewerkers", "the respondents speak of very clear limits", |n| {
        n.text.contains("hele duidelijke grenzen")
    }),
    (
        "ordenende en disciplinerende kracht",
        "Sweijen's case went against the profiteers, not the young woman",
        |n| n.text.contains("profite"),
    ),
    ("wat kán is niet altijd", "about the person behind the patient", |n| {
        n.text.contains("patiënt")
    }),
    ("vooringenomen handelen", "a Kamerbrief is Wet or beleid, not Praktijk", |n| {
        n.kind() == Some(NoteKind::Wet)
    }),
];

#[test]
fn the_attributions_the_reviewers_found_wrong_stay_right() {
    let mut seen = vec![0; REVIEWED.len()];
    for (name, pack) in bundled() {
        for (id, note) in all_notes(&pack) {
            for (i, (fragment, why, ok)) in REVIEWED.iter().enumerate() {
                if quotes(note.text.as_str()).iter().any(|q| q.contains(fragment)) {
                    seen[i] += 1;
                    assert!(ok(note), "{name}/{id}: „{fragment}”: {why}");
                }
            }
        }
    }
    // Most of these passages are still quoted; the check is not empty.
    assert!(seen.iter().filter(|n| **n > 0).count() >= 9, "{seen:?}");
}

#[test]
fn one_quotation_has_one_kind_everywhere() {
    let mut all: Vec<(String, NoteKind, String)> = Vec::new();
    for (name, pack) in bundled() {
        for (id, note) in all_notes(&pack) {
            let Some(kind) = note.kind() else { continue };
            for q in quotes(note.text.as_str()) {
                let q =
                    normalise(q.trim_matches(|c: char| c == '…' || c == '.' || c.is_whitespace()));
                if q.split_whitespace().count() >= 3 {
                    all.push((q, kind, format!("{name}/{id}")));
                }
            }
        }
    }
    for (i, (a, ka, at_a)) in all.iter().enumerate() {
        for (b, kb, at_b) in &all[i + 1..] {
            if (a.contains(b.as_str()) || b.contains(a.as_str())) && ka != kb {
                panic!("„{a}” is {ka:?} in {at_a} but „{b}” is {kb:?} in {at_b}");
            }
        }
    }
}

#[test]
fn no_dilemma_has_notes_of_one_kind_only() {
    for (name, pack) in bundled() {
        for d in &pack.dilemmas {
            let mut kinds: Vec<NoteKind> = d
                .notes
                .iter()
                .chain(d.options.iter().flat_map(|o| &o.notes))
                .filter_map(Note::kind)
                .collect();
            kinds.sort();
            kinds.dedup();
            assert!(
                kinds.len() >= 2,
                "{name}/{}: notes of one kind only: {kinds:?}",
                d.id.as_str()
            );
        }
    }
}

#[test]
fn the_trainers_guide_gives_the_case_lengths_the_tests_check() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("dilemmas/README.md"))
            .expect("dilemmas/README.md");
    let row = guide.lines().find(|l| l.starts_with("| `case` |")).expect("the case row");
    let (all, short) = (CASE_WORDS, SHORT_CASE_WORDS);
    let said = format!("{} tot {} woorden", all.start(), all.end());
    assert!(row.contains(&said), "the guide's case row does not say {said:?}: {row}");
    let said = format!("{} tot {} woorden", short.start(), short.end());
    assert!(row.contains(&said), "the guide's case row does not say {said:?}: {row}");
}

#[test]
fn the_legal_review_list_names_every_wet_note() {
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("dilemmas/JURIDISCH.md"),
    )
    .expect("dilemmas/JURIDISCH.md");
    assert!(list.contains("zonder internet"), "the list says how it was written");
    let rows: Vec<&str> = list.lines().filter(|l| l.starts_with("| ")).collect();
    let notes = wet_notes();
    let mut missing = Vec::new();
    for (_, id, note) in &notes {
        let dilemma = format!("`{id}`");
        let line = first_paragraph(note.text.as_str());
        let as_of = format!("| {} |", as_of(note));
        let listed =
            rows.iter().any(|r| r.contains(&dilemma) && r.contains(line) && r.contains(&as_of));
        if !listed {
            missing.push(format!("{id}: {line}"));
        }
    }
    assert!(missing.is_empty(), "Wet notes not in dilemmas/JURIDISCH.md:\n{}", missing.join("\n"));
    let sure = ["| zeker |", "| vrij zeker |", "| onzeker |"];
    let rated = rows.iter().filter(|r| sure.iter().any(|s| r.contains(s))).count();
    assert_eq!(rated, notes.len(), "every row says how sure it is");
}
