//! A guard in front of libgit2 for loose objects.
//!
//! The libgit2 bundled by the newest libgit2-sys (0.18.8, libgit2 1.9.7) loops forever on
//! a truncated loose object (libgit2 issue 7342, fixed upstream by PR 7346 after that
//! release), and inflates a whole object before anyone can look at its size. So before
//! libgit2 reads an object netsot needs, this module inflates the loose file itself, if
//! there is one, with a streaming decoder that never holds the content: it reads the
//! header (kind and size) first, stops there if the size is above the caller's limit, and
//! otherwise requires the stream to end exactly where the header says. Packed objects are
//! left to libgit2, whose pack reader checks the pack's own lengths.

use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use flate2::{Decompress, FlushDecompress, Status};
use git2::Oid;

/// The object folders of a repository: its own and its alternates.
pub struct LooseObjects {
    folders: Vec<PathBuf>,
}

/// What the guard learned of an object.
#[derive(Debug, PartialEq)]
pub enum Checked {
    /// There is no loose file for it: it is packed, or missing (libgit2 reports which).
    NotLoose,
    /// A loose object whose stream is complete, or (when `size` is above the limit given)
    /// whose header alone was read.
    Loose { size: u64 },
}

impl LooseObjects {
    pub fn new(common_dir: &Path) -> LooseObjects {
        let own = common_dir.join("objects");
        let mut folders = vec![own.clone()];
        // Alternates hold one object folder per line; relative ones are relative to ours.
        if let Ok(text) = std::fs::read_to_string(own.join("info/alternates")) {
            for line in text.lines() {
                let line = line.trim();
                if !line.is_empty() && !line.starts_with('#') {
                    folders.push(own.join(line));
                }
            }
        }
        LooseObjects { folders }
    }

    /// Checks the loose file of `id`, if any. With a `limit`, a larger object is not
    /// inflated past its header. An error is the reason the object cannot be read.
    pub fn check(&self, id: Oid, limit: Option<u64>) -> Result<Checked, String> {
        let hex = id.to_string();
        for folder in &self.folders {
            let path = folder.join(&hex[..2]).join(&hex[2..]);
            match File::open(&path) {
                Ok(file) => return check_stream(file, limit),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(format!("cannot open the loose object: {e}")),
            }
        }
        Ok(Checked::NotLoose)
    }
}

/// Inflates a loose object's zlib stream into a small scratch buffer, checking its header
/// and that the stream ends, with exactly the announced number of bytes.
fn check_stream(mut file: File, limit: Option<u64>) -> Result<Checked, String> {
    let mut inflater = Decompress::new(true);
    let mut input = vec![0u8; 64 * 1024];
    let mut output = vec![0u8; 64 * 1024];
    let (mut start, mut end) = (0, 0);
    let mut header: Vec<u8> = Vec::new();
    let mut announced: Option<(u64, u64)> = None;
    let mut at_eof = false;
    loop {
        if start == end && !at_eof {
            end = file
                .read(&mut input)
                .map_err(|e| format!("cannot read the loose object: {e}"))?;
            start = 0;
            at_eof = end == 0;
        }
        let (in_before, out_before) = (inflater.total_in(), inflater.total_out());
        let status = inflater
            .decompress(&input[start..end], &mut output, FlushDecompress::None)
            .map_err(|e| format!("corrupt loose object: {e}"))?;
        let consumed = (inflater.total_in() - in_before) as usize;
        let produced = (inflater.total_out() - out_before) as usize;
        start += consumed;
        if announced.is_none() {
            header.extend_from_slice(&output[..produced.min(64)]);
            if let Some(nul) = header.iter().position(|&b| b == 0) {
                let size = parse_header(&header[..nul])?;
                if limit.is_some_and(|limit| size > limit) {
                    return Ok(Checked::Loose { size });
                }
                announced = Some((nul as u64 + 1, size));
            } else if header.len() >= 64 {
                return Err("corrupt loose object: no header".into());
            }
        }
        if status == Status::StreamEnd {
            break;
        }
        if consumed == 0 && produced == 0 && (at_eof || start == end) {
            if at_eof {
                return Err("truncated loose object: its compressed data ends early".into());
            }
            continue;
        }
        if consumed == 0 && produced == 0 {
            return Err("corrupt loose object: the stream makes no progress".into());
        }
    }
    let Some((header_len, size)) = announced else {
        return Err("corrupt loose object: no header".into());
    };
    if inflater.total_out() != header_len + size {
        return Err(format!(
            "corrupt loose object: {} bytes where its header announces {size}",
            inflater.total_out() - header_len
        ));
    }
    Ok(Checked::Loose { size })
}

/// The size of a header `<kind> <size>`.
fn parse_header(header: &[u8]) -> Result<u64, String> {
    let text = std::str::from_utf8(header).map_err(|_| "corrupt loose object header")?;
    let (kind, size) = text.split_once(' ').ok_or("corrupt loose object header")?;
    if !matches!(kind, "blob" | "tree" | "commit" | "tag") {
        return Err("corrupt loose object header".into());
    }
    size.parse()
        .map_err(|_| "corrupt loose object header".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::ZlibEncoder;
    use std::io::Write as _;

    fn loose(content: &[u8]) -> Vec<u8> {
        let mut object = format!("blob {}\0", content.len()).into_bytes();
        object.extend_from_slice(content);
        let mut encoder = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&object).unwrap();
        encoder.finish().unwrap()
    }

    fn checked(bytes: &[u8], limit: Option<u64>) -> Result<Checked, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("object");
        std::fs::write(&path, bytes).unwrap();
        check_stream(File::open(&path).unwrap(), limit)
    }

    #[test]
    fn complete_objects_pass_and_every_truncation_fails() {
        let content: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let bytes = loose(&content);
        assert_eq!(
            checked(&bytes, None),
            Ok(Checked::Loose {
                size: content.len() as u64
            })
        );
        for cut in [
            0,
            1,
            2,
            10,
            bytes.len() / 2,
            bytes.len() - 5,
            bytes.len() - 1,
        ] {
            assert!(checked(&bytes[..cut], None).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_large_object_is_judged_by_its_header() {
        let bytes = loose(&vec![b'a'; 4 << 20]);
        assert_eq!(
            checked(&bytes[..100], Some(1000)),
            Ok(Checked::Loose { size: 4 << 20 })
        );
    }

    #[test]
    fn a_header_that_lies_about_the_size_fails() {
        let mut encoder = ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"blob 3\0abcdef").unwrap();
        let bytes = encoder.finish().unwrap();
        assert!(checked(&bytes, None).is_err());
    }
}
