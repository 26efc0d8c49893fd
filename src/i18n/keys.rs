//! What keys do and where, in words: the labels and headings the trainer's key table
//! (`tui::keys`) refers to, so footers and help are generated from one table and still
//! every word lives here.

use super::Lang;

/// What a key does, as the footer and the help say it.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyLabel {
    Move,
    Open,
    Choose,
    Back,
    Quit,
    Help,
    CloseHelp,
    Surprise,
    History,
    Development,
    Month,
    StartSession,
    Theme,
    Scroll,
    TopBottom,
    Save,
    NextField,
    PrevField,
    Confidence,
    NoConfidence,
    Toggle,
    Revise,
    NextDilemma,
    Spiegel,
    Yes,
    No,
    // Intervisie.
    Continue,
    Reveal,
    Stop,
    Ready,
    SkipVoter,
    Redo,
    Vote,
    BallotBack,
    Onderbouwing,
    Research,
    Questions,
    Timer,
    Notes,
    SaveNotes,
    SkipStage,
    Join,
    TakeJoined,
    Participants,
    Count,
    Delete,
    SelectCount,
    Agenda,
    Change,
    Start,
    Sections,
    Names,
    Type,
    OpenPack,
    PracticeNew,
    Beamer,
    // The form editor (`wikken bewerk`).
    Edit,
    Done,
    Add,
    Remove,
    Reorder,
    Up,
    PreviewPane,
    Choose1,
    Mark,
    Cancel,
    SaveHere,
    SaveCopy,
    ScrollPreview,
}

impl KeyLabel {
    /// The label in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use KeyLabel::*;
        let (nl, en) = match self {
            Move => ("bewegen", "move"),
            Open => ("openen", "open"),
            Choose => ("kiezen", "choose"),
            Back => ("terug", "back"),
            Quit => ("stoppen", "quit"),
            Help => ("hulp", "help"),
            CloseHelp => ("hulp sluiten", "close help"),
            Surprise => ("verras me", "surprise me"),
            History => ("antwoorden", "answers"),
            Development => ("ontwikkeling", "development"),
            Month => ("dilemma van de maand", "dilemma of the month"),
            StartSession => ("intervisie starten", "start intervisie"),
            Theme => ("thema", "theme"),
            Scroll => ("scrollen", "scroll"),
            TopBottom => ("begin/eind", "top/end"),
            Save => ("opslaan", "save"),
            NextField => ("volgend veld", "next field"),
            PrevField => ("vorig veld", "previous field"),
            Confidence => ("zekerheid", "confidence"),
            NoConfidence => ("geen zekerheid", "no confidence"),
            Toggle => ("aan/uit", "on/off"),
            Revise => ("herzien", "revise"),
            NextDilemma => ("volgende", "next"),
            Spiegel => ("spiegel", "mirror"),
            Yes => ("ja", "yes"),
            No => ("nee", "no"),
            Continue => ("verder", "continue"),
            Reveal => ("onthullen", "reveal"),
            Stop => ("stoppen", "stop"),
            Ready => ("ik ben er", "I'm here"),
            SkipVoter => ("overslaan", "skip"),
            Redo => ("stem opnieuw", "vote again"),
            Vote => ("stemmen", "vote"),
            BallotBack => ("terug naar beurtscherm", "back to the turn screen"),
            Onderbouwing => ("onderbouwing", "grounds"),
            Research => ("achtergrond", "background"),
            Questions => ("vragen", "questions"),
            Timer => ("timer", "timer"),
            Notes => ("aantekeningen", "notes"),
            SaveNotes => ("bewaren", "save"),
            SkipStage => ("stap overslaan", "skip step"),
            Join => ("QR-code", "QR code"),
            TakeJoined => ("aantal verbonden overnemen", "use number connected"),
            Participants => ("deelnemers", "participants"),
            Count => ("aantal", "count"),
            Delete => ("cijfer wissen", "delete digit"),
            SelectCount => ("werkwijze", "werkwijze"),
            Agenda => ("op de agenda", "on the agenda"),
            Change => ("wijzigen", "change"),
            Start => ("starten", "start"),
            Sections => ("volgend onderdeel", "next part"),
            Names => ("namen typen", "type names"),
            Type => ("typen", "type"),
            OpenPack => ("pack met dat nummer openen", "open the pack with that number"),
            PracticeNew => ("nieuw thema oefenen", "practise a new theme"),
            Beamer => ("beamer aan/uit", "projector on/off"),
            Edit => ("bewerken", "edit"),
            Done => ("klaar", "done"),
            Add => ("toevoegen", "add"),
            Remove => ("verwijderen", "remove"),
            Reorder => ("verplaatsen", "move"),
            Up => ("niveau hoger", "up a level"),
            PreviewPane => ("voorbeeld/formulier", "preview/form"),
            Choose1 => ("kiezen", "choose"),
            Mark => ("aan/uit", "tick"),
            Cancel => ("annuleren", "cancel"),
            SaveHere => ("toch hier opslaan", "save here anyway"),
            SaveCopy => ("als kopie opslaan", "save as a copy"),
            ScrollPreview => ("voorbeeld scrollen", "scroll preview"),
        };
        lang.pick(nl, en)
    }
}

/// Where a group of keys applies: the help's headings.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyPlace {
    Everywhere,
    Home,
    Pack,
    Dilemma,
    Editor,
    ConfidenceField,
    ShareField,
    Spiegel,
    Revising,
    History,
    Answer,
    Development,
    Question,
    Help,
    Setup,
    SetupNames,
    Stage,
    Tally,
    Handover,
    Ballot,
    Voted,
    Phones,
    Reveal,
    Compare,
    Notes,
    Redo,
    Join,
    End,
    // The form editor (`wikken bewerk`).
    BewerkOutline,
    BewerkLine,
    BewerkText,
    BewerkPicker,
    BewerkSave,
}

impl KeyPlace {
    /// The heading in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        use KeyPlace::*;
        let (nl, en) = match self {
            Everywhere => ("Overal (buiten tekstvakken)", "Everywhere (outside text fields)"),
            Home => ("Startscherm", "Home"),
            Pack => ("Een pack", "A pack"),
            Dilemma => ("Een dilemma", "A dilemma"),
            Editor => ("Je overweging schrijven", "Writing your reasoning"),
            ConfidenceField => ("Zekerheid", "Confidence"),
            ShareField => ("Anoniem delen", "Share anonymously"),
            Spiegel => ("De spiegel", "The mirror"),
            Revising => ("Keuze herzien", "Revising your choice"),
            History => ("Mijn antwoorden", "My answers"),
            Answer => ("Eén antwoord", "One answer"),
            Development => ("Mijn ontwikkeling", "My development"),
            Question => ("Een vraag", "A question"),
            Help => ("Deze hulp", "This help"),
            Setup => ("Intervisie voorbereiden", "Preparing intervisie"),
            SetupNames => ("Namen typen", "Typing names"),
            Stage => ("Sessie: een gespreksstap", "Session: a talking step"),
            Tally => ("Sessie: tellen", "Session: counting"),
            Handover => ("Sessie: beurtscherm", "Session: turn screen"),
            Ballot => ("Sessie: stembiljet", "Session: ballot"),
            Voted => ("Sessie: iedereen gestemd", "Session: everyone voted"),
            Phones => ("Sessie: stemmen met telefoons", "Session: voting on phones"),
            Reveal => ("Sessie: de uitslag", "Session: the result"),
            Compare => ("Sessie: voor en na", "Session: before and after"),
            Notes => ("Sessie: aantekeningen", "Session: notes"),
            Redo => ("Sessie: wie stemt opnieuw", "Session: who votes again"),
            Join => ("Sessie: meedoen met je telefoon", "Session: joining by phone"),
            End => ("Sessie: het einde", "Session: the end"),
            BewerkOutline => ("Bewerken: het overzicht", "Editing: the outline"),
            BewerkLine => ("Bewerken: een tekst van één regel", "Editing: a one-line text"),
            BewerkText => {
                ("Bewerken: een tekst van meer regels", "Editing: a text of several lines")
            }
            BewerkPicker => ("Bewerken: kiezen uit een lijst", "Editing: choosing from a list"),
            BewerkSave => ("Bewerken: opslaan met opmerkingen", "Editing: saving with comments"),
        };
        lang.pick(nl, en)
    }
}

/// The space bar's name in `lang`.
pub fn space_key(lang: Lang) -> &'static str {
    lang.pick("spatie", "space")
}

/// The help's own lines: its title, how to close it, and the heading over the keys of the
/// screen it was opened on.
pub fn help_here(lang: Lang) -> &'static str {
    lang.pick("Op dit scherm", "On this screen")
}
