//! Texts of the intervisie session: set-up, stages of the methods, voting, reveal, report.

use super::Lang;
use crate::session::{Method, StageKind, VoteMode};

/// Fixed texts of the session in one language.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct SessionText {
    pub lang: Lang,
    pub home_entry: &'static str,
    pub setup_title: &'static str,
    pub setup_pack: &'static str,
    pub setup_agenda: &'static str,
    pub setup_agenda_hint: &'static str,
    pub setup_participants: &'static str,
    pub setup_names: &'static str,
    pub setup_names_hint: &'static str,
    pub setup_mode: &'static str,
    pub setup_address: &'static str,
    pub setup_method: &'static str,
    pub setup_start: &'static str,
    pub setup_need_agenda: &'static str,
    pub setup_read_only: &'static str,
    pub mode_doorgeven: &'static str,
    pub mode_doorgeven_hint: &'static str,
    pub mode_telling: &'static str,
    pub mode_telling_hint: &'static str,
    pub mode_telefoon: &'static str,
    pub mode_telefoon_hint: &'static str,
    pub join_title: &'static str,
    pub join_scan: &'static str,
    pub join_wifi: &'static str,
    pub phones_starting: &'static str,
    pub phones_vote_hint: &'static str,
    pub qr_no_room: &'static str,
    pub method_snel: &'static str,
    pub method_snel_hint: &'static str,
    pub method_moreel: &'static str,
    pub method_moreel_hint: &'static str,
    pub stage_case: (&'static str, &'static str),
    pub stage_case_moreel: (&'static str, &'static str),
    pub stage_clarify: (&'static str, &'static str),
    pub stage_moral: (&'static str, &'static str),
    pub stage_values: (&'static str, &'static str),
    pub stage_vote: (&'static str, &'static str),
    pub stage_vote_tally: &'static str,
    pub stage_vote_moreel: (&'static str, &'static str),
    pub stage_discuss: (&'static str, &'static str),
    pub stage_dialogue: (&'static str, &'static str),
    pub stage_revote: (&'static str, &'static str),
    pub stage_compare: (&'static str, &'static str),
    pub stage_notes: (&'static str, &'static str),
    pub stage_evaluation: (&'static str, &'static str),
    pub handover_hint: &'static str,
    pub vote_prompt: &'static str,
    pub tally_title: &'static str,
    pub tally_hint: &'static str,
    pub reveal_hint: &'static str,
    pub first_round: &'static str,
    pub second_round: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub before_after: &'static str,
    pub no_votes: &'static str,
    pub research: &'static str,
    pub onderbouwing: &'static str,
    pub questions: &'static str,
    pub notes_title: &'static str,
    pub notes_placeholder: &'static str,
    pub end_title: &'static str,
    pub end_report: &'static str,
    pub end_pool: &'static str,
    pub end_no_votes: &'static str,
    pub end_votes_not_taken: &'static str,
    pub confirm_few: &'static str,
    pub confirm_quit: &'static str,
    pub confirm_quit_unsaved: &'static str,
    pub end_notes_unsaved: &'static str,
    pub redo_prompt: &'static str,
    pub timer_label: &'static str,
    pub timer_off: &'static str,
    pub time_up: &'static str,
    pub time_up_banner: &'static str,
    // The report.
    pub report_title: &'static str,
    pub report_date: &'static str,
    pub report_method: &'static str,
    pub report_mode: &'static str,
    pub report_participants: &'static str,
    pub report_agenda: &'static str,
    pub report_option: &'static str,
    pub report_notes: &'static str,
    pub report_prompts: &'static str,
    pub report_not_voted: &'static str,
    pub report_no_notes: &'static str,
    pub report_privacy: &'static str,
    pub report_stopped: &'static str,
}

/// Dutch.
pub static NL: SessionText = SessionText {
    lang: Lang::Nl,
    home_entry: "Intervisie starten",
    setup_title: "Intervisie voorbereiden",
    setup_pack: "Pack",
    setup_agenda: "Agenda",
    setup_agenda_hint: "spatie zet een dilemma op de agenda of haalt het eraf; de volgorde is die van aanvinken",
    setup_participants: "Deelnemers",
    setup_names: "Voornamen (optioneel)",
    setup_names_hint: "alleen op het scherm, nooit opgeslagen; scheid met komma's",
    setup_mode: "Stemmen",
    setup_address: "Adres",
    setup_method: "Methode",
    setup_start: "Start de sessie",
    setup_need_agenda: "Zet minstens één dilemma op de agenda.",
    setup_read_only: "Let op: in je gegevensmap kan niets worden bewaard. Deze sessie kan, maar het verslag en de stemmen worden niet opgeslagen; schrijf wat je wilt houden zelf op.",
    mode_doorgeven: "doorgeven",
    mode_doorgeven_hint: "het toetsenbord gaat rond; niemand ziet een andere stem",
    mode_telling: "telling",
    mode_telling_hint: "de begeleider voert het aantal handen of briefjes per werkwijze in",
    mode_telefoon: "eigen telefoon",
    mode_telefoon_hint: "iedereen stemt geheim op de eigen telefoon via het wifi-netwerk van deze laptop; geen internet, geen account, de stemmen blijven op deze laptop",
    join_title: "Stem mee met je telefoon",
    join_scan: "Scan de QR-code met de camera van je telefoon, of typ het adres in de browser.",
    join_wifi: "Je telefoon moet op hetzelfde wifi-netwerk zitten als deze laptop.",
    phones_starting: "De verbinding voor telefoons wordt gestart…",
    phones_vote_hint: "Stem op je telefoon. De verdeling komt pas op het scherm als de begeleider Enter drukt.",
    qr_no_room: "Voor de QR-code is het venster te klein: maak het minstens 35 regels hoog (of de letters kleiner, meestal met Ctrl en -). Tot dan: typ het adres hierboven.",
    method_snel: "snel",
    method_snel_hint: "casus → stemmen → onthullen → bespreken → opnieuw stemmen",
    method_moreel: "moreel beraad",
    method_moreel_hint: "de dilemmamethode in {n} stappen, met een timer per stap",
    stage_case: ("Casus", "Lees de casus en de werkwijzen voor."),
    stage_case_moreel: (
        "Casus",
        "Lees de casus voor op het scherpste moment, als het dilemma voelbaar is, en daarna de werkwijzen.",
    ),
    stage_clarify: (
        "Verhelderende vragen",
        "Stel alleen vragen over de feiten. Nog geen meningen of oplossingen.",
    ),
    stage_moral: (
        "Morele vraag en opties",
        "Wat is de morele vraag? Welke werkwijzen zijn er, en wat staat er voor wie op het spel?",
    ),
    stage_values: (
        "Waarden en normen",
        "Welke waarden en normen horen bij elke werkwijze? Wat verlies je bij elke keuze?",
    ),
    stage_vote: ("Stemmen", "Iedereen kiest een werkwijze, zonder de keuze van anderen te zien."),
    stage_vote_tally: "Iedereen kiest een werkwijze, met de hand of op een briefje. Tel per werkwijze en typ het aantal.",
    stage_vote_moreel: (
        "Individuele keuze",
        "Iedereen kiest een werkwijze en bedenkt één argument waarom.",
    ),
    stage_discuss: (
        "Bespreken",
        "Onthul de verdeling en bespreek de keuzes. Toon onderbouwing, achtergrond of vragen als dat helpt.",
    ),
    stage_dialogue: (
        "Dialoog",
        "Onthul de verdeling. Verken de argumenten: wat maakt dat je kiest wat je kiest?",
    ),
    stage_revote: (
        "Opnieuw stemmen",
        "Kies opnieuw, na het gesprek. Zo wordt zichtbaar hoeveel mensen van keuze veranderden.",
    ),
    stage_compare: (
        "Voor en na",
        "Beide verdelingen naast elkaar. Wat heeft mensen doen schuiven?",
    ),
    stage_notes: (
        "Conclusies en acties",
        "Leg vast wat jullie concluderen en wat jullie gaan doen.",
    ),
    stage_evaluation: ("Evaluatie", "Hoe ging het gesprek? Wat neem je mee?"),
    handover_hint: "Alleen deze deelnemer kijkt naar het scherm. Druk op Enter om te stemmen.",
    vote_prompt: "Kies je werkwijze met 1–9. Niemand anders ziet je keuze.",
    tally_title: "Telling",
    tally_hint: "Tel de handen of briefjes en typ per werkwijze het aantal.",
    reveal_hint: "Druk op Enter om de verdeling te onthullen.",
    first_round: "Eerste ronde",
    second_round: "Tweede ronde",
    before: "voor",
    after: "na",
    before_after: "Voor en na",
    no_votes: "(geen stemmen)",
    research: "Achtergrond: onderzoek, praktijk, cliënten en wet",
    onderbouwing: "Onderbouwing per werkwijze",
    questions: "Vragen voor het gesprek",
    notes_title: "Aantekeningen van de begeleider",
    notes_placeholder: "Conclusies, afspraken, acties…",
    end_title: "De sessie is afgelopen",
    end_report: "Het verslag staat in:",
    end_pool: "De stemmen tellen mee in de spiegel van collega's: per stemmer per dilemma een nieuw pseudoniem, in geschudde volgorde.",
    end_no_votes: "Er is in deze sessie geen stemming onthuld; er ging niets naar de pool.",
    end_votes_not_taken: "Deze pool neemt geen sessiestemmen op (de organisatiepool telt één antwoord per login); de verdelingen staan alleen in het verslag.",
    confirm_few: "Er hebben minder dan drie mensen gestemd: hun keuze kan herkenbaar zijn. Toch onthullen?",
    confirm_quit: "Sessie stoppen? Het verslag van wat er tot nu toe gestemd is, wordt bewaard.",
    confirm_quit_unsaved: "Sessie stoppen? Het verslag kon niet worden bewaard; het eindscherm toont de aantekeningen om over te nemen.",
    end_notes_unsaved: "Niet bewaard — neem over wat je wilt houden:",
    redo_prompt: "Wiens stem opnieuw?",
    timer_label: "Tijd",
    timer_off: "t start de timer",
    time_up: "tijd om",
    time_up_banner: "Tijd om — rond deze stap af, of druk op t voor nieuwe tijd",
    report_title: "Intervisie",
    report_date: "Datum",
    report_method: "Methode",
    report_mode: "Stemmen",
    report_participants: "Deelnemers",
    report_agenda: "Agenda",
    report_option: "Werkwijze",
    report_notes: "Aantekeningen",
    report_prompts: "Gebruikte vragen en materiaal",
    report_not_voted: "Niet gestemd.",
    report_no_notes: "Geen aantekeningen.",
    report_privacy: "Dit verslag bevat geen namen en geen stemmen per persoon.",
    report_stopped: "De sessie is voor het einde gestopt.",
};

/// English.
pub static EN: SessionText = SessionText {
    lang: Lang::En,
    home_entry: "Start intervisie",
    setup_title: "Prepare intervisie",
    setup_pack: "Pack",
    setup_agenda: "Agenda",
    setup_agenda_hint: "space puts a dilemma on the agenda or takes it off; the order is the order of ticking",
    setup_participants: "Participants",
    setup_names: "First names (optional)",
    setup_names_hint: "on screen only, never saved; separate with commas",
    setup_mode: "Voting",
    setup_address: "Address",
    setup_method: "Method",
    setup_start: "Start the session",
    setup_need_agenda: "Put at least one dilemma on the agenda.",
    setup_read_only: "Note: nothing can be saved in your data folder. You can hold this session, but the report and the votes are not saved; write down what you want to keep.",
    mode_doorgeven: "pass round",
    mode_doorgeven_hint: "the keyboard goes round; nobody sees another's vote",
    mode_telling: "tally",
    mode_telling_hint: "the facilitator enters the number of hands or slips per option",
    mode_telefoon: "own phone",
    mode_telefoon_hint: "everyone votes in secret on their own phone over this laptop's Wi-Fi network; no internet, no account, the votes stay on this laptop",
    join_title: "Vote with your phone",
    join_scan: "Scan the QR code with your phone's camera, or type the address into its browser.",
    join_wifi: "Your phone must be on the same Wi-Fi network as this laptop.",
    phones_starting: "Starting the connection for phones…",
    phones_vote_hint: "Vote on your phone. The distribution appears only when the facilitator presses Enter.",
    qr_no_room: "The window is too small for the QR code: make it at least 35 lines high (or the letters smaller, usually with Ctrl and -). Until then: type the address above.",
    method_snel: "quick",
    method_snel_hint: "case → vote → reveal → discuss → vote again",
    method_moreel: "moreel beraad",
    method_moreel_hint: "the dilemma method in {n} steps, with a timer per step",
    stage_case: ("Case", "Read out the case and the options."),
    stage_case_moreel: (
        "Case",
        "Read out the case at its sharpest moment, when the dilemma is felt, then the options.",
    ),
    stage_clarify: (
        "Clarifying questions",
        "Ask only about the facts. No opinions or solutions yet.",
    ),
    stage_moral: (
        "Moral question and options",
        "What is the moral question? Which options are there, and what is at stake for whom?",
    ),
    stage_values: (
        "Values and norms",
        "Which values and norms belong to each option? What do you lose with each choice?",
    ),
    stage_vote: ("Vote", "Everyone chooses an option without seeing anyone else's choice."),
    stage_vote_tally: "Everyone chooses an option, by hand or on a slip. Count per option and type the number.",
    stage_vote_moreel: (
        "Individual choice",
        "Everyone chooses an option and thinks of one argument why.",
    ),
    stage_discuss: (
        "Discuss",
        "Reveal the distribution and discuss the choices. Show grounds, background or questions when it helps.",
    ),
    stage_dialogue: (
        "Dialogue",
        "Reveal the distribution. Explore the arguments: what makes you choose what you choose?",
    ),
    stage_revote: (
        "Vote again",
        "Choose again, after the conversation. This shows how many changed their mind.",
    ),
    stage_compare: ("Before and after", "Both distributions side by side. What made people move?"),
    stage_notes: ("Conclusions and actions", "Record what you conclude and what you will do."),
    stage_evaluation: ("Evaluation", "How did the conversation go? What do you take with you?"),
    handover_hint: "Only this participant looks at the screen. Press Enter to vote.",
    vote_prompt: "Choose your option with 1–9. Nobody else sees your choice.",
    tally_title: "Tally",
    tally_hint: "Count the hands or slips and type the number per option.",
    reveal_hint: "Press Enter to reveal the distribution.",
    first_round: "First round",
    second_round: "Second round",
    before: "before",
    after: "after",
    before_after: "Before and after",
    no_votes: "(no votes)",
    research: "Background: research, practice, clients and the law",
    onderbouwing: "Grounds for each option",
    questions: "Questions for the conversation",
    notes_title: "Facilitator's notes",
    notes_placeholder: "Conclusions, agreements, actions…",
    end_title: "The session has ended",
    end_report: "The report is in:",
    end_pool: "The votes count in colleagues' mirrors: a new pseudonym per voter per dilemma, in shuffled order.",
    end_no_votes: "No vote was revealed in this session; nothing went to the pool.",
    end_votes_not_taken: "This pool takes no session votes (the organisation pool counts one answer per login); the distributions are in the report only.",
    confirm_few: "Fewer than three people voted: their choices may be recognisable. Reveal anyway?",
    confirm_quit: "Stop the session? The report of what has been voted so far is kept.",
    confirm_quit_unsaved: "Stop the session? The report could not be saved; the closing screen shows the notes to copy.",
    end_notes_unsaved: "Not saved — copy what you want to keep:",
    redo_prompt: "Whose vote again?",
    timer_label: "Time",
    timer_off: "t starts the timer",
    time_up: "time is up",
    time_up_banner: "Time is up — wrap up this step, or press t for more time",
    report_title: "Intervisie",
    report_date: "Date",
    report_method: "Method",
    report_mode: "Voting",
    report_participants: "Participants",
    report_agenda: "Agenda",
    report_option: "Option",
    report_notes: "Notes",
    report_prompts: "Questions and material used",
    report_not_voted: "No vote.",
    report_no_notes: "No notes.",
    report_privacy: "This report contains no names and no votes per person.",
    report_stopped: "The session was stopped before the end.",
};

/// Why the phone server could not start, as plain data: the phone module describes its
/// error this way, so these texts need no phone types (and `i18n` does not depend on it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneFailure {
    /// The address could not be listened on: which, and the system's reason.
    Listen {
        /// The address asked for.
        addr: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The join address does not fit in a QR code.
    QrTooLong,
    /// No thread could be started for the server: the system's reason.
    Thread(String),
}

impl Lang {
    /// The session's texts in this language.
    pub fn session(self) -> &'static SessionText {
        self.pick(&NL, &EN)
    }
}

impl SessionText {
    /// The set-up's line under a method: what it is, with its number of steps counted from
    /// the method itself, so the set-up and "stap 1 van 10" never disagree.
    pub fn method_hint(&self, method: Method) -> String {
        match method {
            Method::Snel => self.method_snel_hint.to_string(),
            Method::MoreelBeraad => self
                .method_moreel_hint
                .replace("{n}", &crate::session::stages(method).len().to_string()),
        }
    }

    /// The pool cannot be used now (why): said on the set-up screen, before anyone votes.
    pub fn setup_pool_problem(&self, why: &str) -> String {
        let why = crate::clean::line(why);
        if self.lang == Lang::Nl {
            format!(
                "Let op: de pool is nu niet te gebruiken ({why}). Het verslag wordt wel bewaard; \
                 de stemmen van deze sessie gaan niet naar de pool."
            )
        } else {
            format!(
                "Note: the pool cannot be used now ({why}). The report is saved; this session's \
                 votes do not go into the pool."
            )
        }
    }

    /// "2 van 34 gekozen": how many dilemmas are on the agenda.
    pub fn agenda_count(&self, chosen: usize, of: usize) -> String {
        self.lang.pick(format!("{chosen} van {of} gekozen"), format!("{chosen} of {of} chosen"))
    }

    /// The session's votes could not go into the pool (why).
    pub fn end_votes_failed(&self, why: &str) -> String {
        let why = crate::clean::line(why);
        if self.lang == Lang::Nl {
            format!(
                "De stemmen van deze sessie konden niet in de pool ({why}). Ze staan als verdeling \
                 in het verslag; in je dagboek staan ze niet, want een sessie is geen eigen antwoord."
            )
        } else {
            format!(
                "This session's votes could not go into the pool ({why}). They are in the report \
                 as distributions; they are not in your journal, since a session is not your own answer."
            )
        }
    }

    /// Name and instruction of a stage.
    pub fn stage(&self, kind: StageKind, method: Method) -> (&'static str, &'static str) {
        let moreel = method == Method::MoreelBeraad;
        match kind {
            StageKind::Case if moreel => self.stage_case_moreel,
            StageKind::Case => self.stage_case,
            StageKind::Clarify => self.stage_clarify,
            StageKind::MoralQuestion => self.stage_moral,
            StageKind::Values => self.stage_values,
            StageKind::Vote if moreel => self.stage_vote_moreel,
            StageKind::Vote => self.stage_vote,
            StageKind::Discuss if moreel => self.stage_dialogue,
            StageKind::Discuss => self.stage_discuss,
            StageKind::Revote => self.stage_revote,
            StageKind::Compare => self.stage_compare,
            StageKind::Notes => self.stage_notes,
            StageKind::Evaluation => self.stage_evaluation,
        }
    }

    /// What a step asks of the group in this session: its instruction, with the vote's
    /// words fitting the voting mode (counting hands is not secret).
    pub fn instruction(&self, kind: StageKind, method: Method, mode: VoteMode) -> &'static str {
        match kind {
            StageKind::Vote | StageKind::Revote if mode.typed_counts() => self.stage_vote_tally,
            _ => self.stage(kind, method).1,
        }
    }

    /// The name of a method.
    pub fn method(&self, m: Method) -> &'static str {
        match m {
            Method::Snel => self.method_snel,
            Method::MoreelBeraad => self.method_moreel,
        }
    }

    /// The name of a voting mode and what it means, for the set-up.
    pub fn mode_named(&self, m: VoteMode) -> (&'static str, &'static str) {
        match m {
            VoteMode::Doorgeven => (self.mode_doorgeven, self.mode_doorgeven_hint),
            VoteMode::Telling => (self.mode_telling, self.mode_telling_hint),
            VoteMode::Telefoon => (self.mode_telefoon, self.mode_telefoon_hint),
        }
    }

    /// The name of a voting mode.
    pub fn mode(&self, m: VoteMode) -> &'static str {
        self.mode_named(m).0
    }

    /// What a voting mode means, for the set-up.
    pub fn mode_hint(&self, m: VoteMode) -> &'static str {
        self.mode_named(m).1
    }

    /// "Code: K7QF3M".
    pub fn join_code(&self, code: &str) -> String {
        format!("Code: {code}")
    }

    /// "1 telefoon", "5 telefoons".
    fn phones(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Nl, 1) => "1 telefoon".to_string(),
            (Lang::Nl, n) => format!("{n} telefoons"),
            (Lang::En, 1) => "1 phone".to_string(),
            (Lang::En, n) => format!("{n} phones"),
        }
    }

    /// "5 telefoons verbonden".
    pub fn joined(&self, n: usize) -> String {
        let phones = self.phones(n);
        self.lang.pick(format!("{phones} verbonden"), format!("{phones} connected"))
    }

    /// "7 telefoons · 4 stemmen": the phones that may vote in the open round, and their votes.
    pub fn phones_votes(&self, phones: usize, votes: usize) -> String {
        let votes = self.votes(u32::try_from(votes).unwrap_or(u32::MAX));
        format!("{} · {votes}", self.phones(phones))
    }

    /// The word beside the number of phones in block digits.
    pub fn big_phones_label(&self, n: usize) -> &'static str {
        match (self.lang, n) {
            (Lang::Nl, 1) => "telefoon",
            (Lang::Nl, _) => "telefoons",
            (Lang::En, 1) => "phone",
            (Lang::En, _) => "phones",
        }
    }

    /// The word beside the number of votes in block digits.
    pub fn big_votes_label(&self, n: usize) -> &'static str {
        match (self.lang, n) {
            (Lang::Nl, 1) => "stem",
            (Lang::Nl, _) => "stemmen",
            (Lang::En, 1) => "vote",
            (Lang::En, _) => "votes",
        }
    }

    /// The words beside the expected participants in block digits.
    pub fn big_expected_label(&self) -> &'static str {
        self.lang.pick("deelnemers verwacht", "participants expected")
    }

    /// "6 deelnemers verwacht": the number the facilitator entered.
    pub fn expected(&self, n: usize) -> String {
        self.lang.pick(format!("{n} deelnemers verwacht"), format!("{n} participants expected"))
    }

    /// More phones (or votes) than participants: said before the reveal, never absorbed.
    pub fn too_many_phones(&self, phones: usize, expected: usize) -> String {
        self.lang.pick(
            format!(
                "Let op: {phones} telefoons voor {expected} deelnemers. Heeft iemand de pagina op meer dan één apparaat of in een privévenster geopend? Vraag het na vóór je onthult; meer stemmen dan deelnemers gaan niet naar de pool."
            ),
            format!(
                "Note: {phones} phones for {expected} participants. Did someone open the page on more than one device or in a private window? Ask before you reveal; more votes than participants never go to the pool."
            ),
        )
    }

    /// Phones that arrived while the round was open.
    pub fn phones_waiting(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Nl, 1) => "1 telefoon stemt mee vanaf de volgende ronde".to_string(),
            (Lang::Nl, n) => format!("{n} telefoons stemmen mee vanaf de volgende ronde"),
            (Lang::En, 1) => "1 phone votes from the next round on".to_string(),
            (Lang::En, n) => format!("{n} phones vote from the next round on"),
        }
    }

    /// Asked before `a` raises the number of participants to the phones connected (two
    /// lines of the question box).
    pub fn confirm_participants(&self, phones: usize, expected: usize) -> String {
        self.lang.pick(
            format!(
                "Echt {phones} deelnemers? Er zijn er {expected} opgegeven; extra telefoons kunnen dubbele stemmen zijn."
            ),
            format!(
                "Really {phones} participants? {expected} were entered; extra phones may be double votes."
            ),
        )
    }

    /// The line under a talking stage while phones can join: where, and how many did.
    pub fn phones_line(&self, url: &str, joined: usize) -> String {
        self.lang.pick(
            format!("{} · {url} · c toont de QR-code", self.joined(joined)),
            format!("{} · {url} · c shows the QR code", self.joined(joined)),
        )
    }

    /// Why the phone server could not start, in this language.
    pub fn phone_error(&self, e: &PhoneFailure) -> String {
        let reason = match e {
            PhoneFailure::Listen { addr, reason } => self.lang.pick(
                format!("het adres {addr} is niet te gebruiken ({reason})"),
                format!("the address {addr} cannot be used ({reason})"),
            ),
            PhoneFailure::QrTooLong => self.lang.pick(
                "het adres past niet in een QR-code".to_string(),
                "the address does not fit in a QR code".to_string(),
            ),
            PhoneFailure::Thread(reason) => self.lang.pick(
                format!("de server kan niet starten ({reason})"),
                format!("the server cannot start ({reason})"),
            ),
        };
        self.phones_failed(&reason)
    }

    /// The phones cannot connect: why, and what to do.
    pub fn phones_failed(&self, reason: &str) -> String {
        self.lang.pick(
            format!(
                "Telefoons kunnen niet verbinden: {reason}. Stop de sessie en start opnieuw met wikken session --listen ADRES:POORT, of kies doorgeven of telling."
            ),
            format!(
                "Phones cannot connect: {reason}. Stop the session and start again with wikken session --listen ADDRESS:PORT, or choose pass round or tally."
            ),
        )
    }

    /// "4 van 6 gestemd", with ", 1 overgeslagen" when voters were skipped.
    pub fn voted(&self, cast: u32, total: u32, skipped: u32) -> String {
        let mut text = self
            .lang
            .pick(format!("{cast} van {total} gestemd"), format!("{cast} of {total} voted"));
        if skipped > 0 {
            text.push_str(
                &self
                    .lang
                    .pick(format!(", {skipped} overgeslagen"), format!(", {skipped} skipped")),
            );
        }
        text
    }

    /// Voting is over: everyone voted, or "3 van 4 gestemd, 1 overgeslagen" when not.
    pub fn all_voted(&self, cast: u32, total: u32, skipped: u32) -> String {
        let who = if skipped == 0 {
            self.lang.pick("Iedereen heeft gestemd.".to_string(), "Everyone has voted.".to_string())
        } else {
            format!("{}.", self.voted(cast, total, skipped))
        };
        self.lang.pick(
            format!("{who} De begeleider onthult de verdeling met Enter."),
            format!("{who} The facilitator reveals the distribution with Enter."),
        )
    }

    /// The neutral screen between voters: "Beurt van Anna", "Participant 3's turn".
    pub fn handover(&self, name: &str) -> String {
        match self.lang {
            Lang::Nl => format!("Beurt van {name}"),
            Lang::En => {
                let mut chars = name.chars();
                let name: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                format!("{name}'s turn")
            }
        }
    }

    /// "deelnemer 3".
    pub fn participant(&self, n: usize) -> String {
        self.lang.pick(format!("deelnemer {n}"), format!("participant {n}"))
    }

    /// "Dilemma 2 van 3 · Stap 4 van 10".
    pub fn position(&self, item: usize, items: usize, stage: usize, stages: usize) -> String {
        self.lang.pick(
            format!("Dilemma {item} van {items} · stap {stage} van {stages}"),
            format!("Dilemma {item} of {items} · step {stage} of {stages}"),
        )
    }

    /// "1 van de 3 deelnemers die twee keer stemden, koos de tweede keer anders."
    pub fn moved(&self, moved: u32, both: u32) -> String {
        let verb = if moved == 1 { "koos" } else { "kozen" };
        self.lang.pick(
            format!("{moved} van de {both} deelnemers die twee keer stemden, {verb} de tweede keer anders."),
            format!("{moved} of the {both} participants who voted twice chose differently the second time."),
        )
    }

    /// The total of a tally.
    pub fn tally_total(&self, total: u32, expected: u32) -> String {
        self.lang.pick(
            format!("Totaal: {total} van {expected}"),
            format!("Total: {total} of {expected}"),
        )
    }

    /// Votes that do not add up to the participants, asked before revealing: typed counts,
    /// or phones (some did not vote, or more phones voted than there are people).
    pub fn confirm_total(&self, mode: VoteMode, total: u32, expected: u32) -> String {
        if mode.on_phones() && total > expected {
            return self.lang.pick(
                format!(
                    "{total} stemmen voor {expected} deelnemers: meer dan er mensen zijn. Ze gaan niet naar de pool. Toch onthullen?"
                ),
                format!(
                    "{total} votes for {expected} participants: more than there are people. They will not go to the pool. Reveal anyway?"
                ),
            );
        }
        if mode.on_phones() {
            return self.lang.pick(
                format!("{total} van de {expected} deelnemers hebben gestemd. Toch onthullen?"),
                format!("{total} of the {expected} participants have voted. Reveal anyway?"),
            );
        }
        self.lang.pick(
            format!(
                "Er zijn {total} stemmen ingevoerd voor {expected} deelnemers. Toch onthullen?"
            ),
            format!("{total} votes were entered for {expected} participants. Reveal anyway?"),
        )
    }

    /// Saving the report or the votes failed.
    pub fn save_failed(&self, reason: &str) -> String {
        self.lang.pick(
            format!("Niet alles kon worden opgeslagen: {reason}"),
            format!("Not everything could be saved: {reason}"),
        )
    }

    /// Under a report's table: a round with more votes than participants.
    pub fn report_surplus(&self, round: &str, cast: u32) -> String {
        self.lang.pick(
            format!(
                "{round}: {cast} stemmen, meer dan er deelnemers waren. Deze ronde is niet aan de pool toegevoegd."
            ),
            format!(
                "{round}: {cast} votes, more than there were participants. This round was not added to the pool."
            ),
        )
    }

    /// "12 stemmen", "1 stem".
    pub fn votes(&self, n: u32) -> String {
        match (self.lang, n) {
            (Lang::Nl, 1) => "1 stem".to_string(),
            (Lang::Nl, n) => format!("{n} stemmen"),
            (Lang::En, 1) => "1 vote".to_string(),
            (Lang::En, n) => format!("{n} votes"),
        }
    }
}
