//! `update` for the intervisie screens: the set-up form and the running session. Like the
//! rest of `update`, no disk I/O: saving the report and the votes is an effect. The one
//! thing taken from outside is randomness — the session id and the votes' pool ids come
//! from the operating system at the start and at each reveal, so nothing stored or seen in
//! the room can reproduce them.

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::state::{PhoneStatus, SessionConfirm, SessionScreen, SetupRow, SetupState, Timer};
use super::{layout, phones};
use crate::session::{
    Ballots, Method, PARTICIPANTS, PoolIds, Report, Session, SessionError, Setup, pool_records,
};
use crate::store::random_id;
use crate::tui::action::{Action, Panel, SessionVotes};
use crate::tui::app::{App, Beamer, Screen};
use crate::tui::effect::{Effect, PhoneEffect};
use crate::tui::nav::WHEEL_LINES;

/// Opens the set-up form on the first pack.
pub fn open_setup(app: &mut App) {
    if !app.packs.is_empty() {
        app.stack.push(Screen::SessionSetup(Box::new(SetupState::new(0))));
    }
}

/// The laptop's addresses arrived: the set-up offers them, the best one picked. (Arriving
/// after the facilitator left the set-up, they are not needed.)
pub fn addresses_found(app: &mut App, found: Vec<crate::phone::Candidate>) {
    if let Screen::SessionSetup(s) = app.screen_mut() {
        s.addresses = Some(found);
        s.address = 0;
    }
}

/// The set-up form; starting a session on phones asks for the phone server.
pub fn setup(app: &mut App, mut s: SetupState, action: Action) -> Vec<Effect> {
    let Some(pack) = app.packs.get(s.pack) else { return Vec::new() };
    let rows = s.rows(pack.dilemmas.len());
    let row = rows[s.row.min(rows.len() - 1)];
    match (action, row) {
        // A click: the field it landed on gets the keyboard; a dilemma is ticked or unticked;
        // the start button starts.
        (Action::Select(i), _) if i < rows.len() => {
            s.row = i;
            match rows[i] {
                SetupRow::Dilemma(_) => return setup(app, s, Action::Toggle),
                SetupRow::Start => return setup(app, s, Action::Enter),
                _ => {}
            }
        }
        (Action::Enter, SetupRow::Start) => {
            if s.agenda.is_empty() {
                s.error = true;
            } else {
                return start(app, &s);
            }
        }
        // Enter on an agenda row goes on to the start button (space ticks); on a field, to
        // the next row.
        (Action::Enter, SetupRow::Dilemma(_)) => s.row = rows.len() - 1,
        (Action::Enter, _) => s.row = (s.row + 1).min(rows.len() - 1),
        (Action::Back, _) => {
            app.stack.pop();
            return Vec::new();
        }
        (action, row) => {
            if let Some(next) = setup_row_moved(s.row, &rows, &action) {
                s.row = next;
            } else if !edit_setup_field(app, &mut s, action, row) {
                return Vec::new();
            }
        }
    }
    // Which addresses phones could join on is asked once, when phones are first chosen,
    // unless `--listen` already named one. (Until the answer comes, none is offered.)
    let mut effects = Vec::new();
    if s.mode.on_phones() && s.addresses.is_none() && app.listen.is_none() {
        s.addresses = Some(Vec::new());
        effects.push(Effect::Phones(PhoneEffect::FindAddresses));
    }
    *app.screen_mut() = Screen::SessionSetup(Box::new(s));
    effects
}

/// The row the keyboard moves to in the set-up form, or `None` when `action` does not
/// move it. Separate from the field edits so the form's `match` reads as a list of kinds.
fn setup_row_moved(row: usize, rows: &[SetupRow], action: &Action) -> Option<usize> {
    let last = rows.len() - 1;
    Some(match action {
        Action::Up => row.saturating_sub(1),
        Action::Down => (row + 1).min(last),
        Action::PageUp => row.saturating_sub(10),
        Action::PageDown => (row + 10).min(last),
        Action::First => 0,
        Action::Last => last,
        // Tab jumps past the agenda, however long it is, to the next part of the form.
        Action::NextField => (row + 1..rows.len()).find(|&r| starts_part(rows[r])).unwrap_or(row),
        Action::PrevField => (0..row).rev().find(|&r| starts_part(rows[r])).unwrap_or(0),
        _ => return None,
    })
}

/// Changes the set-up field on `row` (pack, agenda tick, group size, names, mode,
/// phones' address, method); false when `action` does nothing there.
fn edit_setup_field(app: &App, s: &mut SetupState, action: Action, row: SetupRow) -> bool {
    let right = matches!(action, Action::Right);
    match (action, row) {
        (Action::Left | Action::Right, SetupRow::Pack) => {
            let n = app.packs.len();
            let next = if right { (s.pack + 1) % n } else { (s.pack + n - 1) % n };
            if next != s.pack {
                s.pack = next;
                s.agenda.clear();
            }
        }
        (Action::Toggle, SetupRow::Dilemma(d)) => {
            match s.agenda.iter().position(|&x| x == d) {
                Some(i) => {
                    s.agenda.remove(i);
                }
                None => s.agenda.push(d),
            }
            s.error = false;
        }
        (Action::Left, SetupRow::Participants) => {
            s.participants = (s.participants - 1).max(*PARTICIPANTS.start())
        }
        (Action::Right, SetupRow::Participants) => {
            s.participants = (s.participants + 1).min(*PARTICIPANTS.end())
        }
        (Action::Edit(key), SetupRow::Names) => {
            s.names.input(key);
        }
        (Action::Paste(text), SetupRow::Names) => {
            s.names.insert_str(text.replace(['\n', '\r'], ","));
        }
        (Action::Left, SetupRow::Mode) => s.mode = s.mode.prev(),
        (Action::Right | Action::Toggle, SetupRow::Mode) => s.mode = s.mode.next(),
        (Action::Left | Action::Right, SetupRow::Address) if s.address_choices() > 1 => {
            let n = s.address_choices();
            s.address = if right { (s.address + 1) % n } else { (s.address + n - 1) % n };
        }
        (Action::Left | Action::Right | Action::Toggle, SetupRow::Method) => {
            s.method = match s.method {
                Method::Snel => Method::MoreelBeraad,
                Method::MoreelBeraad => Method::Snel,
            }
        }
        _ => return false,
    }
    true
}

/// Whether a row begins a part of the form (every row but the agenda's second and later).
fn starts_part(row: SetupRow) -> bool {
    !matches!(row, SetupRow::Dilemma(d) if d > 0)
}

fn start(app: &mut App, s: &SetupState) -> Vec<Effect> {
    let pack = &app.packs[s.pack];
    let setup = Setup {
        pack: pack.id.value.clone(),
        version: *pack.version,
        agenda: s.agenda.iter().map(|&d| pack.dilemmas[d].id.value.clone()).collect(),
        participants: s.participants,
        mode: s.mode,
        method: s.method,
    };
    let names = s.names();
    // From the OS, never from `app.rng` or stored data: two identical sessions must not
    // write the same pool file, and nobody may compute a session's ids.
    let id = random_id();
    let screen = SessionScreen {
        session: Session::new(setup),
        pack: s.pack,
        names,
        id,
        pool_ids: PoolIds::new(),
        timer: None,
        panel: None,
        scroll: 0,
        notes: None,
        tally_cursor: 0,
        redo: None,
        confirm: None,
        report: None,
        save_error: None,
        votes: SessionVotes::Written,
        stopped: false,
        phones: s.mode.on_phones().then(PhoneStatus::default),
        join: s.mode.on_phones(),
    };
    let mut effects = Vec::new();
    if screen.phones.is_some() {
        // `--listen` wins; else the address the facilitator saw in the set-up (the best one
        // unless another was picked), with any free port.
        let listen = app.listen.or_else(|| s.picked_address().map(|c| c.listen()));
        effects.push(Effect::Phones(PhoneEffect::Start { listen, lang: app.ui.lang }));
    }
    // The set-up gives way to the session: Esc from the session's end goes home.
    app.stack.pop();
    app.stack.push(Screen::Session(Box::new(screen)));
    if let Screen::Session(s) = app.screen_mut() {
        let mut s = (**s).clone();
        effects.extend(phones::effects(app, &mut s));
        *app.screen_mut() = Screen::Session(Box::new(s));
    }
    effects
}

/// The running session. A question waiting for yes/no, the notes editor and the redo
/// picker each take the keyboard whole while open; otherwise the key acts on the stage.
pub fn session(app: &mut App, s: SessionScreen, action: Action) -> Vec<Effect> {
    if s.ended() {
        return ended(app, s, action);
    }
    if let Some(question) = s.confirm {
        return answer(app, s, question, action);
    }
    if s.notes.is_some() {
        return edit_notes(app, s, action);
    }
    if let Some(selected) = s.redo {
        return pick_redo(app, s, selected, action);
    }
    running(app, s, action)
}

/// The session's end: Enter or Esc leaves (stopping the phones), the arrows scroll the
/// summary.
fn ended(app: &mut App, mut s: SessionScreen, action: Action) -> Vec<Effect> {
    match action {
        Action::Enter | Action::Back => {
            app.stack.pop();
            return phones::stop(&mut s);
        }
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            let delta = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -layout::page(app, &s),
                _ => layout::page(app, &s),
            };
            s.scroll = layout::scroll_by(app, &s, delta);
            *app.screen_mut() = Screen::Session(Box::new(s));
        }
        _ => {}
    }
    Vec::new()
}

/// The answer to the question on screen (few voters, a total that does not add up, a
/// larger group, stopping).
fn answer(
    app: &mut App,
    mut s: SessionScreen,
    question: SessionConfirm,
    action: Action,
) -> Vec<Effect> {
    let mut changed = false;
    match action {
        Action::Yes => {
            s.confirm = None;
            match question {
                SessionConfirm::FewVoters | SessionConfirm::Total(..) => {
                    changed = reveal(app, &mut s, true);
                }
                SessionConfirm::Participants(n) => {
                    changed = s.session.set_participants(n).is_ok();
                }
                SessionConfirm::Quit => {
                    s.stopped = true;
                    changed = true;
                }
            }
        }
        Action::No | Action::Back => s.confirm = None,
        _ => return Vec::new(),
    }
    finish(app, s, changed)
}

/// A key while the notes editor is open: typing goes into it, closing keeps the notes.
fn edit_notes(app: &mut App, mut s: SessionScreen, action: Action) -> Vec<Effect> {
    let Some(editor) = s.notes.as_mut() else { return Vec::new() };
    match action {
        Action::Edit(key) => {
            editor.input(key);
            return finish(app, s, false);
        }
        Action::Paste(text) => {
            editor.insert_str(text);
            return finish(app, s, false);
        }
        Action::Submit | Action::Back => {}
        // Ctrl+C in the notes: they are kept, and stopping asks first, as everywhere.
        Action::Quit => s.confirm = Some(SessionConfirm::Quit),
        _ => return Vec::new(),
    }
    let text = editor.lines().join("\n");
    s.session.set_notes(&text);
    s.notes = None;
    finish(app, s, true)
}

/// The redo picker: the arrows choose whose vote is taken again, Enter takes it.
fn pick_redo(app: &mut App, mut s: SessionScreen, selected: usize, action: Action) -> Vec<Effect> {
    let n = s.session.setup.participants;
    let mut changed = false;
    match action {
        Action::Up => s.redo = Some(selected.saturating_sub(1)),
        Action::Down => s.redo = Some((selected + 1).min(n - 1)),
        Action::Enter => {
            s.redo = None;
            changed = s.session.redo(selected).is_ok();
        }
        Action::Back => s.redo = None,
        _ => return Vec::new(),
    }
    finish(app, s, changed)
}

/// A key on the running stage. Each group below answers `Some(changed)` when the key is
/// its own; they are asked in this order, so a key that means something while voting (Up
/// in a tally, Enter at the keyboard) is taken before it falls back to scrolling.
fn running(app: &mut App, mut s: SessionScreen, action: Action) -> Vec<Effect> {
    let changed = match room_key(app, &mut s, &action)
        .or_else(|| stage_key(&mut s, &action))
        .or_else(|| vote_key(app, &mut s, &action))
        .or_else(|| move_key(app, &mut s, &action))
    {
        Some(changed) => changed,
        None => return Vec::new(),
    };
    finish(app, s, changed)
}

/// Keys about the room rather than the dilemma: stopping, the projector, how to join,
/// the group's size, the timer, skipping a stage.
fn room_key(app: &mut App, s: &mut SessionScreen, action: &Action) -> Option<bool> {
    let mode = s.session.setup.mode;
    let adjustable = s.voting() && mode.participants_adjustable();
    let mut changed = false;
    match action {
        Action::Quit => s.confirm = Some(SessionConfirm::Quit),
        // The facilitator decides what the room sees: from now on on, or off.
        Action::ToggleBeamer => {
            app.beamer = if app.projector() { Beamer::Off } else { Beamer::On };
            s.scroll = 0;
        }
        // How to join fills the screen until Enter (or c, or Esc) puts the session back.
        Action::ShowJoin if s.phones.is_some() => s.join = !s.join,
        Action::Enter | Action::Back if s.join => s.join = false,
        // The connected phones as the group's size: asked first when that is more people
        // than the facilitator entered, so a surplus is never absorbed unnoticed.
        Action::TakeJoined if mode.participants_adjustable() => {
            let n = s.session.joined.len();
            if n > s.session.setup.participants {
                s.confirm = Some(SessionConfirm::Participants(n));
            } else {
                changed = s.session.set_participants(n).is_ok();
            }
        }
        Action::Left if adjustable => {
            let n = s.session.setup.participants.saturating_sub(1);
            changed = s.session.set_participants(n).is_ok();
        }
        Action::Right if adjustable => {
            let n = s.session.setup.participants + 1;
            changed = s.session.set_participants(n).is_ok();
        }
        Action::Timer => {
            s.timer = press_timer(s.timer, s.session.current_stage().minutes, app.now);
        }
        Action::SkipStage => {
            changed = s.session.skip_stage().is_ok();
            enter_stage(s);
        }
        _ => return None,
    }
    Some(changed)
}

/// The timer after `t` is pressed: started at the stage's time (five minutes when it has
/// none), paused, resumed, or — once time is up — started afresh rather than paused at zero.
fn press_timer(timer: Option<Timer>, minutes: Option<u32>, now: u64) -> Option<Timer> {
    let fresh =
        || Timer { total: u64::from(minutes.unwrap_or(5)) * 60, started: Some(now), run: 0 };
    Some(match timer {
        Some(t) if t.left(now) == 0 => fresh(),
        Some(t) if t.started.is_some() => {
            Timer { started: None, run: t.run + now.saturating_sub(t.started.unwrap_or(now)), ..t }
        }
        Some(t) => Timer { started: Some(now), ..t },
        None => fresh(),
    })
}

/// Keys outside the vote: the material panels and the notes.
fn stage_key(s: &mut SessionScreen, action: &Action) -> Option<bool> {
    if s.voting() {
        return None;
    }
    match *action {
        Action::Panel(p) => {
            s.panel = if s.panel == Some(p) { None } else { Some(p) };
            s.scroll = 0;
            s.session.show_material(
                p == Panel::Questions,
                p == Panel::Research,
                p == Panel::Onderbouwing,
            );
            Some(true)
        }
        Action::EditNotes => {
            let stage = s.session.current_stage().kind;
            s.notes = Some(notes_editor(s.session.current().notes_of(stage)));
            Some(false)
        }
        _ => None,
    }
}

/// Keys during a vote: typing the tally, or the keyboard passed round (ready, cast, back
/// to the neutral screen, skip, redo), and Enter to reveal once everyone has voted.
fn vote_key(app: &mut App, s: &mut SessionScreen, action: &Action) -> Option<bool> {
    if !s.voting() {
        return None;
    }
    let mode = s.session.setup.mode;
    let tally = mode.typed_counts();
    let mut changed = false;
    match *action {
        Action::Up if tally => s.tally_cursor = s.tally_cursor.saturating_sub(1),
        Action::Down if tally => s.tally_cursor += 1,
        Action::Pick(n) if tally => changed = type_digit(app, s, Some(n)),
        Action::Delete if tally => changed = type_digit(app, s, None),
        Action::Enter => match s.session.turn {
            Some(t) if t.handover => {
                changed = s.session.voter_ready().is_ok();
                s.scroll = 0;
            }
            Some(_) => {}
            None => changed = reveal(app, s, false),
        },
        Action::Pick(n) => {
            if let Some(t) = s.session.turn
                && !t.handover
                && let Some(id) = option_at(app, s, usize::from(n).wrapping_sub(1))
            {
                changed = s.session.cast(&id).is_ok();
            }
        }
        // Enter pressed by mistake, or the wrong person at the keyboard: back to the
        // neutral screen, nothing cast.
        Action::Back if !tally => {
            changed = s.session.back_to_handover().is_ok();
            s.scroll = 0;
        }
        Action::Skip => {
            changed = s.session.skip_voter().is_ok();
            s.scroll = 0;
        }
        Action::Redo if mode.takes_turns() => {
            s.redo = Some(s.session.turn.map_or(0, |t| t.voter.saturating_sub(1)));
        }
        _ => return None,
    }
    Some(changed)
}

/// Enter to go on, and the scroll keys; what is left once no other group took the key.
fn move_key(app: &App, s: &mut SessionScreen, action: &Action) -> Option<bool> {
    let delta = match action {
        // Enter goes on, on every step; `e` opens the notes (the footer says so).
        Action::Enter => {
            let changed = s.session.advance().is_ok();
            enter_stage(s);
            return Some(changed);
        }
        Action::Up => -1,
        Action::Down => 1,
        Action::ScrollUp => -WHEEL_LINES,
        Action::ScrollDown => WHEEL_LINES,
        Action::PageUp => -layout::page(app, s),
        Action::PageDown => layout::page(app, s),
        _ => return None,
    };
    s.scroll = layout::scroll_by(app, s, delta);
    Some(false)
}

/// An editor holding the notes written so far in this step, with the cursor on a new line
/// after them: what the facilitator types next starts a line of its own, never glued to
/// the last sentence.
pub fn notes_editor(notes: &str) -> TextArea<'static> {
    let mut lines: Vec<String> = notes.lines().map(String::from).collect();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    let mut editor = TextArea::from(lines);
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.move_cursor(CursorMove::Bottom);
    editor.move_cursor(CursorMove::End);
    editor
}

/// After a resize: the scroll offset stays within the text it scrolls.
pub fn clamp_scroll(app: &App, s: &mut SessionScreen) {
    s.scroll = s.scroll.min(layout::max_scroll_of(app, s));
}

/// A new stage: no timer, no material, top of the text.
fn enter_stage(s: &mut SessionScreen) {
    s.timer = None;
    s.panel = None;
    s.scroll = 0;
    s.tally_cursor = 0;
}

/// Reveals the round; on success gives its votes their pool ids and shuffled written order
/// (the save that follows writes them), then moves on to the discussion (or the
/// before/after view), which is where the distribution is shown.
fn reveal(app: &mut App, s: &mut SessionScreen, confirmed: bool) -> bool {
    match s.session.reveal(confirmed) {
        Ok(()) => {
            s.pool_ids.on_reveal(&s.session, &mut app.rng);
            let _ = s.session.advance();
            enter_stage(s);
            true
        }
        Err(SessionError::FewVoters(_)) => {
            s.confirm = Some(SessionConfirm::FewVoters);
            false
        }
        Err(SessionError::TotalMismatch { total, expected }) => {
            s.confirm = Some(SessionConfirm::Total(total, expected));
            false
        }
        Err(_) => false,
    }
}

/// The werkwijze id at a display position (sessions show the pack's order).
fn option_at(app: &App, s: &SessionScreen, position: usize) -> Option<String> {
    let d = app.packs.get(s.pack)?.dilemma(&s.session.current().dilemma)?;
    d.options.get(position).map(|o| o.id.value.clone())
}

/// Typing a digit (or deleting one) into the selected werkwijze's tally.
fn type_digit(app: &App, s: &mut SessionScreen, digit: Option<u8>) -> bool {
    let Some(d) = app.packs.get(s.pack).and_then(|p| p.dilemma(&s.session.current().dilemma))
    else {
        return false;
    };
    s.tally_cursor = s.tally_cursor.min(d.options.len().saturating_sub(1));
    let id = d.options[s.tally_cursor].id.value.clone();
    let current = match s.session.round().map(|r| &r.ballots) {
        Some(Ballots::Tally(t)) => t.get(&id).copied().unwrap_or(0),
        _ => return false,
    };
    let next = match digit {
        Some(n) => (current * 10 + u32::from(n)).min(999),
        None => current / 10,
    };
    s.session.set_count(&id, next).is_ok()
}

/// Stores the screen back and, when the session changed, asks for the report and the
/// votes to be written: nothing already voted is lost, also when the session stops. The
/// phones are told what to show whenever that changed.
fn finish(app: &mut App, mut s: SessionScreen, changed: bool) -> Vec<Effect> {
    let mut effects = if changed { vec![save(app, &s)] } else { Vec::new() };
    effects.extend(phones::effects(app, &mut s));
    *app.screen_mut() = Screen::Session(Box::new(s));
    effects
}

fn save(app: &App, s: &SessionScreen) -> Effect {
    let pack = &app.packs[s.pack];
    let lang = app.ui.lang;
    Effect::SaveSession {
        session_id: s.id.clone(),
        stem: format!("{}-{}", app.today, pack.id.as_str()),
        report: crate::i18n::session_report(&Report::new(&s.session, pack, &app.today), lang),
        records: pool_records(&s.session, &s.pool_ids, &app.today),
    }
}

/// The report and votes were written (or not).
pub fn saved(
    app: &mut App,
    path: Option<std::path::PathBuf>,
    error: Option<String>,
    votes: SessionVotes,
) {
    for screen in app.stack.iter_mut() {
        if let Screen::Session(s) = screen {
            if path.is_some() {
                s.report = path.clone();
            }
            s.save_error = error.clone();
            s.votes = votes.clone();
        }
    }
}
