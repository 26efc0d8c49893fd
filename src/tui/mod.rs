//! The terminal trainer, in the Elm style: keys become an [`Action`] in `keys`, `update`
//! changes the [`App`] and returns [`Effect`]s without doing I/O, views render from `&App`
//! (one module per screen), and `runtime` performs the effects and draws.

mod action;
mod app;
pub mod bewerk;
mod effect;
pub mod keys;
mod mouse;
mod nav;
pub mod phone_host;
pub mod preview;
pub(crate) mod runtime;
pub mod screens;
pub mod session;
mod theme;
mod update;
mod view;
pub mod widgets;
pub mod worker;

pub use action::{Action, Panel, SessionVotes};
pub use app::{
    App, Beamer, Confirm, DevelopmentState, DilemmaState, Field, HomeState, MIN_HEIGHT, MIN_WIDTH,
    Overlay, PackState, PoolState, ReasoningState, Screen, Size, SpiegelState, order_seed,
};
pub use effect::{Draft, Effect, PhoneEffect};
pub use keys::action_for;
pub use phone_host::PhoneHost;
pub use preview::Preview;
pub use runtime::{
    Ended, FALLBACK_SIZE, Input, QUIT_WAIT, Stores, perform, run, run_preview, run_with,
};
pub use session::state::{SessionConfirm, SessionScreen, SetupRow, SetupState, Timer};
pub use theme::{Background, Theme, ThemeSetting};
pub use update::update;
pub use worker::{Finished, Worker};
