//! The form editor (`wikken bewerk`): its `update` on every editing action, without a
//! terminal; the pack it saves (checked, atomic, backed up, byte for byte the bundled packs
//! when nothing changed); and its screens at 80×24 and 120×35.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use wikken::i18n::{Lang, render_message};
use wikken::pack::{CheckOptions, DiagnosticKind, NoteKind, check_text_with, read_with_comments};
use wikken::tui::bewerk::{
    Cursor, Effect, Focus, Item, Question, State, Status, backup_path, run::perform, update,
};
use wikken::tui::{Action, Theme};

const STARTER_NAME: &str = "p";

fn starter() -> String {
    wikken::pack::starter_pack(STARTER_NAME)
}

fn open_at(text: &str, path: PathBuf) -> State {
    let (pack, comments) = read_with_comments(text).expect("reads");
    State::new(Lang::Nl, Theme::PLAIN, path, text, pack, comments, "2026-12-07".into())
}

fn open(text: &str) -> State {
    open_at(text, PathBuf::from("p.ron"))
}

fn press(state: &mut State, actions: impl IntoIterator<Item = Action>) -> Vec<Effect> {
    actions.into_iter().flat_map(|a| update(state, a)).collect()
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        update(state, Action::Edit(key));
    }
}

fn go(state: &mut State, item: Item, field: Option<&'static str>) {
    state.cursor = Cursor { item, field };
}

/// Types `text` as the whole value of a text field.
fn fill(state: &mut State, item: Item, field: &'static str, text: &str) {
    go(state, item, Some(field));
    press(state, [Action::Enter]);
    assert!(matches!(state.focus, Focus::Text(_)), "{field} opens no editor");
    // Empty the editor first: select all and delete, as a person would.
    for _ in 0..wikken::tui::bewerk::edit::field_text(&state.pack, item, field).chars().count() {
        update(state, Action::Edit(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
    }
    type_text(state, text);
    press(state, [Action::Back]);
    assert!(matches!(state.focus, Focus::Outline));
}

fn render(state: &State, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| wikken::tui::bewerk::view::render(state, f.area(), f.buffer_mut()))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn strict_errors(text: &str) -> usize {
    let options = CheckOptions { strict: true, problems_only: true, wet_age: None };
    check_text_with(text, options).diagnostics.iter().filter(|d| d.is_error()).count()
}

#[test]
fn dilemmas_are_added_moved_and_removed() {
    let mut state = open(&starter());
    go(&mut state, Item::Pack, Some("dilemmas"));
    press(&mut state, [Action::Add]);
    assert_eq!(state.pack.dilemmas.len(), 2);
    assert_eq!(state.cursor, Cursor { item: Item::Dilemma(1), field: Some("title") });
    assert_eq!(state.pack.dilemmas[1].id.as_str(), "dilemma-2");
    assert_eq!(state.pack.dilemmas[1].options.len(), 2, "a new dilemma has two werkwijzen");
    assert!(state.dirty);
    // The empty texts of the new dilemma are errors, placed on its rows.
    assert!(
        state.problems.iter().any(|p| p.diag.is_error()
            && p.at == Cursor { item: Item::Dilemma(1), field: Some("title") })
    );

    press(&mut state, [Action::MoveUp]);
    assert_eq!(state.pack.dilemmas[0].id.as_str(), "dilemma-2");
    assert_eq!(state.cursor.item, Item::Dilemma(0));
    press(&mut state, [Action::MoveDown]);
    assert_eq!(state.pack.dilemmas[1].id.as_str(), "dilemma-2");

    press(&mut state, [Action::Remove]);
    assert!(matches!(state.focus, Focus::Confirm(Question::Remove(Item::Dilemma(1)))));
    press(&mut state, [Action::No]);
    assert_eq!(state.pack.dilemmas.len(), 2, "No keeps it");
    press(&mut state, [Action::Remove, Action::Yes]);
    assert_eq!(state.pack.dilemmas.len(), 1);
    assert_eq!(state.pack.dilemmas[0].id.as_str(), "hardheidsclausule");
}

#[test]
fn werkwijzen_are_added_moved_and_removed() {
    let mut state = open(&starter());
    go(&mut state, Item::Werkwijze(0, 0), None);
    press(&mut state, [Action::Add]);
    let ids = |s: &State| -> Vec<String> {
        s.pack.dilemmas[0].options.iter().map(|o| o.id.value.clone()).collect()
    };
    assert_eq!(ids(&state), ["a", "d", "b", "c"], "added after the werkwijze, with a free id");
    assert_eq!(state.cursor.item, Item::Werkwijze(0, 1));
    press(&mut state, [Action::MoveDown, Action::MoveDown]);
    assert_eq!(ids(&state), ["a", "b", "c", "d"]);
    press(&mut state, [Action::MoveDown]);
    assert_eq!(ids(&state), ["a", "b", "c", "d"], "the last stays last");
    go(&mut state, Item::Werkwijze(0, 0), Some("title"));
    press(&mut state, [Action::Remove, Action::Yes]);
    assert_eq!(ids(&state), ["b", "c", "d"]);
}

#[test]
fn notes_are_added_with_kind_month_and_sources_chosen_from_lists() {
    let mut state = open(&starter());
    go(&mut state, Item::Dilemma(0), Some("notes"));
    press(&mut state, [Action::Add]);
    let note = Item::Note(0, None, 2);
    assert_eq!(state.cursor, Cursor { item: note, field: Some("kind") });
    let Focus::Picker(picker) = &state.focus else { panic!("the kind picker opens") };
    assert_eq!(picker.values, ["Onderzoek", "Praktijk", "Client", "Wet", ""]);
    // Wet: the fourth.
    press(&mut state, [Action::Down, Action::Down, Action::Down, Action::Enter]);
    let kind = |s: &State| wikken::tui::bewerk::edit::note(&s.pack, note).and_then(|n| n.kind());
    assert_eq!(kind(&state), Some(NoteKind::Wet));
    // A Wet note without a month is an error, said as check says it.
    assert!(state.problems.iter().any(|p| p.diag.kind == DiagnosticKind::WetWithoutAsOf));

    go(&mut state, note, Some("as_of"));
    press(&mut state, [Action::Enter]);
    let Focus::Picker(picker) = &state.focus else { panic!("the month picker opens") };
    assert_eq!(picker.values[..3], ["", "2026-12", "2026-11"]);
    press(&mut state, [Action::Down, Action::Enter]);
    let as_of = |s: &State| {
        wikken::tui::bewerk::edit::note(&s.pack, note)
            .and_then(|n| n.as_of.clone())
            .map(|a| a.value)
    };
    assert_eq!(as_of(&state).as_deref(), Some("2026-12"));
    assert!(!state.problems.iter().any(|p| p.diag.kind == DiagnosticKind::WetWithoutAsOf));

    go(&mut state, note, Some("sources"));
    press(&mut state, [Action::Enter]);
    let Focus::Picker(picker) = &state.focus else { panic!("the sources picker opens") };
    assert_eq!(picker.values, ["debruin-bestuurders", "verordening"]);
    assert!(picker.multi);
    press(&mut state, [Action::Toggle, Action::Down, Action::Toggle, Action::Enter]);
    let sources = wikken::tui::bewerk::edit::field_texts(&state.pack, note, "sources");
    assert_eq!(sources, ["debruin-bestuurders", "verordening"]);
    // Esc leaves the choice as it was.
    press(&mut state, [Action::Enter, Action::Toggle, Action::Back]);
    assert_eq!(wikken::tui::bewerk::edit::field_texts(&state.pack, note, "sources").len(), 2);

    // Change the kind of a werkwijze's note to Client, then remove the new note.
    let onderbouwing = Item::Note(0, Some(0), 0);
    go(&mut state, onderbouwing, Some("kind"));
    press(&mut state, [Action::Enter, Action::First, Action::Down, Action::Down, Action::Enter]);
    assert_eq!(
        wikken::tui::bewerk::edit::note(&state.pack, onderbouwing).and_then(|n| n.kind()),
        Some(NoteKind::Client)
    );
    go(&mut state, note, None);
    press(&mut state, [Action::MoveUp]);
    assert_eq!(state.cursor.item, Item::Note(0, None, 1));
    press(&mut state, [Action::Remove, Action::Yes]);
    assert_eq!(state.pack.dilemmas[0].notes.len(), 2);
}

#[test]
fn typing_edits_the_field_and_check_speaks_at_once() {
    let mut state = open(&starter());
    go(&mut state, Item::Dilemma(0), Some("id"));
    press(&mut state, [Action::Enter]);
    type_text(&mut state, " X");
    assert_eq!(state.pack.dilemmas[0].id.as_str(), "hardheidsclausule X");
    assert!(state.dirty);
    // The same rule and message as `wikken check`.
    let text = state.text();
    let checked = wikken::pack::check_text(&text);
    let expected = checked
        .diagnostics
        .iter()
        .find(|d| matches!(d.kind, DiagnosticKind::InvalidSlug { .. }))
        .expect("check finds the bad id");
    let found = state
        .problems
        .iter()
        .find(|p| p.diag.kind == expected.kind)
        .expect("the editor finds it too");
    assert_eq!(found.at, Cursor { item: Item::Dilemma(0), field: Some("id") });
    let message = render_message(Lang::Nl, expected);
    let screen = render(&state, 120, 35);
    let shown: String = message.chars().take(40).collect();
    assert!(screen.contains(&shown), "{shown:?} not on screen:\n{screen}");

    // Enter ends a one-line text; a multi-line text takes Enter as a new line.
    press(&mut state, [Action::Back]);
    fill(&mut state, Item::Dilemma(0), "id", "hardheidsclausule");
    assert!(
        state.problems.iter().all(|p| !matches!(p.diag.kind, DiagnosticKind::InvalidSlug { .. }))
    );
    go(&mut state, Item::Dilemma(0), Some("questions"));
    press(&mut state, [Action::Enter]);
    type_text(&mut state, "\nEn jij?");
    assert_eq!(state.pack.dilemmas[0].questions.len(), 5);
    assert_eq!(state.pack.dilemmas[0].questions[4].as_str(), "En jij?");

    // version takes a number only.
    press(&mut state, [Action::Back]);
    go(&mut state, Item::Pack, Some("version"));
    press(&mut state, [Action::Enter]);
    type_text(&mut state, "x");
    assert_eq!(state.status, Some(Status::NotANumber));
    assert_eq!(state.pack.version.value, 1);
}

#[test]
fn the_outline_follows_the_cursor() {
    let mut state = open(&starter());
    let rows = state.rows();
    assert_eq!(rows[0].at, Cursor { item: Item::Pack, field: None });
    assert!(!rows.iter().any(|r| r.at.item == Item::Werkwijze(0, 0)), "dilemmas start closed");
    go(&mut state, Item::Dilemma(0), None);
    let rows = state.rows();
    assert!(
        rows.iter().any(|r| r.at.item == Item::Note(0, Some(2), 0)),
        "the open dilemma's notes"
    );
    assert!(
        !rows.iter().any(|r| r.at == Cursor { item: Item::Source(0), field: Some("citation") })
    );
    go(&mut state, Item::Source(0), None);
    press(&mut state, [Action::Down]);
    assert_eq!(state.cursor, Cursor { item: Item::Source(0), field: Some("id") });
    press(&mut state, [Action::Last]);
    assert_eq!(state.cursor, Cursor { item: Item::Dilemma(0), field: None }, "closed till there");
    press(&mut state, [Action::Last]);
    assert_eq!(state.cursor, Cursor { item: Item::Dilemma(0), field: Some("questions") });
    // Esc goes back up a level: to the record, then to its list.
    press(&mut state, [Action::Back]);
    assert_eq!(state.cursor, Cursor { item: Item::Dilemma(0), field: None });
    press(&mut state, [Action::Back]);
    assert_eq!(state.cursor, Cursor { item: Item::Pack, field: Some("dilemmas") });
    press(&mut state, [Action::First]);
    assert_eq!(state.cursor.item, Item::Pack);
}

#[test]
fn a_pack_with_errors_is_not_saved_and_a_valid_one_is_saved_with_a_backup_once() {
    let mut state = open(&starter());
    fill(&mut state, Item::Dilemma(0), "title", "");
    assert!(press(&mut state, [Action::Submit]).is_empty());
    assert_eq!(state.status, Some(Status::HasErrors(1)));
    fill(&mut state, Item::Dilemma(0), "title", "Een andere titel");
    let effects = press(&mut state, [Action::Submit]);
    let [Effect::Save { path, text, backup }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(path, Path::new("p.ron"));
    assert_eq!(backup.as_deref(), Some(Path::new("p.ron.bak")));
    assert_eq!(strict_errors(text), 0);
    assert!(text.contains("title: \"Een andere titel\","));
    assert!(state.saving && !state.dirty);
    press(&mut state, [Action::PackSaved { path: path.clone(), backup: backup.clone() }]);
    assert!(!state.saving);
    let effects = press(&mut state, [Action::Submit]);
    assert!(matches!(effects.as_slice(), [Effect::Save { backup: None, .. }]), "one backup only");
}

#[test]
fn saving_writes_atomically_keeps_the_previous_version_and_a_copy_never_overwrites() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("p.ron");
    std::fs::write(&file, "oud").expect("write");
    let done = perform(
        Lang::Nl,
        Effect::Save { path: file.clone(), text: "nieuw".into(), backup: Some(backup_path(&file)) },
    );
    assert!(matches!(done, Action::PackSaved { backup: Some(_), .. }), "{done:?}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "nieuw");
    assert_eq!(std::fs::read_to_string(dir.path().join("p.ron.bak")).expect("bak"), "oud");
    for expected in ["p.kopie.ron", "p.kopie-2.ron"] {
        let done = perform(Lang::Nl, Effect::SaveCopy { path: file.clone(), text: "kopie".into() });
        let Action::PackSaved { path, backup: None } = done else { panic!("{done:?}") };
        assert_eq!(path, dir.path().join(expected));
    }
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "nieuw");
    // A folder where the pack should be: a message, no panic.
    let done = perform(
        Lang::Nl,
        Effect::Save { path: dir.path().to_path_buf(), text: "x".into(), backup: None },
    );
    assert!(matches!(done, Action::SaveFailed(_)), "{done:?}");
}

#[test]
fn comments_inside_a_value_are_said_before_the_first_save_with_a_copy_offered() {
    let text = starter().replacen("license: Some(", "license: Some(/* welke? */ ", 1);
    let mut state = open(&text);
    assert_eq!(state.status, Some(Status::CommentsWillMove(1)));
    assert!(press(&mut state, [Action::Submit]).is_empty());
    assert!(matches!(state.focus, Focus::Confirm(Question::SaveWhere)));
    let screen = render(&state, 80, 24);
    assert!(screen.contains("p.kopie.ron"), "{screen}");
    let effects = press(&mut state, [Action::SaveCopy]);
    assert!(matches!(effects.as_slice(), [Effect::SaveCopy { .. }]), "{effects:?}");
    // Or here anyway: asked once.
    let mut state = open(&text);
    let effects = press(&mut state, [Action::Submit, Action::Yes]);
    let [Effect::Save { text: saved, .. }] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(saved.contains("/* welke? */"), "the comment is kept");
}

#[test]
fn the_bundled_packs_and_the_starter_open_and_save_unchanged_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("dilemmas");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("dilemmas/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.push(root.join("voorbeeld/voorbeeld.ron"));
    assert!(files.len() >= 3);
    let dir = tempfile::tempdir().expect("tmp");
    for source in files {
        let original = std::fs::read_to_string(&source).expect("read");
        let file = dir.path().join(source.file_name().expect("name"));
        std::fs::write(&file, &original).expect("copy");
        let mut state = open_at(&original, file.clone());
        assert_eq!(state.status, None, "{}: said to change on save", source.display());
        assert_eq!(state.text(), original, "{}", source.display());
        // Touch a text and put it back: the save is the file as it was.
        fill(&mut state, Item::Dilemma(0), "title", "x");
        let title = read_with_comments(&original).expect("reads").0.dilemmas[0].title.value.clone();
        fill(&mut state, Item::Dilemma(0), "title", &title);
        for effect in press(&mut state, [Action::Submit]) {
            update(&mut state, perform(Lang::Nl, effect));
        }
        assert!(matches!(state.status, Some(Status::Saved { .. })), "{:?}", state.status);
        assert_eq!(
            std::fs::read_to_string(&file).expect("saved"),
            original,
            "{}",
            source.display()
        );
        assert_eq!(std::fs::read_to_string(backup_path(&file)).expect("bak"), original);
    }
}

#[test]
fn a_hand_written_pack_keeps_every_text_and_comment() {
    let hand = "// mijn pack\nPack(id:\"hand\",version:1,language:\"nl\",title:\"Met de hand\", // titel\n\
                dilemmas:[Dilemma(id:\"d\",title:\"T\",case:\"Regel een\nregel twee\",question:\"V?\",\
                options:[Option(id:\"a\",title:\"A\",text:\"Doe a\"),Option(id:\"b\",title:\"B\",text:\"Doe b\")])])\n";
    let state = open(hand);
    assert_eq!(state.status, Some(Status::LayoutWillChange));
    let saved = state.text();
    for kept in
        ["// mijn pack", "// titel", "\"Regel een\nregel twee\"", "\"Doe b\"", "\"Met de hand\""]
    {
        assert!(saved.contains(kept), "{kept:?} lost:\n{saved}");
    }
    assert_eq!(wikken::pack::format_text(hand).expect("formats").text, saved, "the fmt layout");
}

#[test]
fn snapshots() {
    let mut state = open(&starter());
    insta::assert_snapshot!("bewerk_80x24_outline", render(&state, 80, 24));
    insta::assert_snapshot!("bewerk_120x35_outline", render(&state, 120, 35));
    go(&mut state, Item::Werkwijze(0, 1), Some("text"));
    press(&mut state, [Action::Enter]);
    insta::assert_snapshot!("bewerk_120x35_editing_text", render(&state, 120, 35));
    press(&mut state, [Action::Back]);
    go(&mut state, Item::Note(0, None, 0), Some("kind"));
    press(&mut state, [Action::Enter]);
    insta::assert_snapshot!("bewerk_80x24_kind_picker", render(&state, 80, 24));
    // On a note, the preview shows the spiegel, its chart marked as a sample.
    press(&mut state, [Action::Back]);
    let screen = render(&state, 120, 35);
    assert!(screen.contains("VOORBEELD"), "{screen}");
    insta::assert_snapshot!("bewerk_120x35_spiegel", screen);
    press(&mut state, [Action::NextField]);
    insta::assert_snapshot!("bewerk_80x24_preview", render(&state, 80, 24));
    press(&mut state, [Action::NextField, Action::Help]);
    insta::assert_snapshot!("bewerk_80x24_help", render(&state, 80, 24));
    // A new dilemma: its empty texts are errors, marked on their rows and listed below.
    press(&mut state, [Action::CloseOverlay]);
    go(&mut state, Item::Pack, Some("dilemmas"));
    press(&mut state, [Action::Add]);
    insta::assert_snapshot!("bewerk_80x24_new_dilemma", render(&state, 80, 24));
}

#[test]
fn escape_sequences_in_a_pack_never_reach_the_terminal() {
    // A hostile pack: an escape sequence and a direction override, written as \u{…}.
    let text = starter().replacen(
        "title: \"De regel die te hard uitpakt\"",
        "title: \"Rood\\u{1b}[31m \\u{202e}om\"",
        1,
    );
    let mut state = open(&text);
    go(&mut state, Item::Dilemma(0), Some("title"));
    for screen in [render(&state, 120, 35), {
        press(&mut state, [Action::Enter]);
        render(&state, 120, 35)
    }] {
        assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'), "{screen}");
    }
    // The text itself is kept as written.
    press(&mut state, [Action::Back]);
    assert!(state.text().contains("Rood\\u{1b}[31m \\u{202e}om"));
}

#[test]
fn an_id_the_app_already_loads_is_refused_as_check_refuses_it() {
    let mut state = open(&starter());
    state.taken = vec![("p".into(), "werk-en-inkomen.ron (ingebouwd)".into())];
    state.validate();
    let clash = state
        .problems
        .iter()
        .find(|p| matches!(p.diag.kind, DiagnosticKind::DuplicatePack { .. }))
        .expect("the clash is an error");
    assert_eq!(clash.at, Cursor { item: Item::Pack, field: Some("id") });
    assert!(press(&mut state, [Action::Submit]).is_empty(), "not saved");
    fill(&mut state, Item::Pack, "id", "eigen-pack");
    assert_eq!(state.errors(), 0);
}

#[test]
fn a_pack_larger_than_wikken_reads_is_not_written() {
    let mut state = open(&starter());
    go(&mut state, Item::Dilemma(0), Some("case"));
    press(&mut state, [Action::Enter]);
    let huge = "woord ".repeat(usize::try_from(wikken::pack::MAX_FILE_SIZE).expect("fits") / 6 + 1);
    press(&mut state, [Action::Paste(huge), Action::Back]);
    assert!(press(&mut state, [Action::Submit]).is_empty());
    assert!(matches!(state.status, Some(Status::TooLarge(_))), "{:?}", state.status);
}

#[test]
fn a_wet_note_due_again_is_said_as_check_says_it() {
    let mut state = open(&starter());
    let today = wikken::pack::YearMonth::parse("2028-06").expect("month");
    state.wet_age = Some(wikken::pack::WetAge { today, max_months: 12 });
    state.validate();
    let due = state
        .problems
        .iter()
        .find(|p| matches!(p.diag.kind, DiagnosticKind::WetDue { .. }))
        .expect("the starter's Wet note of 2026-12 is due in 2028-06");
    assert!(!due.diag.is_error(), "a warning: saving goes on");
    assert_eq!(due.at, Cursor { item: Item::Note(0, None, 0), field: Some("as_of") });
}

#[test]
fn the_help_scrolls_no_further_than_it_is_long() {
    let mut state = open(&starter());
    press(&mut state, [Action::Resize(80, 24), Action::Help]);
    press(&mut state, (0..500).map(|_| Action::PageDown));
    let Focus::Help(end) = state.focus else { panic!("help open") };
    assert!(end > 0 && end < 200, "{end}");
    press(&mut state, [Action::Up]);
    assert!(matches!(state.focus, Focus::Help(n) if n == end - 1));
}

#[test]
fn a_click_selects_a_row_and_a_second_click_opens_it() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut state = open(&starter());
    update(&mut state, Action::Resize(80, 24));
    let click = |row: u16| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row 5 of the screen is the pack's title (under the title bar: Pack, id, version, …).
    let action = wikken::tui::bewerk::action_for(&state, &click(5)).expect("a row");
    press(&mut state, [action]);
    assert_eq!(state.cursor, Cursor { item: Item::Pack, field: Some("title") });
    let action = wikken::tui::bewerk::action_for(&state, &click(5)).expect("the same row");
    press(&mut state, [action]);
    assert!(matches!(state.focus, Focus::Text(_)), "a second click opens the field");
    assert!(wikken::tui::bewerk::action_for(&state, &click(5)).is_none(), "not while typing");
    assert!(wikken::tui::bewerk::action_for(&state, &click(23)).is_none());
}
