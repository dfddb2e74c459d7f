//! A minimal DNS client over UDP for the real-named test: one question, no recursion
//! desired, the answer's records decoded to text. Written here because `dig` is not part
//! of the tools CI installs (bind9-utils has named-checkzone, not dig), and a query is a
//! few dozen bytes.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::time::Duration;

/// Record types the test asks for.
pub const A: u16 = 1;
pub const NS: u16 = 2;
pub const CNAME: u16 = 5;
pub const SOA: u16 = 6;
pub const PTR: u16 = 12;
pub const MX: u16 = 15;
pub const TXT: u16 = 16;
pub const AAAA: u16 = 28;
pub const SRV: u16 = 33;

/// One record of a response: its section, owner (lower case, no trailing dot), type and
/// data as text (`192.0.2.1`, `ns1.example.net`, `10 mail.example.net`, `"text"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub section: Section,
    pub owner: String,
    pub kind: u16,
    pub data: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Answer,
    Authority,
    Additional,
}

/// A response: whether it is authoritative (AA), its response code, its records.
#[derive(Debug)]
pub struct Response {
    pub authoritative: bool,
    pub rcode: u8,
    pub records: Vec<Answer>,
}

impl Response {
    /// The data of the records of `section` of type `kind`, sorted.
    pub fn data(&self, section: Section, kind: u16) -> Vec<String> {
        let mut found: Vec<String> = self
            .records
            .iter()
            .filter(|r| r.section == section && r.kind == kind)
            .map(|r| r.data.clone())
            .collect();
        found.sort();
        found
    }
}

/// Asks `server` for `name` of type `kind` (class IN, recursion not desired); `None` when
/// no answer came within the timeout.
pub fn query(server: SocketAddr, name: &str, kind: u16, timeout: Duration) -> Option<Response> {
    query_from(Ipv4Addr::LOCALHOST, server, name, kind, timeout)
}

/// [`query`] from a given source address (any of 127.0.0.0/8 on Linux), which is what a
/// BIND view's `match-clients` tells clients apart by.
pub fn query_from(
    source: Ipv4Addr,
    server: SocketAddr,
    name: &str,
    kind: u16,
    timeout: Duration,
) -> Option<Response> {
    let socket = UdpSocket::bind((source, 0)).ok()?;
    socket.set_read_timeout(Some(timeout)).ok()?;
    let id: u16 = 0x4e53;
    let mut packet = Vec::with_capacity(64);
    packet.extend_from_slice(&id.to_be_bytes());
    packet.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    for label in name.trim_end_matches('.').split('.') {
        packet.push(label.len() as u8);
        packet.extend_from_slice(label.as_bytes());
    }
    packet.push(0);
    packet.extend_from_slice(&kind.to_be_bytes());
    packet.extend_from_slice(&1u16.to_be_bytes());
    socket.send_to(&packet, server).ok()?;
    let mut buffer = [0u8; 4096];
    let (length, _) = socket.recv_from(&mut buffer).ok()?;
    let message = &buffer[..length];
    assert!(message.len() >= 12, "a DNS response has a 12-byte header");
    assert_eq!(
        &message[..2],
        &id.to_be_bytes(),
        "the response answers our id"
    );
    parse(message)
}

fn u16_at(message: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([
        *message.get(at)?,
        *message.get(at + 1)?,
    ]))
}

/// Reads a possibly compressed name at `at`; returns it and where the data after it starts.
fn name_at(message: &[u8], mut at: usize) -> Option<(String, usize)> {
    let mut labels: Vec<String> = Vec::new();
    let mut end = None;
    for _ in 0..128 {
        let length = *message.get(at)? as usize;
        if length & 0xc0 == 0xc0 {
            let pointer = (u16_at(message, at)? & 0x3fff) as usize;
            end.get_or_insert(at + 2);
            at = pointer;
            continue;
        }
        if length == 0 {
            let name = labels.join(".").to_ascii_lowercase();
            return Some((name, end.unwrap_or(at + 1)));
        }
        let label = message.get(at + 1..at + 1 + length)?;
        labels.push(String::from_utf8_lossy(label).into_owned());
        at += 1 + length;
    }
    None
}

fn parse(message: &[u8]) -> Option<Response> {
    let flags = u16_at(message, 2)?;
    let counts = [
        u16_at(message, 4)?,
        u16_at(message, 6)?,
        u16_at(message, 8)?,
        u16_at(message, 10)?,
    ];
    let mut at = 12;
    for _ in 0..counts[0] {
        at = name_at(message, at)?.1 + 4;
    }
    let mut records = Vec::new();
    for (section, count) in [
        (Section::Answer, counts[1]),
        (Section::Authority, counts[2]),
        (Section::Additional, counts[3]),
    ] {
        for _ in 0..count {
            let (owner, next) = name_at(message, at)?;
            let kind = u16_at(message, next)?;
            let length = u16_at(message, next + 8)? as usize;
            let start = next + 10;
            let rdata = message.get(start..start + length)?;
            let data = match kind {
                A => Ipv4Addr::from(<[u8; 4]>::try_from(rdata).ok()?).to_string(),
                AAAA => Ipv6Addr::from(<[u8; 16]>::try_from(rdata).ok()?).to_string(),
                NS | CNAME | PTR => name_at(message, start)?.0,
                MX => format!(
                    "{} {}",
                    u16_at(message, start)?,
                    name_at(message, start + 2)?.0
                ),
                SRV => format!(
                    "{} {} {} {}",
                    u16_at(message, start)?,
                    u16_at(message, start + 2)?,
                    u16_at(message, start + 4)?,
                    name_at(message, start + 6)?.0
                ),
                TXT => {
                    let mut strings = Vec::new();
                    let mut i = 0;
                    while i < rdata.len() {
                        let n = rdata[i] as usize;
                        let text = rdata.get(i + 1..i + 1 + n)?;
                        strings.push(format!("\"{}\"", String::from_utf8_lossy(text)));
                        i += 1 + n;
                    }
                    strings.join(" ")
                }
                SOA => name_at(message, start)?.0,
                _ => format!("{rdata:?}"),
            };
            records.push(Answer {
                section,
                owner,
                kind,
                data,
            });
            at = start + length;
        }
    }
    Some(Response {
        authoritative: flags & 0x0400 != 0,
        rcode: (flags & 0x000f) as u8,
        records,
    })
}
