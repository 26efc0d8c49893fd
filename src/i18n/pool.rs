//! Texts about pools: store errors (worded from their kind, never from their text),
//! `pool status` (rendered from the pool's facts), `forget`, and what the owner of the
//! organisation pool is told by `wikken pool init` and `wikken pool packs` (the database's
//! settings, the rights it lacked, the packs the pool takes answers to).

use std::path::Path;

use super::CliText;
use super::cli::refusal;
use crate::clean;
use crate::store::{
    Fact, ForAdministrator, ForgetFailed, PoolFailure, PoolKind, PoolStatus, Registered, StoreError,
};

/// A limit of what wikken can hide or erase, said on screen and in PRIVACY.md and the
/// README in these same words (a test holds the documents to them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// A folder pool cannot hide who wrote which file.
    FolderAccounts,
    /// The organisation pool does not protect against the server's administrator.
    ServerAdministrator,
    /// Bundles already handed over cannot be erased.
    BundlesHandedOver,
    /// Backups of the shared folder cannot be erased.
    Backups,
}

impl Limit {
    /// Every limit, for the test that holds the documents to them.
    pub const ALL: [Limit; 4] = [
        Limit::FolderAccounts,
        Limit::ServerAdministrator,
        Limit::BundlesHandedOver,
        Limit::Backups,
    ];
}

impl CliText {
    /// A limit, in one sentence.
    pub fn limit(self, which: Limit) -> &'static str {
        match which {
            Limit::FolderAccounts => self.0.pick(
                "Wie de poolmap kan bekijken, ziet welk account welk bestand schreef, en daarmee alle antwoorden van één persoon.",
                "Anyone who can browse the pool folder sees which account wrote which file, and with it all of one person's answers.",
            ),
            Limit::ServerAdministrator => self.0.pick(
                "De organisatiepool beschermt niet tegen wie de databaseserver zelf beheert: die kan een antwoord koppelen aan de login die het gaf.",
                "The organisation pool does not protect against whoever administers the database server itself: they can tie an answer to the login that gave it.",
            ),
            Limit::BundlesHandedOver => self.0.pick(
                "Kopieën in bundels die al bij een ander team liggen, kan wikken niet wissen; komen ze terug, dan houdt de grafsteen ze weg.",
                "Copies in bundles already with another team cannot be erased by wikken; if they come back, the tombstone keeps them out.",
            ),
            Limit::Backups => self.0.pick(
                "Back-ups, vorige versies en snapshots van de poolmap kan wikken niet wissen.",
                "Backups, previous versions and snapshots of the pool folder cannot be erased by wikken.",
            ),
        }
    }

    /// A store error, in the person's language: what it means and what to do.
    pub fn store_error(self, e: &StoreError) -> String {
        match e {
            StoreError::PoolMissing(dir) => {
                let dir = clean::path(dir);
                self.0.pick(
                    format!(
                        "wikken: de poolmap {dir} bestaat niet (ingesteld met --pool, WIKKEN_POOL of \
                         config.toml). wikken maakt hem niet zelf aan, zodat een tikfout of een \
                         niet-aangekoppelde netwerkschijf je antwoorden niet ongemerkt op deze \
                         computer zet. Controleer het pad of de verbinding; je antwoorden blijven \
                         in je dagboek en gaan later alsnog naar de pool."
                    ),
                    format!(
                        "wikken: the pool folder {dir} does not exist (set with --pool, WIKKEN_POOL \
                         or config.toml). wikken does not create it, so a typo or an unmounted \
                         network drive never silently puts your answers on this computer. Check the \
                         path or the connection; your answers stay in your journal and reach the \
                         pool later."
                    ),
                )
            }
            StoreError::Refused { path, source } => {
                let path = clean::path(path);
                let why = refusal(self, source);
                format!("wikken: {path} {why}")
            }
            StoreError::Forgotten => self
                .0
                .pick(
                    "wikken: je antwoorden zijn met `wikken forget` gewist; deze wikken bewaart \
                     niets meer voor die deelnemer. Start wikken opnieuw om als nieuwe deelnemer \
                     verder te gaan.",
                    "wikken: your answers were erased with `wikken forget`; this wikken keeps \
                     nothing more for that participant. Start wikken again to go on as a new \
                     participant.",
                )
                .to_string(),
            StoreError::ReadOnly => self
                .0
                .pick(
                    "wikken: alleen-lezen: je gegevensmap kan niet worden beschreven, dus er \
                     wordt niets bewaard.",
                    "wikken: read-only: your data folder cannot be written, so nothing is saved.",
                )
                .to_string(),
            StoreError::Unsupported(name) => {
                let name = clean::line(name);
                self.0.pick(
                    format!(
                        "wikken: {name} is een pool van een soort die deze wikken niet kent (of \
                         zonder die soort is gebouwd). Controleer het adres, of gebruik een \
                         wikken met ondersteuning ervoor."
                    ),
                    format!(
                        "wikken: {name} is a kind of pool this wikken does not know (or was built \
                         without). Check the address, or use a wikken that supports it."
                    ),
                )
            }
            StoreError::NotRegistered { pack, v, dilemma } => {
                let (pack, dilemma) = (clean::line(pack), clean::line(dilemma));
                self.0.pick(
                    format!(
                        "wikken: de organisatiepool neemt geen antwoorden aan op {pack} versie {v} \
                         (dilemma {dilemma}): de beheerder heeft dit pack, deze versie of deze \
                         werkwijze niet aangemeld. Je antwoord blijft in je dagboek en gaat naar \
                         de pool zodra het is aangemeld. Vraag de beheerder om `wikken pool packs` \
                         te draaien met dit pack (versie {v})."
                    ),
                    format!(
                        "wikken: the organisation pool takes no answers to {pack} version {v} \
                         (dilemma {dilemma}): the administrator has not registered this pack, this \
                         version or this werkwijze. Your answer stays in your journal and goes in \
                         once it is registered. Ask the administrator to run `wikken pool packs` \
                         with this pack (version {v})."
                    ),
                )
            }
            StoreError::DailyLimit(limit) => self.0.pick(
                format!(
                    "wikken: de organisatiepool neemt per login hoogstens {limit} antwoorden en \
                     herzieningen per dag aan, en dat aantal is vandaag bereikt. Je antwoorden \
                     blijven in je dagboek en gaan bij een start op een volgende dag alsnog naar \
                     de pool. Is dit te weinig, vraag de beheerder het te verhogen."
                ),
                format!(
                    "wikken: the organisation pool takes at most {limit} answers and revisions a \
                     day from one login, and that many came today. Your answers stay in your \
                     journal and reach the pool at a start on a later day. If that is too few, \
                     ask the administrator to raise it."
                ),
            ),
            StoreError::Pool { failure, detail } => self.pool_failure(*failure, detail),
            other => self.store_failed(&other.to_string()),
        }
    }

    /// A server pool failed in this way; `detail` is its own words.
    fn pool_failure(self, failure: PoolFailure, detail: &str) -> String {
        let msg = clean::line(detail);
        match failure {
            PoolFailure::Denied => self.0.pick(
                format!(
                    "wikken: de organisatiepool weigert dit ({msg}). Export en import zijn \
                     handelingen van de eigenaar van de database; vraag de beheerder."
                ),
                format!(
                    "wikken: the organisation pool refuses this ({msg}). Export and import are \
                     for the database's owner; ask the administrator."
                ),
            ),
            PoolFailure::Silent { secs } => self.0.pick(
                format!(
                    "wikken: de organisatiepool antwoordt al {secs} seconden niet; wikken wacht \
                     niet langer. Er is niets half gedaan: een import gaat in één keer, een export \
                     verschijnt heel of niet, `forget` bewaart je geheim tot alles weg is, en je \
                     antwoorden blijven in je dagboek. Probeer het later opnieuw of vraag de \
                     beheerder. ({msg})"
                ),
                format!(
                    "wikken: the organisation pool has not answered for {secs} seconds; wikken \
                     waits no longer. Nothing is left half done: an import goes in at once, an \
                     export appears whole or not at all, `forget` keeps your secret until \
                     everything is gone, and your answers stay in your journal. Try again later or \
                     ask the administrator. ({msg})"
                ),
            ),
            PoolFailure::Rejected => self.0.pick(
                format!("wikken: de organisatiepool weigerde dit ({msg})."),
                format!("wikken: the organisation pool refused this ({msg})."),
            ),
            PoolFailure::Unreachable | PoolFailure::Busy | PoolFailure::Damaged => self.0.pick(
                format!(
                    "wikken: de organisatiepool is niet bereikbaar of gaf een fout ({msg}). \
                     Je antwoorden blijven in je dagboek en gaan bij een volgende start alsnog \
                     naar de pool."
                ),
                format!(
                    "wikken: the organisation pool cannot be reached or gave an error ({msg}). \
                     Your answers stay in your journal and reach the pool at a later start."
                ),
            ),
        }
    }

    /// `wikken pool status`: which pool, that it is reachable, and its facts, one a line.
    pub fn pool_status(self, status: &PoolStatus) -> String {
        let at = clean::line(&status.location);
        let mut lines = vec![match status.kind {
            PoolKind::Folder => self.0.pick(
                format!("Pool: teammap {at} (bereikbaar)"),
                format!("Pool: team folder {at} (reachable)"),
            ),
            PoolKind::Server => self.0.pick(
                format!("Pool: organisatiepool {at} (bereikbaar)"),
                format!("Pool: organisation pool {at} (reachable)"),
            ),
            PoolKind::Memory => {
                self.0.pick(format!("Pool: geheugen {at}"), format!("Pool: memory {at}"))
            }
        }];
        lines.extend(status.facts.iter().map(|f| self.pool_fact(f)));
        let limit = match status.kind {
            PoolKind::Folder => Some(Limit::FolderAccounts),
            PoolKind::Server => Some(Limit::ServerAdministrator),
            PoolKind::Memory => None,
        };
        if let Some(limit) = limit {
            lines.push(format!("{} (PRIVACY.md)", self.limit(limit)));
        }
        lines.join("\n")
    }

    /// One line of `pool status`.
    fn pool_fact(self, fact: &Fact) -> String {
        let pick = |nl: String, en: String| self.0.pick(nl, en);
        match fact {
            Fact::Threshold { k, kept_by_pool: true } => pick(
                format!("Drempel k: {k} (bewaakt door de database)"),
                format!("Threshold k: {k} (kept by the database)"),
            ),
            Fact::Threshold { k, kept_by_pool: false } => {
                pick(format!("Drempel k: {k}"), format!("Threshold k: {k}"))
            }
            Fact::ReleaseBatch(n) => pick(
                format!("Vrijgave in groepjes van: {n}"),
                format!("Released in batches of: {n}"),
            ),
            Fact::Files(n) => pick(format!("Bestanden: {n}"), format!("Files: {n}")),
            Fact::Dilemmas { answered, shown: Some(shown) } => pick(
                format!("Dilemma's met antwoorden: {answered}, waarvan {shown} boven de drempel"),
                format!("Dilemmas with answers: {answered}, {shown} of them above the threshold"),
            ),
            Fact::Dilemmas { answered, shown: None } => pick(
                format!("Dilemma's met antwoorden: {answered}"),
                format!("Dilemmas with answers: {answered}"),
            ),
            Fact::VisibleAnswers(n) => {
                pick(format!("Zichtbare antwoorden: {n}"), format!("Visible answers: {n}"))
            }
            Fact::Tombstones(n) => pick(
                format!("Gewiste deelnemers (grafstenen): {n}"),
                format!("Erased participants (tombstones): {n}"),
            ),
            Fact::Skipped(n) => pick(
                format!("Overgeslagen bestanden of regels: {n}"),
                format!("Skipped files or lines: {n}"),
            ),
            Fact::Records(n) => pick(format!("Records: {n}"), format!("Records: {n}")),
        }
    }

    /// `pool status`: the pool could not be reached now.
    pub fn pool_unreachable(self, kind: PoolKind, at: &str) -> String {
        let at = clean::line(at);
        let what = match kind {
            PoolKind::Server => self.0.pick("organisatiepool", "organisation pool"),
            PoolKind::Folder | PoolKind::Memory => self.0.pick("teammap", "team folder"),
        };
        self.0.pick(
            format!("Pool: {what} {at} (NIET bereikbaar; je antwoorden blijven in je dagboek)"),
            format!("Pool: {what} {at} (NOT reachable; your answers stay in your journal)"),
        )
    }

    /// What `forget` will erase, and the question.
    pub fn forget_question(self, answers: usize, records: usize) -> String {
        self.0.pick(
            format!(
                "Dit wist je dagboek ({answers} antwoorden) en je eigen records in de pool ({records}), \
                 en je deelnemer-id. Dit kan niet ongedaan worden gemaakt.\nTyp ja om door te gaan: "
            ),
            format!(
                "This erases your journal ({answers} answers), your own records in the pool ({records}) \
                 and your participant id. This cannot be undone.\nType yes to continue: "
            ),
        )
    }

    /// The word that confirms `forget`.
    pub fn forget_yes(self) -> &'static str {
        self.0.pick("ja", "yes")
    }

    /// `forget` was not confirmed.
    pub fn forget_cancelled(self) -> String {
        self.0.pick("Niets gewist.", "Nothing erased.").to_string()
    }

    /// One thing `forget` removed, as the store named it.
    pub fn forget_removed(self, what: &str) -> String {
        let what = clean::line(what);
        self.0.pick(format!("gewist: {what}"), format!("erased: {what}"))
    }

    /// One file of DATA that `forget` removed.
    pub fn forget_removed_file(self, what: &Path) -> String {
        self.forget_removed(&what.display().to_string())
    }

    /// Something `forget` could not remove.
    pub fn forget_left(self, what: &str, reason: &str) -> String {
        let (what, reason) = (clean::line(what), clean::line(reason));
        self.0.pick(
            format!("wikken: NIET gewist: {what} ({reason})"),
            format!("wikken: NOT erased: {what} ({reason})"),
        )
    }

    /// What is left in the pool after a failed `forget`.
    pub fn forget_pool_left(self, f: &ForgetFailed) -> String {
        // A pool that finds answers by dilemma (the database) cannot say how many it holds.
        let (what_nl, what_en) = match f.records {
            0 => ("je antwoorden".to_string(), "your answers".to_string()),
            n => (format!("{n} pool-records"), format!("{n} pool records")),
        };
        let place = match &f.left {
            Some(place) => clean::line(place).into_owned(),
            None => self.0.pick("de pool".to_string(), "the pool".to_string()),
        };
        let buried = if f.buried {
            self.0.pick(
                " Er staat wel een grafsteen in de pool: niemand telt deze records nog mee.",
                " A tombstone is in the pool already: nobody counts these records any more.",
            )
        } else {
            ""
        };
        self.0.pick(
            format!(
                "wikken: NIET gewist: {what_nl} in {place}.{buried} Je dagboek en je \
                 deelnemer-id blijven bewaard, zodat `wikken forget` het afmaakt zodra de pool \
                 bereikbaar en beschrijfbaar is."
            ),
            format!(
                "wikken: NOT erased: {what_en} in {place}.{buried} Your journal and your \
                 participant id are kept, so `wikken forget` can finish once the pool is \
                 reachable and writable."
            ),
        )
    }

    /// `forget` did not erase everything.
    pub fn forget_incomplete(self) -> String {
        self.0
            .pick(
                "wikken: niet alles is gewist; zie hierboven wat er nog staat. Probeer het opnieuw.",
                "wikken: not everything was erased; see above what is left. Try again.",
            )
            .to_string()
    }

    /// `forget` done, and what it cannot reach.
    pub fn forget_done(self, answers: usize, records: usize) -> String {
        let done = self.0.pick(
            format!(
                "Klaar: {answers} antwoorden en {records} pool-records gewist. Een grafsteen in de \
                 pool houdt ze weg, ook als een nog open wikken of een bundel ze terug zou brengen."
            ),
            format!(
                "Done: erased {answers} answers and {records} pool records. A tombstone in the pool \
                 keeps them out, also if a wikken still open elsewhere or a bundle would bring them \
                 back."
            ),
        );
        let (bundles, backups) = (self.limit(Limit::BundlesHandedOver), self.limit(Limit::Backups));
        format!("{done} {bundles} {backups} (PRIVACY.md)")
    }

    /// `forget` could not open a pool the journal remembers (a database URL whose secret or
    /// server is not there): what is left there stays until a later `forget` reaches it.
    pub fn forget_pool_unopened(self, location: &str) -> String {
        let location = clean::line(location);
        self.0.pick(
            format!("Niet gewist: je antwoorden in de pool {location}. Je dagboek en je deelnemer-id blijven bewaard; probeer `wikken forget` opnieuw zodra die pool bereikbaar is."),
            format!("Not erased: your answers in the pool {location}. Your journal and your participant id are kept; run `wikken forget` again once that pool can be reached."),
        )
    }

    /// The pool's pack folder is a symbolic link, and was not loaded (a sentence for the
    /// home screen; with [`CliText::team_packs_link_warning`] on the command line).
    pub fn team_packs_link(self, link: &Path) -> String {
        let link = clean::path(link);
        self.0.pick(
            format!("De packmap van de pool ({link}) is een symbolische koppeling en is niet geladen: zo'n koppeling kan naar elke map op deze computer wijzen. Vervang hem door een gewone map."),
            format!("The pool's pack folder ({link}) is a symbolic link and was not loaded: such a link can point at any folder on this computer. Replace it with a real folder."),
        )
    }

    /// [`CliText::team_packs_link`] as a warning on standard error.
    pub fn team_packs_link_warning(self, link: &Path) -> String {
        let text = self.team_packs_link(link);
        self.0.pick(format!("wikken: waarschuwing: {text}"), format!("wikken: warning: {text}"))
    }
}

impl CliText {
    /// The database's timeouts, as `pool init` sets them.
    pub fn pool_timeouts(self, idle: &str, lock: &str) -> String {
        self.0.pick(
            format!(
                "Database-instellingen: een transactie die stilstaat wordt na {idle} beëindigd \
                 (idle_in_transaction_session_timeout), op een slot wachten duurt hoogstens {lock} \
                 (lock_timeout)."
            ),
            format!(
                "Database settings: a transaction left idle is ended after {idle} \
                 (idle_in_transaction_session_timeout), waiting for a lock takes at most {lock} \
                 (lock_timeout)."
            ),
        )
    }

    /// Everything `pool init` set up, including what needs a superuser.
    pub fn pool_hardened(self) -> String {
        self.0
            .pick(
                "Deelnemers kunnen in deze database niet zien wie er verbonden is, en geen \
                 rijen, tabelgroottes of sloten tellen (PRIVACY.md, hoofdstuk 6).",
                "In this database participants cannot see who is connected, nor count rows, \
                 table sizes or locks (PRIVACY.md, chapter 6).",
            )
            .to_string()
    }

    /// A step `pool init` could not take; the SQL follows on the next lines.
    pub fn pool_left(self, step: &ForAdministrator) -> String {
        match step {
            ForAdministrator::Timeouts { database, .. } => {
                let database = clean::line(database);
                self.0.pick(
                    format!(
                        "NIET GEDAAN (alleen de eigenaar van database {database} of een superuser \
                         mag dit): de tijdslimieten hierboven. Zonder die limieten kan een \
                         deelnemer met een open transactie de rijen die hij schreef blijven \
                         vasthouden. Laat uitvoeren in database {database}:"
                    ),
                    format!(
                        "NOT DONE (only the owner of database {database} or a superuser may): the \
                         time limits above. Without them a participant with an open transaction \
                         keeps holding the rows it wrote. Have this run in database {database}:"
                    ),
                )
            }
            ForAdministrator::Statistics { database, .. } => {
                let database = clean::line(database);
                self.0.pick(
                    format!(
                        "NIET GEDAAN (alleen een superuser mag dit): PostgreSQL's statistieken \
                         dichtzetten. Tot dan ziet elke deelnemer wie er verbonden is en hoeveel \
                         antwoorden er wachten (PRIVACY.md, hoofdstuk 6). Laat een superuser dit \
                         uitvoeren in database {database}, en daarna `wikken pool init` opnieuw \
                         draaien om het te controleren:"
                    ),
                    format!(
                        "NOT DONE (only a superuser may): closing PostgreSQL's statistics. Until \
                         then every participant sees who is connected and how many answers wait \
                         (PRIVACY.md, chapter 6). Have a superuser run this in database \
                         {database}, then run `wikken pool init` again to check it:"
                    ),
                )
            }
            ForAdministrator::OtherDatabase { database, .. } => {
                let database = clean::line(database);
                self.0.pick(
                    format!(
                        "LET OP: elke login mag verbinden met database {database} op dezelfde \
                         server, en ziet daar wie er met de organisatiepool verbonden is. Geef de \
                         pool een eigen server, of laat de eigenaar van {database} of een \
                         superuser uitvoeren (doe dat ook voor databases die later bijkomen):"
                    ),
                    format!(
                        "NOTE: every login may connect to database {database} on the same server, \
                         and sees there who is connected to the organisation pool. Give the pool \
                         a server of its own, or have the owner of {database} or a superuser run \
                         (and do the same for databases added later):"
                    ),
                )
            }
        }
    }

    /// One pack `pool packs` registers.
    pub fn pool_pack_registered(self, pack: &str, version: u32, dilemmas: usize) -> String {
        let pack = clean::line(pack);
        self.0.pick(
            format!("Aangemeld: {pack} versie {version} ({dilemmas} dilemma's)"),
            format!("Registered: {pack} version {version} ({dilemmas} dilemmas)"),
        )
    }

    /// `pool packs` done.
    pub fn pool_registered(self, done: Registered) -> String {
        let Registered { new, widened, total, .. } = done;
        self.0.pick(
            format!(
                "{new} dilemma's nieuw aangemeld, {widened} met nieuwe werkwijzen. De pool neemt \
                 nu antwoorden aan op {total} dilemma's; antwoorden op andere blijven in het \
                 dagboek van de deelnemer tot hun pack hier is aangemeld."
            ),
            format!(
                "{new} dilemmas newly registered, {widened} with new werkwijzen. The pool now \
                 takes answers to {total} dilemmas; answers to others stay in the participant's \
                 journal until their pack is registered here."
            ),
        )
    }

    /// A pack file `pool packs` could not register, because it does not load.
    pub fn pool_pack_unloadable(self, origin: &str) -> String {
        let origin = clean::line(origin);
        self.0.pick(
            format!("wikken: {origin} niet aangemeld: dit pack laadt niet; zie wikken check {origin}"),
            format!("wikken: {origin} not registered: this pack does not load; see wikken check {origin}"),
        )
    }
}
