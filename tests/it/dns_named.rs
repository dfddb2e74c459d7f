//! The `dns` output served by a real `named`: the fixture repository
//! `tests/fixtures/dns/named` is rendered, a `named -g` started on a free port of
//! 127.0.0.1 loads the zones, and the test asks it over UDP (`dns_wire.rs`). The parent
//! zone's server does not load the child zone, so a question about a name in the child
//! gets a referral with glue, as a resolver would see it; records declared on addresses
//! (CNAME, MX, SRV, TXT) are asked for too. A missing `named` is a loud
//! skip, a failure under `NETSOT_REQUIRE_CONSUMERS=1`.

use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::dns_wire::{self, query, query_from, Response, Section};
use crate::support::{build_path, consumer_tool, root};

/// A `named -g` the test started; killed when dropped, so a failed assertion leaves no
/// server behind.
struct Named {
    child: Child,
    address: SocketAddr,
    log: PathBuf,
}

impl Drop for Named {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Named {
    /// Starts `named` serving the zones of `zones_dir` whose name `serve` accepts, and
    /// waits until it answers for `probe`'s SOA.
    fn start(tool: &Path, zones_dir: &Path, run_dir: &Path, serve: &[&str], probe: &str) -> Named {
        let index =
            std::fs::read_to_string(zones_dir.join("named.conf.zones")).expect("named.conf.zones");
        let zones: Vec<&str> = index
            .lines()
            .filter(|line| {
                serve
                    .iter()
                    .any(|z| line.contains(&format!("zone \"{z}\"")))
            })
            .collect();
        assert_eq!(zones.len(), serve.len(), "zones to serve in:\n{index}");
        Named::launch(tool, zones_dir, run_dir, &zones.join("\n"), probe)
    }

    /// Starts `named` with `zones` (zone or view clauses) in its configuration, and waits
    /// until it answers for `probe`'s SOA.
    fn launch(tool: &Path, zones_dir: &Path, run_dir: &Path, zones: &str, probe: &str) -> Named {
        std::fs::create_dir_all(run_dir).expect("run folder");
        // A free port: bound once to learn it, then released for named.
        let port = UdpSocket::bind("127.0.0.1:0")
            .and_then(|s| s.local_addr())
            .expect("a free port")
            .port();
        let run = run_dir.display();
        let config = format!(
            "options {{\n  directory \"{}\";\n  listen-on port {port} {{ 127.0.0.1; }};\n  listen-on-v6 {{ none; }};\n  pid-file \"{run}/named.pid\";\n  session-keyfile \"{run}/session.key\";\n  managed-keys-directory \"{run}\";\n  recursion no;\n  dnssec-validation no;\n}};\ncontrols {{ }};\n{}\n",
            zones_dir.display(),
            zones
        );
        let conf = run_dir.join("named.conf");
        std::fs::write(&conf, config).expect("named.conf");
        let log = run_dir.join("named.log");
        let child = Command::new(tool)
            .args(["-g", "-n", "1", "-c"])
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log"))
            .spawn()
            .expect("named starts");
        let mut named = Named {
            child,
            address: SocketAddr::from(([127, 0, 0, 1], port)),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = named.child.try_wait().expect("named's status") {
                panic!("named exited ({status}):\n{}", named.log());
            }
            if let Some(response) = query(
                named.address,
                probe,
                dns_wire::SOA,
                Duration::from_millis(300),
            ) {
                if response.rcode == 0 && response.authoritative {
                    return named;
                }
            }
            assert!(
                Instant::now() < deadline,
                "named did not answer within 60 s:\n{}",
                named.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn ask(&self, name: &str, kind: u16) -> Response {
        self.ask_from(Ipv4Addr::LOCALHOST, name, kind)
    }

    /// Asks from a given source address, which picks the view that answers.
    fn ask_from(&self, source: Ipv4Addr, name: &str, kind: u16) -> Response {
        query_from(source, self.address, name, kind, Duration::from_secs(5)).unwrap_or_else(|| {
            panic!(
                "no answer for {name} ({kind}) from {source}:\n{}",
                self.log()
            )
        })
    }

    /// The answer data from an authoritative answer to a client at `source`.
    fn answer_from(&self, source: Ipv4Addr, name: &str, kind: u16) -> Vec<String> {
        let response = self.ask_from(source, name, kind);
        assert_eq!(response.rcode, 0, "{name} from {source}: {response:?}");
        assert!(response.authoritative, "{name} from {source}: {response:?}");
        response.data(Section::Answer, kind)
    }

    /// The answer section's data for `name` and `kind`, from an authoritative answer.
    fn answer(&self, name: &str, kind: u16) -> Vec<String> {
        let response = self.ask(name, kind);
        assert_eq!(response.rcode, 0, "{name}: {response:?}");
        assert!(response.authoritative, "{name}: {response:?}");
        response.data(Section::Answer, kind)
    }
}

#[test]
fn named_answers_addresses_pointers_records_and_delegations() {
    let Some(tool) = consumer_tool("named") else {
        return;
    };
    let rendered = build_path(&root().join("tests/fixtures/dns/named"));
    let dir = tempfile::tempdir().expect("tempdir");
    for file in &rendered.files {
        netsot::cli::write::write_atomic(&dir.path().join(&file.path), &file.bytes).expect("write");
    }
    let zones = dir.path().join("dns");

    let parent = Named::start(
        &tool,
        &zones,
        &dir.path().join("parent"),
        &[
            "example.net",
            "2.0.192.in-addr.arpa",
            "8.b.d.0.1.0.0.2.ip6.arpa",
        ],
        "example.net",
    );
    assert_eq!(
        parent.answer("host1.example.net", dns_wire::A),
        ["192.0.2.10"]
    );
    assert_eq!(
        parent.answer("host1.example.net", dns_wire::AAAA),
        ["2001:db8::10"]
    );
    // The name server's address comes from IPAM (no `addresses` configured).
    assert_eq!(parent.answer("ns1.example.net", dns_wire::A), ["192.0.2.1"]);
    assert_eq!(
        parent.answer("10.2.0.192.in-addr.arpa", dns_wire::PTR),
        ["host1.example.net"]
    );
    let pointer = netsot_pointer("2001:db8::10");
    assert_eq!(
        parent.answer(&pointer, dns_wire::PTR),
        ["host1.example.net"]
    );

    // Records declared on an address (`dns_records`), pointing at its `dns_name`.
    assert_eq!(
        parent.answer("example.net", dns_wire::MX),
        ["10 mail.example.net"]
    );
    assert_eq!(
        parent.answer("smtp.example.net", dns_wire::CNAME),
        ["mail.example.net"]
    );
    assert_eq!(
        parent.answer("_submission._tcp.example.net", dns_wire::SRV),
        ["0 5 587 mail.example.net"]
    );
    assert_eq!(
        parent.answer("example.net", dns_wire::TXT),
        ["\"v=spf1 mx -all\""]
    );

    // A name in the delegated child: a referral (not authoritative, no answer), the
    // child's NS in the authority section and the glue from IPAM in the additional one.
    let referral = parent.ask("leaf1.ams1.example.net", dns_wire::A);
    assert_eq!(referral.rcode, 0, "{referral:?}");
    assert!(!referral.authoritative, "a referral: {referral:?}");
    assert!(referral.data(Section::Answer, dns_wire::A).is_empty());
    assert_eq!(
        referral.data(Section::Authority, dns_wire::NS),
        ["ns1.ams1.example.net"]
    );
    assert_eq!(
        referral.data(Section::Additional, dns_wire::A),
        ["192.0.2.53"]
    );
    assert_eq!(
        referral.data(Section::Additional, dns_wire::AAAA),
        ["2001:db8::53"]
    );
    drop(parent);

    // The child's own server answers for the names below the cut.
    let child = Named::start(
        &tool,
        &zones,
        &dir.path().join("child"),
        &["ams1.example.net"],
        "ams1.example.net",
    );
    assert_eq!(
        child.answer("leaf1.ams1.example.net", dns_wire::A),
        ["192.0.2.20"]
    );
    assert_eq!(
        child.answer("ams1.example.net", dns_wire::NS),
        ["ns1.ams1.example.net"]
    );
    assert_eq!(
        child.answer("ns1.ams1.example.net", dns_wire::A),
        ["192.0.2.53"]
    );
}

/// VRFs reusing address space, each in its own view (`tests/fixtures/dns/views`): the
/// generated `named.conf.zones` is included as it is, and the same pointer name gets each
/// VRF's name depending on the client's source address (`match-clients`), while the
/// forward zone, loaded once and shared with `in-view`, answers every client.
#[test]
fn named_answers_each_view_with_the_pointers_of_its_vrfs() {
    let Some(tool) = consumer_tool("named") else {
        return;
    };
    let rendered = build_path(&root().join("tests/fixtures/dns/views"));
    let dir = tempfile::tempdir().expect("tempdir");
    for file in &rendered.files {
        netsot::cli::write::write_atomic(&dir.path().join(&file.path), &file.bytes).expect("write");
    }
    let zones = dir.path().join("dns");
    let index = std::fs::read_to_string(zones.join("named.conf.zones")).expect("index");
    let named = Named::launch(
        &tool,
        &zones,
        &dir.path().join("run"),
        &index,
        "example.net",
    );
    let red = Ipv4Addr::new(127, 0, 0, 2);
    let blue = Ipv4Addr::new(127, 0, 0, 3);
    let other = Ipv4Addr::LOCALHOST;
    let pointer = "1.0.0.10.in-addr.arpa";
    assert_eq!(
        named.answer_from(red, pointer, dns_wire::PTR),
        ["a.red.example.net"]
    );
    assert_eq!(
        named.answer_from(blue, pointer, dns_wire::PTR),
        ["a.blue.example.net"]
    );
    // 10.0.0.2 is blue's only: red's view has no such name, nor has the global one.
    assert_eq!(
        named.answer_from(blue, "2.0.0.10.in-addr.arpa", dns_wire::PTR),
        ["b.blue.example.net"]
    );
    for source in [red, other] {
        let response = named.ask_from(source, "2.0.0.10.in-addr.arpa", dns_wire::PTR);
        assert_eq!(response.rcode, 3, "NXDOMAIN from {source}: {response:?}");
        assert!(response.authoritative, "{response:?}");
    }
    // Every other client gets the global table's view.
    assert_eq!(
        named.answer_from(other, "53.0.9.10.in-addr.arpa", dns_wire::PTR),
        ["ns1.example.net"]
    );
    assert_eq!(
        named.ask_from(other, pointer, dns_wire::PTR).rcode,
        3,
        "10.0.0.1 is in no VRF of the global view"
    );
    // The shared forward zone answers in every view.
    for source in [red, blue, other] {
        assert_eq!(
            named.answer_from(source, "a.red.example.net", dns_wire::A),
            ["10.0.0.1"]
        );
        assert_eq!(
            named.answer_from(source, "b.blue.example.net", dns_wire::A),
            ["10.0.0.2"]
        );
    }
}

/// The ip6.arpa name of an address, as the renderer's template filter gives it.
fn netsot_pointer(address: &str) -> String {
    let address: std::net::Ipv6Addr = address.parse().expect("an IPv6 address");
    let mut name = String::new();
    for byte in address.octets().iter().rev() {
        for nibble in [byte & 0xf, byte >> 4] {
            name.push_str(&format!("{nibble:x}."));
        }
    }
    name + "ip6.arpa"
}
