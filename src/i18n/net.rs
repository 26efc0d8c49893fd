//! What kind of network an address is on, for the set-up screen's choice of the address the
//! phones use (see `phone::net`).

use std::net::SocketAddr;

use super::{Lang, SessionText};
use crate::phone::{AddressKind, Candidate};

impl SessionText {
    /// The set-up's address row: the address the QR code will use (with its interface) and,
    /// under it, what kind of network it is on and whether there is another to pick.
    pub fn setup_address(
        &self,
        listen: Option<SocketAddr>,
        picked: Option<&Candidate>,
        index: usize,
        choices: usize,
    ) -> (String, String) {
        let lang = self.lang;
        match (listen, picked) {
            (Some(addr), _) => (
                addr.ip().to_string(),
                lang.pick("gekozen met --listen", "chosen with --listen").to_string(),
            ),
            (None, Some(c)) => {
                let kind = lang.address_kind(c.kind);
                let about = match choices {
                    0 | 1 => lang.pick(
                        format!("{kind}; de QR-code gebruikt dit adres"),
                        format!("{kind}; the QR code uses this address"),
                    ),
                    n => lang.pick(
                        format!("{kind}; adres {} van {n}, ◀ ▶ kiest een ander", index + 1),
                        format!("{kind}; address {} of {n}, ◀ ▶ picks another", index + 1),
                    ),
                };
                (format!("{} · {}", c.ip, c.interface), about)
            }
            (None, None) => (
                lang.pick("geen netwerk gevonden", "no network found").to_string(),
                lang.pick(
                    "verbind de laptop met de wifi van de zaal; zonder netwerk kan geen telefoon meedoen",
                    "connect the laptop to the room's Wi-Fi; without a network no phone can join",
                )
                .to_string(),
            ),
        }
    }
}

impl Lang {
    /// The kind of network an address is on, in a few words; for the kinds phones rarely
    /// reach, also why.
    pub fn address_kind(self, kind: AddressKind) -> &'static str {
        match kind {
            AddressKind::Lan => {
                self.pick("lokaal netwerk (wifi of kabel)", "local network (Wi-Fi or cable)")
            }
            AddressKind::Public => {
                self.pick("netwerk met een openbaar adres", "network with a public address")
            }
            AddressKind::Vpn => self.pick(
                "VPN of tunnel: telefoons op de wifi kunnen hier meestal niet bij",
                "VPN or tunnel: phones on the Wi-Fi usually cannot reach it",
            ),
            AddressKind::Virtual => self.pick(
                "virtueel netwerk binnen deze laptop (containers, virtuele machines)",
                "virtual network inside this laptop (containers, virtual machines)",
            ),
            AddressKind::LinkLocal => self.pick(
                "geen adres van een netwerk gekregen (169.254…)",
                "got no address from a network (169.254…)",
            ),
            AddressKind::Down => self.pick("niet verbonden", "not connected"),
            AddressKind::Loopback => self.pick(
                "alleen deze laptop: telefoons kunnen hier niet bij",
                "this laptop only: phones cannot reach it",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_words_in_both_languages() {
        use AddressKind::*;
        let kinds = [Lan, Public, Vpn, Virtual, LinkLocal, Down, Loopback];
        for lang in [Lang::Nl, Lang::En] {
            let mut labels: Vec<_> = kinds.iter().map(|k| lang.address_kind(*k)).collect();
            labels.sort();
            labels.dedup();
            assert_eq!(labels.len(), kinds.len(), "{lang:?}");
        }
        assert_ne!(Lang::Nl.address_kind(Vpn), Lang::En.address_kind(Vpn));
    }
}
