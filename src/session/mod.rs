//! The intervisie session: a team votes on one screen, the facilitator reveals, the method
//! guides the conversation, a re-vote shows who moved, and a report remains; the votes go to
//! the pool under ids that lead back to no seat ([`PoolIds`]). Knows nothing of the
//! terminal; names typed in a session never enter it.

mod method;
mod mode;
mod records;
mod report;
mod state;

pub use method::{Method, Stage, StageKind, stages};
pub use records::{PoolIds, pool_records};
pub use report::{Report, ReportItem, RoundCounts};
pub use state::{
    Ballots, FEW_VOTERS, Item, PARTICIPANTS, PhoneCount, Round, Session, SessionError, Setup,
    StepNotes, Turn, VoteMode,
};
