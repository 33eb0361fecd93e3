//! Who the client is, for rate limits and the audit log. Behind the reverse proxy that https
//! needs, every connection comes from the proxy; the proxy says who it forwards for in
//! `X-Forwarded-For`. That header is believed only from the proxies named in `TRUSTED_PROXIES`:
//! anyone else could write any address in it and get a fresh rate-limit bucket per request.
//! It is read from the right, skipping trusted proxies: the first address not trusted is the
//! client. IPv6 clients count per /64 (`shared::domain::rate_limits`).

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

use app::session::ClientIp;

/// The reverse proxies whose `X-Forwarded-For` is believed: addresses and CIDR blocks, IPv4
/// and IPv6 (`TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8,::1`). Empty by default: nobody's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl FromStr for TrustedProxies {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map(|net| net.trunc())
                    .map_err(|_| {
                        format!(
                            "TRUSTED_PROXIES: `{entry}` is neither an IP address nor a CIDR block \
                             (e.g. 127.0.0.1, 10.0.0.0/8, ::1, fd00::/8)"
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }
}

impl fmt::Display for TrustedProxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entries: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&entries.join(","))
    }
}

impl TrustedProxies {
    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client's address: the TCP peer, unless the peer is a trusted proxy; then
    /// `X-Forwarded-For` read from the right (each proxy appends whom it heard from), skipping
    /// trusted proxies: the first address not trusted is the client. A malformed header is not
    /// believed at all (the peer is the client).
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let mut entries = Vec::new();
        for value in headers.get_all("x-forwarded-for") {
            let Ok(value) = value.to_str() else {
                return peer;
            };
            entries.extend(value.split(',').map(str::trim));
        }
        let mut client = peer;
        for entry in entries.into_iter().rev() {
            let Some(address) = parse_forwarded_address(entry) else {
                return peer;
            };
            client = address;
            if !self.trusts(address) {
                return address;
            }
        }
        // Every hop is a trusted proxy: the leftmost is where the request started.
        client
    }
}

/// An `X-Forwarded-For` entry: an address, possibly with a port (`203.0.113.7:5000`,
/// `[2001:db8::1]:443`), as some proxies write them.
fn parse_forwarded_address(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|socket| socket.ip()))
        .map(|address| address.to_canonical())
}

/// Puts the client's address ([`ClientIp`]) into the request's extensions.
pub async fn identify_client(
    State(proxies): State<Arc<TrustedProxies>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let client = proxies.client_address(peer.ip(), request.headers());
        request.extensions_mut().insert(ClientIp(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().expect("a header value"));
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn addresses_and_blocks_of_both_families_are_read_and_bad_ones_named() {
        let proxies: TrustedProxies = " 127.0.0.1, 10.0.0.0/8 ,::1,fd00::/8,"
            .parse()
            .expect("valid");
        assert!(proxies.trusts(ip("10.20.30.40")));
        assert!(proxies.trusts(ip("::ffff:127.0.0.1")), "IPv4 seen as IPv6");
        assert!(proxies.trusts(ip("fd12::1")));
        assert!(!proxies.trusts(ip("11.0.0.1")));
        assert_eq!("".parse::<TrustedProxies>(), Ok(TrustedProxies::default()));
        let error = "10.0.0.0/8,proxy.local"
            .parse::<TrustedProxies>()
            .expect_err("a host name is no address");
        assert!(error.contains("`proxy.local`"), "{error}");
        assert!("10.0.0.0/33".parse::<TrustedProxies>().is_err());
    }

    #[test]
    fn the_header_of_an_untrusted_peer_is_ignored() {
        let proxies: TrustedProxies = "10.0.0.1".parse().expect("valid");
        assert_eq!(
            proxies.client_address(ip("203.0.113.9"), &headers(&["198.51.100.1"])),
            ip("203.0.113.9")
        );
        let nobody = TrustedProxies::default();
        assert_eq!(
            nobody.client_address(ip("127.0.0.1"), &headers(&["198.51.100.1"])),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_first_untrusted_address_from_the_right_is_the_client() {
        let proxies: TrustedProxies = "10.0.0.0/8".parse().expect("valid");
        // The client forged the leftmost entry; the proxy appended what it saw.
        assert_eq!(
            proxies.client_address(
                ip("10.0.0.1"),
                &headers(&["1.1.1.1, 198.51.100.7", "10.0.0.2"])
            ),
            ip("198.51.100.7")
        );
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &headers(&["[2001:db8::5]:443"])),
            ip("2001:db8::5")
        );
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &headers(&["10.0.0.3, 10.0.0.2"])),
            ip("10.0.0.3"),
            "only proxies: the leftmost"
        );
        assert_eq!(
            proxies.client_address(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1"),
            "no header: the peer"
        );
    }

    #[test]
    fn a_malformed_header_falls_back_to_the_peer() {
        let proxies: TrustedProxies = "10.0.0.1".parse().expect("valid");
        for bad in ["198.51.100.7, nonsense", "", "198.51.100.7,,"] {
            assert_eq!(
                proxies.client_address(ip("10.0.0.1"), &headers(&[bad])),
                ip("10.0.0.1"),
                "{bad:?}"
            );
        }
    }
}
