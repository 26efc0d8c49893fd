//! Texts of `wikken pool init` and `wikken pool packs`: what the owner of the organisation
//! pool is told about the database's settings, the rights it lacked, and the packs the pool
//! takes answers to.

use super::cli::CliText;
use crate::clean;
use crate::store::postgres::{ForAdministrator, Registered};

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
