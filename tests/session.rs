//! The intervisie session's state machine without a terminal: every transition, skipping,
//! redoing a vote, tallies, the reveal's safeguards, the re-vote, stopping midway, the
//! report and the pool records.

mod common;

use rand::SeedableRng;
use rand::rngs::StdRng;
use wikken::i18n::Lang;
use wikken::session::{
    Method, PhoneCount, PoolIds, Report, Session, SessionError, Setup, StageKind, Turn, VoteMode,
    pool_records,
};
use wikken::store::PoolRecord;

fn setup(mode: VoteMode, method: Method, participants: usize) -> Setup {
    Setup {
        pack: "oefen".into(),
        version: 1,
        agenda: vec!["huisbezoek".into(), "te-laat".into()],
        participants,
        mode,
        method,
    }
}

fn to_stage(s: &mut Session, kind: StageKind) {
    while s.current_stage().kind != kind {
        s.advance().expect("advance");
    }
}

fn vote_all(s: &mut Session, choices: &[&str]) {
    for c in choices {
        s.voter_ready().expect("ready");
        s.cast(c).expect("cast");
    }
}

#[test]
fn snel_goes_case_vote_discuss_revote_compare_notes_then_next_dilemma() {
    let mut s = Session::new(setup(VoteMode::Doorgeven, Method::Snel, 3));
    let kinds: Vec<StageKind> = s.stages.iter().map(|st| st.kind).collect();
    assert_eq!(
        kinds,
        [
            StageKind::Case,
            StageKind::Vote,
            StageKind::Discuss,
            StageKind::Revote,
            StageKind::Compare,
            StageKind::Notes
        ]
    );
    assert_eq!(s.current().dilemma, "huisbezoek", "agenda order is kept");
    s.advance().expect("to vote");
    assert_eq!(s.turn, Some(Turn { voter: 0, handover: true }));
    // The vote stage cannot be left before the reveal.
    assert_eq!(s.advance(), Err(SessionError::NotNow));
    vote_all(&mut s, &["bellen", "langs", "bellen"]);
    assert!(s.voting_complete());
    assert_eq!(s.progress(), (3, 3));
    s.reveal(false).expect("reveal");
    s.advance().expect("discuss");
    assert_eq!(s.current_stage().kind, StageKind::Discuss);
    assert_eq!(s.round().expect("first round").ballots.counts().get("bellen"), Some(&2));
    s.advance().expect("revote");
    vote_all(&mut s, &["langs", "langs", "bellen"]);
    s.reveal(false).expect("reveal again");
    s.advance().expect("compare");
    assert_eq!(Session::moved(s.current()), Some((1, 3)));
    s.advance().expect("notes");
    s.set_notes("We bellen eerst.\n");
    s.advance().expect("next dilemma");
    assert_eq!((s.item, s.stage), (1, 0));
    assert_eq!(s.current().dilemma, "te-laat");
    assert_eq!(s.items[0].notes_of(StageKind::Notes), "We bellen eerst.");
    assert_eq!(s.items[0].notes.len(), 1, "only the step that has notes");
}

#[test]
fn moreel_beraad_has_the_named_steps_with_timers() {
    let s = Session::new(setup(VoteMode::Doorgeven, Method::MoreelBeraad, 4));
    let kinds: Vec<StageKind> = s.stages.iter().map(|st| st.kind).collect();
    assert_eq!(
        kinds,
        [
            StageKind::Case,
            StageKind::Clarify,
            StageKind::MoralQuestion,
            StageKind::Values,
            StageKind::Vote,
            StageKind::Discuss,
            StageKind::Revote,
            StageKind::Compare,
            StageKind::Notes,
            StageKind::Evaluation
        ]
    );
    assert!(s.stages.iter().filter(|st| st.minutes.is_some()).count() >= 7);
    let t = Lang::Nl.session();
    assert_eq!(t.stage(StageKind::Discuss, Method::MoreelBeraad).0, "Dialoog");
}

#[test]
fn voters_can_be_skipped_and_a_vote_redone_before_the_reveal() {
    let mut s = Session::new(setup(VoteMode::Doorgeven, Method::Snel, 4));
    to_stage(&mut s, StageKind::Vote);
    vote_all(&mut s, &["bellen"]);
    s.skip_voter().expect("skip voter 2");
    assert_eq!(s.turn, Some(Turn { voter: 2, handover: true }));
    // A vote can only be cast after the hand-over screen.
    assert_eq!(s.cast("langs"), Err(SessionError::NotNow));
    vote_all(&mut s, &["langs", "langs"]);
    assert!(s.voting_complete());
    // Voter 1 pressed the wrong key: redo.
    s.redo(0).expect("redo");
    assert_eq!(s.progress(), (2, 4));
    assert_eq!(s.reveal(false), Err(SessionError::VotingIncomplete));
    vote_all(&mut s, &["langs"]);
    s.reveal(false).expect("reveal");
    assert_eq!(s.round().expect("round").ballots.counts().get("langs"), Some(&3));
    assert_eq!(s.redo(0), Err(SessionError::NotNow), "no redo after the reveal");
    assert_eq!(s.redo(9), Err(SessionError::NotNow));
}

#[test]
fn few_voters_need_confirmation() {
    let mut s = Session::new(setup(VoteMode::Doorgeven, Method::Snel, 3));
    to_stage(&mut s, StageKind::Vote);
    vote_all(&mut s, &["bellen", "langs"]);
    s.skip_voter().expect("skip");
    assert_eq!(s.reveal(false), Err(SessionError::FewVoters(2)));
    s.reveal(true).expect("confirmed");
}

#[test]
fn tally_must_add_up_or_be_confirmed() {
    let mut s = Session::new(setup(VoteMode::Telling, Method::Snel, 6));
    to_stage(&mut s, StageKind::Vote);
    assert_eq!(s.turn, None, "no turns when tallying");
    s.set_count("bellen", 4).expect("count");
    s.set_count("langs", 1).expect("count");
    assert_eq!(s.progress(), (5, 6));
    assert_eq!(s.reveal(false), Err(SessionError::TotalMismatch { total: 5, expected: 6 }));
    s.set_count("langs", 2).expect("count");
    s.reveal(false).expect("adds up");
    assert_eq!(s.set_count("langs", 3), Err(SessionError::NotNow), "locked after reveal");
}

#[test]
fn stages_can_be_skipped_and_the_session_ends() {
    let mut s = Session::new(setup(VoteMode::Doorgeven, Method::Snel, 3));
    s.skip_stage().expect("skip case");
    assert_eq!(s.current_stage().kind, StageKind::Vote);
    s.skip_stage().expect("skip the vote");
    assert_eq!(s.current().first, None);
    assert_eq!(s.current_stage().kind, StageKind::Discuss);
    while !s.finished {
        s.skip_stage().expect("skip");
    }
    assert!(s.finished);
}

#[test]
fn report_has_distributions_notes_and_no_per_person_votes() {
    let pack = common::fixture_pack();
    let mut s = Session::new(setup(VoteMode::Doorgeven, Method::Snel, 3));
    to_stage(&mut s, StageKind::Vote);
    vote_all(&mut s, &["bellen", "langs", "bellen"]);
    s.reveal(false).expect("reveal");
    s.show_material(true, false, true);
    to_stage(&mut s, StageKind::Revote);
    vote_all(&mut s, &["langs", "langs", "bellen"]);
    s.reveal(false).expect("reveal");
    to_stage(&mut s, StageKind::Notes);
    s.set_notes("Afspraak: eerst bellen.");
    // Stopped midway: the second dilemma was not discussed.
    let text = wikken::i18n::session_report(&Report::new(&s, &pack, "2026-11-23"), Lang::Nl);
    insta::assert_snapshot!(text);
    assert!(text.contains("| Eerst bellen | 2 (67%) | 1 (33%) |"));
    assert!(text.contains("1 van de 3 deelnemers die twee keer stemden"));
    assert!(text.contains("De sessie is voor het einde gestopt."));
    assert!(!text.contains("deelnemer 1"), "no per-person votes");
}

#[test]
fn pool_records_get_ids_at_the_reveal_and_revisions_repeat_them() {
    let mut rng = StdRng::seed_from_u64(5);
    let mut ids = PoolIds::new();
    let mut s = Session::new(setup(VoteMode::Doorgeven, Method::Snel, 3));
    to_stage(&mut s, StageKind::Vote);
    vote_all(&mut s, &["bellen", "langs", "bellen"]);
    ids.on_reveal(&s, &mut rng);
    assert!(pool_records(&s, &ids, "2026-11-23").is_empty(), "nothing before the reveal");
    s.reveal(false).expect("reveal");
    assert!(
        pool_records(&s, &ids, "2026-11-23").is_empty(),
        "a reveal without ids writes nothing rather than made-up ids"
    );
    ids.on_reveal(&s, &mut rng);
    let first = pool_records(&s, &ids, "2026-11-23");
    assert_eq!(first.len(), 3);
    to_stage(&mut s, StageKind::Revote);
    // Seat 1 moves from "bellen" to "langs"; the others stay.
    vote_all(&mut s, &["langs", "langs", "bellen"]);
    ids.on_reveal(&s, &mut rng);
    let before = pool_records(&s, &ids, "2026-11-23");
    assert_eq!(before, first, "re-vote counts only once revealed");
    s.reveal(false).expect("reveal");
    ids.on_reveal(&s, &mut rng);
    let records = pool_records(&s, &ids, "2026-11-23");
    assert_eq!(records.len(), 3);
    let moved: Vec<_> = records.iter().filter(|r| r.revised.is_some()).collect();
    assert_eq!(moved.len(), 1, "same choice is no revision");
    assert_eq!((moved[0].first.as_str(), moved[0].revised.as_deref()), ("bellen", Some("langs")));
    assert!(
        first.iter().any(|r| r.rid == moved[0].rid && r.p == moved[0].p && r.revised.is_none()),
        "a revision repeats the record id and pseudonym of its first vote"
    );
    let sorted = |rs: &[PoolRecord]| {
        let mut v: Vec<_> = rs.iter().map(|r| (r.rid.clone(), r.p.clone())).collect();
        v.sort();
        v
    };
    assert_eq!(sorted(&records), sorted(&first), "the same three ids, before and after");

    let mut t = Session::new(setup(VoteMode::Telling, Method::Snel, 3));
    to_stage(&mut t, StageKind::Vote);
    t.set_count("bellen", 2).expect("count");
    t.set_count("langs", 1).expect("count");
    t.reveal(false).expect("reveal");
    let mut tally_ids = PoolIds::new();
    tally_ids.on_reveal(&t, &mut rng);
    let tallied = pool_records(&t, &tally_ids, "2026-11-23");
    assert_eq!(tallied.len(), 3);
    assert_eq!(tallied.iter().filter(|r| r.first == "bellen").count(), 2);
    let ps: std::collections::HashSet<_> = tallied.iter().map(|r| &r.p).collect();
    assert_eq!(ps.len(), 3, "each counted vote has its own pseudonym");
}

#[test]
fn the_session_domain_holds_no_interface_text() {
    // `i18n` words the session (stage names, the report); the session must not depend on
    // `i18n` in turn, or the two can never be changed apart.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/session");
    for entry in std::fs::read_dir(&dir).expect("src/session") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("source");
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!code.contains("i18n"), "{} uses i18n", path.display());
    }
}

/// *Eigen telefoon*: phones 0–3 joined before the first vote.
fn phone_session(participants: usize) -> Session {
    let mut s = Session::new(setup(VoteMode::Telefoon, Method::Snel, participants));
    for phone in 0..4 {
        assert!(s.join(phone, None), "phone {phone} is new");
    }
    assert!(!s.join(0, None), "joining twice adds nobody");
    to_stage(&mut s, StageKind::Vote);
    s
}

#[test]
fn phones_vote_once_per_round_and_a_later_vote_replaces_the_earlier() {
    let mut s = phone_session(4);
    let round = s.round_key().expect("a round is open");
    s.phone_vote(0, round, "a").expect("vote");
    s.phone_vote(1, round, "b").expect("vote");
    s.phone_vote(0, round, "b").expect("changed");
    assert_eq!(s.progress(), (2, 4), "one vote per phone");
    assert_eq!(s.round().expect("round").ballots.counts().get("b"), Some(&2));
    // Nothing per phone is in the counts: only werkwijzen.
    assert!(s.round().expect("round").ballots.counts().keys().all(|k| k == "b"));
}

#[test]
fn a_phone_that_joins_during_a_round_votes_from_the_next_round_on() {
    let mut s = phone_session(4);
    let round = s.round_key().expect("open");
    assert!(s.join(9, Some(round)));
    assert_eq!(s.phone_vote(9, round, "a"), Err(SessionError::NotEligible));
    assert_eq!(
        s.phone_count(),
        PhoneCount { phones: 4, votes: 0, waiting: 1, expected: 4 },
        "the late phone is not among the phones of this round"
    );
    // A phone whose page was opened before the round, counted by the server only now (its
    // cookie came back with its first request after the round opened), votes in it.
    assert!(s.join(8, None));
    s.phone_vote(8, round, "a").expect("opened before the round");
    s.leave(8);
    assert_eq!(s.phone_count().phones, 5, "a phone that voted keeps its place in the round");
    for phone in 0..4 {
        s.phone_vote(phone, round, "a").expect("vote");
    }
    s.reveal(true).expect("five votes for four people: confirmed");
    to_stage(&mut s, StageKind::Revote);
    let again = s.round_key().expect("re-vote open");
    assert_ne!(again, round, "each round has its own key");
    s.phone_vote(9, again, "b").expect("the late phone votes in the re-vote");
}

#[test]
fn more_phones_than_people_is_counted_and_a_phone_that_left_is_not() {
    let mut s = phone_session(3);
    assert_eq!(s.phone_count(), PhoneCount { phones: 4, votes: 0, waiting: 0, expected: 3 });
    assert!(s.phone_count().too_many(), "four phones for three people");
    s.leave(3);
    assert_eq!(s.phone_count().phones, 3);
    assert!(!s.phone_count().too_many());
    assert!(!s.joined.contains(&3));
}

#[test]
fn votes_for_another_round_or_after_the_reveal_are_refused() {
    let mut s = phone_session(3);
    let round = s.round_key().expect("open");
    assert_eq!(s.phone_vote(0, round + 1, "a"), Err(SessionError::WrongRound));
    for phone in 0..3 {
        s.phone_vote(phone, round, "a").expect("vote");
    }
    s.reveal(false).expect("all three voted: no question");
    // Revealed: no round is open any more.
    assert_eq!(s.round_key(), None);
    assert_eq!(s.phone_vote(0, round, "b"), Err(SessionError::WrongRound));
    assert_eq!(s.current().first.as_ref().expect("round").ballots.counts().get("a"), Some(&3));
}

#[test]
fn phones_that_do_not_add_up_need_confirmation_and_the_facilitator_sets_the_number() {
    let mut s = phone_session(6);
    let round = s.round_key().expect("open");
    for phone in 0..4 {
        s.phone_vote(phone, round, "a").expect("vote");
    }
    assert_eq!(s.reveal(false), Err(SessionError::TotalMismatch { total: 4, expected: 6 }));
    // The facilitator takes the number of phones that joined as the group's size.
    s.set_participants(s.joined.len()).expect("adjustable on phones");
    assert_eq!(s.progress(), (4, 4));
    s.reveal(false).expect("now it adds up");
    // Passing the keyboard round keeps its seats.
    let mut d = Session::new(setup(VoteMode::Doorgeven, Method::Snel, 3));
    assert_eq!(d.set_participants(5), Err(SessionError::NotNow));
}

#[test]
fn phones_pair_before_and_after_and_reach_the_pool_under_fresh_ids() {
    let mut s = phone_session(4);
    let first = s.round_key().expect("open");
    for (phone, c) in [(0, "a"), (1, "a"), (2, "b"), (3, "b")] {
        s.phone_vote(phone, first, c).expect("vote");
    }
    s.reveal(false).expect("reveal");
    let mut ids = PoolIds::new();
    let mut rng = StdRng::seed_from_u64(5);
    ids.on_reveal(&s, &mut rng);
    to_stage(&mut s, StageKind::Revote);
    let second = s.round_key().expect("open");
    for (phone, c) in [(0, "b"), (1, "a"), (2, "b"), (3, "b")] {
        s.phone_vote(phone, second, c).expect("vote");
    }
    s.reveal(false).expect("reveal");
    ids.on_reveal(&s, &mut rng);
    assert_eq!(Session::moved(s.current()), Some((1, 4)), "phone 0 moved from a to b");
    let records = pool_records(&s, &ids, "2026-11-23");
    assert_eq!(records.len(), 4);
    assert_eq!(records.iter().filter(|r| r.revised.as_deref() == Some("b")).count(), 1);
    // No record carries a phone's number: pseudonyms and ids are random hex from the OS.
    for r in &records {
        assert_eq!((r.p.len(), r.rid.len()), (16, 16));
        assert!(!["0", "1", "2", "3"].contains(&r.p.as_str()));
    }
}

#[test]
fn more_phone_votes_than_people_never_reach_the_pool() {
    let mut s = Session::new(setup(VoteMode::Telefoon, Method::Snel, 3));
    // One laptop opening the page again and again: ten "phones" for three people.
    for phone in 0..10 {
        s.join(phone, None);
    }
    to_stage(&mut s, StageKind::Vote);
    let round = s.round_key().expect("open");
    for phone in 0..10 {
        s.phone_vote(phone, round, "a").expect("vote");
    }
    assert_eq!(s.reveal(false), Err(SessionError::TotalMismatch { total: 10, expected: 3 }));
    s.reveal(true).expect("the facilitator confirmed");
    let mut ids = PoolIds::new();
    ids.on_reveal(&s, &mut StdRng::seed_from_u64(1));
    assert!(pool_records(&s, &ids, "2026-11-23").is_empty());
}
