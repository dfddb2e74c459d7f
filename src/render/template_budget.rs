//! The budgets one build's templates share: work (MiniJinja fuel) and output bytes.
//!
//! A render's own limits are not enough on a hostile repository: a loop that stays just
//! under one render's fuel costs seconds per device, so minutes or hours over a network,
//! and a file of a hundred megabytes per device writes gigabytes. So the build has one
//! pool of fuel and one of output bytes that every render draws from, each render is
//! also capped on its own, and the first error stops the renders not yet started.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The most fuel one per-object render may use (about one unit per instruction, and one
/// per 64 bytes of data built): a device's configuration needs far less, and a runaway
/// loop in a per-device template stops within a fraction of a second.
pub const RENDER_FUEL: u64 = 5_000_000;
/// The fuel the templates of a build may use in all, at least.
pub const BUILD_FUEL_FLOOR: u64 = 20_000_000;
/// Fuel added per object of the repository, so large networks get room in proportion.
pub const BUILD_FUEL_PER_OBJECT: u64 = 100;
/// The most bytes one rendered file may hold, path templates apart.
pub const FILE_BYTES: u64 = 64 << 20;
/// The output bytes the templates of a build may write in all, at least.
pub const BUILD_BYTES_FLOOR: u64 = 256 << 20;
/// Output bytes added per byte of input, so large networks get room in proportion.
pub const BUILD_BYTES_PER_INPUT_BYTE: u64 = 4;
/// The most bytes a rendered path may hold.
pub const PATH_BYTES: u64 = 4096;

/// What the templates of one build may still use, shared by every render.
#[derive(Debug)]
pub struct Budget {
    /// The build's fuel in all, for messages.
    pub fuel_total: u64,
    fuel_left: AtomicU64,
    /// The build's output bytes in all, for messages.
    pub bytes_total: u64,
    bytes_left: AtomicU64,
    stopped: AtomicBool,
}

impl Budget {
    /// The budget of a build over `objects` objects read from `input_bytes` bytes.
    pub fn new(objects: usize, input_bytes: u64) -> Budget {
        let fuel = BUILD_FUEL_FLOOR.max(BUILD_FUEL_PER_OBJECT.saturating_mul(objects as u64));
        let bytes = BUILD_BYTES_FLOOR.max(BUILD_BYTES_PER_INPUT_BYTE.saturating_mul(input_bytes));
        Budget {
            fuel_total: fuel,
            fuel_left: AtomicU64::new(fuel),
            bytes_total: bytes,
            bytes_left: AtomicU64::new(bytes),
            stopped: AtomicBool::new(false),
        }
    }

    /// The fuel a render may start with: what the build has left, at most `cap`. Renders
    /// running at the same time may each see the whole rest, so the build overdraws by at
    /// most one render's fuel per thread.
    pub fn fuel_for_render(&self, cap: u64) -> u64 {
        self.fuel_left.load(Ordering::Relaxed).min(cap)
    }

    /// Takes what a render used from the build's fuel.
    pub fn spend_fuel(&self, used: u64) {
        let _ = self
            .fuel_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                Some(left.saturating_sub(used))
            });
    }

    /// Takes `bytes` from the build's output bytes; false if they were not there.
    fn spend_bytes(&self, bytes: u64) -> bool {
        self.bytes_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(bytes)
            })
            .is_ok()
    }

    /// Stops the renders not yet started: the build fails anyway, and the rest could be
    /// as costly as the one that failed.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
    }

    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }
}

/// Which output budget a render ran out of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    File,
    Build,
}

/// The output of one render: bytes kept until a cap, then an error that stops MiniJinja.
/// The build's pool is charged in chunks, not per write, so threads rarely meet on it.
pub struct CappedOutput<'b> {
    pub bytes: Vec<u8>,
    cap: u64,
    budget: &'b Budget,
    /// Bytes written but not yet taken from the build's pool.
    uncharged: u64,
    pub overflow: Option<Overflow>,
}

/// How many bytes are taken from the build's pool at once.
const CHARGE_CHUNK: u64 = 1 << 20;

impl<'b> CappedOutput<'b> {
    pub fn new(cap: u64, budget: &'b Budget) -> CappedOutput<'b> {
        CappedOutput {
            bytes: Vec::new(),
            cap,
            budget,
            uncharged: 0,
            overflow: None,
        }
    }

    /// Takes the bytes written since the last charge from the build's pool.
    pub fn settle(&mut self) -> Result<(), Overflow> {
        let uncharged = std::mem::take(&mut self.uncharged);
        if self.budget.spend_bytes(uncharged) {
            Ok(())
        } else {
            self.overflow = Some(Overflow::Build);
            Err(Overflow::Build)
        }
    }
}

impl Write for CappedOutput<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let refuse = |overflow| io::Error::other(format!("{overflow:?} output budget exhausted"));
        if self.bytes.len() as u64 + buf.len() as u64 > self.cap {
            self.overflow = Some(Overflow::File);
            return Err(refuse(Overflow::File));
        }
        self.uncharged += buf.len() as u64;
        if self.uncharged >= CHARGE_CHUNK {
            self.settle().map_err(refuse)?;
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_stops_at_its_cap_and_the_build_at_its_pool() {
        let budget = Budget::new(0, 0);
        let mut out = CappedOutput::new(10, &budget);
        assert!(out.write_all(b"0123456789").is_ok());
        assert!(out.write_all(b"x").is_err());
        assert_eq!(out.overflow, Some(Overflow::File));
        assert_eq!(out.bytes.len(), 10);

        let budget = Budget::new(0, 0);
        assert!(budget.spend_bytes(budget.bytes_total - 5));
        let mut out = CappedOutput::new(u64::MAX, &budget);
        let chunk = vec![b'x'; CHARGE_CHUNK as usize];
        assert!(out.write_all(&chunk).is_err());
        assert_eq!(out.overflow, Some(Overflow::Build));
    }

    #[test]
    fn renders_draw_on_one_pool_of_fuel() {
        let budget = Budget::new(0, 0);
        assert_eq!(budget.fuel_for_render(RENDER_FUEL), RENDER_FUEL);
        budget.spend_fuel(BUILD_FUEL_FLOOR - 10);
        assert_eq!(budget.fuel_for_render(RENDER_FUEL), 10);
        budget.spend_fuel(100);
        assert_eq!(budget.fuel_for_render(u64::MAX), 0);
    }
}
