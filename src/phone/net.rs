//! Which address phones can reach the laptop on: the laptop's IPv4 addresses, read from its
//! network interfaces with the `if-addrs` crate (the same on Linux, macOS and Windows;
//! nothing is sent anywhere to find them), each with the kind of network it is on, ranked so
//! that the address a phone on the same Wi-Fi most likely reaches comes first.
//!
//! # How a set-up screen uses this
//!
//! The domain only ranks; the facilitator decides.
//! 1. When *eigen telefoon* is chosen, the runtime calls [`candidates`] once. It asks the
//!    operating system, so it is I/O: an effect performed by the loop, never a call from
//!    `update` or a view. The state keeps the list and the index picked (0 to begin with).
//! 2. The screen says which address the QR code will use: the picked [`Candidate`], with
//!    its [`Candidate::interface`] name and the label of its [`AddressKind`]
//!    (`Lang::address_kind`), e.g. "192.168.1.20 · Wi-Fi · lokaal netwerk (wifi of kabel)".
//! 3. When there is more than one candidate, the facilitator can pick another (every kind
//!    stays pickable: a ranking can be wrong); [`Candidate::for_phones`] tells which ones to
//!    show as likely to work and which with the reason they probably will not (a VPN, a
//!    virtual network, no address from a network, this laptop only).
//! 4. The pick becomes the server's address: `PhoneEffect::Start { listen:
//!    Some(candidate.listen()) }` (port 0: any free port). `--listen` on the command line
//!    names the address itself and skips the choice.
//!
//! The list is IPv4 only: a join address must be short to type and fit a small QR code, and
//! every phone and hotspot speaks IPv4. Interface names come from the operating system and a
//! Windows user can rename an adapter to anything, so they are cleaned for a terminal here.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// What kind of network an address is on, best for phones first (the ranking's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AddressKind {
    /// A private address (10/8, 172.16/12, 192.168/16) on an ordinary interface (Wi-Fi,
    /// Ethernet, a phone's hotspot): where phones on the same network reach the laptop.
    Lan,
    /// A routable address outside the private ranges on an ordinary interface (some office
    /// and university networks): reachable from phones on that network.
    Public,
    /// A VPN or tunnel: a point-to-point interface, a VPN client's adapter name, or the
    /// 100.64/10 range (Tailscale, carrier NAT). Phones on the Wi-Fi cannot reach it.
    Vpn,
    /// A network of containers or virtual machines inside the laptop (Docker, WSL,
    /// Hyper-V, VirtualBox, VMware): private, but no phone is on it.
    Virtual,
    /// 169.254/16: the interface got no address from a network (no DHCP answer).
    LinkLocal,
    /// An interface that is not up (not connected).
    Down,
    /// 127/8: this laptop only.
    Loopback,
}

impl AddressKind {
    /// Whether phones on the room's network are likely to reach an address of this kind.
    pub fn for_phones(self) -> bool {
        matches!(self, AddressKind::Lan | AddressKind::Public)
    }

    /// Whether the server may listen here when nobody chose: anything a phone could
    /// conceivably reach, so never link-local, down or loopback.
    fn usable(self) -> bool {
        self < AddressKind::LinkLocal
    }
}

/// One address the server could listen on, and why it ranks where it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The address.
    pub ip: Ipv4Addr,
    /// The interface's name as the operating system gives it ("Wi-Fi", "Ethernet 2",
    /// "wlp2s0", "en0"), cleaned for a terminal.
    pub interface: String,
    /// The kind of network, which decides the rank.
    pub kind: AddressKind,
}

impl Candidate {
    /// Whether phones on the room's network are likely to reach this address.
    pub fn for_phones(&self) -> bool {
        self.kind.for_phones()
    }

    /// Where the server listens for this candidate: its address and any free port.
    pub fn listen(&self) -> SocketAddr {
        SocketAddr::new(IpAddr::V4(self.ip), 0)
    }
}

/// An interface address as the operating system reports it, before ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceAddr {
    /// The interface's name.
    pub name: String,
    /// Its IPv4 address.
    pub ip: Ipv4Addr,
    /// Whether the interface is operationally up.
    pub up: bool,
    /// Whether it is a point-to-point link (PPP, a tunnel).
    pub point_to_point: bool,
}

/// The laptop's IPv4 addresses, best for phones first (see [`rank`]). Empty when the
/// operating system cannot list its interfaces.
pub fn candidates() -> Vec<Candidate> {
    rank(interface_addresses())
}

/// Ranks interface addresses: by [`AddressKind`], and within a kind in the operating
/// system's order (which puts the interface with the default route first on most systems).
/// An address listed twice keeps its best place; unspecified, broadcast and multicast
/// addresses are left out (nothing can listen there).
pub fn rank(found: Vec<InterfaceAddr>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(found.len());
    for addr in found {
        if addr.ip.is_unspecified() || addr.ip.is_broadcast() || addr.ip.is_multicast() {
            continue;
        }
        out.push(Candidate {
            ip: addr.ip,
            interface: crate::clean::line(&addr.name).into_owned(),
            kind: classify(&addr),
        });
    }
    out.sort_by_key(|c| c.kind);
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(c.ip));
    out
}

/// The kind of network one address is on.
fn classify(addr: &InterfaceAddr) -> AddressKind {
    let ip = addr.ip;
    let name = addr.name.to_lowercase();
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        AddressKind::Loopback
    } else if ip.is_link_local() {
        AddressKind::LinkLocal
    } else if !addr.up {
        AddressKind::Down
    } else if looks_virtual(&name) {
        AddressKind::Virtual
    } else if addr.point_to_point || looks_like_vpn(&name) || (a == 100 && (64..128).contains(&b)) {
        AddressKind::Vpn
    } else if ip.is_private() {
        AddressKind::Lan
    } else {
        AddressKind::Public
    }
}

/// Names of container and virtual machine networks: Linux's short names by prefix, the
/// adapters' names on Windows and macOS by part.
fn looks_virtual(name: &str) -> bool {
    const PREFIXES: [&str; 10] =
        ["docker", "br-", "veth", "virbr", "vboxnet", "vmnet", "lxcbr", "lxdbr", "podman", "cni"];
    const PARTS: [&str; 5] = ["vethernet", "virtualbox", "vmware", "hyper-v", "wsl"];
    PREFIXES.iter().any(|p| name.starts_with(p)) || PARTS.iter().any(|p| name.contains(p))
}

/// Names of VPN and tunnel interfaces: Linux's and macOS's short names by prefix, VPN
/// clients' adapter names (Windows lets them name it) by part.
fn looks_like_vpn(name: &str) -> bool {
    const PREFIXES: [&str; 8] = ["tun", "tap", "wg", "utun", "ppp", "ipsec", "zt", "tailscale"];
    const PARTS: [&str; 12] = [
        "vpn",
        "wireguard",
        "anyconnect",
        "globalprotect",
        "pangp",
        "forti",
        "tailscale",
        "zerotier",
        "nordlynx",
        "tap-windows",
        "juniper",
        "pulse secure",
    ];
    PREFIXES.iter().any(|p| name.starts_with(p)) || PARTS.iter().any(|p| name.contains(p))
}

/// Where the server listens when `--listen` is not given and nobody picked: the best
/// candidate's address (see [`lan_address`]) and any free port; without a network, this
/// machine only.
pub fn default_listen() -> SocketAddr {
    SocketAddr::new(IpAddr::V4(lan_address().unwrap_or(Ipv4Addr::LOCALHOST)), 0)
}

/// The laptop's IPv4 address on the local network: the best-ranked candidate that a phone
/// could conceivably reach — private ranges on ordinary interfaces first — and never a
/// loopback, link-local or down one. `None` without a network.
pub fn lan_address() -> Option<Ipv4Addr> {
    candidates().into_iter().find(|c| c.kind.usable()).map(|c| c.ip)
}

/// The interfaces' IPv4 addresses, from the operating system.
fn interface_addresses() -> Vec<InterfaceAddr> {
    let Ok(found) = if_addrs::get_if_addrs() else { return Vec::new() };
    found
        .into_iter()
        .filter_map(|i| match i.addr {
            if_addrs::IfAddr::V4(ref v4) => Some(InterfaceAddr {
                ip: v4.ip,
                up: i.is_oper_up(),
                point_to_point: i.is_p2p(),
                name: i.name,
            }),
            if_addrs::IfAddr::V6(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iface(name: &str, ip: [u8; 4]) -> InterfaceAddr {
        InterfaceAddr { name: name.into(), ip: Ipv4Addr::from(ip), up: true, point_to_point: false }
    }

    fn ranked(found: Vec<InterfaceAddr>) -> Vec<(String, AddressKind)> {
        rank(found).into_iter().map(|c| (c.ip.to_string(), c.kind)).collect()
    }

    fn row(ip: &str, kind: AddressKind) -> (String, AddressKind) {
        (ip.to_string(), kind)
    }

    #[test]
    fn wifi_comes_before_a_vpn_that_the_system_lists_first() {
        let found = vec![
            iface("lo", [127, 0, 0, 1]),
            iface("tun0", [10, 8, 0, 6]),
            iface("wlp2s0", [192, 168, 1, 20]),
        ];
        assert_eq!(
            ranked(found),
            [
                row("192.168.1.20", AddressKind::Lan),
                row("10.8.0.6", AddressKind::Vpn),
                row("127.0.0.1", AddressKind::Loopback),
            ]
        );
    }

    #[test]
    fn windows_adapter_names_and_a_point_to_point_link() {
        let mut ppp = iface("Ethernet 3", [10, 20, 30, 40]);
        ppp.point_to_point = true;
        let found = vec![
            iface("Loopback Pseudo-Interface 1", [127, 0, 0, 1]),
            iface("vEthernet (WSL)", [172, 22, 112, 1]),
            ppp,
            iface("Cisco AnyConnect Secure Mobility Client", [10, 1, 2, 3]),
            iface("Wi-Fi", [192, 168, 178, 23]),
        ];
        assert_eq!(
            ranked(found),
            [
                row("192.168.178.23", AddressKind::Lan),
                row("10.20.30.40", AddressKind::Vpn),
                row("10.1.2.3", AddressKind::Vpn),
                row("172.22.112.1", AddressKind::Virtual),
                row("127.0.0.1", AddressKind::Loopback),
            ]
        );
    }

    #[test]
    fn docker_bridge_never_beats_the_wifi_and_tailscale_is_a_vpn() {
        let found = vec![
            iface("docker0", [172, 17, 0, 1]),
            iface("tailscale0", [100, 101, 102, 103]),
            iface("en0", [10, 0, 0, 12]),
            iface("br-5f2c", [172, 18, 0, 1]),
        ];
        assert_eq!(
            ranked(found),
            [
                row("10.0.0.12", AddressKind::Lan),
                row("100.101.102.103", AddressKind::Vpn),
                row("172.17.0.1", AddressKind::Virtual),
                row("172.18.0.1", AddressKind::Virtual),
            ]
        );
    }

    #[test]
    fn carrier_nat_range_is_exactly_100_64_slash_10() {
        let kind = |ip| rank(vec![iface("eth0", ip)])[0].kind;
        assert_eq!(kind([100, 64, 0, 1]), AddressKind::Vpn);
        assert_eq!(kind([100, 127, 255, 254]), AddressKind::Vpn);
        assert_eq!(kind([100, 63, 255, 254]), AddressKind::Public);
        assert_eq!(kind([100, 128, 0, 1]), AddressKind::Public);
    }

    #[test]
    fn private_before_public_then_link_local_down_and_loopback() {
        let mut down = iface("wlan0", [192, 168, 0, 5]);
        down.up = false;
        let found = vec![
            iface("lo", [127, 0, 0, 1]),
            iface("eth1", [169, 254, 10, 20]),
            down,
            iface("eth0", [145, 97, 1, 2]),
            iface("eth2", [172, 16, 5, 5]),
        ];
        assert_eq!(
            ranked(found),
            [
                row("172.16.5.5", AddressKind::Lan),
                row("145.97.1.2", AddressKind::Public),
                row("169.254.10.20", AddressKind::LinkLocal),
                row("192.168.0.5", AddressKind::Down),
                row("127.0.0.1", AddressKind::Loopback),
            ]
        );
    }

    #[test]
    fn within_a_kind_the_systems_order_stays_and_duplicates_go() {
        let found = vec![
            iface("eth0", [192, 168, 2, 2]),
            iface("wlan0", [10, 0, 0, 7]),
            iface("eth0:1", [192, 168, 2, 2]),
            iface("any", [0, 0, 0, 0]),
            iface("mc", [224, 0, 0, 1]),
            iface("bc", [255, 255, 255, 255]),
        ];
        let names: Vec<_> = rank(found).into_iter().map(|c| c.interface).collect();
        assert_eq!(names, ["eth0", "wlan0"]);
    }

    #[test]
    fn a_renamed_adapter_cannot_write_to_the_terminal() {
        let found = vec![iface("Wi-Fi\x1b]0;pwned\x07", [192, 168, 1, 2])];
        let name = &rank(found)[0].interface;
        assert!(!name.contains('\x1b') && !name.contains('\x07'), "{name:?}");
        assert!(name.starts_with("Wi-Fi"));
    }

    #[test]
    fn only_likely_addresses_are_for_phones_and_listen_takes_any_port() {
        let found = vec![
            iface("wg0", [10, 6, 0, 2]),
            iface("Wi-Fi", [192, 168, 1, 9]),
            iface("lo", [127, 0, 0, 1]),
        ];
        let list = rank(found);
        let for_phones: Vec<bool> = list.iter().map(Candidate::for_phones).collect();
        assert_eq!(for_phones, [true, false, false]);
        assert_eq!(list[0].listen(), "192.168.1.9:0".parse().expect("addr"));
        assert!(AddressKind::Vpn.usable() && AddressKind::Virtual.usable());
        assert!(!AddressKind::LinkLocal.usable() && !AddressKind::Loopback.usable());
    }

    /// On the machine running the tests: whatever it has, the ranking holds and the default
    /// is a real address with any port.
    #[test]
    fn this_machines_candidates_are_ranked_and_the_default_follows_them() {
        let list = candidates();
        assert!(list.windows(2).all(|w| w[0].kind <= w[1].kind), "{list:?}");
        let addr = default_listen();
        assert_eq!(addr.port(), 0);
        assert!(!addr.ip().is_unspecified());
        match list.iter().find(|c| c.kind.usable()) {
            Some(best) => assert_eq!(lan_address(), Some(best.ip)),
            None => assert_eq!(addr.ip(), IpAddr::V4(Ipv4Addr::LOCALHOST)),
        }
        if cfg!(target_os = "linux") {
            assert!(list.iter().any(|c| c.kind == AddressKind::Loopback), "lo: {list:?}");
        }
    }
}
