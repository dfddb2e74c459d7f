//! Review across branches: git's merge of two revisions made in memory and compiled
//! (`check --merge-with`, `netsot conflicts`), and what other branches already allocated
//! (`--avoid`).
//!
//! Nothing here touches the work tree, the index or `.git`: new objects (the working
//! tree's blobs, merged trees) go to an in-memory object store (`merge.rs`). Nothing here
//! prints; `cli/` does.

pub mod avoid;
pub mod collisions;
pub mod conflict;
pub mod driver;
pub mod merge;
