//! The SOA serial policy.
//!
//! A render alone (what `check` and `diff` do, in memory) writes the policy value: the
//! commit time of the state built, in Unix seconds. `build` then settles each zone file
//! against the one already in its output folder ([`settle`]): a zone whose records did
//! not change keeps the previous file's serial (same bytes, nothing rewritten), and a
//! changed zone gets the larger of the policy value and the previous serial plus one, so a
//! serial never goes backwards, not even for a build of an older revision or of a work
//! tree with uncommitted changes (which also warns, NS0813).

use crate::diag::{codes, Diagnostic, Location};
use crate::model::config::Config;
use crate::render::RenderedFile;

/// What follows the serial in a zone file's SOA record (`zone_file` writes it so).
const SERIAL_COMMENT: &[u8] = b" ; serial\n";

/// The SOA serial of a render: the commit time in Unix seconds (it fits 32 bits until
/// 2106); 1 when the repository has no commit.
pub(super) fn serial(commit_time: Option<i64>) -> u32 {
    commit_time
        .and_then(|t| u32::try_from(t).ok())
        .filter(|&t| t > 0)
        .unwrap_or(1)
}

/// Where the serial sits in a zone file netsot wrote: the byte range of its digits (with
/// their padding) and its value.
fn find_serial(bytes: &[u8]) -> Option<(std::ops::Range<usize>, u32)> {
    let comment = bytes
        .windows(SERIAL_COMMENT.len())
        .position(|w| w == SERIAL_COMMENT)?;
    let line_start = bytes[..comment]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let field = &bytes[line_start..comment];
    let digits_start = line_start + field.iter().position(|b| !b.is_ascii_whitespace())?;
    let digits_end = digits_start
        + bytes[digits_start..comment]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    let value = std::str::from_utf8(&bytes[digits_start..digits_end])
        .ok()?
        .parse()
        .ok()?;
    Some((digits_start..comment, value))
}

/// Settles the serial of a freshly rendered zone file against the previous file at its
/// path. Returns the serial the file now carries.
///
/// Unchanged records keep the previous serial (the file becomes the previous bytes), so
/// rebuilding an unchanged input writes nothing. Changed records get
/// `max(policy, previous + 1)`; RFC 1982 arithmetic would let a serial wrap, which netsot
/// never needs before 2106, so the comparison is a plain one.
pub fn settle(file: &mut RenderedFile, previous: Option<&[u8]>) -> Option<u32> {
    let (range, policy) = find_serial(&file.bytes)?;
    let Some((before, last)) = previous.and_then(|p| Some((p, find_serial(p)?))) else {
        return Some(policy);
    };
    let (previous_range, last) = last;
    let unchanged = file.bytes[..range.start] == before[..previous_range.start]
        && file.bytes[range.end..] == before[previous_range.end..];
    if unchanged {
        file.bytes = before.to_vec();
        return Some(last);
    }
    let chosen = if last >= policy {
        last.saturating_add(1)
    } else {
        policy
    };
    let width = range.len();
    let text = format!("{chosen:<width$}");
    let mut bytes = Vec::with_capacity(file.bytes.len() + text.len());
    bytes.extend_from_slice(&file.bytes[..range.start]);
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(&file.bytes[range.end..]);
    file.bytes = bytes;
    Some(chosen)
}

/// The warning of a build of a work tree whose inputs differ from `HEAD` (NS0813), at
/// each `dns` output of `netsot.yaml`; `changed` names one changed input.
pub fn dirty_tree(
    config: &Config,
    config_file: crate::diag::FileId,
    changed: &str,
) -> Vec<Diagnostic> {
    config
        .outputs
        .iter()
        .filter(|o| o.value.renderer.value.as_str() == "dns")
        .map(|o| {
            Diagnostic::new(
                &codes::DIRTY_TREE_SERIAL,
                format!(
                    "the work tree has uncommitted changes (`{changed}`): the zones' serials follow `HEAD`'s commit time, raised above the last serials written"
                ),
            )
            .at(Location::new(config_file, o.value.renderer.span))
            .with_help("commit the changes, then build, so the serial served stands for a commit")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_come_from_the_commit_time() {
        assert_eq!(serial(Some(1_764_000_000)), 1_764_000_000);
        assert_eq!(serial(None), 1);
        assert_eq!(serial(Some(-5)), 1);
    }

    fn zone(serial: u32, record: &str) -> RenderedFile {
        RenderedFile {
            path: "dns/example.net.zone".into(),
            bytes: format!(
                "@ IN SOA ns1. hostmaster. (\n    {serial:<10} ; serial\n    7200       ; refresh\n{record}\n"
            )
            .into_bytes(),
        }
    }

    #[test]
    fn an_unchanged_zone_keeps_the_previous_serial() {
        let previous = zone(1_800_000_000, "a IN A 192.0.2.1");
        let mut file = zone(1_700_000_000, "a IN A 192.0.2.1");
        assert_eq!(
            settle(&mut file, Some(&previous.bytes)),
            Some(1_800_000_000)
        );
        assert_eq!(file.bytes, previous.bytes);
    }

    #[test]
    fn a_changed_zone_never_goes_backwards() {
        // An older revision built after a newer one: one above the last serial written.
        let previous = zone(1_800_000_000, "a IN A 192.0.2.1");
        let mut file = zone(1_700_000_000, "a IN A 192.0.2.2");
        assert_eq!(
            settle(&mut file, Some(&previous.bytes)),
            Some(1_800_000_001)
        );
        assert_eq!(file.bytes, zone(1_800_000_001, "a IN A 192.0.2.2").bytes);
        // A newer commit: its time.
        let mut file = zone(1_900_000_000, "a IN A 192.0.2.2");
        assert_eq!(
            settle(&mut file, Some(&previous.bytes)),
            Some(1_900_000_000)
        );
        // No previous file, or one netsot did not write: the policy value.
        let mut file = zone(1_700_000_000, "a IN A 192.0.2.2");
        assert_eq!(settle(&mut file, None), Some(1_700_000_000));
        assert_eq!(
            settle(&mut file, Some(b"hand-written")),
            Some(1_700_000_000)
        );
    }
}
