//! The global allocator: mimalloc, and the one option set on it.
//!
//! The only place of netsot with `unsafe` code: a `GlobalAlloc` cannot be written without
//! it, and mimalloc is reached through its C functions.
#![allow(unsafe_code)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc: loading allocates millions of small strings and nodes on every thread, where
/// glibc's allocator took a quarter of the profile (see BENCHMARKS.md). Built without
/// transparent huge pages (`no_thp`): on a machine whose memory is fragmented the kernel
/// compacts memory to find each huge page, and `check` spent up to a second in it.
#[global_allocator]
pub static GLOBAL: MiMalloc = MiMalloc;

/// mimalloc, called as `malloc` for the alignments every block has. The `mimalloc` crate's
/// allocator asks for an aligned block every time, whose checks cost 2 % of loading.
pub struct MiMalloc;

/// Every mimalloc block is aligned to a machine word: blocks are whole words, from pages
/// aligned far beyond that.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: mimalloc's functions honor the contract of `GlobalAlloc`: blocks of at least the
// size asked for, aligned to a word, or to the alignment asked for through its aligned
// functions; freed by `mi_free` whatever function allocated them.
unsafe impl GlobalAlloc for MiMalloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_malloc(layout.size()).cast()
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_zalloc(layout.size()).cast()
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast::<c_void>())
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD {
            mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
        } else {
            mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
        }
    }
}

/// mimalloc's `mi_option_purge_delay`: its value in the C enum of the mimalloc that
/// libmimalloc-sys 0.1.49 bundles (`c_src/mimalloc/v2/include/mimalloc.h`), which has no
/// constant for it. Cargo.toml pins that version exactly, since a new one may renumber.
const MI_OPTION_PURGE_DELAY: mi::mi_option_t = 15;

/// Sets mimalloc's options; called first thing in `main`.
pub fn configure() {
    // Never hand freed memory back to the OS: a run lives for seconds, and memory given
    // back is zeroed again by the kernel when it is reused, which cost a quarter of
    // `check`'s time on medium (BENCHMARKS.md). The OS takes everything back at exit.
    // SAFETY: `mi_option_set` only stores the value; it is called once, before any other
    // thread exists, with an option number of the exact mimalloc version Cargo.toml pins.
    unsafe { mi::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}
