//! Which address phones can reach the laptop on: its address on the local network, read
//! from the network interfaces (nothing is sent anywhere to find it).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Where the server listens when `--listen` is not given: the laptop's local network
/// address (see [`lan_address`]) and any free port; without a network, this machine only.
pub fn default_listen() -> SocketAddr {
    SocketAddr::new(IpAddr::V4(lan_address().unwrap_or(Ipv4Addr::LOCALHOST)), 0)
}

/// The laptop's IPv4 address on the local network: an interface that is up, not loopback,
/// preferring the private ranges (10/8, 172.16/12, 192.168/16) of office and hotspot
/// networks over anything else, and never a link-local address. `None` without a network.
pub fn lan_address() -> Option<Ipv4Addr> {
    let mut found = interface_addresses();
    found.retain(|a| !a.is_loopback() && !a.is_link_local() && !a.is_unspecified());
    found.sort_by_key(|a| !a.is_private());
    found.first().copied()
}

#[cfg(unix)]
fn interface_addresses() -> Vec<Ipv4Addr> {
    let mut out = Vec::new();
    let mut list: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `list` with a linked list that we only read and then free
    // with freeifaddrs, exactly once, whatever we found.
    unsafe {
        if libc::getifaddrs(&mut list) != 0 {
            return out;
        }
        let mut cursor = list;
        while !cursor.is_null() {
            let ifa = &*cursor;
            let up = ifa.ifa_flags & (libc::IFF_UP as libc::c_uint) != 0;
            if up
                && !ifa.ifa_addr.is_null()
                && i32::from((*ifa.ifa_addr).sa_family) == libc::AF_INET
            {
                let sin = &*(ifa.ifa_addr as *const libc::sockaddr_in);
                out.push(Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr)));
            }
            cursor = ifa.ifa_next;
        }
        libc::freeifaddrs(list);
    }
    out
}

#[cfg(not(unix))]
fn interface_addresses() -> Vec<Ipv4Addr> {
    // Elsewhere the facilitator names the address with --listen.
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_a_real_address_and_any_port() {
        let addr = default_listen();
        assert_eq!(addr.port(), 0);
        assert!(!addr.ip().is_unspecified());
        if let Some(lan) = lan_address() {
            assert!(!lan.is_loopback() && !lan.is_link_local());
        }
    }
}
