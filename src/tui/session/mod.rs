//! The intervisie session in the trainer, all in one place: its state ([`state`]), what keys
//! do to it ([`update`]), and one module per screen — set-up, a talking stage, voting, the
//! reveal, the end — with [`view`] choosing among them.

pub mod chrome;
pub mod end;
pub mod join;
pub mod layout;
pub mod phones;
pub mod reveal;
pub mod setup;
pub mod stage;
pub mod state;
pub mod update;
pub mod view;
pub mod vote;
