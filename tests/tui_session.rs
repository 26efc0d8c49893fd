//! The intervisie session on screen: snapshots of the set-up, a voting turn, the blank
//! hand-over, the counter, the reveal (80×24 and 120×35), before/after, the tally, notes and
//! the closing screen; and the flow through `update`, checking that names typed in the
//! set-up never reach what is saved, that two identical sessions each keep their votes in a
//! real pool folder, and that the written records lead back to no seat.

mod common;

use common::*;
use insta::assert_snapshot;
use wikken::i18n::Lang;
use wikken::tui::{Action, App, Screen};

/// Set-up: first dilemma on the agenda, 3 participants named Anna, Bram and Cem.
fn start(app: &mut App, telling: bool) {
    setup_session(app, 3, "Anna, Bram, Cem", usize::from(telling), false, &[0]);
}

fn session_app(telling: bool) -> App {
    let mut app = app();
    app.today = "2026-11-23".into();
    start(&mut app, telling);
    app
}

fn begin(app: &mut App) {
    press(app, [Action::Enter]);
    assert!(matches!(app.screen(), Screen::Session(_)));
}

fn vote(app: &mut App, picks: &[u8]) {
    for &p in picks {
        press(app, [Action::Enter, Action::Pick(p)]);
    }
}

#[test]
fn setup_screen() {
    let app = session_app(false);
    assert_snapshot!(render(&app));
}

#[test]
fn handover_turn_counter_reveal_compare_notes_end() {
    let mut app = session_app(false);
    begin(&mut app);
    assert_snapshot!("session_case", render(&app));
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_handover", render(&app));
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_voting_turn", render(&app));
    press(&mut app, [Action::Pick(1)]);
    let blank = render(&app);
    assert!(blank.contains("Beurt van Bram"), "{blank}");
    assert!(
        !blank.contains("Anna") && !blank.contains("De regel volgen"),
        "nothing of Anna's vote shows"
    );
    vote(&mut app, &[2, 1]);
    assert_snapshot!("session_all_voted", render(&app));
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_reveal", render(&app));
    press(&mut app, [Action::Panel(wikken::tui::Panel::Research)]);
    let background = render(&app);
    assert_snapshot!("session_reveal_with_background", background);
    // The session's material follows the spiegel's grouping: never practice as research.
    let at = |t: &str| background.find(t).unwrap_or_else(|| panic!("{t} missing"));
    assert!(
        at("Wat onderzoek zegt") < at("Medewerkers missen")
            && at("Uit de praktijk") < at("Bestuurders vragen")
    );
    assert!(!background.contains("Wat onderzoek zegt\n  – Bestuurders"));
    press(&mut app, [Action::Panel(wikken::tui::Panel::Questions)]);
    assert_snapshot!("session_reveal_with_questions", render(&app));
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[2, 2, 1]);
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_before_after", render(&app));
    // On the conclusions step Enter would go on; `e` opens the notes, as on every step.
    press(&mut app, [Action::Enter, Action::EditNotes]);
    type_text(&mut app, "We toetsen samen.");
    assert_snapshot!("session_notes", render(&app));
    press(&mut app, [Action::Submit, Action::Enter]);
    assert_snapshot!("session_end", render(&app));

    let (report, records) = last_session_save().expect("saved");
    assert!(report.contains("We toetsen samen."));
    assert!(report.contains("| De hardheidsclausule toepassen |"));
    assert_eq!(records.len(), 3);
    assert_eq!(records.iter().filter(|r| r.revised.is_some()).count(), 1, "only Anna moved");
    for name in ["Anna", "Bram", "Cem"] {
        assert!(!report.contains(name), "{name} in the report");
        assert!(records.iter().all(|r| !format!("{r:?}").contains(name)), "{name} in the pool");
    }
    // Saved through the trainer's real save path: the report is on disk (owner-only), and
    // the pool holds exactly the last save's records, as one session's votes.
    let reports: Vec<_> = std::fs::read_dir(data_dir().join("sessions"))
        .expect("sessions folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let on_disk = std::fs::read_to_string(&reports[0]).expect("report");
    assert_eq!(on_disk, report, "the report on disk is the last one asked for");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&reports[0]).expect("meta").permissions().mode();
        assert_eq!(mode & 0o077, 0, "a session report is private");
    }
    let (tally, _) = wikken::store::PoolStore::tally(&*memory_pool(), false);
    let split = tally.split("oefen", 1, "te-laat");
    assert_eq!((split.sessions.participants, split.own.participants), (3, 0));
    assert!(memory_pool().written().iter().all(|(o, _, _)| *o == wikken::store::Origin::Session));

    // Enter goes on from the conclusions step without notes: nothing opens by itself.
    let mut other = session_app(false);
    begin(&mut other);
    press(&mut other, [Action::Enter]);
    vote(&mut other, &[1, 1, 2]);
    press(&mut other, [Action::Enter, Action::Enter]);
    vote(&mut other, &[1, 1, 2]);
    press(&mut other, [Action::Enter, Action::Enter, Action::Enter]);
    assert!(render(&other).contains("De sessie is afgelopen"), "{}", render(&other));
}

#[test]
fn large_screen_reveal() {
    let mut app = app_with(Lang::Nl, 120, 35);
    app.today = "2026-11-23".into();
    start(&mut app, false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 2, 3]);
    press(&mut app, [Action::Enter]);
    assert_snapshot!(render(&app));
}

#[test]
fn tally_mode_and_mismatch_confirmation() {
    let mut app = session_app(true);
    begin(&mut app);
    press(&mut app, [Action::Enter, Action::Pick(2), Action::Down, Action::Pick(1)]);
    assert_snapshot!("session_tally", render(&app));
    press(&mut app, [Action::Enter]);
    let screen = render(&app);
    assert!(
        screen.contains("Er zijn 3 stemmen ingevoerd voor 3 deelnemers")
            || screen.contains("Bespreken"),
        "{screen}"
    );
    // 2 + 1 = 3 adds up: straight to the discussion.
    assert!(screen.contains("Bespreken"), "{screen}");
}

#[test]
fn few_voters_warn_before_reveal_and_skip_and_redo_work() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1]);
    press(&mut app, [Action::Skip, Action::Skip]);
    // Redo Anna's vote: she pressed the wrong key.
    press(&mut app, [Action::Redo, Action::Up, Action::Up, Action::Enter]);
    assert!(render(&app).contains("Beurt van Anna"));
    vote(&mut app, &[3]);
    press(&mut app, [Action::Enter]);
    assert_snapshot!("session_few_voters", render(&app));
    press(&mut app, [Action::Yes]);
    assert!(render(&app).contains("1 stem"), "{}", render(&app));
    assert!(!render(&app).contains("1 stemmen"), "singular");
}

#[test]
fn quitting_midway_keeps_what_was_voted() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 1, 2]);
    press(&mut app, [Action::Enter, Action::Quit]);
    assert!(render(&app).contains("Sessie stoppen?"));
    press(&mut app, [Action::Yes]);
    let (report, records) = last_session_save().expect("saved");
    assert!(report.contains("De sessie is voor het einde gestopt."));
    assert_eq!(records.len(), 3);
    assert!(render(&app).contains("/data/sessions/2026-11-23-oefen.md"));
    press(&mut app, [Action::Quit]);
    assert!(app.quit);
}

/// One session on the fixture pack: 3 voters, the first dilemma, votes 1, 2, 1, the reveal,
/// then stopped. Returns its saves.
fn short_session() -> Vec<(String, Vec<wikken::store::PoolRecord>)> {
    let mut app = session_app(false);
    // A second session in the same room: the trainer keeps what it wrote per session.
    take_session_saves();
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 2, 1]);
    press(&mut app, [Action::Enter, Action::Quit, Action::Yes]);
    take_session_saves()
}

#[test]
fn two_identical_sessions_each_keep_all_their_votes() {
    let dir = tempfile::tempdir().expect("tmp");
    let pool = dir.path().join("pool");
    std::fs::create_dir(&pool).expect("pool");
    // Both sessions save through the trainer's real save path into one folder pool.
    use_pool(std::sync::Arc::new(wikken::store::FolderPool::new(&pool)));
    let (a, b) = (short_session(), short_session());

    let last =
        |saves: &[(String, Vec<wikken::store::PoolRecord>)]| saves.last().expect("saved").1.clone();
    let (ra, rb) = (last(&a), last(&b));
    assert_eq!((ra.len(), rb.len()), (3, 3));
    for x in &ra {
        for y in &rb {
            assert_ne!(x.rid, y.rid, "record ids repeat between sessions");
            assert_ne!(x.p, y.p, "pseudonyms repeat between sessions");
        }
    }
    assert_ne!(a[0].0, b[0].0, "both sessions have the same id (and pool file)");
    let files = wikken::store::pool_files(&pool).expect("files");
    assert_eq!(files.len(), 2, "one pool file per session");

    let (tally, warnings) = wikken::store::Tally::load(&pool, false);
    assert!(warnings.is_empty(), "{warnings:?}");
    let d = tally.distribution("oefen", 1, "te-laat");
    assert_eq!(d.participants, 6, "the second session replaced the first one's votes");
    assert_eq!((d.first.get("regel"), d.first.get("clausule")), (Some(&4), Some(&2)));
    assert!(files.iter().all(|f| {
        f.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(wikken::store::SESSION_PREFIX))
    }));

    // Everyone in the room knows these six votes. One colleague then answers alone: the
    // spiegel shows the sessions only, never that one answer on top of them.
    let alone = wikken::store::Pseudonym("00000000000000a1".into());
    let mut record = ra[0].clone();
    (record.rid, record.p, record.first) =
        ("00000000000000b1".into(), alone.0.clone(), "regel".into());
    wikken::store::FolderPool::new(&pool).append(&alone, &record).expect("answer alone");
    let (tally, _) = wikken::store::Tally::load(&pool, false);
    match tally.split("oefen", 1, "te-laat").shown(wikken::store::Threshold::default()) {
        wikken::store::Shown::Groups { dist, own, sessions, .. } => {
            assert_eq!((dist.participants, own, sessions), (6, 1, 6));
            assert_eq!(dist.first.get("regel"), Some(&4), "the answer alone is not in it");
        }
        other => panic!("{other:?}"),
    }
}

/// The bundled pack with the most dilemmas, and the indices of its first three dilemmas
/// with at least three werkwijzen.
fn big_pack() -> (wikken::pack::Pack, Vec<usize>) {
    let pack = wikken::pack::BUNDLED
        .iter()
        .filter_map(|(_, text)| wikken::pack::check_text(text).pack)
        .max_by_key(|p| p.dilemmas.len())
        .expect("a bundled pack");
    let three: Vec<usize> =
        (0..pack.dilemmas.len()).filter(|&d| pack.dilemmas[d].options.len() >= 3).take(3).collect();
    assert_eq!(three.len(), 3, "three dilemmas with three werkwijzen");
    (pack, three)
}

#[test]
fn six_voters_three_dilemmas_records_unlinkable_to_seats_but_paired_within_a_dilemma() {
    use std::collections::HashSet;
    use wikken::store::PoolRecord;

    let (pack, agenda) = big_pack();
    let dilemmas: Vec<String> = agenda.iter().map(|&d| pack.dilemmas[d].id.value.clone()).collect();
    let options: Vec<Vec<String>> = agenda
        .iter()
        .map(|&d| pack.dilemmas[d].options.iter().map(|o| o.id.value.clone()).collect())
        .collect();
    let mut app = App::new(
        Lang::Nl.ui(),
        wikken::tui::Theme::PLAIN,
        vec![pack.clone()],
        Vec::new(),
        42,
        wikken::tui::Size { width: 120, height: 35 },
    );
    app.pool = wikken::tui::PoolState::Ready(Box::default());
    app.today = "2026-11-23".into();
    // `app.rng` stays seeded from the OS, as in the trainer: the shuffle is checked below
    // against the turn order with a chance of a false failure of (1/720)^3 ≈ 3e-9.
    take_session_saves();
    let dir = tempfile::tempdir().expect("tmp");
    use_pool(std::sync::Arc::new(wikken::store::FolderPool::new(dir.path())));

    // Set-up: tick the three dilemmas, keep 6 participants, type their names.
    let names = ["Anna", "Bram", "Cem", "Dirk", "Eva", "Fien"];
    setup_session(&mut app, 6, &names.join(", "), 0, false, &agenda);
    assert!(render(&app).contains("◀ 6 ▶"), "{}", render(&app));
    begin(&mut app);

    // Positions (1-based) of each seat's first and second vote: six different pairs, so
    // the pair a record ends up with names the seat it came from. Seats 3, 4, 5 move.
    let seats: [(u8, u8); 6] = [(1, 1), (2, 2), (3, 3), (1, 2), (2, 3), (3, 1)];
    for _ in &agenda {
        press(&mut app, [Action::Enter]); // case → vote
        vote(&mut app, &seats.map(|s| s.0));
        press(&mut app, [Action::Enter]); // reveal → discuss
        press(&mut app, [Action::Enter]); // → re-vote
        vote(&mut app, &seats.map(|s| s.1));
        press(&mut app, [Action::Enter]); // reveal → compare
        press(&mut app, [Action::Enter, Action::Enter]); // → conclusions → next
    }
    assert!(render(&app).contains("De sessie is afgelopen"), "{}", render(&app));

    assert!(!take_session_saves().is_empty(), "the session asked to be saved");
    let files = wikken::store::pool_files(dir.path()).expect("files");
    assert_eq!(files.len(), 1, "one pool file for the session");
    let text = std::fs::read_to_string(&files[0]).expect("pool file");
    for name in names {
        assert!(!text.contains(name), "{name} in the pool");
    }
    let lines: Vec<PoolRecord> = wikken::store::read_records(&files[0]);

    // Each dilemma's lines come together: its first round at its reveal, then the three
    // revisions at the re-vote's reveal.
    let expected: Vec<&str> = dilemmas.iter().flat_map(|d| [d.as_str(); 9]).collect();
    let written: Vec<&str> = lines.iter().map(|r| r.dilemma.as_str()).collect();
    assert_eq!(written, expected);

    let mut pseudonyms = HashSet::new();
    let mut rids = HashSet::new();
    let mut in_turn_order = 0;
    for (i, dilemma) in dilemmas.iter().enumerate() {
        let mine: Vec<&PoolRecord> = lines.iter().filter(|r| &r.dilemma == dilemma).collect();
        let (first, revisions) = mine.split_at(6);
        assert!(first.iter().all(|r| r.revised.is_none()), "{first:?}");
        for r in revisions {
            let f = first.iter().find(|f| f.rid == r.rid).expect("a revision of a first vote");
            assert_eq!((&f.p, &f.first), (&r.p, &r.first), "before and after pair");
            assert!(r.revised.is_some(), "{r:?}");
        }
        // The seat behind each first-round line, from the pair its record ends with.
        let seat_of = |f: &PoolRecord| {
            let last = mine.iter().rev().find(|r| r.rid == f.rid).expect("itself");
            let after = last.revised.as_ref().unwrap_or(&last.first);
            let pos = |id: &String| options[i].iter().position(|o| o == id).expect("option") + 1;
            let pair = (pos(&last.first) as u8, pos(after) as u8);
            seats.iter().position(|&s| s == pair).expect("a seat")
        };
        let order: Vec<usize> = first.iter().map(|f| seat_of(f)).collect();
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..6).collect::<Vec<_>>(), "every seat once");
        if order == sorted {
            in_turn_order += 1;
        }
        for f in first {
            assert!(pseudonyms.insert(f.p.clone()), "pseudonym {} repeats", f.p);
            assert!(rids.insert(f.rid.clone()), "record id {} repeats", f.rid);
        }
    }
    assert_eq!(pseudonyms.len(), 18, "a new pseudonym per voter per dilemma");
    assert!(in_turn_order < 3, "all three dilemmas were written in turn order");
}

/// The running session's screen state.
fn screen(app: &App) -> &wikken::tui::SessionScreen {
    match app.screen() {
        Screen::Session(s) => s,
        _ => panic!("not in a session"),
    }
}

#[test]
fn scroll_stops_at_the_end_so_up_works_at_once() {
    let mut app = session_app(false);
    begin(&mut app);
    // The case and the werkwijzen do not fit at 80×24.
    press(&mut app, [Action::Down]);
    assert_eq!(screen(&app).scroll, 1, "the case stage scrolls");
    for _ in 0..200 {
        press(&mut app, [Action::Down]);
    }
    let end = screen(&app).scroll;
    assert!(end > 1 && end < 50, "clamped to the end of the text, not 200: {end}");
    let bottom = render(&app);
    assert!(bottom.contains("Eerst samen toetsen"), "the last werkwijze is reachable:\n{bottom}");
    press(&mut app, [Action::Up]);
    assert_eq!(screen(&app).scroll, end - 1, "one Up moves one line at once");
    press(&mut app, [Action::PageDown, Action::PageDown]);
    assert_eq!(screen(&app).scroll, end);
    // A larger window: the offset shrinks with the text's end.
    press(&mut app, [Action::Resize(120, 60)]);
    assert_eq!(screen(&app).scroll, 0, "everything fits at 120×60");
}

#[test]
fn every_session_shows_each_werkwijzes_text_before_the_vote() {
    for method_down in [false, true] {
        let mut app = app();
        app.today = "2026-11-23".into();
        setup_session(&mut app, 6, "", 0, method_down, &[0]);
        press(&mut app, [Action::Enter]);
        let mut seen = String::new();
        for _ in 0..30 {
            seen.push_str(&render(&app));
            press(&mut app, [Action::Down]);
        }
        let d = &app.packs[0].dilemmas[0];
        for o in &d.options {
            let start: String = o.text.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            assert!(seen.contains(&start), "{start:?} not shown before the vote");
        }
        assert!(!seen.contains("Bij moreel beraad"), "{seen}");
    }
}

#[test]
fn esc_on_a_ballot_returns_to_the_neutral_screen() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter, Action::Enter]);
    let ballot = render(&app);
    assert!(ballot.contains("s overslaan") && ballot.contains("Esc terug"), "{ballot}");
    // A long ballot scrolls with ↑↓; the next voter starts at the top again.
    press(&mut app, [Action::Resize(80, 16), Action::Down]);
    assert_eq!(screen(&app).scroll, 1, "the ballot scrolls at 80×16");
    press(&mut app, [Action::Resize(80, 24)]);
    press(&mut app, [Action::Back]);
    let neutral = render(&app);
    assert!(neutral.contains("Beurt van Anna"), "{neutral}");
    assert!(!neutral.contains("De regel volgen"), "no werkwijze on the neutral screen");
    assert!(neutral.contains("0 van 3 gestemd"), "nothing was cast");
    // And the turn goes on as before.
    vote(&mut app, &[2]);
    assert!(render(&app).contains("Beurt van Bram"));
}

#[test]
fn skipped_voters_are_named_not_hidden_behind_everyone_voted() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 2]);
    press(&mut app, [Action::Skip]);
    let screen = render(&app);
    assert!(screen.contains("2 van 3 gestemd, 1 overgeslagen"), "{screen}");
    assert!(!screen.contains("Iedereen heeft gestemd"), "{screen}");
}

#[test]
fn notes_on_the_discussion_screen_are_drawn_and_added_to() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 2, 1]);
    press(&mut app, [Action::Enter, Action::EditNotes]);
    let editing = render(&app);
    assert!(editing.contains("Aantekeningen van de begeleider"), "{editing}");
    assert!(editing.contains("Eerste ronde"), "the chart stays up:\n{editing}");
    assert_snapshot!("session_notes_while_discussing", editing);
    type_text(&mut app, "Eerste punt");
    press(&mut app, [Action::Submit]);
    // Keys work again once the notes are kept.
    press(&mut app, [Action::Panel(wikken::tui::Panel::Research)]);
    assert!(render(&app).contains("Wat onderzoek zegt"), "{}", render(&app));
    // Reopened, the cursor is on a new line after the earlier notes: what is typed next
    // starts a line of its own, never glued to the last sentence.
    press(&mut app, [Action::EditNotes]);
    type_text(&mut app, "Tweede punt");
    press(&mut app, [Action::Submit]);
    let discuss = wikken::session::StageKind::Discuss;
    assert_eq!(screen(&app).session.current().notes_of(discuss), "Eerste punt\nTweede punt");
    let (report, _) = last_session_save().expect("saved");
    assert!(report.contains("Eerste punt\nTweede punt"), "{report}");
    // On the before/after screen too.
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 1, 1]);
    press(&mut app, [Action::Enter, Action::EditNotes]);
    let compare = render(&app);
    assert!(compare.contains("Tweede ronde"), "{compare}");
    // Each step keeps its own notes: this step's editor starts empty, and both are kept.
    assert!(compare.contains("Aantekeningen van de begeleider"), "{compare}");
    assert!(!compare.contains("Eerste punt"), "{compare}");
    type_text(&mut app, "Drie bleven bij hun keuze.");
    press(&mut app, [Action::Submit]);
    let (report, _) = last_session_save().expect("saved");
    let discussed = report.find("**Bespreken**\n\nEerste punt\nTweede punt").expect("labelled");
    let compared = report.find("**Voor en na**\n\nDrie bleven bij hun keuze.").expect("labelled");
    assert!(discussed < compared, "{report}");
}

#[test]
fn time_up_fills_the_screen_and_t_starts_afresh() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Timer, Action::Tick(3 * 60 + 1)]);
    let up = render(&app);
    assert_snapshot!("session_time_up", up);
    assert!(up.contains("Tijd om — rond deze stap af"), "{up}");
    let sides = up.lines().filter(|l| l.starts_with('┃') && l.ends_with('┃')).count();
    assert!(sides >= 15, "both edges of the screen show it: {sides} rows\n{up}");
    press(&mut app, [Action::Timer]);
    let again = render(&app);
    assert!(again.contains("Tijd 03:00"), "{again}");
    assert!(!again.contains("Tijd om"), "{again}");
}

#[test]
fn confirm_keys_come_from_the_language() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let key = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    for (lang, yes) in [(Lang::Nl, 'j'), (Lang::En, 'y')] {
        let mut app = app_with(lang, 80, 24);
        start(&mut app, false);
        begin(&mut app);
        press(&mut app, [Action::Quit]);
        assert!(matches!(wikken::tui::action_for(&app, &key(yes)), Some(Action::Yes)), "{lang:?}");
        assert!(matches!(wikken::tui::action_for(&app, &key('n')), Some(Action::No)));
        assert!(wikken::tui::action_for(&app, &key('x')).is_none());
    }
}

#[test]
fn english_session_wording() {
    let mut app = app_with(Lang::En, 80, 24);
    app.today = "2026-11-23".into();
    setup_session(&mut app, 6, "", 0, false, &[0]);
    setup_go(&mut app, wikken::tui::SetupRow::Names);
    let setup = render(&app);
    assert!(setup.contains("First names (optional) ") && !setup.contains(")["), "{setup}");
    setup_go(&mut app, wikken::tui::SetupRow::Start);
    press(&mut app, [Action::Enter, Action::Enter]);
    assert_snapshot!("session_handover_in_english", render(&app));
    assert!(render(&app).contains("Participant 1's turn"), "{}", render(&app));
}

#[test]
fn bundled_packs_come_werk_en_inkomen_first() {
    let catalog = wikken::pack::Catalog::load(true, &[]).expect("bundled packs");
    let ids: Vec<&str> = catalog.packs().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"werk-en-inkomen"), "{ids:?}");
    assert_eq!(ids.get(1), Some(&"leidinggevenden"), "{ids:?}");
    let mut app = app_on(catalog.packs().cloned().collect(), Lang::Nl, 80, 24);
    let home = render(&app);
    let first = home.find("Werk en Inkomen").expect("listed");
    assert!(first < home.find("Leidinggevenden").expect("listed"), "{home}");
    press(&mut app, [Action::StartSession]);
    assert!(render(&app).contains("◀ Werk en Inkomen ▶"), "{}", render(&app));
}

#[test]
fn setup_with_a_34_dilemma_pack_keeps_every_field_in_view() {
    for (w, h) in [(80, 24), (120, 35)] {
        let mut app = app_on(vec![long_pack(34)], Lang::Nl, w, h);
        press(&mut app, [Action::StartSession]);
        // Every field and the start button on the first screen, however long the agenda.
        let top = render(&app);
        for field in ["▶ Pack", "Deelnemers", "Voornamen", "Stemmen", "Methode", "Start de sessie"]
        {
            assert!(top.contains(field), "{w}×{h}: {field} not in view:\n{top}");
        }
        assert!(top.contains("0 van 34 gekozen"), "{top}");
        assert_snapshot!(format!("setup_34_dilemmas_{w}x{h}"), top);
        // Tab goes field by field, then into the agenda, then to the start button.
        press(&mut app, [Action::NextField]);
        assert!(render(&app).contains("▶ Deelnemers"), "{}", render(&app));
        press(&mut app, [Action::NextField, Action::NextField, Action::NextField]);
        press(&mut app, [Action::NextField]);
        assert_eq!(setup_row(&app), wikken::tui::SetupRow::Dilemma(0));
        // The agenda scrolls in its own pane; the fields stay.
        setup_go(&mut app, wikken::tui::SetupRow::Dilemma(30));
        press(&mut app, [Action::Toggle]);
        let deep = render(&app);
        assert!(deep.contains("Dilemma 31") && deep.contains("[1]"), "{deep}");
        assert!(deep.contains("Deelnemers") && deep.contains("Start de sessie"), "{deep}");
        assert!(deep.contains("1 van 34 gekozen"), "{deep}");
        // Enter on an agenda row goes to the start button; Enter there starts.
        press(&mut app, [Action::Enter]);
        assert_eq!(setup_row(&app), wikken::tui::SetupRow::Start);
        press(&mut app, [Action::Enter]);
        assert!(matches!(app.screen(), Screen::Session(_)));
    }
}

#[test]
fn setup_explanations_wrap_whole() {
    let mut app = app_on(vec![long_pack(24)], Lang::Nl, 80, 24);
    setup_session(&mut app, 6, "", 1, false, &[]);
    let telling = render(&app);
    let text: String = telling
        .lines()
        .map(|l| l.trim_end_matches(['▲', '▼', '█', '║']).trim())
        .collect::<Vec<_>>()
        .join(" ");
    for whole in [
        "de begeleider voert het aantal handen of briefjes per werkwijze in",
        "casus → stemmen → onthullen → bespreken → opnieuw stemmen",
    ] {
        assert!(text.contains(whole), "{whole:?} cut off:\n{telling}");
    }
    // The method's number of steps is the session's.
    setup_go(&mut app, wikken::tui::SetupRow::Method);
    press(&mut app, [Action::Right]);
    let steps = wikken::session::stages(wikken::session::Method::MoreelBeraad).len();
    assert!(render(&app).contains(&format!("in {steps} stappen")), "{}", render(&app));
}

#[test]
fn setup_says_before_starting_what_will_not_be_kept() {
    let mut app = common::app();
    app.pool_problem = Some("de poolmap /mnt/team bestaat niet".into());
    press(&mut app, [Action::StartSession]);
    let screen = render(&app);
    assert!(screen.contains("de pool is nu niet te gebruiken"), "{screen}");
    assert!(screen.contains("Het verslag wordt wel bewaard"), "{screen}");
    let mut app = common::app();
    app.read_only = Some("alleen-lezen".into());
    press(&mut app, [Action::StartSession]);
    let screen = render(&app);
    assert!(screen.contains("het verslag en de stemmen worden niet opgeslagen"), "{screen}");
}

#[test]
fn at_60x16_the_header_and_the_timer_stay_apart() {
    let mut app = app_with(Lang::Nl, 60, 16);
    app.today = "2026-11-23".into();
    start(&mut app, false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 2, 1]);
    press(&mut app, [Action::Enter]);
    let screen = render(&app);
    let head = screen.lines().nth(2).expect("header row");
    assert!(head.contains("…  t start de timer"), "cut with … and a gap:\n{screen}");
    assert_snapshot!("session_reveal_60x16", screen);
}

#[test]
fn a_report_that_could_not_be_saved_shows_its_notes_and_quitting_asks() {
    let mut app = session_app(false);
    begin(&mut app);
    press(&mut app, [Action::Enter]);
    vote(&mut app, &[1, 2, 1]);
    press(&mut app, [Action::Enter, Action::EditNotes]);
    type_text(&mut app, "Afspraak die niet verloren mag gaan");
    press_raw(&mut app, Action::Submit);
    press(
        &mut app,
        [Action::SessionSaved {
            path: None,
            error: Some("alleen-lezen".into()),
            votes: wikken::tui::SessionVotes::Failed("alleen-lezen".into()),
        }],
    );
    press_raw(&mut app, Action::Quit);
    assert!(render(&app).contains("het eindscherm toont de aantekeningen"), "{}", render(&app));
    press_raw(&mut app, Action::Yes);
    let end = render(&app);
    assert!(end.contains("Niet bewaard") && end.contains("Afspraak die niet verloren"), "{end}");
    assert!(!end.contains("tellen mee"), "no claim about the pool: {end}");
    press(&mut app, [Action::Quit]);
    assert!(!app.quit, "asks first");
    assert!(render(&app).contains("Toch stoppen?"), "{}", render(&app));
    press(&mut app, [Action::Yes]);
    assert!(app.quit);
}
