//! What a PostgreSQL error means for wikken, decided here from the SQLSTATE the server sent
//! (which, unlike the message, is never translated) or from the client library's own kind
//! of failure, so nothing outside this backend reads an error's words.

use crate::store::error::{PoolFailure, StoreError};

/// The store's error for a client error: its kind from the SQLSTATE, its words for the
/// message (the server's own where there are any, else the client's with their cause).
pub(super) fn classify(e: &::postgres::Error) -> StoreError {
    StoreError::pool(failure(e), super::message(e))
}

/// The kind of failure an error is.
fn failure(e: &::postgres::Error) -> PoolFailure {
    match e.code() {
        Some(code) => of_sqlstate(code.code()),
        // No SQLSTATE: the client failed before or beside the server (no connection, TLS,
        // a closed socket, a URL it cannot parse).
        None => PoolFailure::Unreachable,
    }
}

/// The kind of failure a SQLSTATE names (PostgreSQL, appendix A "Error Codes").
fn of_sqlstate(code: &str) -> PoolFailure {
    match code {
        // insufficient_privilege: a participant asked for an owner's operation.
        "42501" => PoolFailure::Denied,
        // query_canceled (statement_timeout), lock_not_available (lock_timeout),
        // too_many_connections, cannot_connect_now.
        "57014" | "55P03" | "53300" | "57P03" => PoolFailure::Busy,
        _ => match code.get(..2) {
            // connection_exception, invalid_authorization_specification (no such role, a
            // wrong password), operator_intervention (the server shuts down).
            Some("08" | "28" | "57") => PoolFailure::Unreachable,
            // data_exception, integrity_constraint_violation (also "this login already
            // answered"), a function's own refusal (raise_exception), program_limit_exceeded.
            Some("22" | "23" | "P0" | "54") => PoolFailure::Rejected,
            // insufficient_resources (a full disk, out of memory).
            Some("53") => PoolFailure::Busy,
            _ => PoolFailure::Damaged,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlstates_become_kinds_whatever_the_servers_language() {
        assert_eq!(of_sqlstate("42501"), PoolFailure::Denied);
        assert_eq!(of_sqlstate("23505"), PoolFailure::Rejected);
        assert_eq!(of_sqlstate("22P02"), PoolFailure::Rejected);
        assert_eq!(of_sqlstate("P0001"), PoolFailure::Rejected);
        assert_eq!(of_sqlstate("28000"), PoolFailure::Unreachable);
        assert_eq!(of_sqlstate("28P01"), PoolFailure::Unreachable);
        assert_eq!(of_sqlstate("08006"), PoolFailure::Unreachable);
        assert_eq!(of_sqlstate("57P01"), PoolFailure::Unreachable);
        assert_eq!(of_sqlstate("57014"), PoolFailure::Busy);
        assert_eq!(of_sqlstate("55P03"), PoolFailure::Busy);
        assert_eq!(of_sqlstate("53100"), PoolFailure::Busy);
        assert_eq!(of_sqlstate("XX000"), PoolFailure::Damaged);
        assert_eq!(of_sqlstate("42P01"), PoolFailure::Damaged);
    }
}
