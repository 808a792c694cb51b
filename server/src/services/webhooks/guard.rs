//! Server-side request forgery: where a webhook may be sent. Only `https://` to public addresses;
//! with the operator's `TIERLINK_WEBHOOKS_ALLOW_LOOPBACK`, also `http://` and loopback (tests,
//! a receiver on the same machine). Checked when an endpoint is registered (its address as
//! written) and at every attempt (the addresses its name resolves to then: a name that later
//! points inside the network is refused before any connection).

use app::model::{AttemptFailure, ErrorCode};
use reqwest::Url;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Whether an address is on the public internet (not private, loopback, link-local, shared,
/// documentation, multicast, unspecified or reserved).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || ip.is_multicast()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (b & 0xc0) == 64)
        // IETF protocol assignments 192.0.0.0/24, benchmarking 198.18.0.0/15, reserved 240/4.
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b & 0xfe) == 18)
        || a >= 240)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        // Unique local fc00::/7, link-local fe80::/10, site-local fec0::/10 (deprecated, still
        // routed inside some networks), documentation 2001:db8::/32,
        // NAT64 64:ff9b::/96, 6to4 2002::/16 and Teredo 2001::/32 (each can carry a private
        // IPv4 address), IPv4-compatible ::/96.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        || (first == 0x0064 && ip.segments()[1] == 0xff9b)
        || first == 0x2002
        || (first == 0x2001 && ip.segments()[1] == 0)
        || ip.segments()[..6].iter().all(|&s| s == 0))
}

/// Whether an attempt may connect to this address.
pub fn may_connect(ip: IpAddr, allow_loopback: bool) -> bool {
    is_public(ip) || (allow_loopback && ip.is_loopback())
}

/// The address a URL's host names literally, if it does.
fn literal(u: &Url) -> Option<IpAddr> {
    match u.host() {
        Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
        _ => None,
    }
}

/// Whether the host is `localhost` (or a name under it), which always means loopback.
fn is_localhost(u: &Url) -> bool {
    u.host_str().is_some_and(|h| {
        let h = h.trim_end_matches('.').to_ascii_lowercase();
        h == "localhost" || h.ends_with(".localhost")
    })
}

/// An endpoint's address as registered: parsed, https (or http on loopback when allowed), no
/// credentials, and not an address it may never reach. The normalised URL.
pub fn check_url(url: &str, allow_loopback: bool) -> Result<Url, ErrorCode> {
    let u = Url::parse(url).map_err(|_| ErrorCode::WebhookUrlInvalid)?;
    if !u.username().is_empty() || u.password().is_some() || u.host().is_none() {
        return Err(ErrorCode::WebhookUrlInvalid);
    }
    let ip = literal(&u).or_else(|| is_localhost(&u).then_some(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    let loopback = ip.is_some_and(|ip| ip.is_loopback());
    match u.scheme() {
        "https" => {}
        "http" if allow_loopback && loopback => {}
        _ => return Err(ErrorCode::WebhookUrlInvalid),
    }
    if let Some(ip) = ip
        && !may_connect(ip, allow_loopback)
    {
        return Err(ErrorCode::WebhookAddressRefused);
    }
    Ok(u)
}

/// An endpoint's address at an attempt: a literal address is checked here (it never reaches
/// the resolver); a name, `localhost` too, is checked by [`Resolver`] as it resolves.
pub fn check_attempt(url: &str, allow_loopback: bool) -> Result<Url, AttemptFailure> {
    let u = Url::parse(url).map_err(|_| AttemptFailure::Connection)?;
    if let Some(ip) = literal(&u)
        && !may_connect(ip, allow_loopback)
    {
        return Err(AttemptFailure::AddressRefused);
    }
    match u.scheme() {
        "https" => Ok(u),
        "http"
            if allow_loopback
                && (literal(&u).is_some_and(|ip| ip.is_loopback()) || is_localhost(&u)) =>
        {
            Ok(u)
        }
        _ => Err(AttemptFailure::Connection),
    }
}

/// Resolves names for the delivery client, keeping only addresses it may connect to: a name
/// with none left fails to resolve (recorded as `address_refused`).
pub struct Resolver {
    pub allow_loopback: bool,
}

/// The error a resolution gives when every address was refused (recognised in the attempt's
/// outcome).
#[derive(Debug, thiserror::Error)]
#[error("every address of the name is private or loopback")]
pub struct AddressRefused;

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow = self.allow_loopback;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| may_connect(a.ip(), allow))
                .collect();
            if found.is_empty() {
                return Err(Box::new(AddressRefused) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn private_and_special_addresses_are_not_public() {
        for s in [
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
            "fec0::1",
            "2002:a00:1::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
        ] {
            assert!(!is_public(ip(s)), "{s}");
        }
        for s in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(ip(s)), "{s}");
        }
        assert!(may_connect(ip("127.0.0.1"), true));
        assert!(!may_connect(ip("10.0.0.1"), true));
    }

    #[test]
    fn urls_as_registered() {
        assert!(check_url("https://hooks.example.com/t", false).is_ok());
        assert_eq!(
            check_url("http://hooks.example.com/t", false).err(),
            Some(ErrorCode::WebhookUrlInvalid)
        );
        assert_eq!(
            check_url("http://127.0.0.1:9000/t", false).err(),
            Some(ErrorCode::WebhookUrlInvalid)
        );
        assert!(check_url("http://127.0.0.1:9000/t", true).is_ok());
        assert!(check_url("http://localhost:9000/t", true).is_ok());
        assert_eq!(
            check_url("https://10.1.2.3/t", true).err(),
            Some(ErrorCode::WebhookAddressRefused)
        );
        assert_eq!(
            check_url("https://[::1]/t", false).err(),
            Some(ErrorCode::WebhookAddressRefused)
        );
        assert_eq!(
            check_url("https://169.254.169.254/latest", false).err(),
            Some(ErrorCode::WebhookAddressRefused)
        );
        assert_eq!(
            check_url("https://user:pw@hooks.example.com/", false).err(),
            Some(ErrorCode::WebhookUrlInvalid)
        );
        assert_eq!(
            check_url("https://", false).err(),
            Some(ErrorCode::WebhookUrlInvalid)
        );
        assert_eq!(
            check_url("https://a.localhost./t", false).err(),
            Some(ErrorCode::WebhookAddressRefused)
        );
    }

    #[test]
    fn attempts_check_literal_addresses() {
        use AttemptFailure::*;
        assert!(check_attempt("https://hooks.example.com/t", false).is_ok());
        assert_eq!(
            check_attempt("http://127.0.0.1:9/t", false).err(),
            Some(AddressRefused)
        );
        assert!(check_attempt("http://127.0.0.1:9/t", true).is_ok());
        assert_eq!(
            check_attempt("https://10.0.0.1/t", true).err(),
            Some(AddressRefused)
        );
        assert_eq!(
            check_attempt("http://hooks.example.com/t", true).err(),
            Some(Connection)
        );
        // A name goes to the resolver, which refuses it there.
        assert!(check_attempt("https://localhost/t", false).is_ok());
    }

    #[tokio::test]
    async fn the_resolver_keeps_only_addresses_it_may_connect_to() {
        use reqwest::dns::Resolve;
        let name = |s: &str| s.parse::<reqwest::dns::Name>().unwrap();
        let strict = Resolver {
            allow_loopback: false,
        };
        let refused = strict.resolve(name("localhost")).await.err().unwrap();
        assert!(refused.is::<AddressRefused>(), "{refused}");
        let permissive = Resolver {
            allow_loopback: true,
        };
        let addrs: Vec<SocketAddr> = permissive
            .resolve(name("localhost"))
            .await
            .unwrap()
            .collect();
        assert!(!addrs.is_empty() && addrs.iter().all(|a| a.ip().is_loopback()));
    }
}
